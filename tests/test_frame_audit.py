"""benchmarks/frame_audit.py on a tiny CoNLL-U file of its own: documents, seeded sampling, --score.

The audit's figures on UD IMST are printed by the script (data/frame_audit/README.md), not asserted here.
"""

from __future__ import annotations

import pandas as pd
import pytest

from benchmarks.frame_audit import build_corpus, main, make_sheet, read_documents, rescore
from toolkit.report import write_table

SENTENCES = {
    "d1": ["Bakan endişe duyduğunu söyledi.", "Ekonomi büyüdü.", "Halk yine endişe içinde bekliyor."],
    "d2": ["Komşular endişe ile izliyor.", "Uzmanlar bu karardan endişe ediyor.", "Hava güzeldi."],
    "d3": ["Sendika endişe belirtti.", "Öğrenciler sınavdan endişe duyuyor."],
}


def conllu(documents: dict[str, list[str]], newdoc: bool = True) -> str:
    """A minimal CoNLL-U text: comment lines and one dummy token line per sentence."""
    blocks = []
    for doc, sentences in documents.items():
        for i, text in enumerate(sentences, 1):
            head = f"# newdoc id = {doc}\n" if newdoc and i == 1 else ""
            blocks.append(f"{head}# sent_id = {doc}_{i}\n# text = {text}\n1\t{text.split()[0]}\t_\tX\t_\t_\t0\troot\t_\t_\n")
    return "\n".join(blocks) + "\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("audit") / "tiny.conllu"
    path.write_text(conllu(SENTENCES), encoding="utf-8")
    return path


def test_sentences_are_grouped_by_document_in_file_order(tiny, tmp_path):
    assert read_documents(tiny) == SENTENCES
    no_newdoc = tmp_path / "ids.conllu"
    no_newdoc.write_text(conllu(SENTENCES, newdoc=False), encoding="utf-8")
    assert read_documents(no_newdoc) == SENTENCES  # the document comes from sent_id's prefix
    corpus = build_corpus(read_documents(tiny))
    assert [a.id for a in corpus] == ["d1", "d2", "d3"]
    assert "Ekonomi büyüdü." in corpus[0].text and "Ekonomi" not in corpus[1].text


def test_missing_conllu_is_one_line_naming_the_file(tmp_path):
    with pytest.raises(SystemExit, match="nope.conllu"):
        read_documents(tmp_path / "nope.conllu")


def test_sampling_is_seeded_and_stays_within_documents(tiny):
    corpus = build_corpus(read_documents(tiny))
    first, _ = make_sheet(corpus, per_frame=2, seed=7)
    again, _ = make_sheet(corpus, per_frame=2, seed=7)
    pd.testing.assert_frame_equal(first, again)
    concern = first[first["frame"] == "concern_alarm"]
    assert len(concern) == 2 and int(concern["population"].iloc[0]) > 2  # sampled, not all hits
    others = {tuple(make_sheet(corpus, per_frame=2, seed=s)[0].query("frame == 'concern_alarm'")[["doc_id", "left"]]
                    .itertuples(index=False)) for s in range(6)}
    assert len(others) > 1  # another seed draws another sample
    texts = {a.id: a.content for a in corpus}
    for r in first.itertuples():
        assert f"{r.left} {r.keyword} {r.right}".strip() in " ".join(texts[r.doc_id].split())


def test_score_reads_a_coded_sheet(tiny, tmp_path, capsys):
    sheet, _ = make_sheet(build_corpus(read_documents(tiny)), per_frame=2, seed=7)
    sheet = sheet.rename(columns={"frame_present": "frame_present_coder1"})
    sheet["frame_present_coder1"] = ["1" if f == "concern_alarm" and i % 2 == 0 else "0"
                                     for i, f in enumerate(sheet["frame"])]
    path = write_table(sheet, tmp_path / "coded.csv")
    main(["--score", str(path)])
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| concern_alarm"))
    assert "| 2 | 1 | 0.50 |" in row
    assert "**all**" in out


def test_score_of_an_uncoded_or_missing_sheet_names_the_file(tiny, tmp_path):
    with pytest.raises(SystemExit, match="missing.csv"):
        main(["--score", str(tmp_path / "missing.csv")])
    sheet, _ = make_sheet(build_corpus(read_documents(tiny)), per_frame=2, seed=7)
    path = write_table(sheet.drop(columns=["frame_present"]), tmp_path / "uncoded.csv")
    with pytest.raises(SystemExit, match="uncoded.csv"):
        main(["--score", str(path)])


DEALS = {
    "p1": ["Annemle yaptığımız anlaşmayı unuttum.", "Bakanlar anlaşma imzaladı."],
    "p2": ["Vaktin varsa görüşelim.", "Hükümet endişe duyduğunu söyledi."],
}


def test_rescore_finds_the_coded_rows_and_says_which_still_count(tmp_path, capsys):
    path = tmp_path / "deals.conllu"
    path.write_text(conllu(DEALS), encoding="utf-8")
    corpus = build_corpus(read_documents(path))
    sheet, _ = make_sheet(corpus, per_frame=5, seed=1)
    sheet = sheet.rename(columns={"frame_present": "frame_present_coder1"})
    # the coder's codes: the private deal and meeting are false, the others true
    sheet["frame_present_coder1"] = ["0" if ("Annemle" in r.left or "Vaktin" in r.left) else "1"
                                     for r in sheet.itertuples()]
    sheet["out_of_context"] = ""  # as in a sheet made before the context rule
    # a row the current code does not find (its context line differs) counts nowhere
    sheet = pd.concat([sheet, sheet.iloc[[0]].assign(left="Bambaşka bir cümle")], ignore_index=True)
    now = rescore(sheet, corpus)
    status = dict(zip(sheet["keyword"] + "|" + sheet["left"], now["status"]))
    assert status["anlaşmayı|Annemle yaptığımız"] == "out of context"
    assert status["görüşelim|Vaktin varsa"] == "out of context"
    assert status["anlaşma|Bakanlar"] == "counted"
    assert status["endişe duyduğunu|Hükümet"] == "counted"
    assert list(now["status"]).count("not found") == 1
    coded = write_table(sheet, tmp_path / "deals.csv")
    main(["--rescore", str(coded), "--conllu", str(path)])
    out = capsys.readouterr().out
    now_part = out.split("counts now")[1]
    row = next(line for line in now_part.splitlines() if line.startswith("| diplomacy_cooperation"))
    assert "| 1 | 1 | 1.00 |" in row  # only the ministers' deal is still counted
    assert "false diplomacy_cooperation [out of context]" in out
