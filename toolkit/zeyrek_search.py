"""zeyrek's search for the readings of a word, restated without its defects.

zeyrek 0.1.3 is the analyzer. As shipped it cannot be used directly by a product:

* ``MorphAnalyzer.analyze``/``lemmatize`` call nltk's tokenizer, which needs the ``punkt_tab``
  data and raises ``LookupError`` offline. We never call them: our own tokenizer
  (:mod:`toolkit.text`) hands zeyrek one normalised word at a time.
* ``rulebasedanalyzer`` logs a WARNING line for every result and builds debug f-strings on
  every search step that are never printed (about half its run time).
* ``RuleBasedAnalyzer.advance`` changes a set of phonetic attributes in place. That set is
  either the cached result of ``calculate_phonetic_attributes`` (an ``lru_cache``) or the
  stem transition's own set, both shared across words, so after "olmak" or "yapacak" was
  analysed, "olup" and "yapan" lose their verb readings.
* candidate order follows set order, which changes with ``PYTHONHASHSEED``.
* building the lexicon has the same two faults: a root's attributes (a ``set``) are applied in
  hash order, so ``ret`` (Voicing + Doubling) becomes ``redd`` under some hash seeds and
  ``retd`` under others (``reddine`` then loses its *ret* reading), and the cached attribute
  sets of ``calculate_phonetic_attributes`` are changed in place, leaking between roots.

The patch is kept small: :class:`QuietAnalyzer` re-states ``search``/``advance`` without the
logging work, with the attribute set copied before it is changed and with suffix surfaces
looked up rather than regenerated (same readings, several times zeyrek's speed on new forms);
:func:`toolkit.morphology.build_morphotactics` applies root attributes in their declaration
order (as zemberek, which zeyrek ports, does with Java's ``EnumSet``) and hands out copies of
cached attribute sets while the lexicon is built. :meth:`QuietAnalyzer.analyze_many` runs the
same search for many words at once, words with a common stem sharing each step until their
letters part (same readings; ≈1.9× faster on a corpus's sorted forms). Everything else is
zeyrek's. :class:`Reading` is what the toolkit keeps of each of zeyrek's analyses.
"""

from __future__ import annotations

import gc
import logging
import sys
import types
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module


def _import_zeyrek() -> None:
    """Import zeyrek without importing nltk.

    zeyrek's package imports its ``MorphAnalyzer`` module, which imports nltk's tokenizers
    for its own text splitting (the part that fails offline, which the toolkit never calls).
    Importing nltk costs ≈0.2 s and its modules in every process that imports the toolkit
    (each worker included). While zeyrek is imported, ``nltk`` and ``nltk.tokenize`` stand
    for placeholders whose two functions import the real nltk when first called, so
    ``zeyrek.MorphAnalyzer`` still works as shipped; they are removed right after. If nltk is
    already imported, zeyrek simply uses it.
    """
    if "zeyrek" in sys.modules or "nltk" in sys.modules:
        import_module("zeyrek")
        return

    def deferred(name: str):
        def call(*args, **kwargs):
            import nltk.tokenize

            return getattr(nltk.tokenize, name)(*args, **kwargs)

        call.__name__ = name
        return call

    placeholders = {"nltk": types.ModuleType("nltk"), "nltk.tokenize": types.ModuleType("nltk.tokenize")}
    placeholders["nltk"].tokenize = placeholders["nltk.tokenize"]
    placeholders["nltk.tokenize"].word_tokenize = deferred("word_tokenize")
    placeholders["nltk.tokenize"].sent_tokenize = deferred("sent_tokenize")
    sys.modules.update(placeholders)
    try:
        import_module("zeyrek")
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


_import_zeyrek()

from zeyrek.attributes import PhoneticAttribute, calculate_phonetic_attributes  # noqa: E402
from zeyrek.conditions import CombinedCondition, HasTail, NotCondition  # noqa: E402
from zeyrek.morphotactics import SearchPath, SurfaceTransition, generate_surface  # noqa: E402
from zeyrek.morphotactics import nom as _NOM, pnon as _PNON  # noqa: E402
from zeyrek.rulebasedanalyzer import RuleBasedAnalyzer, parse_analysis  # noqa: E402

logging.getLogger("zeyrek").setLevel(logging.ERROR)


@dataclass(frozen=True, order=True, slots=True)
class Reading:
    """One morphological reading of a word form.

    ``lemma`` is zeyrek's dictionary form: verbs end in -mak/-mek (``gelmek``), proper nouns
    keep their capital (``Ankara``). ``pos`` is the part of speech of the last inflectional
    group (the word as used: ``yapan`` is an Adj derived from the verb ``yapmak``);
    ``root_pos`` that of the dictionary item. ``morphemes`` are zeyrek's morpheme ids in
    order, the root's POS first, e.g. ``("Noun", "A3pl", "P3sg", "Acc")``.
    """

    lemma: str
    root_pos: str
    pos: str
    morphemes: tuple[str, ...]
    root: str = ""

    @property
    def is_proper(self) -> bool:
        return self.lemma[:1].isupper()




# The only attributes ``generate_surface`` reads: a suffix's surface is a function of its
# template and these five, so it is computed once per (transition, combination) and looked up.
_SURFACE_ATTRIBUTES = (
    PhoneticAttribute.LastLetterVowel,
    PhoneticAttribute.LastVowelBack,
    PhoneticAttribute.LastVowelFrontal,
    PhoneticAttribute.LastVowelUnrounded,
    PhoneticAttribute.LastLetterVoiceless,
)


def _surface_key(attributes: set[PhoneticAttribute]) -> int:
    """Bit mask of which :data:`_SURFACE_ATTRIBUTES` are in ``attributes``."""
    vowel, back, front, unrounded, voiceless = _SURFACE_ATTRIBUTES
    return (
        (vowel in attributes)
        | (back in attributes) << 1
        | (front in attributes) << 2
        | (unrounded in attributes) << 3
        | (voiceless in attributes) << 4
    )


def _surfaces_by_key(transition) -> list[str | None]:
    """``generate_surface`` of ``transition`` for each of the 32 attribute combinations.

    None where zeyrek raises (an impossible combination); the caller then calls
    ``generate_surface`` itself so the same error surfaces as in stock zeyrek.
    """
    out: list[str | None] = []
    for key in range(1 << len(_SURFACE_ATTRIBUTES)):
        attributes = {a for bit, a in enumerate(_SURFACE_ATTRIBUTES) if key >> bit & 1}
        try:
            out.append(generate_surface(transition, attributes))
        except ValueError:
            out.append(None)
    return out


class QuietAnalyzer(RuleBasedAnalyzer):
    """zeyrek's rule-based search with the state bug fixed and no logging work.

    Results equal stock zeyrek's with the state bug fixed (``tests/test_morphology_patch.py``);
    the speed comes from not formatting log lines and from looking suffix surfaces up
    (:func:`_surfaces_by_key`) instead of generating them on every step.
    """

    def __init__(self, morphotactics) -> None:
        super().__init__(morphotactics)
        # (id(state), surface key) -> (transitions by first letter of their surface, those with
        # an empty surface); each entry as _entries gives it.
        self._outgoing: dict[tuple[int, int], tuple[dict[str, list[tuple]], list[tuple]]] = {}
        self._surfaces: dict[int, list[str | None]] = {}
        self._together: dict[tuple[int, int], tuple[dict[str, list[tuple]], list[tuple]]] = {}
        self._reads_tail: set[int] = set()  # ids of transitions whose condition reads the path's tail

    def _entries(self, state, key: int) -> list[tuple]:
        """``(transition, has_surface, surface, last)`` for each outgoing transition of ``state``
        in zeyrek's order: the suffix surface for attribute combination ``key`` (None where
        zeyrek raises) and the template's last token type (None without a template)."""
        entries = []
        for transition in state.outgoing:
            surfaces = self._surfaces.get(id(transition))
            if surfaces is None:
                surfaces = self._surfaces[id(transition)] = _surfaces_by_key(transition)
            has_surface = transition.has_surface_form
            last = transition.last_template_token.type_ if has_surface else None
            entries.append((transition, has_surface, surfaces[key], last))
        return entries

    def _candidates(self, state, key: int, tail: str) -> list[tuple]:
        """The outgoing transitions of ``state`` whose surface can start ``tail``, in zeyrek's order."""
        index = self._outgoing.get((id(state), key))
        if index is None:
            entries = self._entries(state, key)
            # A None surface (zeyrek would raise) goes everywhere, so the error is raised as in zeyrek.
            letters = {e[2][0] for e in entries if e[2]}
            by_letter = {c: [e for e in entries if not e[2] or e[2][0] == c] for c in letters}
            index = (by_letter, [e for e in entries if not e[2]])
            self._outgoing[(id(state), key)] = index
        by_letter, no_letter = index
        return by_letter.get(tail[:1], no_letter)

    def search(self, current_paths: list[SearchPath]) -> list[SearchPath]:
        result = []
        while current_paths:
            new_paths = []
            for path in current_paths:
                if (
                    not path.tail
                    and path.is_terminal
                    and PhoneticAttribute.CannotTerminate not in path.phonetic_attributes
                ):
                    result.append(path)
                    continue
                new_paths.extend(self.advance(path))
            current_paths = new_paths
        return result

    def advance(self, path: SearchPath) -> list[SearchPath]:
        new_paths = []
        tail = path.tail
        # With nothing left to read only empty-surface transitions apply, whatever the attributes.
        key = path.surface_key if tail else 0
        for transition, has_surface, surface, last in self._candidates(path.current_state, key, tail):
            if not tail and has_surface:
                continue
            if surface is None:
                surface = generate_surface(transition, path.phonetic_attributes)
            if not tail.startswith(surface) or not transition.can_pass(path):
                continue
            if not has_surface:
                new_paths.append(_extend(path, "", transition, path.phonetic_attributes, key))
                continue
            attributes = _suffix_attributes(path.phonetic_attributes, surface, tail == surface, last)
            child_key = _surface_key(attributes) if tail != surface else 0
            new_paths.append(_extend(path, surface, transition, attributes, child_key))
        return new_paths

    def analyze_many(self, words: list[str]) -> dict[str, list]:
        """``{word: analyze(word)}`` for distinct words, searched together (same analyses).

        Words that share a stem share its search: a search path carries every word's remaining
        letters (``tails``, sorted) and splits only where the words part, so ``yaptırım``,
        ``yaptırımlar`` and ``yaptırımları`` walk the suffix graph once. Only one zeyrek
        condition reads the rest of the word (``HasTail``): a transition with it is tried
        apart for words that end here and words that go on. Sorted batches share most.
        """
        with collector_paused():  # the batch's many live paths hold no cycles
            try:
                return self._analyze_together(words)
            except ValueError:  # zeyrek raised for some word: let it raise for that word alone
                return {w: self.analyze(w) for w in words}

    def _analyze_together(self, words: list[str]) -> dict[str, list]:
        results: dict[str, list] = {w: [] for w in words}
        starts: dict[int, tuple] = {}
        for word in words:
            for candidate in self.stem_transitions.prefix_matches(word):
                found = starts.get(id(candidate))
                if found is None:
                    found = starts[id(candidate)] = (candidate, [])
                found[1].append(word[len(candidate.surface):])
        paths = []
        for candidate, tails in starts.values():
            p = SearchPath.initial(candidate, "")
            p.phonetic_attributes = set(p.phonetic_attributes)  # SearchPath.initial shares the stem's own set
            p.surface_key = _surface_key(p.phonetic_attributes)
            p.tails = sorted(set(tails))
            p.consumed = candidate.surface
            paths.append(p)
        cannot_terminate = PhoneticAttribute.CannotTerminate
        while paths:
            new_paths = []
            for path in paths:
                tails = path.tails
                if not tails[0] and path.terminal and cannot_terminate not in path.phonetic_attributes:
                    results[path.consumed].append(_path_reading(path))
                    if len(tails) == 1:
                        continue
                    path.tails = tails[1:]
                self._advance_together(path, new_paths)
            paths = new_paths
        return results

    def _advance_together(self, path: SearchPath, out: list) -> None:
        """:meth:`advance` for a path carrying several words' tails; children appended to ``out``."""
        tails = path.tails
        n = len(tails)
        first = 0 if tails[0] else 1  # tails[:first]: a word with no letters left (only empty-surface steps apply)
        attributes_now = path.phonetic_attributes
        if first < n:
            by_letter, empty_steps = self._candidates_together(path.current_state, path.surface_key)
            i = first
            while i < n:  # the tails starting with each letter in turn: [i, end)
                letter = tails[i][0]
                end = bisect_left(tails, letter + _AFTER_ALL, i)
                for transition, surface, last in by_letter.get(letter, ()):
                    lo = bisect_left(tails, surface, i, end)
                    if lo == end or not tails[lo].startswith(surface):
                        continue
                    path.tail = tails[lo]
                    if transition.can_pass(path):
                        self._step_together(path, transition, surface, last, tails, lo,
                                            bisect_left(tails, surface + _AFTER_ALL, lo, end), out)
                i = end
        else:
            empty_steps = self._candidates_together(path.current_state, 0)[1]
        for transition, surface, last in empty_steps:
            if last is None:  # no surface template: the path goes on with every word
                if first and first < n and id(transition) in self._reads_tail:
                    parts = (tails[:1], tails[1:])  # HasTail: tried apart for the word that ends here
                else:
                    parts = (tails,)
                for part in parts:
                    path.tail = part[-1]
                    if transition.can_pass(path):
                        out.append(_extend_together(path, "", transition, attributes_now, path.surface_key, part))
            elif first < n:  # a suffix whose surface is empty here (or cannot be made: zeyrek raises)
                if surface is None:
                    surface = generate_surface(transition, attributes_now)
                lo = bisect_left(tails, surface, first)
                hi = bisect_left(tails, surface + _AFTER_ALL, lo)
                if lo < hi:
                    path.tail = tails[lo]
                    if transition.can_pass(path):
                        self._step_together(path, transition, surface, last, tails, lo, hi, out)

    def _step_together(self, path: SearchPath, transition, surface: str, last: str, tails: list, lo: int, hi: int,
                       out: list) -> None:
        """The children of a suffix step with ``surface`` for the non-empty ``tails[lo:hi]``, which
        all start with it."""
        n = len(surface)
        exact = tails[lo] == surface  # the smallest tail with the prefix: that word ends with this suffix
        if exact:
            attributes = _suffix_attributes(path.phonetic_attributes, surface, True, last)
            out.append(_extend_together(path, surface, transition, attributes, 0, [""]))
        if lo + exact < hi:
            attributes = _suffix_attributes(path.phonetic_attributes, surface, False, last)
            out.append(_extend_together(path, surface, transition, attributes, _surface_key(attributes),
                                        [t[n:] for t in tails[lo + exact:hi]]))

    def _candidates_together(self, state, key: int) -> tuple[dict[str, list[tuple]], list[tuple]]:
        """The outgoing transitions of ``state`` for attribute combination ``key``, in zeyrek's
        order: those with a surface by its first letter, and the rest (no surface template,
        or one that is empty or cannot be made here) — each entry ``(transition, surface, last)``
        with ``last`` the template's last token type (None: no template)."""
        index = self._together.get((id(state), key))
        if index is None:
            by_letter: dict[str, list[tuple]] = {}
            rest = []
            for transition, has_surface, surface, last in self._entries(state, key):
                if has_surface and surface:
                    by_letter.setdefault(surface[0], []).append((transition, surface, last))
                else:
                    rest.append((transition, surface, last))
                if _reads_tail(transition.condition):
                    self._reads_tail.add(id(transition))
            index = self._together[(id(state), key)] = (by_letter, rest)
        return index

    def analyze(self, word: str):
        paths = [
            SearchPath.initial(candidate, word[len(candidate.surface):])
            for candidate in self.stem_transitions.prefix_matches(word)
        ]
        for p in paths:
            # SearchPath.initial shares the stem transition's own set: copy it.
            p.phonetic_attributes = set(p.phonetic_attributes)
            p.surface_key = _surface_key(p.phonetic_attributes)
        return [parse_analysis(p) for p in self.search(paths)]


def _suffix_attributes(attributes: set, surface: str, ends_word: bool, last: str) -> set:
    """The phonetic attributes of a path after a suffix with ``surface`` (template's last token
    type ``last``), as zeyrek's ``advance`` makes them — but on a copy, never changing the
    path's or the ``lru_cache``'s shared set (the state bug). As in zeyrek, a suffix that ends
    the word keeps the path's attributes rather than computing them from its surface."""
    if ends_word:
        out = set(attributes)
    else:
        out = set(calculate_phonetic_attributes(surface, tuple(attributes)))
    out.discard(PhoneticAttribute.CannotTerminate)
    if last == "LAST_VOICED":
        out.add(PhoneticAttribute.ExpectsConsonant)
    elif last == "LAST_NOT_VOICED":
        out.add(PhoneticAttribute.ExpectsVowel)
        out.add(PhoneticAttribute.CannotTerminate)
    return out


def _extend_together(path: SearchPath, surface: str, transition, attributes: set, key: int, tails: list) -> SearchPath:
    """:func:`_extend` for a path carrying several words' ``tails`` (those of the child; its
    ``tail`` is only ever a stand-in set before a condition is tested)."""
    child = _extend(path, surface, transition, attributes, key)
    child.tails = tails
    child.consumed = path.consumed + surface
    return child


_AFTER_ALL = chr(0x10FFFF)  # sorts after every letter: tails starting with s lie in [s, s + _AFTER_ALL)


def _reads_tail(condition) -> bool:
    """Whether a zeyrek condition (tree) reads the rest of the word (only ``HasTail`` does)."""
    if condition is None:
        return False
    if isinstance(condition, HasTail):
        return True
    if isinstance(condition, NotCondition):
        return _reads_tail(condition.condition)
    if isinstance(condition, CombinedCondition):
        return any(_reads_tail(c) for c in condition.conditions)
    return False


def _extend(path: SearchPath, surface: str, transition, attributes: set, key: int) -> SearchPath:
    """``path.copy(SurfaceTransition(surface, transition), attributes)`` without copying ``attributes``.

    Safe because no attribute set is changed once a path holds it (an empty-surface step
    shares its parent's set). ``key`` is the new path's :func:`_surface_key`.
    """
    state = transition.to_
    child = SearchPath.__new__(SearchPath)
    child.tail = path.tail[len(surface):]
    child.current_state = state
    child.transitions = [*path.transitions, SurfaceTransition(surface, transition)]
    child.phonetic_attributes = attributes
    child.terminal = state.terminal
    child.contains_suffix_with_surface = path.contains_suffix_with_surface or bool(surface)
    child.contains_derivation = path.contains_derivation or state.derivative
    child.surface_key = key
    return child


@contextmanager
def collector_paused():
    """The garbage collector paused (if it was running) while making or searching zeyrek's
    structures: many objects that live on and hold no garbage cycles, which a collection
    would walk again and again, with zeyrek's whole lexicon."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()



# Lemmas, morpheme sequences and POS names recur across thousands of forms: each distinct one is kept
# once per process (a million tokens of news hold ~10⁵ forms with several readings each).
_shared: dict = {}


def one_copy(value):
    """The process's single copy of an equal string, or tuple of strings or of booleans.

    Not for tuples of numbers: (0, 1) equals (False, True) and would come back as the other."""
    found = _shared.get(value)
    if found is None:
        if len(_shared) >= 200_000:
            _shared.clear()
        found = _shared[value] = value
    return found


def _path_reading(path: SearchPath) -> Reading:
    """The :class:`Reading` of a finished search path: what ``as_reading(parse_analysis(path))``
    gives, without building zeyrek's analysis tuple (≈15 % of a batch search's time). As in
    ``parse_analysis``: the Nom and Pnon morphemes are left out, the root is the first kept
    transition's surface, and the POS is that of the first morpheme with one in the last
    inflectional group (which starts at the last derivational morpheme, counted against the
    path's derivative transitions)."""
    kept = []
    root = None
    derivations = 0
    for transition in path.transitions:
        state = transition.lexical_transition.to_
        derivations += state.derivative
        morpheme = state.morpheme
        if morpheme == _NOM or morpheme == _PNON:
            continue
        if root is None:
            root = transition.surface
        kept.append(morpheme)
    start = 0
    boundaries = 0
    for i, morpheme in enumerate(kept):
        if morpheme.derivational:
            boundaries += 1
            if boundaries > derivations:
                raise IndexError("more derivational morphemes than derivations")  # as parse_analysis
            start = i if boundaries == derivations else start
    pos = next((m.pos for m in kept[start:] if m.pos is not None), None)
    return _new_reading(path.dict_item, pos, kept, root)


def as_reading(single) -> Reading:
    """The :class:`Reading` of one of zeyrek's analyses (a Reading stays as it is)."""
    if isinstance(single, Reading):
        return single
    return _new_reading(single.dict_item, single.pos, [m[0] for m in single.morphemes], single.stem)


def _new_reading(item, pos, morphemes, root: str) -> Reading:
    """A :class:`Reading` of zeyrek's dictionary ``item`` with ``pos`` and ``morphemes`` (zeyrek's)."""
    return Reading(
        lemma=one_copy(item.lemma),
        root_pos=one_copy(item.primary_pos.value),
        pos=one_copy(pos.value),
        morphemes=one_copy(tuple(m.id_ for m in morphemes)),
        root=one_copy(root),
    )

