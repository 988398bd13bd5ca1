"""The analysis pipeline: ``analyze`` turns text, an :class:`~toolkit.corpus.Article` or a
:class:`~toolkit.corpus.Corpus` into an :class:`~toolkit.result.Analysis` whose ``tokens``
DataFrame has one row per word token (punctuation excluded): articles already in the cache are
read back, new word forms are analysed once, new articles are lemmatised (here, in worker
processes or on a Dask cluster) and stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.cache import AnalysisCache, open_cache
from toolkit.corpus import Article, Corpus
from toolkit.dask_engine import encode_on_dask
from toolkit.errors import ArticleTooLargeError
from toolkit.lemmas import MODELS, simplemma_lemmas, simplemma_namespace
from toolkit.morphology import (
    Morphology, default_morphology, readings_namespace, readings_to_json,
)
from toolkit.pool import process_pool, show_progress, simplemma_aside
from toolkit.readings import resolve_readings
from toolkit.result import Analysis
from toolkit.tokens import (
    LEXICAL_VERBS, STRING_COLUMNS, TOKEN_COLUMNS, collecting_less, decode_tokens, distinct_forms_of, encode_documents,
    encode_tokens, store_simplemma_lemmas, token_schema, tokens_for, words_of,
)


@cache
def default_stopwords() -> frozenset[str]:
    """The shipped Turkish stopword lemmas (``toolkit/resources/stopwords_tr.txt``)."""
    text = resources.files("toolkit").joinpath("resources/stopwords_tr.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def as_corpus(data: str | Article | Corpus | Iterable) -> Corpus:
    """``data`` as a :class:`~toolkit.corpus.Corpus`: a corpus as it is, an article or a text
    (id ``text``) as a corpus of one, an iterable of articles or texts (ids ``text-1``, …)."""
    if isinstance(data, Corpus):
        return data
    if isinstance(data, Article):
        return Corpus([data])
    if isinstance(data, str):
        return Corpus([Article(id="text", text=data)])
    items = list(data)
    return Corpus(a if isinstance(a, Article) else Article(id=f"text-{i + 1}", text=str(a)) for i, a in enumerate(items))


# Bump whenever a change in this module changes what a document's token columns hold; the
# per-document cache key also covers, by hash, the module that makes them (toolkit.tokens),
# the tokenizer, the lemma chooser and its model.
ANALYSIS_VERSION = "7"
# Articles are lemmatised in worker processes only above this many characters of new text
# (articles not in the cache; ≈40,000 tokens): below it, starting and feeding the workers costs
# more than it saves. workers="auto" then stays in this process altogether.
PARALLEL_MIN_CHARS = 300_000
# workers="auto" uses every core this process may run on, up to this many (each worker holds
# ≈300 MB).
MAX_AUTO_WORKERS = 8
# Memory bounds. A long article is lemmatised and stored in pieces (toolkit.tokens.BATCH_TOKENS);
# articles are lemmatised, stored and read back in runs of at most GROUP_DOCUMENTS articles and
# about GROUP_CHARS characters, so only one run's intermediate data is held at a time. An
# article longer than MAX_ARTICLE_CHARS characters is refused (split it): its own token table
# would take ≈0.5 GB per 10 million characters.
GROUP_CHARS = 2_000_000
GROUP_DOCUMENTS = 2_000
MAX_ARTICLE_CHARS = 20_000_000


@cache
def document_fingerprint() -> str:
    """sha256 of everything a document's token columns depend on besides its text and overrides.

    Covers :data:`ANALYSIS_VERSION`, the readings namespace (zeyrek, its lexicon, the
    morphology version), and the source of the module that makes the token columns
    (:mod:`toolkit.tokens`), the tokenizer and the lemma chooser with any lemma model shipped
    beside it (``toolkit/resources/lemma*``). Computed once per process.
    """
    import toolkit.lemmas
    import toolkit.text
    import toolkit.tokens

    digest = hashlib.sha256(f"analysis {ANALYSIS_VERSION}; {readings_namespace()}".encode())
    for module in (toolkit.text, toolkit.lemmas, toolkit.tokens):
        digest.update(Path(module.__file__).read_bytes())
    shipped = resources.files("toolkit").joinpath("resources")
    for model in sorted(shipped.iterdir(), key=lambda p: p.name):
        if model.name.startswith("lemma") and model.is_file():
            digest.update(model.name.encode() + model.read_bytes())
    return digest.hexdigest()


def auto_workers() -> int:
    """The number of worker processes ``workers="auto"`` uses for enough new text: the cores
    this process may run on, at most :data:`MAX_AUTO_WORKERS`."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_AUTO_WORKERS))


def document_key(
    content: str, overrides: Mapping[str, str] | None = None, lexical_verbs: bool = LEXICAL_VERBS,
    lemma_model: str = "default",
) -> str:
    """The per-document cache key: sha256 of the fingerprint, the options and the content."""
    digest = hashlib.sha256(document_fingerprint().encode())
    digest.update(b"lexical verbs" if lexical_verbs else b"ud lemmas")
    digest.update(b"\0lemma model " + lemma_model.encode())
    digest.update(json.dumps(sorted((overrides or {}).items()), ensure_ascii=False).encode())
    digest.update(b"\0" + content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _simplemma_lemmas(
    asked: set[str], store: AnalysisCache | None, aside,
) -> Callable[[], dict[str, str | None] | None]:
    """Start looking up simplemma's lemmas of the words in ``asked`` that ``store`` lacks, in the
    process ``aside`` (:func:`toolkit.pool.simplemma_aside`), which stores them in the cache
    file; the function returned waits for that and shuts ``aside`` down. Without a store all
    the words are looked up and the function returns their lemmas (they are then sent with
    the articles), otherwise None.
    """
    if store is None:
        job = aside.submit(simplemma_lemmas, sorted(asked))
    else:  # looked up and stored there, in the cache file
        missing = sorted(asked.difference(store.get_readings(simplemma_namespace(), sorted(asked))))
        job = aside.submit(store_simplemma_lemmas, missing, str(store.path)) if missing else None

    def finish() -> dict[str, str | None] | None:
        found = job.result() if job is not None else None
        aside.shutdown(wait=False, cancel_futures=True)
        return found

    return finish


def _group_table(blobs: list[bytes]) -> tuple:
    """One Arrow table (contiguous columns) of the token columns of documents, in order, and
    each document's number of rows."""
    import pyarrow as pa

    batches, rows = [], []
    for blob in blobs:
        decoded = decode_tokens(blob)
        batches.extend(decoded)
        rows.append(sum(b.num_rows for b in decoded))
    table = pa.Table.from_batches(batches, schema=token_schema())
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
    table = pa.concat_tables(tables) if tables else token_schema().empty_table()
    tables.clear()
    columns = {"doc_id": pd.Categorical.from_codes(codes, categories=pd.Index(doc_ids, dtype="str"))}
    del codes
    for name in list(table.column_names):
        col = table.column(name)
        columns[name] = (_sorted_dictionary(col) if name in STRING_COLUMNS else col).to_pandas()
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


@collecting_less
def analyze(
    data: str | Article | Corpus | Iterable,
    *,
    stopwords: Iterable[str] | None = None,
    overrides: Mapping[str, str] | None = None,
    lexical_verbs: bool = LEXICAL_VERBS,
    lemma_model: str = "default",
    morphology: Morphology | None = None,
    cache: bool | str | os.PathLike | AnalysisCache | None = True,
    workers: int | str = "auto",
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
    "appear", *ölmek* "die"); False gives UD's roots. Lemmas are dictionary forms (verbs end in
    -mak/-mek; :func:`toolkit.lemmatize` gives UD's bare stems, see docs/lemma-model.md).
    ``lemma_model``: the shipped lemma model that chooses, ``"default"`` (learnt from UD Turkish
    BOUN, Kenet and Penn, CC BY-SA 4.0: commercial use allowed) or ``"with-imst"`` (also learnt
    from IMST: its licence, CC BY-NC-SA 4.0, allows non-commercial use only).

    Speed: each distinct word form is analysed once, and with ``cache`` (default True: the
    persistent cache of :mod:`toolkit.cache`; False for none; or a directory) once across
    runs; an article analysed before (same text, same toolkit and models, same overrides) is
    read back whole. ``workers`` > 1 splits the new word forms and the new articles between
    that many processes when there are at least :data:`PARALLEL_MIN_CHARS` characters of new
    text; ``"auto"`` (the default) does so with one process per core (at most
    :data:`MAX_AUTO_WORKERS`), and uses this process only for less. ``engine="dask"`` runs on a ``dask.distributed`` cluster (``client``,
    else the current default client), see :mod:`toolkit.dask_engine`. The token table is the same
    whatever the engine or the number of workers. ``progress``: a progress bar (notebook-aware)
    when True, never when False, when None only for big jobs.
    """
    corpus = as_corpus(data)
    stops = frozenset(stopwords) if stopwords is not None else default_stopwords()
    if workers != "auto" and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers={workers!r}: give 'auto', 1 (this process only) or more worker processes.")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: use 'local' or 'dask'.")
    _check_sizes(corpus)
    store = open_cache(cache)
    if lemma_model not in MODELS:
        raise ValueError(f"lemma_model={lemma_model!r}: use one of {', '.join(map(repr, MODELS))}.")
    keys = [document_key(a.content, overrides, lexical_verbs, lemma_model) for a in corpus]
    cached = store.cached_documents(keys) if store is not None else set()
    todo = {k: a.content for k, a in zip(keys, corpus) if k not in cached}
    del cached
    if workers == "auto":
        new_text = sum(len(c) for c in todo.values())
        workers = auto_workers() if new_text >= PARALLEL_MIN_CHARS else 1
    morphology = morphology or default_morphology()
    fresh: dict[str, bytes] = {}  # encoded on Dask, all at once
    parallel = False
    simplemma: dict[str, str | None] | None = None  # simplemma's lemmas for workers, without a cache
    if todo and engine == "dask":
        fresh = encode_on_dask(todo, overrides, client=client, store=store, progress=progress,
                               lexical_verbs=lexical_verbs, lemma_model=lemma_model)
        if store is not None:
            store.put_documents(fresh)
    elif todo:
        parallel = workers > 1 and sum(len(c) for c in todo.values()) >= PARALLEL_MIN_CHARS
        if parallel:
            # The workers start with zeyrek made (see process_pool: starting them waits for it,
            # so they are started from a thread), a process of its own loads simplemma's
            # dictionary (then looks up the words the workers will ask it about, see
            # _simplemma_lemmas: no worker loads it or builds its trie). Meanwhile this process
            # counts the words of the articles, until the workers are ready: they count the rest.
            starting = threading.Thread(target=process_pool, args=(workers,), kwargs={"warm": True})
            starting.start()
            aside = simplemma_aside()
            texts = list(todo.values())
            forms, asked = set(), set()
            counted = 0
            while counted < len(texts) and starting.is_alive():
                words_of(texts[counted:counted + 20], forms, asked)
                counted += 20
            starting.join()
            rest = texts[counted:]
            del texts
            n_parts = 2 * workers
            for part_forms, part_asked in process_pool(workers).map(words_of, [rest[i::n_parts] for i in range(n_parts)]
                                                                     if rest else []):
                forms |= part_forms
                asked |= part_asked
            del rest
            looked_up = _simplemma_lemmas(asked, store, aside)
            del asked
        else:
            forms = distinct_forms_of(list(todo.values()))
        resolve_readings(forms, morphology, store, workers, progress, only_store=parallel)
        del forms
        if parallel:
            simplemma = looked_up()
    from tqdm.auto import tqdm

    bar = tqdm(total=len(todo) - len(fresh), desc="lemmatising articles", unit="article",
               disable=engine == "dask" or not show_progress(progress, 0, len(todo)))
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
        pending.append((group, blobs, _submit_documents(new, overrides, morphology, workers if parallel else 1, store,
                                                        lexical_verbs, simplemma, lemma_model)))
        del new
        if len(pending) > 1 or not parallel:
            finish(*pending.pop(0))
    while pending:
        finish(*pending.pop(0))
    bar.close()
    del fresh, kept
    _release_arrow_memory()
    return Analysis(corpus, _token_table(corpus, rows, tables, stops), stops, store)


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
    store: AnalysisCache | None = None, lexical_verbs: bool = LEXICAL_VERBS,
    simplemma: Mapping[str, str | None] | None = None, lemma_model: str = "default",
) -> Callable[[], dict[str, bytes]]:
    """Start encoding the token columns of ``{key: content}``; the function returned waits for
    them and returns them.

    ``workers`` = 1: the work is done in this process, when the function is called. Otherwise
    it is split between ``workers`` processes, started now (longest articles dealt first). With
    a ``store``, each process reads the readings it lacks (and simplemma's lemmas) from the
    cache file itself; without, each part is sent the readings of its own forms and, from
    ``simplemma`` (:func:`_simplemma_lemmas`), the lemmas of its words.
    """
    if workers == 1 or not todo:
        by_surface: dict[str, tuple] = {}
        return lambda: {key: encode_tokens(tokens_for(content, morphology, overrides, lexical_verbs, by_surface, lemma_model))
                        for key, content in todo.items()}

    items = sorted(todo.items(), key=lambda kv: -len(kv[1]))
    n_parts = workers * 2
    jobs = []
    for part in (items[i::n_parts] for i in range(n_parts)):
        if not part:
            continue
        if store is not None:
            jobs.append(process_pool(workers).submit(encode_documents, part, None, overrides, str(store.path),
                                                      lexical_verbs, None, lemma_model))
            continue
        needed, asked = words_of([content for _, content in part])
        readings = {f: morphology.known_json(f) or readings_to_json(morphology.analyze(f)) for f in needed}
        given = {w: simplemma[w] for w in asked if w in simplemma} if simplemma else None
        jobs.append(process_pool(workers).submit(encode_documents, part, readings, overrides, None, lexical_verbs,
                                                  given, lemma_model))

    def collect() -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for job in jobs:
            out.update(job.result())
        jobs.clear()
        return out

    return collect
