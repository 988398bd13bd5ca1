"""The lemma benchmark's protocol: splits by document, never interleaving neighbouring sentences."""

from __future__ import annotations

import pytest

from benchmarks.lemma_accuracy import DEFAULT_UD, Sentence, gold_data, matches, place, protocol_split


def _sent(sent_id: str, n_words: int = 3) -> Sentence:
    return Sentence(sent_id, ["a"] * n_words, ["a"] * n_words, ["NOUN"] * n_words)


def test_sentence_ids_name_register_number_and_document():
    assert place("BOUN", "news_986") == ("news", 986, "news/9")
    assert place("IMST", "00001131_2") == ("", 2, "00001131")
    assert place("Kenet", "7701.train") == ("", 7701, "/77")
    assert place("Penn", "20-0261.dev") == ("20", 261, "20/5")


def test_boun_holds_out_the_last_quarter_of_each_register_and_folds_are_contiguous_documents():
    sents = [_sent(f"{reg}_{n}") for n in range(0, 400, 3) for reg in ("news", "bio")]  # interleaved in the file
    g = protocol_split("BOUN", sents)
    held = {(place("BOUN", s.sent_id)[0], place("BOUN", s.sent_id)[1]) for s in g.heldout}
    for reg in ("news", "bio"):
        numbers = sorted(n for r, n in held if r == reg)
        assert numbers and min(numbers) >= 300 and max(numbers) == 399  # one stretch at the end
    assert all(place("BOUN", s.sent_id)[1] < 300 for s in g.tuning)
    assert {id(s) for s in g.tuning}.isdisjoint(id(s) for s in g.heldout)
    assert len(g.tuning) + len(g.heldout) == len(sents)
    # a document never spans two folds, and each fold is a run of neighbouring documents
    fold_of_doc: dict[str, set[int]] = {}
    for s in g.tuning:
        fold_of_doc.setdefault(place("BOUN", s.sent_id)[2], set()).add(g.fold[id(s)])
    assert all(len(f) == 1 for f in fold_of_doc.values())
    order = [g.fold[id(s)] for s in g.tuning]
    assert order == sorted(order) and set(order) == set(range(5))
    fit, scored = g.folds(2)
    assert scored and {id(s) for s in fit}.isdisjoint(id(s) for s in scored)


def test_imst_holds_out_its_dev_documents():
    train = [_sent(f"0000{d}000_{k}") for d in range(6) for k in range(1, 4)]
    dev = [_sent(f"9999{d}000_{k}") for d in range(2) for k in range(1, 4)]
    g = protocol_split("IMST", train + dev, {id(s) for s in dev})
    assert [s.sent_id for s in g.heldout] == [s.sent_id for s in dev]
    assert [s.sent_id for s in g.tuning] == [s.sent_id for s in train]  # file order


def test_strict_accepts_a_dictionary_form_only_for_a_verb_relaxed_everywhere():
    assert matches("gelmek", "gel", "VERB") and matches("gelmek", "gel", "VERB", relaxed=True)
    assert not matches("olmak", "ol", "ADJ") and matches("olmak", "ol", "ADJ", relaxed=True)
    assert matches("yemek", "yemek", "NOUN", relaxed=True)  # a noun that ends in -mek stays itself
    assert not matches("İstanbul", "istanbul'da", "PROPN")


@pytest.mark.skipif(not DEFAULT_UD.is_dir(), reason="needs ../shared/data/ud")
def test_the_shared_gold_splits_without_sharing_a_document():
    for tb, g in gold_data().items():
        held_docs = {place(tb, s.sent_id)[:1] + place(tb, s.sent_id)[2:] for s in g.heldout}
        tuning_docs = {place(tb, s.sent_id)[:1] + place(tb, s.sent_id)[2:] for s in g.tuning}
        assert g.heldout and g.tuning
        if tb == "IMST":
            assert held_docs.isdisjoint(tuning_docs)
        else:  # one stretch per register/section: at most one block is cut in two
            assert len(held_docs & tuning_docs) <= len({d[0] for d in held_docs})


def test_speed_baseline_times_another_checkout_with_its_own_model(capsys):
    """A checkout whose choose() takes the model as an argument (0.4.0 on) is timed with its own
    shipped default model, not with the model of the code measuring it."""
    from pathlib import Path

    from benchmarks.lemma_accuracy import baseline_lemmas, speed
    from toolkit import lemmas as L

    root = Path(__file__).resolve().parents[1]
    module, old = baseline_lemmas(root)
    assert old is not L.model() and old.weights == L.model().weights
    speed([("one", [Sentence("news_1", ["Putin'i", "davet", "etti", "."], [None] * 4, [None] * 4)])],
          [("default", L.model())], (module, old), repeats=1)
    out = capsys.readouterr().out
    assert "baseline code" in out and "default" in out and "4 tokens" in out


def test_error_classes_name_how_the_chosen_lemma_differs_from_gold():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "train_lemma_model", Path(__file__).resolve().parents[1] / "scripts" / "train_lemma_model.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    cls = train.error_class
    assert cls("içinde", "iç", "ADP", "içinde", True, True) == "kept derivation: ADP"
    assert cls("artış", "artış", "NOUN", "art", True, True) == "over-stripped: NOUN"
    assert cls("gelir", "gel", "VERB", "gelir", True, True) == "verb/noun: VERB"
    assert cls("Senem", "Senem", "PROPN", "sene", True, True) == "name/number: PROPN"
    assert cls("Giir", "gir", "VERB", "Giir", False, False) == "missing: unknown word"
    assert cls("AG'nin", "AG'nin", "PROPN", "AG", False, True) == "missing: apostrophe"
    assert cls("bana", "ban", "PRON", "ben", True, True) == "other: PRON"
