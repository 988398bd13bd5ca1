"""The shipped lemma model is what scripts/train_lemma_model.py makes from the shared UD data."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.lemma_accuracy import DEFAULT_UD, Sentence

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "toolkit" / "resources" / "lemma_model.json.gz"


def _script():
    spec = importlib.util.spec_from_file_location("train_lemma_model", ROOT / "scripts" / "train_lemma_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_harmonise_maps_only_the_named_treebank_and_form():
    train = _script()
    imst = Sentence("1", ["Sorun", "olarak", "Olarak", "."], ["sorun", "olarak", "olarak", None], ["NOUN", "ADP", "ADP", None])
    boun = Sentence("2", ["olarak"], ["olarak"], ["ADP"])
    train.harmonise([("IMST-train", [imst]), ("BOUN-dev-even", [boun])])
    assert imst.gold == ["sorun", "ol", "ol", None]
    assert boun.gold == ["olarak"]  # only IMST is mapped


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.skipif(not DEFAULT_UD.is_dir(), reason="needs ../shared/data/ud")
def test_shipped_model_is_reproduced_by_the_training_script(tmp_path):
    out = tmp_path / "model.json.gz"
    subprocess.run([sys.executable, "scripts/train_lemma_model.py", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True, env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "7", "PATH": ""})
    assert out.read_bytes() == SHIPPED.read_bytes(), "retrain: PYTHONPATH=. python scripts/train_lemma_model.py"
