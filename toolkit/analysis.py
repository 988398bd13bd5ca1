"""Analysis: the tidy token table and the tables computed from it.

``analyze`` turns text, an :class:`~toolkit.corpus.Article` or a :class:`~toolkit.corpus.Corpus`
into an :class:`Analysis` whose ``tokens`` DataFrame has one row per word token
(punctuation excluded). Every table below is a pandas group-by over that table.

Conventions: ``count`` is a number of tokens; ``per_10k`` is ``count`` per 10,000 word tokens
of the analysed texts (stopwords included in the denominator); ``documents`` is the number
of articles with at least one occurrence.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.actors import actor_table as named_actors
from toolkit.cache import AnalysisCache, open_cache
from toolkit.corpus import Article, Corpus
from toolkit.dask_engine import encode_on_dask
from toolkit.errors import ArticleTooLargeError
from toolkit.framestats import actor_table, counted, dispersion_table, frame_lemma_table, frame_table, frame_token_table
from toolkit.keyness import collocation_table, keyness_table
from toolkit.kwic import coding_sheet, kwic_rows
from toolkit.lemmas import MODELS, simplemma_lemmas, simplemma_namespace
from toolkit.lexicon import Lexicon, UnknownFrameError, close_matches, default_lexicon
from toolkit.matching import TokenView, match_lexicon, match_term
from toolkit.morphology import (
    Morphology, default_morphology, readings_namespace, readings_to_json,
)
from toolkit.pool import process_pool, runs, show_progress, simplemma_aside
from toolkit.quotes import quote_table
from toolkit.terms import TERM_KINDS, term_columns, unit_starts, light_verbs as shipped_light_verbs
from toolkit.text import turkish_lower
from toolkit.tokens import (
    LEXICAL_VERBS, STRING_COLUMNS, TOKEN_COLUMNS, analyse_forms, collecting_less, decode_tokens, distinct_forms_of, encode_documents,
    encode_tokens, store_simplemma_lemmas, token_schema, tokens_for, words_of,
)
from toolkit.validity import recall_sheet


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
ANALYSIS_VERSION = "4"
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


def _resolve_readings(
    forms: set[str], morphology: Morphology, store: AnalysisCache | None, workers: int, progress: bool | None,
    only_store: bool = False,
) -> None:
    """Make ``morphology`` know every form: from memory, the cache, or zeyrek (in ``workers``
    processes); what the store lacks is written to it. ``only_store`` (with a store): the
    articles are lemmatised by worker processes that read the readings from the store, so this
    process does not keep them (at a million tokens of news, ≈0.1 M forms' readings).
    """
    namespace = readings_namespace()
    keep_here = store is None or not only_store
    stored = store.get_readings(namespace, sorted(forms)) if store is not None else {}
    new: dict[str, str] = {}  # readings the store lacks, known in memory
    missing = []
    for form in sorted(forms):
        if morphology.knows(form):
            if store is not None and form not in stored:
                new[form] = morphology.known_json(form)
        elif form in stored:
            if keep_here:
                morphology.remember(form, stored[form])
        else:
            missing.append(form)
    del stored
    if store is not None:
        store.put_readings(namespace, new)
    if missing:
        # each part is stored as soon as it is analysed, while the workers go on with the next
        store_part = (lambda found: store.put_readings(namespace, found)) if store is not None else None
        _analyse_missing(missing, morphology, workers, progress, store_part, keep_here)


def _analyse_missing(
    missing: list[str], morphology: Morphology, workers: int, progress: bool | None,
    store_part: Callable[[dict[str, str]], None] | None = None, remember: bool = True,
) -> None:
    """zeyrek's readings of forms nobody knows yet, each analysed once: ``morphology``
    remembers them (unless ``remember`` is False and they are analysed by workers), and
    ``store_part`` is given each part, as JSON, as soon as it is done."""
    from tqdm.auto import tqdm

    bar = tqdm(total=len(missing), desc="analysing new word forms", unit="form",
               disable=not show_progress(progress, len(missing), 0))
    parallel = workers > 1 and len(missing) >= 200

    def analysed_here() -> Iterator[dict[str, str]]:
        for chunk in runs(missing, -(-len(missing) // 1000)):
            found = morphology.analyze_many(chunk)  # (remembered there)
            yield {f: readings_to_json(found[f]) for f in chunk}

    if parallel:
        # Consecutive runs of the sorted forms, so that words with one stem are searched together
        # (Morphology.analyze_many); enough runs that no worker waits long for the last.
        parts = process_pool(workers).map(analyse_forms, runs(missing, workers * 16))
    else:
        parts = analysed_here()
    for found in parts:
        if parallel and remember:
            for form, text in found.items():
                morphology.remember(form, text)
        if store_part is not None:
            store_part(found)
        bar.update(len(found))
    bar.close()


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
        _resolve_readings(forms, morphology, store, workers, progress, only_store=parallel)
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


class Analysis:
    """The result of :func:`analyze`: the corpus, its token table and the tables derived from it."""

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame, stopwords: frozenset[str],
                 store: AnalysisCache | None = None) -> None:
        self.corpus = corpus
        self.tokens = tokens
        self.stopwords = stopwords
        self._store = store  # where the readings of the words are kept, for matching

    @property
    def tokens(self) -> pd.DataFrame:
        """The token table, one row per word: :data:`TOKEN_COLUMNS` plus, after ``lemma``,
        ``term`` (the canonical form of the multiword name or fixed expression the word belongs
        to, or its lemma) and ``term_kind`` (``name``, ``phrase`` or ``lemma``); see
        :mod:`toolkit.terms`. The two term columns are computed from the others the first
        time the table is read (≈0.15 s per 100,000 tokens), never stored in the cache."""
        t = self._tokens
        if "term" not in t.columns:
            term, kind = term_columns(t, {a.id: a.content for a in self.corpus})
            at = t.columns.get_loc("lemma") + 1
            t.insert(at, "term", term)
            t.insert(at + 1, "term_kind", kind)
        return t

    @tokens.setter
    def tokens(self, table: pd.DataFrame) -> None:
        self._tokens = table

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

    def lemma_frequencies(self, *, include_stopwords: bool = False, min_count: int = 1, by: str | None = None,
                          lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Lemma counts: ``lemma, count, per_10k, documents``, by count (then lemma) descending.

        Stopword lemmas are left out unless ``include_stopwords``; numbers are left out always.
        ``by="frame"`` adds ``frame``: the frame of ``lexicon`` (default: the shipped one) whose
        hits a lemma's tokens most often open (missing for lemmas outside every cue).
        """
        if by not in (None, "frame"):
            raise ValueError(f"by={by!r}: use None or 'frame'.")
        if by == "frame":
            lexicon = lexicon or default_lexicon()
            freqs = self.lemma_frequencies(include_stopwords=include_stopwords, min_count=min_count)
            return frame_lemma_table(self.tokens, freqs, self.frame_hits(lexicon), lexicon.names)
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

    def term_frequencies(self, *, kinds: Iterable[str] = TERM_KINDS, pos: Iterable[str] | None = ("Noun", "Adj"),
                         include_stopwords: bool = False, light_verbs: bool = False,
                         min_count: int = 1) -> pd.DataFrame:
        """Term counts: ``term, kind, count, per_10k, documents``, by count (then term) descending.

        A term is a multiword name (*Kuzey Kore*, *Kim Jong Un*), a fixed expression (*bir
        araya gelmek*) or the lemma of a word in neither (``kind`` ``name``, ``phrase`` or
        ``lemma``; see :mod:`toolkit.terms`); a unit of several words counts once. ``kinds``
        selects kinds; ``pos`` the parts of speech of ``lemma`` terms (default nouns and
        adjectives: content words; None for all). Numbers are left out always; stopwords unless
        ``include_stopwords``; the reporting and light verbs of
        :func:`toolkit.terms.light_verbs` (*söylemek*, *yapmak* …) unless ``light_verbs``.
        ``per_10k`` is per 10,000 word tokens, as in :meth:`lemma_frequencies`.
        """
        kinds = list(kinds)
        unknown = sorted(set(kinds) - set(TERM_KINDS))
        if unknown:
            raise ValueError(f"Unknown term kind {unknown[0]!r}: use some of {', '.join(TERM_KINDS)}.")
        t = self.tokens
        kind = t["term_kind"].astype(str).to_numpy()
        keep = unit_starts(t) & np.isin(kind, kinds)
        is_lemma = kind == "lemma"
        drop = t["pos"].to_numpy() == "Num"
        if pos is not None:
            drop |= is_lemma & ~t["pos"].isin(list(pos)).to_numpy()
        if not include_stopwords:
            drop |= is_lemma & t["is_stop"].to_numpy()
        if not light_verbs:
            drop |= t["term"].isin(list(shipped_light_verbs())).to_numpy()
        sel = t.loc[keep & ~drop, ["term", "term_kind", "doc_id"]]
        grouped = sel.groupby(["term", "term_kind"], observed=True)
        out = pd.DataFrame({"count": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
        out = out.rename(columns={"term_kind": "kind"})
        out["term"] = out["term"].astype(str)
        out["kind"] = out["kind"].astype(str)
        out.insert(3, "per_10k", out["count"] * 10_000 / max(len(t), 1))
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)

    @cached_property
    def _view(self) -> TokenView:
        """The matcher's view of the token table, built once and shared by every frame and term table."""
        morphology = default_morphology()
        if self._store is not None:  # read back whole, the articles left their readings in the cache
            surfaces = self.tokens["surface"]
            written = surfaces.cat.categories if isinstance(surfaces.dtype, pd.CategoricalDtype) else surfaces.unique()
            forms = {turkish_lower(str(w).replace("'", "").replace("’", "")) for w in written}
            _resolve_readings(forms, morphology, self._store, 1, False)
        return TokenView(self.tokens, morphology, self._texts)

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {a.id: a.content for a in self.corpus}

    def _matches(self, term: str, derivations: bool = False, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Occurrences of ``term`` (a lemma, or words such as ``iş birliği`` / ``endişe duy-``),
        one row each (columns of :func:`toolkit.matching.match_term`), computed once per term.

        A term with no occurrence whose name is close to a frame of ``lexicon`` is taken for a
        misspelt frame name: :class:`~toolkit.lexicon.UnknownFrameError` with the close names.
        """
        cache = self.__dict__.setdefault("_term_hits", {})
        if (term, derivations) not in cache:
            cache[term, derivations] = match_term(self._view, term, derivations=derivations)
        found = cache[term, derivations]
        if found.empty:
            hint = close_matches(term, (lexicon or default_lexicon()).names)
            if hint:
                raise UnknownFrameError(f"No frame or term {term!r} found{hint}; check the spelling.")
        return found

    def term_counts(self, terms: Iterable[str], *, by: str | None = None, derivations: bool = False) -> pd.DataFrame:
        """For each term (a lemma such as ``endişe``, or a lemma sequence such as ``iş birliği``):
        ``count`` of its occurrences in any inflected form, ``negated`` how many of those are
        negated (:mod:`toolkit.negation`), and ``forms`` the distinct surface forms seen. Words
        derived from the term (``endişeli`` from ``endişe``) count only with ``derivations=True``.

        ``by="document"``: one row per (term, doc_id) with at least one occurrence.
        """
        if by not in (None, "document"):
            raise ValueError(f"by={by!r}: use None (one row per term) or 'document'.")
        rows = []
        for term in terms:
            m = self._matches(term, derivations)
            if by and m.empty:
                continue
            for doc_id, g in (m.groupby("doc_id", observed=True) if by else [(None, m)]):
                forms = sorted(set(g["surface"].astype(str)), key=turkish_lower)
                row = {"term": term, "count": len(g), "negated": int(g["negated"].sum()), "forms": ", ".join(forms)}
                rows.append({"term": term, "doc_id": doc_id, **row} if by else row)
        cols = ["term", "doc_id", "count", "negated", "forms"] if by else ["term", "count", "negated", "forms"]
        return pd.DataFrame(rows, columns=cols)

    def kwic(self, term: str, *, window: int = 6, lexicon: Lexicon | None = None,
             derivations: bool = False) -> pd.DataFrame:
        """Every occurrence of ``term`` in context: ``doc_id, source, date, left, keyword, right, negated, start``.

        ``term`` is a lemma, a word sequence (``iş birliği``) or the name of a frame of
        ``lexicon`` (default: the shipped lexicon); for a frame every hit is shown, with extra
        columns ``frame``, ``cue``, ``negation`` and ``in_name``. ``window`` is the number of
        words shown on each side, within the sentence; the text between them is shown as
        written (punctuation kept).
        """
        lexicon = lexicon or default_lexicon()
        if term in lexicon:
            hits = self.frame_hits(lexicon)
            hits = hits[hits["frame"] == term]
        else:
            hits = self._matches(term, derivations, lexicon)
        return kwic_rows(self.tokens, self.documents, self._texts, hits, window, self._view.unit)

    # --- framing: thin methods over toolkit.lexicon / matching / framestats / kwic ------------

    def frame_hits(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Every occurrence of a cue of ``lexicon`` (default: the shipped one), one row each.

        Columns ``doc_id, sentence, frame, cue, first, last, tokens, start, end, surface,
        negated, negation, in_name``; see :func:`toolkit.matching.match_lexicon`. Computed once
        per lexicon.
        """
        lexicon = lexicon or default_lexicon()
        cache = self.__dict__.setdefault("_frame_hits", {})
        if id(lexicon) not in cache:
            cache[id(lexicon)] = (lexicon, match_lexicon(self._view, lexicon))
        return cache[id(lexicon)][1]

    def frames(self, lexicon: Lexicon | None = None, *, by: str | list[str] | None = None,
               include_names: bool = False) -> pd.DataFrame:
        """Frame hits per document, or per group.

        ``by=None``: one row per (document, frame): ``doc_id, source, date, frame, hits,
        negated, names, n_tokens, per_10k, present``. ``by`` may name document columns
        (``"source"``), periods of the date (``"year"``, ``"quarter"``, ``"month"``, ``"week"``,
        ``"day"``), a list of them (``["source", "month"]``), or ``"corpus"`` for one row per
        frame. Grouped rows: ``<by…>, frame, hits, negated, names, per_10k, documents,
        n_documents, share, n_tokens``.

        ``hits`` counts plain occurrences; ``negated`` the negated ones; ``names`` those inside
        a multiword proper name (*Ağır Ceza Mahkemesi*), which ``hits`` and ``negated`` leave
        out unless ``include_names``; ``per_10k`` is hits per 10,000 word tokens of the group;
        ``share`` the fraction of the group's articles with at least one plain hit.
        """
        lexicon = lexicon or default_lexicon()
        return frame_table(self.documents, self.frame_hits(lexicon), lexicon.names, by, include_names)

    def frame_tokens(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """The token table plus ``frame`` (frame names joined by ``|``, or missing), ``cue``
        and ``frame_negated`` (the token belongs to a negated hit)."""
        return frame_token_table(self.tokens, self.frame_hits(lexicon))

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
        return collocation_table(self.tokens, match_term(self._view, term), window, min_count, include_stopwords)

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
        return keyness_table(self.tokens, self.documents, target, reference, min_count, include_stopwords)

    def actor_frames(self, lexicon: Lexicon | None = None, *, actors: list[str] | None = None, n_actors: int = 12,
                     window: int | None = None) -> pd.DataFrame:
        """Which frames appear near which actors: ``actor, frame, hits, negated, contexts,
        contexts_with_frame, share``.

        ``actors`` are lemmas or name terms (proper nouns keep their capital: ``Putin``,
        ``ABD``, ``Kim Jong Un``); by default the ``n_actors`` most mentioned of
        :meth:`actors`. A context is a sentence
        mentioning the actor (``window=None``) or ``window`` words either side of each
        mention. ``share`` = contexts with at least one plain hit of the frame / contexts.
        Hits inside proper names are left out.
        """
        lexicon = lexicon or default_lexicon()
        if actors is None:
            actors = self.actors()["actor"].head(n_actors).tolist()
        return actor_table(self.tokens, counted(self.frame_hits(lexicon)), lexicon.names, actors, n_actors, window)

    def actors(self, *, min_count: int = 1) -> pd.DataFrame:
        """The people, countries and organisations named: ``actor, kind, count, documents``,
        most mentioned first; see :func:`toolkit.actors.actor_table`."""
        return named_actors(self.tokens, min_count=min_count)

    def quotes(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Reported speech: ``doc_id, kind, speaker, verb, quote, start, end, frames``, one row
        per quotation (``direct``: in quotation marks with a speech verb, *"…" dedi*;
        ``according_to``: *X'e göre …*); ``frames`` lists the frames of ``lexicon`` (default:
        the shipped one) with a cue inside the quote. See :mod:`toolkit.quotes`."""
        return quote_table(self.tokens, self._texts, counted(self.frame_hits(lexicon)))

    def dispersion(self, terms: list[str], lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Where each term (a lemma, word sequence or frame name) occurs: ``term, doc_id,
        doc_index, source, relative_position, negated``; ``relative_position`` is the
        token offset within the article divided by its length (0 = first word, → 1 = last)."""
        lexicon = lexicon or default_lexicon()
        parts = []
        for term in terms:
            if term in lexicon:
                h = counted(self.frame_hits(lexicon))
                h = h[h["frame"] == term]
            else:
                h = self._matches(term, lexicon=lexicon)
            parts.append(h.assign(term=term))
        return dispersion_table(self.tokens, self.documents, pd.concat(parts, ignore_index=True))

    def coding_sheet(self, lexicon: Lexicon | None = None, *, per_frame: int = 20, seed: int = 0,
                     window: int = 10) -> pd.DataFrame:
        """Sampled KWIC lines per frame with empty coder columns; see :func:`toolkit.kwic.coding_sheet`.
        Write it with :func:`toolkit.report.write_table` (``.csv`` or ``.xlsx``); read it back,
        coded, with :func:`toolkit.validate`."""
        lexicon = lexicon or default_lexicon()
        return coding_sheet(self.tokens, self.documents, self._texts, self.frame_hits(lexicon), lexicon.names,
                            per_frame=per_frame, seed=seed, window=window, unit=self._view.unit)

    def recall_sheet(self, lexicon: Lexicon | None = None, *, n: int = 200, seed: int = 0) -> pd.DataFrame:
        """A random sample of ``n`` sentences without any hit of ``lexicon``, with an empty
        ``frames_present`` column where a coder writes the frames missed; see
        :func:`toolkit.validity.recall_sheet`. Read it back with ``toolkit.validate(sheet, recall=...)``."""
        return recall_sheet(self.tokens, self._texts, self.frame_hits(lexicon), n=n, seed=seed)

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
