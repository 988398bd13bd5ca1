"""The snapshot of zeyrek's built morphotactics shipped with the toolkit (see
``toolkit.morphology.load_snapshot``): current, made by the committed script, and giving
exactly the readings of zeyrek built from its lexicon."""

import subprocess
import sys

import pytest

import toolkit.morphology as M
from toolkit.corpus import load_corpus
from toolkit.zeyrek_search import QuietAnalyzer, as_reading, collector_paused
from toolkit.tokens import distinct_forms

from conftest import DEMO, ROOT
from test_morphology_patch import TRICKY


def readings(found: dict) -> dict:
    return {w: {as_reading(a) for a in analyses} for w, analyses in found.items()}


def test_the_shipped_snapshot_is_for_these_readings_and_is_used():
    # Fails when zeyrek, its lexicon or MORPHOLOGY_VERSION changed without
    # scripts/snapshot_zeyrek.py being rerun (zeyrek would then be built, correctly but slower).
    morphotactics = M.load_snapshot()
    assert isinstance(morphotactics, M.TurkishMorphotactics)
    assert len(morphotactics.lexicon.item_set) > 60_000


@pytest.mark.slow
def test_the_snapshot_gives_the_readings_of_zeyrek_built_from_its_lexicon():
    words = sorted({f for a in load_corpus(DEMO) for f in distinct_forms(a.content) if f.isalpha()} | set(TRICKY))
    assert len(words) > 6_000
    with collector_paused():
        built = QuietAnalyzer(M.build_morphotactics())
    loaded = QuietAnalyzer(M.load_snapshot())
    expected = readings(built.analyze_many(words))
    got = readings(loaded.analyze_many(words))
    assert {w for w in words if got[w] != expected[w]} == set()
    assert sum(1 for w in words if got[w]) > 0.9 * len(words)
    # the objects keep Python's compact attribute layout (no dict per object once unpickled)
    item = next(iter(loaded.morphotactics.lexicon.item_set))
    assert type(item).__module__.startswith("zeyrek.") and item.lemma


def test_a_snapshot_made_for_other_readings_is_not_used(monkeypatch):
    monkeypatch.setattr(M, "readings_namespace", lambda: "zeyrek 0.0; morphology 0; lexicon other")
    assert M.load_snapshot() is None
    analyzer = M._build_analyzer()  # built from zeyrek's lexicon instead
    assert {as_reading(a).lemma for a in analyzer.analyze("yaptırımları")} == {"yaptırım"}


def test_the_committed_script_makes_the_shipped_snapshot_byte_for_byte(tmp_path):
    out = tmp_path / "snapshot.pickle.gz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "snapshot_zeyrek.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    shipped = ROOT / "toolkit" / "resources" / M.SNAPSHOT_RESOURCE
    assert out.read_bytes() == shipped.read_bytes()


@pytest.mark.slow
def test_a_changed_snapshot_file_is_never_unpickled(monkeypatch, tmp_path):
    # Any other bytes than the released file's (SNAPSHOT_SHA256): not loaded, zeyrek is built.
    import importlib.resources

    shipped = (ROOT / "toolkit" / "resources" / M.SNAPSHOT_RESOURCE).read_bytes()
    (tmp_path / "resources").mkdir()
    copy = tmp_path / "resources" / M.SNAPSHOT_RESOURCE
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path)
    copy.write_bytes(shipped)
    assert M.load_snapshot() is not None  # the same bytes from there: loaded
    copy.write_bytes(shipped[:-1] + bytes([shipped[-1] ^ 1]))
    assert M.load_snapshot() is None


def test_the_snapshot_unpickler_admits_only_zeyrek_classes(tmp_path):
    import io
    import os
    import pickle

    import pytest

    marker = tmp_path / "ran"
    evil = pickle.dumps(type("Evil", (), {"__reduce__": lambda self: (os.system, (f"touch {marker}",))})())
    with pytest.raises(pickle.UnpicklingError, match="not one of zeyrek's classes"):
        M._SnapshotUnpickler(io.BytesIO(evil)).load()
    assert not marker.exists()
    # a zeyrek function is not a class either
    with pytest.raises(pickle.UnpicklingError):
        M._SnapshotUnpickler(io.BytesIO(pickle.dumps(M.zeyrek.morphotactics.generate_surface))).load()


def test_the_pinned_sha256_is_the_shipped_file_s():
    import hashlib

    shipped = (ROOT / "toolkit" / "resources" / M.SNAPSHOT_RESOURCE).read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == M.SNAPSHOT_SHA256
