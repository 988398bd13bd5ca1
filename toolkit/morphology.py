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
while the lexicon is built. Everything else is zeyrek's.
Readings are returned in a fixed order (see :meth:`Morphology.analyze`) and each distinct
form is analysed once per :class:`Morphology` (and once per cache, see :mod:`toolkit.cache`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from importlib.metadata import version

import zeyrek.morphotactics
from zeyrek.attributes import PhoneticAttribute, RootAttribute, calculate_phonetic_attributes
from zeyrek.lexicon import RootLexicon
from zeyrek.morphotactics import SearchPath, SurfaceTransition, TurkishMorphotactics, generate_surface
from zeyrek.rulebasedanalyzer import RuleBasedAnalyzer, parse_analysis

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
        # an empty surface); each entry (transition, has_surface, surface, last template token type).
        self._outgoing: dict[tuple[int, int], tuple[dict[str, list[tuple]], list[tuple]]] = {}
        self._surfaces: dict[int, list[str | None]] = {}

    def _candidates(self, state, key: int, tail: str) -> list[tuple]:
        """The outgoing transitions of ``state`` whose surface can start ``tail``, in zeyrek's order."""
        index = self._outgoing.get((id(state), key))
        if index is None:
            entries = []
            for transition in state.outgoing:
                surfaces = self._surfaces.get(id(transition))
                if surfaces is None:
                    surfaces = self._surfaces[id(transition)] = _surfaces_by_key(transition)
                has_surface = transition.has_surface_form
                last = transition.last_template_token.type_ if has_surface else ""
                entries.append((transition, has_surface, surfaces[key], last))
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
            # The fix: work on a copy, never on the path's or the lru_cache's shared set.
            if tail == surface:
                attributes = set(path.phonetic_attributes)
            else:
                attributes = set(calculate_phonetic_attributes(surface, tuple(path.phonetic_attributes)))
            attributes.discard(PhoneticAttribute.CannotTerminate)
            if last == "LAST_VOICED":
                attributes.add(PhoneticAttribute.ExpectsConsonant)
            elif last == "LAST_NOT_VOICED":
                attributes.add(PhoneticAttribute.ExpectsVowel)
                attributes.add(PhoneticAttribute.CannotTerminate)
            child_key = _surface_key(attributes) if tail != surface else 0
            new_paths.append(_extend(path, surface, transition, attributes, child_key))
        return new_paths

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
    """zeyrek's default lexicon and morphotactics, built the same way under any hash seed."""
    lexicon = RootLexicon.default_text_dictionaries()
    for item in lexicon.item_set:
        item.attributes = _DeclarationOrderSet(item.attributes)
    shared = zeyrek.morphotactics.calculate_phonetic_attributes
    with _build_lock:
        zeyrek.morphotactics.calculate_phonetic_attributes = lambda *args: set(shared(*args))
        try:
            morphotactics = TurkishMorphotactics(lexicon)
        finally:
            zeyrek.morphotactics.calculate_phonetic_attributes = shared
    return _QuietAnalyzer(morphotactics)


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


def _reading(single) -> Reading:
    item = single.dict_item
    return Reading(
        lemma=one_copy(item.lemma),
        root_pos=one_copy(item.primary_pos.value),
        pos=one_copy(single.pos.value),
        morphemes=one_copy(tuple(m[0].id_ for m in single.morphemes)),
        root=one_copy(single.stem),
    )


def zeyrek_form(word: str) -> str:
    """The form zeyrek expects: lower-cased the Turkish way, circumflexes (â î û) kept."""
    from toolkit.text import turkish_lower

    return turkish_lower(word)


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
        known = self._memo.get(form)
        if known is not None:
            return known if type(known) is tuple else self._decode(form, known)
        word = zeyrek_form(form)
        if not word or not word.isalpha():
            readings: tuple[Reading, ...] = ()
        else:
            found = {_reading(a) for a in self.analyzer.analyze(word)}
            readings = tuple(sorted(found, key=lambda r: (len(r.morphemes), r.lemma, r.pos, r.morphemes, r.root)))
        if keep:
            self._memo[form] = readings
        return readings

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


_namespace: str | None = None


def readings_namespace() -> str:
    """What readings depend on: zeyrek's version, :data:`MORPHOLOGY_VERSION` and zeyrek's lexicon.

    The lexicon part is the sha256 of zeyrek's dictionary files, so an edited lexicon never
    serves stale cached readings. Computed once per process.
    """
    global _namespace
    if _namespace is None:

        digest = hashlib.sha256()
        for resource in RootLexicon.DEFAULT_DICTIONARY_RESOURCES:
            digest.update((RootLexicon.RESOURCES_DIR / resource).read_bytes())
        _namespace = f"zeyrek {ZEYREK_VERSION}; morphology {MORPHOLOGY_VERSION}; lexicon {digest.hexdigest()[:16]}"
    return _namespace


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
