"""The token columns of articles: what :func:`toolkit.analyze` has worker processes do.

Words counted (:func:`words_of`: the forms zeyrek is asked about, the words simplemma is asked
about), new forms analysed by zeyrek
(:func:`analyse_forms`), articles tokenised, lemmas chosen in context and the columns encoded
as Arrow record batches (:func:`encode_documents`). Kept apart from :mod:`toolkit.analysis`
(the table and what is computed from it) so that a worker process imports neither pandas
nor the rest: it starts in ≈0.05 s instead of ≈0.4 s.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from toolkit.cache import open_cache
from toolkit.lemmas import (
    choose, give_simplemma_lemmas, lookup_forms, readings_for, recase_sentence_starts, simplemma_lemmas,
    simplemma_namespace,
)
from toolkit.morphology import Morphology, default_morphology, readings_from_json, readings_namespace, readings_to_json
from toolkit.text import Token, iter_tokens, opens_speech, read_as, unshout, word_surfaces, written_in_capitals

_STRING_COLUMNS = ("surface", "lemma", "pos", "alternatives")
_INT_TYPES = {"sentence": "int32", "position": "int32", "start": "int64", "end": "int64"}
TOKEN_COLUMNS = [
    "doc_id", "sentence", "position", "start", "end", "surface", "lemma", "pos",
    "is_stop", "known", "negated", "confidence", "alternatives",
]


# While analysing, the collector's youngest generation is collected every GC_THRESHOLD
# allocations instead of Python's default 700. Analysis makes millions of small objects that
# live on (readings, candidates, memo entries), which the default rescans again and again:
# 10-13 % of the lemmatising time on a million tokens of news-like vocabulary
# (benchmarks/throughput.py --fresh-forms), 4 % of zeyrek's analyses. (Making zeyrek's analyzer
# pauses the collector altogether, see toolkit.morphology._build_analyzer.) Python's own
# setting is restored afterwards.
GC_THRESHOLD = 10_000


def _collecting_less(fn):
    """``fn`` run with the young-generation threshold at least :data:`GC_THRESHOLD`."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        old = gc.get_threshold()
        if old[0] >= GC_THRESHOLD:
            return fn(*args, **kwargs)
        gc.set_threshold(GC_THRESHOLD, *old[1:])
        try:
            return fn(*args, **kwargs)
        finally:
            gc.set_threshold(*old)

    return run


# A long article is lemmatised and stored in pieces of at most this many tokens.
BATCH_TOKENS = 50_000


def distinct_forms(text: str) -> set[str]:
    """Every word form :func:`toolkit.lemmas.readings_for` may look up for the tokens of ``text``
    (:func:`toolkit.lemmas.lookup_forms` of each distinct surface). Interned: the form sets of
    many articles share each string."""
    out: set[str] = set()
    for surface in set(word_surfaces(text)):
        out.update(lookup_forms(surface))
    return out


def distinct_forms_of(texts: list[str]) -> set[str]:
    """:func:`distinct_forms` of several texts together (a worker's share of a corpus)."""
    out: set[str] = set()
    for text in texts:
        out |= distinct_forms(text)
    return out


def words_of(
    texts: list[str], forms: set[str] | None = None, asked: set[str] | None = None,
) -> tuple[set[str], set[str]]:
    """(:func:`distinct_forms_of` ``texts``, every word lemma choice may ask simplemma about
    for their tokens: :func:`toolkit.text.read_as` of each distinct surface); added to
    ``forms`` and ``asked`` when given."""
    forms = set() if forms is None else forms
    asked = set() if asked is None else asked
    for text in texts:
        for surface in set(word_surfaces(text)).difference(asked):
            forms.update(lookup_forms(surface))
            asked.update(read_as(surface))
    return forms, asked


def _tokens_for(
    content: str, morphology, overrides: Mapping[str, str] | None, lexical_verbs: bool = False,
    by_surface: dict[str, tuple] | None = None, lemma_model: str = "default",
) -> Iterator[dict[str, list]]:
    """The token columns of one text (all of :data:`TOKEN_COLUMNS` but ``doc_id`` and ``is_stop``),
    in consecutive pieces of whole sentences, each of at most :data:`BATCH_TOKENS` tokens (or
    one sentence, if longer): a 10 MB article never becomes one list per column.

    ``morphology`` is a :class:`~toolkit.morphology.Morphology` or anything with its
    ``analyze(form)``; lemmas are chosen one sentence at a time by :func:`toolkit.lemmas.choose`,
    then a capitalised sentence-initial word the piece uses as a proper noun elsewhere keeps its
    capital (:func:`toolkit.lemmas.recase_sentence_starts`). A text without words yields nothing.
    ``by_surface``: the readings of each surface already looked up in ``morphology``, a dict the
    calls for one batch of texts share (filled here). ``lemma_model``: the shipped lemma model
    that chooses (:data:`toolkit.lemmas.MODELS`).
    """
    if by_surface is None:
        by_surface = {}
    tokens: list[Token] = []
    as_read: list[Token] = []  # the tokens as lemma choice reads them (see flush)
    capitals: list[frozenset[str]] = []

    def acronyms() -> frozenset[str]:  # computed once, for a text with a run of words in capitals
        if not capitals:
            capitals.append(written_in_capitals(content))
        return capitals[0]

    choices: list = []
    sentence: list[Token] = []
    before = 0  # where the text before the sentence being read starts (the previous one's last word's end)

    def flush(after: int) -> None:
        """Choose the lemmas of ``sentence``; ``after``: where the text after it ends (the next word)."""
        nonlocal before
        readings = []
        for t in sentence:
            found = by_surface.get(t.surface)
            if found is None:
                found = by_surface[t.surface] = readings_for(t, morphology)
            readings.append(found)
        tokens.extend(sentence)
        # Words set in capitals, and a word opening quoted speech, are read as sentence starts.
        read = [replace(t, position=0) if t.position and opens_speech(content, t.start) else t
                for t in unshout(sentence, acronyms)]
        as_read.extend(read)
        # The lemma model reads each word's neighbours as UD Turkish has them, punctuation
        # marks included (the word before "." is mostly a verb): they are given as context.
        marks = punctuation_around(content, read, before, after)
        choices.extend(choose(read, readings, overrides, lexical_verbs, marks=marks, lemma_model=lemma_model))
        before = sentence[-1].end
        sentence.clear()

    def columns() -> dict[str, list]:
        final = recase_sentence_starts(as_read, choices)
        as_read.clear()
        cols = {
            "sentence": [t.sentence for t in tokens], "position": [t.position for t in tokens],
            "start": [t.start for t in tokens], "end": [t.end for t in tokens],
            "surface": [t.surface for t in tokens], "lemma": [c.lemma for c in final],
            "pos": [c.pos for c in final], "known": [c.known for c in final],
            "negated": [c.negated for c in final], "confidence": [c.confidence for c in final],
            "alternatives": ["|".join(c.alternatives) for c in final],
        }
        tokens.clear()
        choices.clear()
        return cols

    for tok in iter_tokens(content):
        if sentence and tok.sentence != sentence[0].sentence:
            flush(tok.start)
            if len(tokens) >= BATCH_TOKENS:
                yield columns()
        sentence.append(tok)
    if sentence:
        flush(len(content))
    if tokens:
        yield columns()


# Quotation marks are left out of the context: under cross-validation on the training side they
# changed nothing (BOUN −2 tokens of 5,023, IMST +1 of 28,820 without them), while in news, where
# quoted speech is everywhere, a closing quote made the model take the written word for the
# lemma (*tereddüt etmeyeceğini"*, *istiyoruz" dedi*).
_QUOTES = frozenset("\"'`“”„‟«»‘’‚‛‹›")


def _marks(gap: str) -> list[str]:
    """The punctuation marks in a stretch of text between words, as UD Turkish tokenises them
    (one token per mark, a run of full stops ``...`` as one), quotation marks left out."""
    out: list[str] = []
    previous = ""
    for ch in gap:
        if ch == "." and previous == ".":
            out[-1] += ch
        elif not (ch.isspace() or ch.isalnum() or ch in _QUOTES):
            out.append(ch)
        previous = ch
    return out


def punctuation_around(
    content: str, sentence: list[Token], before: int, after: int,
) -> tuple[list[str | None], list[str | None]]:
    """The punctuation mark right before and right after each word of ``sentence`` (None where
    there is none), as UD Turkish would have them as tokens of their own: what the lemma model
    reads as a word's neighbours (:func:`toolkit.lemmas.choose`'s ``marks``).

    Between two words every mark counts; after the last word, those up to the first space
    (``verdi.`` → ``.``); before the first, those after the last space (``(Ankara``).
    ``before``/``after``: where the text before the first word starts and after the last ends.
    """
    ahead: list[str | None] = [None] * len(sentence)
    behind: list[str | None] = [None] * len(sentence)
    first = sentence[0]
    gap = content[before:first.start]
    if before:  # after the last space: marks glued to the previous sentence's are not its own
        space = max(gap.rfind(" "), gap.rfind("\n"), gap.rfind("\t"))
        gap = gap[space + 1:] if space >= 0 else ""
    marks = _marks(gap) if gap else ()
    if marks:
        ahead[0] = marks[-1]
    last = len(sentence) - 1
    for i, t in enumerate(sentence):
        end = sentence[i + 1].start if i < last else after
        if end == t.end or (end == t.end + 1 and content[t.end] == " "):
            continue  # nothing or one space between: most words
        gap = content[t.end:end]
        if i == last:  # up to the first space: what follows may open the next sentence
            gap = gap.split(None, 1)[0] if not gap[0].isspace() else ""
        marks = _marks(gap)
        if marks:
            behind[i] = marks[0]
            if i < last:
                ahead[i + 1] = marks[-1]
    return ahead, behind


_schema_cache: list = []


def _schema():
    """The Arrow schema of one document's token columns (fixed: documents are stored without it)."""
    if not _schema_cache:
        import pyarrow as pa

        fields = []
        for c in TOKEN_COLUMNS:
            if c in ("doc_id", "is_stop"):
                continue
            if c in _STRING_COLUMNS:
                kind = pa.string()
            elif c in _INT_TYPES:
                kind = pa.type_for_alias(_INT_TYPES[c])
            elif c == "confidence":
                kind = pa.float32()
            else:
                kind = pa.bool_()
            fields.append(pa.field(c, kind))
        _schema_cache.append(pa.schema(fields))
    return _schema_cache[0]


def _encode(pieces: Iterable[dict[str, list]]):
    """One document's token columns (the pieces :func:`_tokens_for` yields) as Arrow IPC record
    batch messages, one per piece, back to back and without the schema (:func:`_schema`, the
    same for every document): ≈60 bytes per token plus ≈1 kB per piece; no words → empty.
    Uncompressed: read back 20× faster than zstd-compressed. Returns a ``pyarrow.Buffer``
    (a bytes-like object: SQLite stores it and pickling sends it as it is, without a copy here).
    """
    import pyarrow as pa

    schema = _schema()
    sink = pa.BufferOutputStream()
    for cols in pieces:
        batch = pa.RecordBatch.from_arrays([pa.array(cols[f.name], f.type) for f in schema], schema=schema)
        cols.clear()
        sink.write(batch.serialize())
        del batch
    return sink.getvalue()


def _decode(blob: bytes) -> list:
    """The record batches :func:`_encode` wrote (zero-copy views of ``blob``)."""
    import pyarrow as pa

    schema = _schema()
    return [pa.ipc.read_record_batch(message, schema) for message in pa.ipc.MessageReader.open_stream(pa.py_buffer(blob))]


@_collecting_less
def encode_documents(
    documents: list[tuple[str, str]], readings: Mapping[str, str] | None, overrides: Mapping[str, str] | None,
    cache_path: str | None = None, lexical_verbs: bool = False, simplemma: Mapping[str, str | None] | None = None,
    lemma_model: str = "default",
) -> dict[str, bytes]:
    """``{key: encoded token columns}`` for ``(key, content)`` pairs.

    The unit of work a worker process or a Dask task does. Readings come either as JSON
    (``readings``: ``{form: readings_to_json(...)}`` for every form of the documents) or, with
    ``readings=None``, from this process's :class:`~toolkit.morphology.Morphology`, which
    fetches the forms it does not know yet from the cache file ``cache_path`` (where the
    caller has just stored them) and keeps them for the next call; simplemma's lemmas of the
    documents' words likewise, as ``simplemma`` (:func:`~toolkit.lemmas.simplemma_lemmas`) or
    from the cache file, where the caller has stored them (words given neither way are looked
    up here).
    """
    try:
        if readings is None:
            known = _morphology_from_cache(documents, cache_path)
        else:
            known = _ReadingsFromJson(readings)
            give_simplemma_lemmas(simplemma or {})
        by_surface: dict[str, tuple] = {}
        return {key: _encode(_tokens_for(content, known, overrides, lexical_verbs, by_surface, lemma_model))
                for key, content in documents}
    finally:
        give_simplemma_lemmas({})


def store_simplemma_lemmas(words: list[str], cache_path: str) -> None:
    """Look up simplemma's lemmas of ``words`` here (:func:`~toolkit.lemmas.simplemma_lemmas`)
    and store them in the cache file ``cache_path``, where the workers read them."""
    found = simplemma_lemmas(words)
    open_cache(cache_path).put_readings(
        simplemma_namespace(), {word: json.dumps(lemma, ensure_ascii=False) for word, lemma in found.items()})


def _morphology_from_cache(documents: list[tuple[str, str]], cache_path: str | None) -> Morphology:
    """This process's Morphology, knowing every form of ``documents`` that the cache has; the
    simplemma lemmas of their words that the cache has are given to lemma choice."""
    morphology = default_morphology()
    forms, asked = words_of([content for _, content in documents])
    missing = {f for f in forms if not morphology.knows(f)}
    if cache_path is not None:
        store = open_cache(cache_path)  # one connection per file and process, kept for the next call
        for form, text in store.get_readings(readings_namespace(), sorted(missing)).items():
            morphology.remember(form, text)
        found = store.get_readings(simplemma_namespace(), sorted(asked))
        give_simplemma_lemmas({word: json.loads(lemma) for word, lemma in found.items()})
    return morphology  # a form the cache lacked (it was busy) is analysed here


class _ReadingsFromJson:
    """``analyze(form)`` over readings already found elsewhere, given as ``{form: JSON}``."""

    def __init__(self, readings: Mapping[str, str]) -> None:
        self._json = readings
        self._memo: dict[str, tuple] = {}

    def analyze(self, form: str) -> tuple:
        found = self._memo.get(form)
        if found is None:
            found = self._memo[form] = readings_from_json(self._json[form])
        return found


@_collecting_less
def build_analyzer() -> bool:
    """Build this process's zeyrek analyzer now (a worker's warm-up task); True when done."""
    return default_morphology().analyzer is not None


@_collecting_less
def analyse_forms(forms: list[str]) -> dict[str, str]:
    """``{form: readings JSON}`` for word forms, analysed by this process's zeyrek analyzer.

    The caller stores them (or sends them with the articles). They are also kept here: the
    articles this process lemmatises next use many of them, which it then need not fetch
    from the cache and decode (measured: ≈0.3 CPU-s less per worker at 100k tokens).
    """
    found = default_morphology().analyze_many(forms)
    return {f: readings_to_json(found[f]) for f in forms}
