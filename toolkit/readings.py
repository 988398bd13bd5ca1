"""Making the morphology know every word form an analysis needs: from memory, the analysis
cache, or zeyrek (in this process or in the worker processes of :mod:`toolkit.pool`), each form
analysed once and what the cache lacks written to it. Used by :func:`toolkit.analysis.analyze`
before lemmatising and by :class:`toolkit.result.Analysis` before matching cues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from toolkit.cache import AnalysisCache
from toolkit.morphology import Morphology, readings_namespace, readings_to_json
from toolkit.pool import process_pool, runs, show_progress
from toolkit.tokens import analyse_forms


def resolve_readings(
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
        analyse_missing(missing, morphology, workers, progress, store_part, keep_here)


def analyse_missing(
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
