"""Speed machinery that must not change results: the cache, worker processes, Dask, Parquet.

No timings here (see benchmarks/throughput.py); these tests assert that every fast path
gives the same token table as one plain process, and that the cache survives abuse.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings

import pandas as pd
import pytest

import toolkit
import toolkit.analysis
import toolkit.tokens
import toolkit.morphology
from toolkit.cache import AnalysisCache, CacheWarning, open_cache
from toolkit.morphology import Morphology, readings_namespace

from conftest import DEMO, ROOT


@pytest.fixture(scope="module")
def demo():
    return toolkit.load_corpus(DEMO)


@pytest.fixture(scope="module")
def one_process(demo):
    return toolkit.analyze(demo, cache=False, morphology=Morphology())


def lemma_counts(analysis) -> pd.DataFrame:
    return analysis.lemma_frequencies(include_stopwords=True)


def test_two_processes_give_the_same_token_table(demo, one_process, monkeypatch):
    # Fresh readings and a low threshold: both phases really run in the two workers.
    monkeypatch.setattr(toolkit.analysis, "PARALLEL_MIN_CHARS", 0)
    two = toolkit.analyze(demo, cache=False, workers=2, morphology=Morphology())
    pd.testing.assert_frame_equal(lemma_counts(two), lemma_counts(one_process))
    pd.testing.assert_frame_equal(two.tokens, one_process.tokens)


def test_two_processes_reading_the_cache_give_the_same_token_table(demo, one_process, monkeypatch, tmp_path):
    # With a cache, the lemmatising workers fetch the readings they lack from the cache file,
    # and this process, which lemmatises nothing, keeps none of them (memory at 1M tokens).
    monkeypatch.setattr(toolkit.analysis, "PARALLEL_MIN_CHARS", 0)
    here = Morphology()
    two = toolkit.analyze(demo, cache=tmp_path, workers=2, morphology=here)
    pd.testing.assert_frame_equal(two.tokens, one_process.tokens)
    assert AnalysisCache(tmp_path).stats()["readings"] > 5000 and not here._memo


def test_runs_of_articles_in_flight_together_give_the_same_token_table(demo, one_process, monkeypatch, tmp_path):
    # Small runs: while one run is stored and tabled, the next is already in the workers.
    monkeypatch.setattr(toolkit.analysis, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(toolkit.analysis, "GROUP_DOCUMENTS", 7)
    two = toolkit.analyze(demo, cache=tmp_path, workers=2, morphology=Morphology())
    pd.testing.assert_frame_equal(two.tokens, one_process.tokens)


def test_dask_local_cluster_gives_the_same_token_table(demo, one_process, monkeypatch):
    distributed = pytest.importorskip("distributed")
    # The cluster's threads share this process's analyzer: start it empty so they analyse.
    monkeypatch.setattr(toolkit.morphology, "_default", Morphology())
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = toolkit.analyze(demo, cache=False, engine="dask", client=client)
    pd.testing.assert_frame_equal(lemma_counts(on_dask), lemma_counts(one_process))
    pd.testing.assert_frame_equal(on_dask.tokens, one_process.tokens)


def test_cached_rerun_is_identical_and_reads_articles_back(demo, one_process, tmp_path, monkeypatch):
    first = toolkit.analyze(demo, cache=tmp_path)
    stats = AnalysisCache(tmp_path).stats()
    assert stats["documents"] == len(demo) and stats["readings"] > 5000
    monkeypatch.setattr(toolkit.analysis, "tokens_for", lambda *a: pytest.fail("an article was re-analysed"))
    again = toolkit.analyze(demo, cache=tmp_path, morphology=Morphology())
    pd.testing.assert_frame_equal(first.tokens, one_process.tokens)
    pd.testing.assert_frame_equal(again.tokens, one_process.tokens)


_WARM = """
import sys, toolkit
from toolkit.morphology import default_morphology
a = toolkit.analyze(toolkit.load_corpus(sys.argv[1]))
print(default_morphology().is_built, len(a.tokens), a.lemma_frequencies().head(20).to_json())
"""


def test_warm_rerun_in_a_fresh_process_never_builds_zeyrek(tmp_path):
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-c", _WARM, str(DEMO)]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split(" ", 2)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split(" ", 2)
    assert cold[0] == "True" and warm[0] == "False"
    assert cold[1:] == warm[1:]


_WARM_FRAMES = """
import sys, toolkit
from toolkit.morphology import default_morphology
a = toolkit.analyze("Ermenilerin silâhsızından korkuyorum. Putin'i davet etti, hâlâ bekliyor.")
hits = a.frame_hits()
print(default_morphology().is_built, list(hits["surface"]))
"""


def test_frames_of_a_warm_rerun_never_build_zeyrek(tmp_path):
    """Matching reads a word as lemma choice does (a circumflexed word by its plain spelling, a
    name by the part before its apostrophe): those readings come from the cache too."""
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path)}
    run = [sys.executable, "-c", _WARM_FRAMES]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split(" ", 1)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert cold[0] == "True" and warm[0] == "False"
    assert cold[1] == warm[1]


def test_new_article_reuses_cached_readings_without_building_zeyrek(tmp_path):
    toolkit.analyze("Yaptırımlar ağırlaştı. Putin'i davet etti.", cache=tmp_path, morphology=Morphology())
    fresh = Morphology()
    a = toolkit.analyze("Putin'i davet etti. Yaptırımlar ağırlaştı.", cache=tmp_path, morphology=fresh)
    assert not fresh.is_built
    plain = toolkit.analyze("Putin'i davet etti. Yaptırımlar ağırlaştı.", cache=False, morphology=Morphology())
    pd.testing.assert_frame_equal(a.tokens, plain.tokens)


def test_overrides_and_models_are_part_of_the_article_key(tmp_path):
    text = "Yüz kişi geldi."
    plain = toolkit.analyze(text, cache=tmp_path)
    overridden = toolkit.analyze(text, cache=tmp_path, overrides={"Yüz": "yüz (sayı)"})
    assert plain.tokens["lemma"].astype(str).iloc[0] != "yüz (sayı)"
    assert overridden.tokens["lemma"].astype(str).iloc[0] == "yüz (sayı)"
    assert toolkit.analysis.document_key(text) != toolkit.analysis.document_key(text, {"Yüz": "yüz"})


def test_cache_false_writes_nothing_and_cache_path_is_used(tmp_path):
    toolkit.analyze("Kremlin'den açıklama gelmedi.", cache=False)
    assert not any(tmp_path.iterdir())
    toolkit.analyze("Kremlin'den açıklama gelmedi.", cache=tmp_path / "mine")
    assert (tmp_path / "mine" / "analysis.sqlite").exists()


def test_default_cache_location_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path / "env"))
    assert open_cache(True).path == tmp_path / "env" / "analysis.sqlite"


def test_garbage_cache_file_is_set_aside_with_a_warning(tmp_path):
    (tmp_path / "analysis.sqlite").write_bytes(b"not a database at all " * 500)
    with pytest.warns(CacheWarning, match="unreadable"):
        a = toolkit.analyze("Kremlin'den açıklama gelmedi.", cache=AnalysisCache(tmp_path))
    assert list(a.tokens["lemma"].astype(str))[:1] == ["Kremlin"]
    assert (tmp_path / "analysis.sqlite.corrupt").exists()
    assert AnalysisCache(tmp_path).stats()["documents"] == 1


def test_cache_damaged_after_opening_is_rebuilt_not_fatal(demo, tmp_path):
    toolkit.analyze(demo, cache=tmp_path)
    open_cache(tmp_path).close()  # the last connection: SQLite folds the WAL into the file
    path = tmp_path / "analysis.sqlite"
    data = bytearray(path.read_bytes())
    data[4096:len(data) // 2] = os.urandom(len(data) // 2 - 4096)  # pages overwritten, header intact
    path.write_bytes(bytes(data))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = toolkit.analyze(demo, cache=AnalysisCache(tmp_path))
    assert any(issubclass(w.category, CacheWarning) for w in caught)
    assert len(again.tokens) > 20_000


_WRITER = """
import sys
from toolkit.cache import AnalysisCache
store = AnalysisCache(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    store.put_readings("kill-test", {f"form{i}-{j}": "[]" for j in range(2000)})
    i += 1
"""


def test_sigkill_during_writes_leaves_a_usable_cache(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)  # no corruption: WAL makes each batch atomic
        store = AnalysisCache(tmp_path)
        rows = store.stats()["readings"]
        assert rows > 0 and rows % 2000 == 0
        toolkit.analyze("Kremlin'den açıklama gelmedi.", cache=store)


_CONCURRENT = """
import sys, toolkit
for i in range(3):
    toolkit.analyze(sys.argv[2] + f" {i}. deneme.", cache=sys.argv[1])
print(len(toolkit.analysis.open_cache(sys.argv[1]).get_documents([])))
"""


def test_two_processes_share_one_cache(tmp_path):
    texts = ["Kim ve Putin görüştü, yaptırımlar konuşuldu", "Bakanlar toplantısında endişeler dile getirildi"]
    procs = [subprocess.Popen([sys.executable, "-c", _CONCURRENT, str(tmp_path), t], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for t in texts]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    store = AnalysisCache(tmp_path)
    assert store.stats()["documents"] == 6
    assert set(store.get_readings(readings_namespace(), ["yaptırımlar", "endişeler"])) == {"yaptırımlar", "endişeler"}


def test_token_table_round_trips_through_parquet(one_process, tmp_path):
    path = one_process.to_parquet(tmp_path / "tokens.parquet")
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, one_process.tokens, check_categorical=False)
    assert list(back.dtypes) == list(one_process.tokens.dtypes)


def test_streaming_to_parquet_gives_the_same_counts(demo, one_process, tmp_path):
    from toolkit.scale import analyze_to_parquet

    folder = analyze_to_parquet(demo, tmp_path / "parts", batch_articles=20, cache=False)
    assert sorted(p.name for p in folder.iterdir()) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    tokens = pd.read_parquet(folder)
    assert len(tokens) == len(one_process.tokens)
    stream = tokens.groupby(tokens["lemma"].astype(str)).size().sort_index()
    whole = one_process.tokens.groupby(one_process.tokens["lemma"].astype(str)).size().sort_index()
    pd.testing.assert_series_equal(stream, whole)
    streamed_terms = tokens.groupby([tokens["term"].astype(str), tokens["term_kind"].astype(str)]).size()
    whole_terms = one_process.tokens.groupby([one_process.tokens["term"].astype(str),
                                              one_process.tokens["term_kind"].astype(str)]).size()
    pd.testing.assert_series_equal(streamed_terms.sort_index(), whole_terms.sort_index())


def test_progress_bar_only_when_asked(capsys, tmp_path):
    morphology = Morphology()
    toolkit.analyze("Kim ve Putin görüştü.", cache=False, progress=True, morphology=morphology)
    assert "analysing new word forms" in capsys.readouterr().err
    toolkit.analyze("Bakan geldi.", cache=False, progress=None, morphology=morphology)  # small: no bar
    toolkit.analyze("Elçi gitti.", cache=False, progress=False, morphology=morphology)
    assert capsys.readouterr().err == ""


def test_bad_options_say_what_to_do():
    with pytest.raises(ValueError, match="workers=0"):
        toolkit.analyze("Kim geldi.", workers=0)
    with pytest.raises(ValueError, match="engine='spark'"):
        toolkit.analyze("Kim geldi.", engine="spark")


def test_collector_runs_less_often_while_analysing_and_is_restored(monkeypatch):
    import gc

    before = gc.get_threshold()
    seen = []
    tokens_for = toolkit.analysis.tokens_for

    def spy(*args):
        seen.append(gc.get_threshold())
        return tokens_for(*args)

    monkeypatch.setattr(toolkit.analysis, "tokens_for", spy)
    toolkit.analyze("Kremlin'den açıklama gelmedi.", cache=False)
    assert seen and seen[0][0] == toolkit.tokens.GC_THRESHOLD and seen[0][1:] == before[1:]
    assert gc.get_threshold() == before


def test_notes_are_kept_once_and_apart_from_the_schema(tmp_path):
    store = AnalysisCache(tmp_path)
    assert store.get_note("lexicon forms x") is None
    store.put_note("lexicon forms x", "kedi\nköpek")
    store.put_note("lexicon forms x", "other")  # write-once, like every row of the cache
    store.put_note("schema", "999")  # a note never touches the schema row
    assert AnalysisCache(tmp_path).get_note("lexicon forms x") == "kedi\nköpek"
    assert AnalysisCache(tmp_path).get_note("schema") == "999"
