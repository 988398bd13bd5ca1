"""Analysing corpora beyond one process: worker processes, a Dask cluster, Parquet on disk.

Every path does the same two phases as :func:`toolkit.analyze` in one process, so the
token table (and every count from it) is identical:

1. count the distinct word forms of the new articles, and analyse each form not already in
   memory or in the cache exactly once — the forms, not the articles, are split between
   workers, so no two workers analyse the same common word;
2. tokenise and lemmatise the articles (lemma choice needs each sentence), the articles
   split between workers, each sent the readings of its own forms.

``toolkit.analyze(corpus, workers=4)`` uses :func:`process_pool`;
``toolkit.analyze(corpus, engine="dask", client=client)`` uses :func:`encode_on_dask`;
:func:`analyze_to_parquet` streams a corpus to a Parquet folder one batch of articles at a
time, for corpora whose token table does not fit in memory.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from toolkit.analysis import Analysis, _as_corpus, _runs, _show_progress, analyze
from toolkit.cache import AnalysisCache
from toolkit.corpus import Article, Corpus
from toolkit.lemmas import simplemma_lemmas
from toolkit.morphology import default_morphology, readings_namespace
from toolkit.tokens import analyse_forms, build_analyzer, distinct_forms_of, encode_documents

_pools: dict[int, ProcessPoolExecutor] = {}


def process_pool(workers: int, *, warm: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, started once and reused by later analyses.

    Processes are started with ``forkserver`` where available (``spawn`` elsewhere), never
    ``fork``: safe in Jupyter and with threads. The forkserver builds zeyrek's analyzer once,
    before it starts any worker (:mod:`toolkit._forkserver`), so every worker has it; with
    ``spawn`` each builds its own the first time it is given word forms (or, with ``warm``,
    right away, in the background), and keeps it.
    As with any Python process pool, a script (not a notebook) that uses it needs the
    ``if __name__ == "__main__":`` guard around its top-level code.
    """
    pool = _pools.get(workers)
    if pool is None or pool._broken:  # a pool whose worker died cannot be used again: start anew
        pool = _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
        if warm:
            for _ in range(workers):
                pool.submit(build_analyzer)
    return pool


def _context():
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # imported once in the server, not per worker; the second builds zeyrek there, so the
        # workers forked from it have it (if the server was started before, without, each
        # worker builds its own)
        context.set_forkserver_preload(["toolkit.tokens", "toolkit._forkserver"])
    return context


def simplemma_aside() -> ProcessPoolExecutor:
    """A process of its own that loads simplemma's dictionary now (≈0.8 s and ≈140 MB, unless
    its trie is built), to be given words to look up (:func:`toolkit.lemmas.simplemma_lemmas`);
    ``shutdown()`` it when done. Spawned, so it does not wait for the forkserver to build
    zeyrek; the memory goes back to the system when it ends.
    """
    aside = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    aside.submit(simplemma_lemmas, ["ev"])  # its first word loads the dictionary
    return aside


@atexit.register
def _shutdown_pools() -> None:
    for pool in _pools.values():
        pool.shutdown(wait=False, cancel_futures=True)
    _pools.clear()


def _partition_forms(documents: list[tuple[str, str]]) -> list[str]:
    """Sorted distinct word forms of a partition's ``(key, content)`` documents."""
    return sorted(distinct_forms_of([content for _, content in documents]))


def _partitions(todo: Mapping[str, str], n: int) -> list[list[tuple[str, str]]]:
    """``n`` partitions of similar size in characters (longest articles dealt first)."""
    items = sorted(todo.items(), key=lambda kv: -len(kv[1]))
    parts: list[list[tuple[str, str]]] = [[] for _ in range(min(n, len(items)))]
    sizes = [0] * len(parts)
    for item in items:
        i = sizes.index(min(sizes))
        parts[i].append(item)
        sizes[i] += len(item[1])
    return parts


def encode_on_dask(
    todo: Mapping[str, str],
    overrides: Mapping[str, str] | None,
    *,
    client=None,
    store: AnalysisCache | None = None,
    progress: bool | None = None,
    partitions: int | None = None,
    lexical_verbs: bool = False,
    lemma_model: str = "default",
) -> dict[str, bytes]:
    """Encoded token columns for ``{document key: content}``, computed on a Dask cluster.

    ``client`` is a ``distributed.Client`` (default: the current one, e.g. after
    ``Client("tcp://scheduler:8786")``). Articles go out in ``partitions`` (default: twice
    the cluster's threads); the distinct forms they contain come back, are looked up in this
    machine's cache, and only the unknown ones are analysed — each once, in chunks spread
    over the cluster. Workers need the toolkit installed; they need no shared disk.
    """
    from distributed import get_client
    from tqdm.auto import tqdm

    client = client or get_client()
    threads = sum(client.nthreads().values()) or 1
    parts = _partitions(todo, partitions or 2 * threads)
    morphology = default_morphology()
    part_forms = client.gather(client.map(_partition_forms, parts, pure=False))
    forms = set().union(*map(set, part_forms))
    readings: dict[str, str] = {}
    unknown = []
    for form in sorted(forms):
        known = morphology.known_json(form)
        if known is None:
            unknown.append(form)
        else:
            readings[form] = known
    namespace = readings_namespace()
    if store is not None and unknown:
        readings.update(store.get_readings(namespace, unknown))
        unknown = [f for f in unknown if f not in readings]
    if unknown:
        bar = tqdm(total=len(unknown), desc="analysing new word forms", unit="form",
                   disable=not _show_progress(progress, len(unknown), 0))
        # consecutive runs of the (sorted) forms: words with one stem are searched together
        chunks = _runs(unknown, max(1, min(len(unknown) // 50, 8 * threads)))
        new = _gather(client.map(analyse_forms, chunks, pure=False), bar)
        readings.update(new)
        for form, text in new.items():
            morphology.remember(form, text)
        if store is not None:
            store.put_readings(namespace, new)
    bar = tqdm(total=len(todo), desc="lemmatising articles", unit="article",
               disable=not _show_progress(progress, 0, len(todo)))
    futures = [
        client.submit(encode_documents, part, {f: readings[f] for f in forms_}, overrides, None, lexical_verbs,
                      None, lemma_model, pure=False)
        for part, forms_ in zip(parts, part_forms)
    ]
    return _gather(futures, bar)


def _gather(futures, bar) -> dict:
    """The dicts the Dask ``futures`` return, merged as they complete; ``bar`` counts their items."""
    from distributed import as_completed

    out: dict = {}
    for future in as_completed(futures):
        found = future.result()
        out.update(found)
        bar.update(len(found))
    bar.close()
    return out


def analyze_to_parquet(
    data,
    path: str | os.PathLike,
    *,
    batch_articles: int = 500,
    **analyze_options,
) -> Path:
    """Analyse a corpus ``batch_articles`` articles at a time, writing one Parquet file per batch.

    ``path`` is a folder (created; ``part-00000.parquet``, ``part-00001.parquet``, …), readable
    whole with ``pandas.read_parquet(path)``; only one batch's token table is in memory at a
    time. ``data`` is anything :func:`toolkit.analyze` takes, or an iterable of
    :class:`~toolkit.corpus.Article`; ``analyze_options`` (``workers``, ``engine``, ``cache``,
    ``overrides`` …) are passed on. Returns ``path``.
    """
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    batch = []
    number = 0
    for article in _iter_articles(data):
        batch.append(article)
        if len(batch) == batch_articles:
            _write_batch(batch, out, number, analyze_options)
            batch, number = [], number + 1
    if batch or number == 0:
        _write_batch(batch, out, number, analyze_options)
    return out


def _iter_articles(data) -> Iterable[Article]:
    if isinstance(data, (str, Article)):
        yield from _as_corpus(data)
        return
    for i, a in enumerate(data):
        yield a if isinstance(a, Article) else Article(id=f"text-{i + 1}", text=str(a))


def _write_batch(batch: list, out: Path, number: int, options: dict) -> None:
    analysis: Analysis = analyze(Corpus(batch), **options)
    analysis.to_parquet(out / f"part-{number:05d}.parquet")

