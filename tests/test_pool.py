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


TEXT = "Kremlin'den açıklama gelmedi. Bakan yaptırımları kaldırdı; endişe duymuyoruz dedi."


def test_auto_workers_stay_in_this_process_for_little_new_text(monkeypatch):
    import toolkit.analysis

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a few words")

    monkeypatch.setattr(toolkit.analysis, "process_pool", no_pool)
    monkeypatch.setattr(toolkit.analysis, "simplemma_aside", no_pool)
    a = toolkit.analysis.analyze(TEXT, cache=False)
    assert "kaldırmak" in set(a.tokens["lemma"])


def test_auto_workers_use_the_pool_for_enough_new_text_with_the_same_table(monkeypatch):
    import toolkit.analysis

    one = toolkit.analysis.analyze([TEXT, TEXT + " Yeni."], cache=False, workers=1).tokens
    started = []
    real_pool = toolkit.analysis.process_pool

    def pool(workers, **kwargs):
        started.append(workers)
        return real_pool(workers, **kwargs)

    monkeypatch.setattr(toolkit.analysis, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(toolkit.analysis, "auto_workers", lambda: 2)
    monkeypatch.setattr(toolkit.analysis, "process_pool", pool)
    auto = toolkit.analysis.analyze([TEXT, TEXT + " Yeni."], cache=False).tokens
    assert started and set(started) == {2}
    assert auto.equals(one)


def test_auto_workers_is_at_least_one_and_at_most_the_cap():
    from toolkit.analysis import MAX_AUTO_WORKERS, auto_workers

    assert 1 <= auto_workers() <= MAX_AUTO_WORKERS


@pytest.mark.parametrize("workers", [0, -1, "two", 1.5])
def test_bad_workers_are_refused_in_one_sentence(workers):
    import toolkit.analysis

    with pytest.raises(ValueError, match="workers="):
        toolkit.analysis.analyze(TEXT, cache=False, workers=workers)
