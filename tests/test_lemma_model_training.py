"""The shipped lemma models are what scripts/train_lemma_model.py makes from the shared UD data."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.lemma_accuracy import DEFAULT_UD, LICENCES, Sentence
from toolkit.lemmas import MODELS

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("train_lemma_model", ROOT / "scripts" / "train_lemma_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_harmonise_maps_only_the_named_treebank_and_form():
    train = _script()
    imst = Sentence("1", ["Sorun", "olarak", "Olarak", "."], ["sorun", "olarak", "olarak", None], ["NOUN", "ADP", "ADP", None])
    boun = Sentence("2", ["olarak"], ["olarak"], ["ADP"])
    (_, [imst_h]), (_, [boun_h]) = train.harmonise([("IMST-tuning", [imst]), ("BOUN-tuning", [boun])])
    assert imst_h.gold == ["sorun", "ol", "ol", None]
    assert boun_h.gold == ["olarak"]  # only IMST is mapped
    assert imst.gold == ["sorun", "olarak", "olarak", None]  # the treebank's own gold stays for scoring


@pytest.mark.slow
@pytest.mark.skipif(not DEFAULT_UD.is_dir(), reason="needs ../shared/data/ud")
@pytest.mark.parametrize("name", sorted(MODELS))
def test_shipped_models_are_reproduced_by_the_training_script(tmp_path, name):
    out = tmp_path / "model.json.gz"
    subprocess.run([sys.executable, "scripts/train_lemma_model.py", "--model", name, "--out", str(out)], cwd=ROOT,
                   check=True, capture_output=True, env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "7", "PATH": ""})
    shipped = ROOT / "toolkit" / "resources" / MODELS[name]
    assert out.read_bytes() == shipped.read_bytes(), f"retrain: PYTHONPATH=. python scripts/train_lemma_model.py --model {name}"


def test_the_default_model_learns_only_from_commercially_usable_treebanks():
    train = _script()
    used = {tb for tb, n in train.RECIPES["default"].items() if n > 0}
    assert used and all(LICENCES[tb] == "CC BY-SA 4.0" for tb in used)
    assert train.RECIPES["with-imst"]["IMST"] > 0
    for name in MODELS:
        meta = json.loads(gzip.decompress((ROOT / "toolkit" / "resources" / MODELS[name]).read_bytes()))["meta"]
        trained = {n.split("-")[0] for n in meta["trained_on"]}
        assert trained == {tb for tb, n in train.RECIPES[name].items() if n > 0}
        assert meta["licence"] == ("CC BY-NC-SA 4.0" if "IMST" in trained else "CC BY-SA 4.0")
