"""The zeyrek wrapper: one word form in, every morphological reading out.

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

The patch is kept small: :class:`_QuietAnalyzer` re-states ``search``/``advance`` without the
logging work, with the attribute set copied before it is changed and with suffix surfaces
looked up rather than regenerated (same readings, several times zeyrek's speed on new forms),
and :func:`_build_analyzer` applies root attributes in their declaration order (as zemberek,
which zeyrek ports, does with Java's ``EnumSet``) and hands out copies of cached attribute sets
while the lexicon is built. :meth:`_QuietAnalyzer.analyze_many` runs the same search for many
words at once, words with a common stem sharing each step until their letters part (same
readings; ≈1.9× faster on a corpus's sorted forms: 110,047 forms of the 1M-token benchmark
corpus, 18.3 s → 9.6 s). Everything else is zeyrek's.
Building zeyrek's lexicon and morphotactics takes ≈1.3 s per process; the toolkit ships them
built (:func:`load_snapshot`, made by ``scripts/snapshot_zeyrek.py``, ≈0.4 s to load) and builds
them only when that snapshot does not match this zeyrek and this module.
Readings are returned in a fixed order (see :meth:`Morphology.analyze`) and each distinct
form is analysed once per :class:`Morphology` (and once per cache, see :mod:`toolkit.cache`).
"""

from __future__ import annotations

import copyreg
import functools
import gc
import hashlib
import io
import json
import logging
import pickle
import sys
import threading
import types
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from importlib import import_module, resources
from importlib.metadata import version


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

import zeyrek.morphotactics  # noqa: E402
from zeyrek.attributes import PhoneticAttribute, RootAttribute, calculate_phonetic_attributes  # noqa: E402
from zeyrek.conditions import CombinedCondition, HasTail, NotCondition  # noqa: E402
from zeyrek.lexicon import RootLexicon  # noqa: E402
from zeyrek.morphotactics import SearchPath, SurfaceTransition, TurkishMorphotactics, generate_surface  # noqa: E402
from zeyrek.morphotactics import nom as _NOM, pnon as _PNON  # noqa: E402
from zeyrek.rulebasedanalyzer import RuleBasedAnalyzer, parse_analysis  # noqa: E402

ZEYREK_VERSION = version("zeyrek")
# Bump whenever a change here can change the readings of any form: cached readings are
# keyed by it (with zeyrek's version and its lexicon, see :func:`readings_namespace`).
MORPHOLOGY_VERSION = "2"

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


class _QuietAnalyzer(RuleBasedAnalyzer):
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
        with _collector_paused():  # the batch's many live paths hold no cycles
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


_DECLARED = {a: i for i, a in enumerate(RootAttribute)}


class _DeclarationOrderSet(set):
    """A set of root attributes that iterates in declaration order (Voicing before Doubling)."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self), key=lambda a: (_DECLARED.get(a, len(_DECLARED)), str(a))))


_build_lock = threading.Lock()


def _build_analyzer() -> _QuietAnalyzer:
    """zeyrek's analyzer: its morphotactics from the snapshot shipped with the toolkit
    (:func:`load_snapshot`, ≈0.4 s) or, without a usable one, built from zeyrek's lexicon
    (:func:`build_morphotactics`, ≈1.3 s).

    The garbage collector is paused meanwhile: either way makes ≈450k objects that all live on
    and hold no garbage cycles, which collections would walk again and again (building:
    1.69 → 1.29 s).
    """
    with _collector_paused():
        morphotactics = load_snapshot()
        return _QuietAnalyzer(morphotactics if morphotactics is not None else build_morphotactics())


@contextmanager
def _collector_paused():
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


def build_morphotactics() -> TurkishMorphotactics:
    """zeyrek's default lexicon and morphotactics, built the same way under any hash seed."""
    lexicon = RootLexicon.default_text_dictionaries()
    for item in lexicon.item_set:
        item.attributes = _DeclarationOrderSet(item.attributes)
    shared = zeyrek.morphotactics.calculate_phonetic_attributes
    with _build_lock:
        zeyrek.morphotactics.calculate_phonetic_attributes = lambda *args: set(shared(*args))
        try:
            return TurkishMorphotactics(lexicon)
        finally:
            zeyrek.morphotactics.calculate_phonetic_attributes = shared


# zeyrek's morphotactics (its lexicon, suffix graph and stem index) as build_morphotactics()
# makes them, pickled (snapshot_pickle) and gzip-compressed, after a first line naming the
# readings they give (readings_namespace()). Made by scripts/snapshot_zeyrek.py; origin and
# licence in resources/NOTICE-zeyrek-snapshot.md.
SNAPSHOT_RESOURCE = "zeyrek_morphotactics.pickle.gz"


def _set_attributes(obj, state: tuple[tuple[str, ...], tuple]) -> None:
    """Give an unpickled zeyrek object its attributes, in the order its class's ``__init__`` sets
    them (see :class:`_SnapshotPickler`)."""
    for name, value in zip(*state):
        setattr(obj, name, value)


class _SnapshotPickler(pickle.Pickler):
    """Pickles zeyrek's objects with their attributes as (names, values), set back one by one.

    The default way restores each object's ``__dict__`` as a dict of its own: ≈145k dicts, 17 MB
    more than the built objects, which keep their attributes in Python's compact per-class
    layout; setting them again in their order keeps that layout.
    """

    def __init__(self, file) -> None:
        super().__init__(file, protocol=5)
        self._names: dict[tuple, tuple[str, ...]] = {}  # one names tuple per class and layout

    def reducer_override(self, obj):
        cls = type(obj)
        if not cls.__module__.startswith("zeyrek.") or isinstance(obj, (type, Enum)) or not hasattr(obj, "__dict__"):
            return NotImplemented
        attributes = vars(obj)
        names = tuple(attributes)
        names = self._names.setdefault((cls, names), names)
        return copyreg.__newobj__, (cls,), (names, tuple(attributes.values())), None, None, _set_attributes


def snapshot_pickle(morphotactics: TurkishMorphotactics) -> bytes:
    """``morphotactics`` pickled as :func:`load_snapshot` reads them."""
    sink = io.BytesIO()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 100_000))  # the suffix graph is deep: the pickler recurses through it
    try:
        _SnapshotPickler(sink).dump(morphotactics)
    finally:
        sys.setrecursionlimit(limit)
    return sink.getvalue()


# sha256 of the snapshot file scripts/snapshot_zeyrek.py made: a file with other bytes is
# never unpickled (and the unpickler admits nothing but zeyrek's classes, see below).
SNAPSHOT_SHA256 = "22877e96c82ff938f0fadfe0dda3132e5afeb536bd21fb7138bb37d70d0c2035"
_SNAPSHOT_MODULES = frozenset({"zeyrek.attributes", "zeyrek.conditions", "zeyrek.lexicon", "zeyrek.morphotactics"})


class _SnapshotUnpickler(pickle.Unpickler):
    """Unpickles zeyrek's objects and nothing else: the only names it looks up are zeyrek's
    classes and the two helpers above, so even a changed file could not call anything else."""

    def find_class(self, module: str, name: str):
        if (module, name) in {(__name__, "_set_attributes"), (__name__, "_DeclarationOrderSet")}:
            return super().find_class(module, name)
        if module in _SNAPSHOT_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not one of zeyrek's classes")


def load_snapshot() -> TurkishMorphotactics | None:
    """The shipped snapshot of zeyrek's built morphotactics (:data:`SNAPSHOT_RESOURCE`), or None
    if it is missing, not the file the toolkit was released with (:data:`SNAPSHOT_SHA256`), or
    made for other readings than this toolkit's and zeyrek's (another zeyrek, lexicon or
    :data:`MORPHOLOGY_VERSION`): then the caller builds them.

    Reading it takes ≈0.4 s where building takes ≈1.3 s (≈30 MB more memory than building, as
    unpickling leaves gaps).
    """
    import gzip

    try:
        raw = (resources.files("toolkit") / "resources" / SNAPSHOT_RESOURCE).read_bytes()
        if hashlib.sha256(raw).hexdigest() != SNAPSHOT_SHA256:
            return None
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            if fh.readline().rstrip(b"\n").decode("utf-8") != readings_namespace():
                return None
            found = _SnapshotUnpickler(fh).load()
    except Exception:  # noqa: BLE001 - any failure means: build instead (same analyzer, slower)
        return None
    return found if isinstance(found, TurkishMorphotactics) else None


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
    """The :class:`Reading` of a finished search path: what ``_reading(parse_analysis(path))``
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


def _reading(single) -> Reading:
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


def zeyrek_form(word: str) -> str:
    """The form zeyrek expects: lower-cased the Turkish way, circumflexes (â î û) kept."""
    from toolkit.text import turkish_lower

    return turkish_lower(word)


def _searchable(form: str) -> str | None:
    """The word zeyrek is asked about for ``form`` (:func:`zeyrek_form`), or None when it is
    not all letters (zeyrek is not asked: no readings)."""
    word = zeyrek_form(form)
    return word if word and word.isalpha() else None


# Words searched together per batch (sorted): the sharing comes from words with one stem, which
# sort together; bigger batches share little more and run slower (measured: 250 → 4,000 words).
_SEARCH_BATCH = 250


def _sorted_readings(analyses) -> tuple[Reading, ...]:
    """zeyrek's analyses of one word as distinct readings, in the fixed order of :meth:`Morphology.analyze`."""
    found = {_reading(a) for a in analyses}
    return tuple(sorted(found, key=lambda r: (len(r.morphemes), r.lemma, r.pos, r.morphemes, r.root)))


class Morphology:
    """All zeyrek readings of word forms, each distinct form analysed once.

    The zeyrek analyzer (≈1.3 s and ≈150 MB to build) is built lazily, on the first form that
    is not already known, so a fully cached rerun never builds it.
    """

    def __init__(self) -> None:
        self._analyzer: _QuietAnalyzer | None = None
        self._memo: dict[str, tuple[Reading, ...] | str] = {}  # str: readings as JSON, not yet decoded
        self._lock = threading.Lock()

    @property
    def analyzer(self) -> _QuietAnalyzer:
        with self._lock:
            if self._analyzer is None:
                self._analyzer = _build_analyzer()
            return self._analyzer

    @property
    def is_built(self) -> bool:
        return self._analyzer is not None

    def analyze(self, form: str, *, keep: bool = True) -> tuple[Reading, ...]:
        """Every reading of one word form (any casing; apostrophes are not expected).

        Readings are distinct and sorted by (number of morphemes, lemma, pos, morphemes), so the
        order never depends on the hash seed or on earlier words. An empty tuple means zeyrek
        does not know the form. ``keep=False``: a form zeyrek analyses now is not kept for later
        calls (a worker analysing forms for others).
        """
        known = self.known(form)
        if known is not None:
            return known
        word = _searchable(form)
        readings = _sorted_readings(self.analyzer.analyze(word)) if word else ()
        if keep:
            self._memo[form] = readings
        return readings

    def analyze_many(self, forms: list[str], *, keep: bool = True) -> dict[str, tuple[Reading, ...]]:
        """``{form: analyze(form)}`` for many word forms, the new ones searched together in
        batches (:meth:`_QuietAnalyzer.analyze_many`: words that share a stem share its search;
        same readings, about twice as fast on a corpus's forms). Forms in sorted order share most.
        """
        out: dict[str, tuple[Reading, ...]] = {}
        words: dict[str, list[str]] = {}  # zeyrek's form -> the forms asked for that have it
        for form in forms:
            known = self.known(form)
            if known is not None:
                out[form] = known
                continue
            word = _searchable(form)
            if not word:
                out[form] = ()
                if keep:
                    self._memo[form] = ()
            else:
                words.setdefault(word, []).append(form)
        batch = sorted(words)
        for i in range(0, len(batch), _SEARCH_BATCH):
            for word, analyses in self.analyzer.analyze_many(batch[i:i + _SEARCH_BATCH]).items():
                readings = _sorted_readings(analyses)
                for form in words[word]:
                    out[form] = readings
                    if keep:
                        self._memo[form] = readings
        return out

    def remember(self, form: str, readings: tuple[Reading, ...] | str) -> None:
        """Record readings obtained elsewhere (the persistent cache, another process).

        ``readings`` may be given as :func:`readings_to_json` text: it is decoded only if this
        object is asked for the form (a process that hands lemmatising to workers never is).
        """
        self._memo[form] = readings

    def known(self, form: str) -> tuple[Reading, ...] | None:
        """The readings of ``form`` if this object already has them, else None (nothing is built)."""
        known = self._memo.get(form)
        return known if known is None or type(known) is tuple else self._decode(form, known)

    def knows(self, form: str) -> bool:
        """Whether this object has the readings of ``form`` (nothing is decoded or built)."""
        return form in self._memo

    def known_json(self, form: str) -> str | None:
        """:meth:`known` as :func:`readings_to_json` text, without decoding readings kept as text."""
        known = self._memo.get(form)
        return known if known is None or type(known) is str else readings_to_json(known)

    def _decode(self, form: str, text: str) -> tuple[Reading, ...]:
        readings = self._memo[form] = readings_from_json(text)
        return readings


_default: Morphology | None = None


def default_morphology() -> Morphology:
    """The process-wide :class:`Morphology` (one zeyrek analyzer per process)."""
    global _default
    if _default is None:
        _default = Morphology()
    return _default


def readings_to_json(readings: tuple[Reading, ...]) -> str:
    """Readings as compact JSON: ``[[lemma, root_pos, pos, [morpheme, …], root], …]``."""
    return json.dumps(
        [[r.lemma, r.root_pos, r.pos, list(r.morphemes), r.root] for r in readings],
        ensure_ascii=False, separators=(",", ":"),
    )


def readings_from_json(text: str) -> tuple[Reading, ...]:
    """The inverse of :func:`readings_to_json`."""
    return tuple(Reading(one_copy(lemma), one_copy(root_pos), one_copy(pos), one_copy(tuple(morphemes)), one_copy(root))
                 for lemma, root_pos, pos, morphemes, root in json.loads(text))


@functools.cache
def readings_namespace() -> str:
    """What readings depend on: zeyrek's version, :data:`MORPHOLOGY_VERSION` and zeyrek's lexicon.

    The lexicon part is the sha256 of zeyrek's dictionary files, so an edited lexicon never
    serves stale cached readings. Computed once per process.
    """
    digest = hashlib.sha256()
    for resource in RootLexicon.DEFAULT_DICTIONARY_RESOURCES:
        digest.update((RootLexicon.RESOURCES_DIR / resource).read_bytes())
    return f"zeyrek {ZEYREK_VERSION}; morphology {MORPHOLOGY_VERSION}; lexicon {digest.hexdigest()[:16]}"


# Suffixes that make a new word from a noun or adjective (endişe → endişeli, yaptırım →
# yaptırımcı). Verbal derivations (passive, causative, participles, verbal nouns) are not in
# this set: "ilan edildi" and "etmeyeceğini" are forms of the verb etmek.
NOMINAL_DERIVATIONS = frozenset(
    "With Without Agt Ness Dim Become Acquire Ly Rel Related JustLike FitFor".split()
)


VERBAL_NOUNS = frozenset({"Inf1", "Inf2", "Inf3"})


def derivation_chain(reading: Reading, *, verbal_nouns: bool = False) -> tuple[str, ...]:
    """The nominal derivational morphemes of a reading, in order (``()`` for a plain inflected form).

    ``endişeli`` → ``("With",)``; ``yaptırımcı`` → ``("Agt",)``; ``yaptırımların`` → ``()``.
    With ``verbal_nouns`` the -mAk/-mA/-Iş verbal nouns count too (``savunma`` as a form of
    savunmak → ``("Inf2",)``), which tells the noun *savunma* from ``savundu``.
    """
    kept = NOMINAL_DERIVATIONS | VERBAL_NOUNS if verbal_nouns else NOMINAL_DERIVATIONS
    return tuple(m for m in reading.morphemes[1:] if m in kept)
