"""toolkit.validate: coded sheets in (CSV/XLSX, one column per coder), precision, agreement, recall out."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.corpus import InputError
from toolkit.report import write_table
from toolkit.validity import krippendorff_alpha, wilson_interval


def test_wilson_interval_known_values():
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(18, 20)
    assert (low, high) == (pytest.approx(0.6990, abs=1e-4), pytest.approx(0.9721, abs=1e-4))
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_alpha_of_perfect_and_of_split_agreement():
    assert krippendorff_alpha(np.array([[1, 0, 1, 0], [1, 0, 1, 0]], float)) == 1.0
    # Krippendorff's worked binary example: two coders, 10 items, 2 disagreements
    a = np.array([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]], float)
    assert krippendorff_alpha(a) == pytest.approx(0.095, abs=1e-3)
    assert math.isnan(krippendorff_alpha(np.array([[1, 0, 1]], float)))


def two_coder_sheet() -> pd.DataFrame:
    # concern: 4 items, coder A says 4 true, coder B 3 true -> majority (ties count 0): 3 of 4
    # denial: 2 items, both coders say false for one
    return pd.DataFrame({
        "item": range(1, 7),
        "frame": ["concern_alarm"] * 4 + ["denial"] * 2,
        "population": [40] * 4 + [10] * 2,
        "keyword": ["endişe"] * 4 + ["reddetti"] * 2,
        "frame_present_ayse": [1, 1, 1, 1, 1, 0],
        "frame_present_mehmet": ["EVET", 1, 1, "HAYIR", 1, 0],
        "negation_correct_ayse": [1, 1, 1, 1, 0, 1],
        "negation_correct_mehmet": [1, 1, 1, 1, 0, 1],
    })


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_validate_two_coders_from_a_file(tmp_path, suffix):
    path = write_table(two_coder_sheet(), tmp_path / f"coded{suffix}")
    v = toolkit.validate(path)
    f = v.frames.set_index("frame")
    assert v.coders == ["frame_present_ayse", "frame_present_mehmet"]
    assert (f.at["concern_alarm", "coded"], f.at["concern_alarm", "true"]) == (4, 3)
    assert f.at["concern_alarm", "precision"] == pytest.approx(0.75)
    assert f.at["concern_alarm", "precision_low"] < 0.75 < f.at["concern_alarm", "precision_high"]
    assert f.at["denial", "precision"] == pytest.approx(0.5)
    assert 0 < v.alpha < 1 and v.negation_accuracy == pytest.approx(5 / 6)
    assert "Krippendorff" in v.summary()


def test_recall_from_a_sheet_of_sentences_without_hits():
    recall = pd.DataFrame({"item": [1, 2, 3, 4], "text": ["a", "b", "c", "d"], "population": [100] * 4,
                           "frames_present_ayse": ["concern_alarm", "", "", "denial"],
                           "frames_present_mehmet": ["concern_alarm", "", "", ""]})
    f = toolkit.validate(two_coder_sheet(), recall=recall).frames.set_index("frame")
    # concern: 1 of 4 sampled sentences missed it -> 25 of 100; true hits 40 * 0.75 = 30
    assert f.at["concern_alarm", "estimated_missed"] == pytest.approx(25)
    assert f.at["concern_alarm", "recall"] == pytest.approx(30 / 55)
    assert f.at["denial", "estimated_missed"] == 0  # one coder of two: no majority
    assert f.at["denial", "recall"] == pytest.approx(1.0)


def test_bad_sheets_name_file_row_and_fix(tmp_path):
    bad = two_coder_sheet().astype({"frame_present_ayse": object})
    bad.loc[2, "frame_present_ayse"] = "maybe"
    with pytest.raises(InputError, match=r"row 4, column 'frame_present_ayse': 'maybe' is not a code"):
        toolkit.validate(bad)
    with pytest.raises(InputError, match="no 'frame_present' column"):
        toolkit.validate(two_coder_sheet().drop(columns=["frame_present_ayse", "frame_present_mehmet"]))
    (tmp_path / "x.json").write_text("{}")
    with pytest.raises(InputError, match="must be .csv or .xlsx"):
        toolkit.validate(tmp_path / "x.json")
    recall = pd.DataFrame({"text": ["a"], "population": [5], "frames_present": ["concern"]})
    with pytest.raises(InputError, match="no frame 'concern'"):
        toolkit.validate(two_coder_sheet(), recall=recall)


def test_sheets_made_by_the_analysis_round_trip(tmp_path):
    a = toolkit.analyze("Bakan endişe duyuyoruz dedi. Hava güzeldi. Yaptırım kararı çıktı. Herkes evine döndü.",
                        cache=False)
    sheet = a.coding_sheet(per_frame=5)
    sheet["frame_present"] = 1
    v = toolkit.validate(sheet)
    assert set(v.frames["frame"]) == {"concern_alarm", "sanctions_pressure"}
    assert (v.frames["precision"] == 1).all() and math.isnan(v.alpha)
    missed = a.recall_sheet(n=10)
    assert dict(zip(missed["text"], missed["counted"])) == {
        "Bakan endişe duyuyoruz dedi": "concern_alarm", "Hava güzeldi": "", "Yaptırım kararı çıktı": "sanctions_pressure",
        "Herkes evine döndü": ""}
    assert set(missed["population"]) == {4}


NAME_AND_PRIVATE = ("Bakanlık gelişmelerden endişe duyuyor. Dava İstanbul Adalet Sarayı önünde görüldü. "
                    "Annesi bizi yemeğe davet etti. Rusya yaptırım uyguladı. Hava güzeldi.")


def test_the_sheets_sample_the_hits_the_counts_count():
    a = toolkit.analyze(NAME_AND_PRIVATE, cache=False)
    hits = a.frame_hits()
    assert hits["in_name"].sum() == 1 and hits["out_of_context"].sum() == 1  # Adalet (morality), davet
    sheet = a.coding_sheet()
    assert sorted(sheet["frame"]) == ["concern_alarm", "sanctions_pressure"]
    assert set(sheet["population"]) == {1}
    everything = a.coding_sheet(include_names=True, include_out_of_context=True)
    assert sorted(everything["frame"]) == ["concern_alarm", "diplomacy_cooperation", "morality", "sanctions_pressure"]
    # every sentence may be drawn; a cue in a name or out of context is no counted frame
    missed = a.recall_sheet()
    assert len(missed) == 5 and set(missed["population"]) == {5}
    assert dict(zip(missed["text"], missed["counted"]))["Annesi bizi yemeğe davet etti"] == ""
    assert dict(zip(missed["text"], missed["counted"]))["Rusya yaptırım uyguladı"] == "sanctions_pressure"


def test_coding_sheets_are_written_once_and_then_kept(tmp_path):
    from toolkit.report import write_coding_sheets

    a = toolkit.analyze(NAME_AND_PRIVATE, cache=False)
    (coding, recall), kept = write_coding_sheets(a, tmp_path, "rapor")
    assert (coding.name, recall.name, kept) == ("rapor-coding_sheet.xlsx", "rapor-recall_sheet.xlsx", [])
    assert len(pd.read_excel(coding)) == 2 and len(pd.read_excel(recall)) == 5
    recall.write_bytes(b"a coder's work")
    paths, kept = write_coding_sheets(a, tmp_path, "rapor")
    assert paths == [coding, recall] and kept == [coding, recall]
    assert recall.read_bytes() == b"a coder's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapor-coding_sheet.xlsx", "rapor-recall_sheet.xlsx"]


def test_lines_the_counts_leave_out_are_no_part_of_precision():
    a = toolkit.analyze(NAME_AND_PRIVATE, cache=False)
    sheet = a.coding_sheet(include_names=True, include_out_of_context=True)
    sheet["frame_present"] = [0 if named or off else 1 for named, off in zip(sheet["in_name"], sheet["out_of_context"])]
    v = toolkit.validate(sheet)
    assert v.left_out == 2 and "2 line(s) inside a proper name or out of their frame's context" in v.summary()
    assert set(v.frames["frame"]) == {"concern_alarm", "sanctions_pressure"} and (v.frames["precision"] == 1).all()
    # as a spreadsheet gives the flags back: text
    v = toolkit.validate(sheet.astype(str))
    assert v.left_out == 2 and (v.frames["precision"] == 1).all()


def test_a_frame_missed_beside_a_counted_one_is_missed():
    """A sentence where one frame is counted may carry another that is not: it is sampled, and
    only the frames its counts lack are missed."""
    recall = pd.DataFrame({"text": ["a", "b", "c", "d"], "population": [100] * 4,
                           "counted": ["concern_alarm", "concern_alarm", "", ""],
                           "frames_present": ["concern_alarm, denial", "concern_alarm", "", "concern_alarm"]})
    f = toolkit.validate(two_coder_sheet(), recall=recall).frames.set_index("frame")
    assert f.at["concern_alarm", "missed_share"] == 0.25  # only d: a and b count it
    assert f.at["denial", "missed_share"] == 0.25  # a: found beside a counted frame
    # a sheet without 'counted' (sentences without hits, as before 0.32.0): every frame found is missed
    f = toolkit.validate(two_coder_sheet(), recall=recall.drop(columns=["counted"])).frames.set_index("frame")
    assert f.at["concern_alarm", "missed_share"] == 0.75


def test_the_empty_column_a_sheet_is_made_with_is_no_coder():
    sheet = two_coder_sheet().assign(frame_present="")
    v = toolkit.validate(sheet)
    assert v.coders == ["frame_present_ayse", "frame_present_mehmet"]
    assert "coded by 2 coder(s)" in v.summary()
    recall = pd.DataFrame({"text": ["a", "b", "c", "d"], "population": [100] * 4, "frames_present": [""] * 4,
                           "frames_present_ayse": ["concern_alarm", "", "", ""]})
    v = toolkit.validate(two_coder_sheet(), recall=recall)
    assert v.frames.set_index("frame").at["concern_alarm", "missed_share"] == 0.25
    # a frame of the lexicon with no hit in the coding sheet: missed, never counted, recall 0
    v = toolkit.validate(two_coder_sheet(), recall=recall.assign(frames_present_ayse=["", "conflict", "", ""]))
    assert v.frames.set_index("frame").at["conflict", "recall"] == 0
    with pytest.raises(InputError, match="no frame 'conflcit'"):
        toolkit.validate(two_coder_sheet(), recall=recall.assign(frames_present_ayse=["conflcit", "", "", ""]))
    with pytest.raises(InputError, match="no line is coded yet"):
        toolkit.validate(two_coder_sheet().assign(frame_present_ayse="", frame_present_mehmet=""))


@pytest.mark.notebook  # runs a notebook
def test_report_with_a_coded_sheet_says_how_valid_the_counts_are(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sheet = write_table(two_coder_sheet(), tmp_path / "coded.csv")
    article = tmp_path / "a.txt"
    article.write_text("Bakanlık gelişmelerden endişe duyuyor. Rusya yaptırım uygulamayacak.", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = [sys.executable, "-m", "toolkit", "report", str(article), "--out", str(tmp_path / "out"), "--no-input"]
    done = subprocess.run([*args, "--validation", str(sheet)], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "How valid are these counts" in html and "Krippendorff" in html
    # the shipped lexicon's held-out figures come first, the coded sample after them
    assert html.index("The shipped lexicon, scored on") < html.index("Your coded sample")
    missing = subprocess.run([*args, "--validation", str(tmp_path / "none.xlsx")], cwd=root, env=env,
                             capture_output=True, text=True, timeout=600)
    assert missing.returncode != 0 and "none.xlsx: no such coded sheet" in missing.stderr
    assert "Traceback" not in missing.stderr
    alone = subprocess.run([*args, "--recall", str(sheet)], cwd=root, env=env, capture_output=True, text=True,
                           timeout=600)
    assert alone.returncode != 0 and "add --validation" in alone.stderr and "Traceback" not in alone.stderr


@pytest.mark.notebook  # runs a notebook twice
def test_the_report_hands_out_the_sheets_to_code_and_reads_them_back(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    article = tmp_path / "haber.txt"
    article.write_text(NAME_AND_PRIVATE, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(root)}
    args = [sys.executable, "-m", "toolkit", "report", str(article), "--out", str(out)]
    first = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    coding, recall = out / "haber-coding_sheet.xlsx", out / "haber-recall_sheet.xlsx"
    assert f"to code      {coding}" in first.stdout and f"to code      {recall}" in first.stdout
    assert "--validation" in (out / "haber.html").read_text(encoding="utf-8")  # the report says how to use them
    sheet = pd.read_excel(coding, dtype=str).fillna("")
    assert sorted(sheet["frame"]) == ["concern_alarm", "sanctions_pressure"]
    write_table(sheet.assign(frame_present_ayse=["1", "0"], frame_present_mehmet=["1", "0"]), coding)
    missed = pd.read_excel(recall, dtype=str).fillna("")
    write_table(missed.assign(frames_present_ayse=["diplomacy_cooperation" if "davet" in t else "" for t in missed["text"]]),
                recall)
    coded = coding.read_bytes(), recall.read_bytes()
    second = subprocess.run([*args, "--validation", str(coding), "--recall", str(recall)], cwd=root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert (coding.read_bytes(), recall.read_bytes()) == coded  # a coder's work is never replaced
    assert f"kept         {coding}" in second.stdout
    html = (out / "haber.html").read_text(encoding="utf-8")
    assert "2 hits coded by 2 coder(s); overall precision 0.50" in html and "missed_share" in html
    # the private invitation the coder marked: a diplomacy instance the counts never count, recall 0
    v = toolkit.validate(coding, recall=recall)
    assert v.frames.set_index("frame").at["diplomacy_cooperation", "recall"] == 0


def test_lexicon_validity_pools_the_held_out_scores_the_docs_report():
    """The shipped held-out counts pool to the table of docs/framing.md, and each batch's size is
    its size in the gold set."""
    import csv
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    v = toolkit.lexicon_validity()
    docs = (root / "docs" / "framing.md").read_text(encoding="utf-8")
    table = docs[docs.index("| frame | expected | found | true | precision (95 % CI) | recall |"):]
    rows = {}
    for line in table.split("\n")[2:]:
        if not line.startswith("| "):
            break
        cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
        rows[cells[0]] = tuple(int(c.replace(",", "")) for c in cells[1:4])
    mine = {f: (e, n, t) for f, e, n, t in zip(v.frames["frame"], v.frames["expected"], v.frames["found"],
                                                v.frames["true"])}
    mine["all"] = tuple(int(v.frames[c].sum()) for c in ("expected", "found", "true"))
    assert rows == mine
    with open(root / "data" / "frame_gold" / "frame_gold.tsv", encoding="utf-8", newline="") as f:
        gold = list(csv.DictReader(f, delimiter="\t"))
    sizes = {b: sum(r["batch"] == str(b) for r in gold) for b in v.batches}
    assert sum(v.sentences.values()) == sum(sizes.values())
    assert re.search(rf"pooled, batches 4 to {v.batches[-1]} \({sum(sizes.values()):,} sentences", docs)


def test_lexicon_validity_by_kind_of_text_and_its_summary():
    news = toolkit.lexicon_validity(["news"])
    assert news.sentences == {"news": 300 + 362} and news.batches == [4, 28]
    every = toolkit.lexicon_validity()
    assert (every.frames["found"] >= news.frames["found"]).all()
    assert set(every.weak()) <= set(every.frames["frame"])
    text = every.summary()
    assert f"{sum(every.sentences.values()):,} coded sentences" in text
    for frame in every.weak():
        assert frame in text
    low = every.frames.set_index("frame")
    assert all(low.loc[f, "precision"] < 0.90 or low.loc[f, "recall"] < 0.85 for f in every.weak())
    news_total = news.frames[["true", "found"]].sum()
    assert f"On news alone (662 sentences): precision {news_total['true'] / news_total['found']:.2f}" in text
    assert "On news alone" not in news.summary()
    for wrong in (["tweets"], []):
        with pytest.raises(ValueError, match="unknown kind"):
            toolkit.lexicon_validity(wrong)
