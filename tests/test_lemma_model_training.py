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


def test_conflicting_conventions_follow_the_reference_treebank_and_nothing_else():
    train = _script()
    boun = [Sentence("news_1", ["tarafından", "olarak", "gelir", "."], ["taraf", "ol", "gel", None],
                     ["NOUN", "AUX", "VERB", "PUNCT"])] * 2
    penn = Sentence("15-0001.dev", ["tarafından", "olarak", "gelir", "içinde", "Olarak"],
                    ["tarafından", "ol", "gelir", "içinde", "Olarak"], ["ADV", "ADV", "NOUN", "ADV", "PROPN"])
    imst = Sentence("1_1", ["Sorun", "Olarak", "tarafından"], ["sorun", "olarak", "tarafından"], ["NOUN", "ADP", "ADP"])
    out = dict(train.harmonise([("BOUN-tuning", boun), ("Penn-tuning", [penn]), ("IMST-tuning", [imst])]))
    # the lexicalised postposition and the converb take BOUN's lemma
    assert out["IMST-tuning"][0].gold == ["sorun", "ol", "taraf"]
    # not the noun gelir ("income") where BOUN has the verb, not a name, not a form BOUN lacks
    assert out["Penn-tuning"][0].gold == ["taraf", "ol", "gelir", "içinde", "Olarak"]
    assert out["BOUN-tuning"][0].gold == ["taraf", "ol", "gel", None]
    assert imst.gold == ["sorun", "olarak", "tarafından"]  # the treebank's own gold stays for scoring
    assert dict(train.harmonise([("IMST-tuning", [imst])], reference=None))["IMST-tuning"][0].gold == imst.gold


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
