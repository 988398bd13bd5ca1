"""Worker processes for :func:`toolkit.analyze` and how work is cut up for them.

``toolkit.analyze(corpus, workers=N)`` sends the new word forms and the articles to the
processes of :func:`process_pool`; :func:`simplemma_aside` looks up simplemma's lemmas in a
process of its own meanwhile. This module sits below :mod:`toolkit.analysis` and never
imports it.
"""

from __future__ import annotations

import atexit
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from toolkit.lemmas import simplemma_lemmas
from toolkit.tokens import build_analyzer

# Above these sizes ``progress=None`` shows a progress bar (a few seconds of work or more).
PROGRESS_FORMS = 5_000
PROGRESS_DOCUMENTS = 2_000

_pools: dict[int, ProcessPoolExecutor] = {}


def show_progress(progress: bool | None, n_forms: int, n_documents: int) -> bool:
    """Whether to show a progress bar: ``progress`` if given, else whether there are at least
    :data:`PROGRESS_FORMS` new word forms or :data:`PROGRESS_DOCUMENTS` articles to do."""
    if progress is None:
        return n_forms >= PROGRESS_FORMS or n_documents >= PROGRESS_DOCUMENTS
    return progress


def runs(items: list, n: int) -> list[list]:
    """``items`` cut into ``n`` consecutive runs of (nearly) equal length (none empty)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    cuts = [i * size + min(i, extra) for i in range(n + 1)]
    return [items[a:b] for a, b in zip(cuts, cuts[1:])]


def _usable(pool: ProcessPoolExecutor) -> bool:
    """Whether ``pool`` still takes work: a pool whose worker died refuses it from then on."""
    try:
        pool.submit(int)
    except (BrokenProcessPool, RuntimeError):
        return False
    return True


def process_pool(workers: int, *, warm: bool = False) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, started once and reused by later analyses.

    Processes are started with ``forkserver`` where available (``spawn`` elsewhere), never
    ``fork``: safe in Jupyter and with threads. The forkserver makes zeyrek's analyzer once,
    before it starts any worker (:mod:`toolkit._forkserver`), so every worker has it; with
    ``spawn`` each makes its own the first time it is given word forms (or, with ``warm``,
    right away, in the background), and keeps it. A pool whose worker died is replaced.
    As with any Python process pool, a script (not a notebook) that uses it needs the
    ``if __name__ == "__main__":`` guard around its top-level code.
    """
    pool = _pools.get(workers)
    if pool is None or not _usable(pool):
        pool = _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
        if warm:
            for _ in range(workers):
                pool.submit(build_analyzer)
    return pool


def running_pools() -> list[ProcessPoolExecutor]:
    """The pools :func:`process_pool` has started in this process and not shut down."""
    return list(_pools.values())


def _context():
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        # imported once in the server, not per worker; the second makes zeyrek there, so the
        # workers forked from it have it (if the server was started before, without, each
        # worker makes its own)
        context.set_forkserver_preload(["toolkit.tokens", "toolkit._forkserver"])
    return context


def simplemma_aside() -> ProcessPoolExecutor:
    """A process of its own that loads simplemma's dictionary now (≈0.8 s and ≈140 MB, unless
    its trie is built), to be given words to look up (:func:`toolkit.lemmas.simplemma_lemmas`);
    ``shutdown()`` it when done. Spawned, so it does not wait for the forkserver to make
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
