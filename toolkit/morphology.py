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
logging work and with the attribute set copied before it is changed, and :func:`_build_analyzer`
applies root attributes in their declaration order (as zemberek, which zeyrek ports, does with
Java's ``EnumSet``) and hands out copies of cached attribute sets while the lexicon is built.
Everything else is zeyrek's.
Readings are returned in a fixed order (see :meth:`Morphology.analyze`) and each distinct
form is analysed once per :class:`Morphology` (and once per cache, see :mod:`toolkit.cache`).
"""

from __future__ import annotations

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

logging.getLogger("zeyrek").setLevel(logging.ERROR)


@dataclass(frozen=True, order=True)
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


class _QuietAnalyzer(RuleBasedAnalyzer):
    """zeyrek's rule-based search with the state bug fixed and no logging work."""

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
        for transition in path.current_state.outgoing:
            if not tail and transition.has_surface_form:
                continue
            surface = generate_surface(transition, path.phonetic_attributes)
            if not tail.startswith(surface) or not transition.can_pass(path):
                continue
            if not transition.has_surface_form:
                new_paths.append(path.copy(SurfaceTransition("", transition), path.phonetic_attributes))
                continue
            # The fix: work on a copy, never on the path's or the lru_cache's shared set.
            if tail == surface:
                attributes = set(path.phonetic_attributes)
            else:
                attributes = set(calculate_phonetic_attributes(surface, tuple(path.phonetic_attributes)))
            attributes.discard(PhoneticAttribute.CannotTerminate)
            last_token = transition.last_template_token
            if last_token.type_ == "LAST_VOICED":
                attributes.add(PhoneticAttribute.ExpectsConsonant)
            elif last_token.type_ == "LAST_NOT_VOICED":
                attributes.add(PhoneticAttribute.ExpectsVowel)
                attributes.add(PhoneticAttribute.CannotTerminate)
            new_paths.append(path.copy(SurfaceTransition(surface, transition), attributes))
        return new_paths

    def analyze(self, word: str):
        paths = [
            SearchPath.initial(candidate, word[len(candidate.surface):])
            for candidate in self.stem_transitions.prefix_matches(word)
        ]
        for p in paths:
            # SearchPath.initial shares the stem transition's own set: copy it.
            p.phonetic_attributes = set(p.phonetic_attributes)
        return [parse_analysis(p) for p in self.search(paths)]


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


def _reading(single) -> Reading:
    item = single.dict_item
    return Reading(
        lemma=item.lemma,
        root_pos=item.primary_pos.value,
        pos=single.pos.value,
        morphemes=tuple(m[0].id_ for m in single.morphemes),
        root=single.stem,
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
        self._memo: dict[str, tuple[Reading, ...]] = {}
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

    def analyze(self, form: str) -> tuple[Reading, ...]:
        """Every reading of one word form (any casing; apostrophes are not expected).

        Readings are distinct and sorted by (number of morphemes, lemma, pos, morphemes), so the
        order never depends on the hash seed or on earlier words. An empty tuple means zeyrek
        does not know the form.
        """
        known = self._memo.get(form)
        if known is not None:
            return known
        word = zeyrek_form(form)
        if not word or not word.isalpha():
            readings: tuple[Reading, ...] = ()
        else:
            found = {_reading(a) for a in self.analyzer.analyze(word)}
            readings = tuple(sorted(found, key=lambda r: (len(r.morphemes), r.lemma, r.pos, r.morphemes, r.root)))
        self._memo[form] = readings
        return readings

    def remember(self, form: str, readings: tuple[Reading, ...]) -> None:
        """Record readings obtained elsewhere (the persistent cache, another process)."""
        self._memo[form] = readings


_default: Morphology | None = None


def default_morphology() -> Morphology:
    """The process-wide :class:`Morphology` (one zeyrek analyzer per process)."""
    global _default
    if _default is None:
        _default = Morphology()
    return _default


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
