"""Analysing on a Dask cluster: :func:`encode_on_dask`, which ``toolkit.analyze(corpus,
engine="dask", client=client)`` uses.

It does the same two phases as :func:`toolkit.analyze` in one process, so the token table
(and every count from it) is identical: the distinct word forms of the articles are counted on
the cluster, each form not already known is analysed once, and the articles are lemmatised in
partitions, each sent the readings of its own forms. This module sits below
:mod:`toolkit.analysis` and never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping

from toolkit.cache import AnalysisCache
from toolkit.morphology import default_morphology, readings_namespace
from toolkit.pool import runs, show_progress
from toolkit.tokens import LEXICAL_VERBS, analyse_forms, distinct_forms_of, encode_documents


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
    lexical_verbs: bool = LEXICAL_VERBS,
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
                   disable=not show_progress(progress, len(unknown), 0))
        # consecutive runs of the (sorted) forms: words with one stem are searched together
        chunks = runs(unknown, max(1, min(len(unknown) // 50, 8 * threads)))
        new = _gather(client.map(analyse_forms, chunks, pure=False), bar)
        readings.update(new)
        for form, text in new.items():
            morphology.remember(form, text)
        if store is not None:
            store.put_readings(namespace, new)
    bar = tqdm(total=len(todo), desc="lemmatising articles", unit="article",
               disable=not show_progress(progress, 0, len(todo)))
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
