"""The worker pool and how work is cut up for it (toolkit/pool.py)."""

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from toolkit.pool import process_pool, running_pools, runs, show_progress


def test_a_pool_whose_worker_died_is_replaced():
    pool = process_pool(1)
    assert pool.submit(abs, -3).result() == 3
    with pytest.raises(BrokenProcessPool):
        pool.submit(os._exit, 1).result()
    again = process_pool(1)
    assert again is not pool
    assert again.submit(abs, -4).result() == 4
    assert again in running_pools() and pool not in running_pools()


def test_a_working_pool_is_reused():
    assert process_pool(1) is process_pool(1)


def test_runs_are_consecutive_nearly_equal_and_never_empty():
    items = list(range(10))
    parts = runs(items, 3)
    assert parts == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    assert runs(items[:2], 5) == [[0], [1]]
    assert runs([], 4) == [[]]


def test_progress_bar_only_for_big_jobs_unless_asked():
    assert not show_progress(None, 10, 10)
    assert show_progress(None, 5_000, 0) and show_progress(None, 0, 2_000)
    assert show_progress(True, 0, 0) and not show_progress(False, 10**6, 10**6)
