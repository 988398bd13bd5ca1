"""Hit-precision audit on text the frame lexicon was never tuned on: a coding sheet out, precision in.

    python benchmarks/frame_audit.py --out data/frame_audit/imst-0.4.0.csv [--conllu FILE]
    python benchmarks/frame_audit.py --score data/frame_audit/imst-0.4.0.csv
    python benchmarks/frame_audit.py --rescore data/frame_audit/imst-0.4.0.csv [--conllu FILE]

The first form reads the sentences of a CoNLL-U file (its ``# text =`` lines; default: UD
Turkish IMST train in ``../shared/data/ud``), makes one article per treebank document (the
``# newdoc id``, or the part of ``# sent_id`` before its last ``_``, so keyword-in-context
lines stay within a document), analyses them with :func:`toolkit.analyze` and writes
``Analysis.coding_sheet(per_frame=10, seed=2026)`` of every hit (``include_names`` and
``include_out_of_context``) with :func:`toolkit.report.write_table`
(``.csv`` or ``.xlsx``). Same input, toolkit and seed give the same sheet.

The second form reads a coded sheet with :func:`toolkit.validate` and prints, per frame, the
hits coded, those judged true, precision with its Wilson 95 % interval, and the same over all
coded hits pooled; with a ``negation_correct`` column, the share of negation flags judged right.
It prints this twice: for every sampled hit, and for the hits ``frames()`` counts (those not
inside a proper name, ``in_name`` false).

The third form re-analyses the sheet's CoNLL-U file with the current code and lexicon, finds
each coded row among today's frame hits (same document, frame and keyword-in-context line)
and prints the precision of the coded rows ``frames()`` still counts (found, not inside a
proper name, not ``out_of_context``), next to the sheet's own figures, and the coded rows no
longer counted, true ones (genuine hits lost) and false ones, with the reason.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

import pandas as pd

import toolkit
from toolkit import Article, Corpus
from toolkit.report import write_table
from toolkit.validity import read_sheet, wilson_interval

IMST_TRAIN = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud" / "UD_Turkish-IMST" / "tr_imst-ud-train.conllu"
PER_FRAME = 10
SEED = 2026
SOURCE = "UD_Turkish-IMST"


def read_documents(path: str | Path) -> dict[str, list[str]]:
    """The ``# text =`` sentences of a CoNLL-U file grouped by document, in file order.

    A document starts at ``# newdoc id = X``; a sentence outside any such block goes to the
    document its ``# sent_id`` names (the id before its last ``_``, e.g. ``00003221_1`` →
    ``00003221``), or to ``doc`` when neither is given.
    """
    path = Path(path)
    if not path.exists():
        raise SystemExit(f"{path}: no such CoNLL-U file; check the path.")
    documents: dict[str, list[str]] = {}
    newdoc: str | None = None
    sent_id: str | None = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc id ="):
                newdoc = line.split("=", 1)[1].strip()
            elif line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                doc = newdoc or (re.sub(r"_[^_]*$", "", sent_id) if sent_id and "_" in sent_id else "doc")
                documents.setdefault(doc, []).append(line.split("=", 1)[1].strip())
            elif not line.strip():
                sent_id = None
    return documents


def build_corpus(documents: dict[str, list[str]], source: str = SOURCE) -> Corpus:
    """One :class:`toolkit.Article` per document: its sentences joined by spaces, ``source`` set."""
    return Corpus([Article(id=doc, text=" ".join(sentences), source=source) for doc, sentences in documents.items()])


def make_sheet(corpus: Corpus, per_frame: int = PER_FRAME, seed: int = SEED) -> tuple[pd.DataFrame, float]:
    """The coding sheet of ``corpus`` and the seconds :func:`toolkit.analyze` took (cache off)."""
    began = time.perf_counter()
    analysis = toolkit.analyze(corpus, cache=False, progress=False)
    analysis.frame_hits()
    seconds = time.perf_counter() - began
    # every hit, names and out-of-context ones too, as the audit sheets were drawn: --score reads both ways
    return analysis.coding_sheet(per_frame=per_frame, seed=seed, include_names=True, include_out_of_context=True), seconds


def counted_only(sheet: pd.DataFrame) -> pd.DataFrame:
    """The rows of a coding sheet that ``frames()`` counts: ``in_name`` and ``out_of_context`` not true."""
    keep = sheet["in_name"].astype(str).str.strip() != "True"
    if "out_of_context" in sheet.columns:
        keep &= sheet["out_of_context"].astype(str).str.strip() != "True"
    return sheet[keep]


def rescore(sheet: pd.DataFrame, corpus: Corpus, window: int = 10) -> pd.DataFrame:
    """``sheet`` with ``in_name`` and ``out_of_context`` as the current code gives them for each
    row's hit, and ``status``: ``counted``, ``in name``, ``out of context`` or ``not found``
    (no hit of the row's frame with the same document and context line, ``window`` words a side).
    """
    analysis = toolkit.analyze(corpus, cache=False, progress=False)
    current: dict[tuple[str, str, str, str, str], tuple[bool, bool]] = {}
    for frame in sheet["frame"].unique():
        for r in analysis.kwic(str(frame), window=window).itertuples(index=False):
            current[(str(r.doc_id), str(frame), r.left, r.keyword, r.right)] = (bool(r.in_name), bool(r.out_of_context))
    out = sheet.copy()
    status, in_name, off = [], [], []
    for r in sheet.itertuples(index=False):
        found = current.get((str(r.doc_id), str(r.frame), str(r.left), str(r.keyword), str(r.right)))
        in_name.append(str(found[0]) if found else "")
        off.append(str(found[1]) if found else "")
        status.append("not found" if found is None else "in name" if found[0] else
                      "out of context" if found[1] else "counted")
    out["in_name"], out["out_of_context"], out["status"] = in_name, off, status
    return out


def precision_table(sheet: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Per frame and ``all`` (coded hits pooled): ``population, coded, true, precision, low,
    high`` (Wilson 95 %), and the share of negation flags judged right (NaN without a
    ``negation_correct`` column)."""
    result = toolkit.validate(sheet)
    frames = result.frames[["frame", "population", "coded", "true", "precision", "precision_low", "precision_high"]]
    frames = frames.rename(columns={"precision_low": "low", "precision_high": "high"})
    coded, true = int(frames["coded"].sum()), int(frames["true"].sum())
    low, high = wilson_interval(true, coded)
    pooled = {"frame": "all", "population": frames["population"].sum(), "coded": coded, "true": true,
              "precision": true / coded if coded else float("nan"), "low": low, "high": high}
    return pd.concat([frames, pd.DataFrame([pooled])], ignore_index=True), result.negation_accuracy


def format_table(table: pd.DataFrame, negation_accuracy: float) -> str:
    """A Markdown table of :func:`precision_table`, and the negation line."""
    lines = ["| frame | hits (population) | coded | true | precision | 95 % interval (Wilson) |",
             "|---|---:|---:|---:|---:|---|"]
    for r in table.itertuples(index=False):
        prec = f"{r.precision:.2f}" if r.coded else "-"
        ci = f"{r.low:.2f}–{r.high:.2f}" if r.coded else "-"
        name = f"**{r.frame}**" if r.frame == "all" else r.frame
        lines.append(f"| {name} | {int(r.population)} | {r.coded} | {r.true} | {prec} | {ci} |")
    if not math.isnan(negation_accuracy):
        lines.append("")
        lines.append(f"Negation flags judged right: {negation_accuracy:.2f}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--out", type=Path, help="write the coding sheet here (.csv or .xlsx)")
    action.add_argument("--score", type=Path, metavar="SHEET", help="print precision from a coded sheet")
    action.add_argument("--rescore", type=Path, metavar="SHEET",
                        help="precision of the coded rows the current code still counts (re-analyses --conllu)")
    parser.add_argument("--conllu", type=Path, default=IMST_TRAIN, help="the CoNLL-U file (default: IMST train)")
    parser.add_argument("--per-frame", type=int, default=PER_FRAME)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.score is not None:
        try:
            toolkit.validate(args.score)  # a missing, uncoded or malformed sheet: an error naming the file
            table, _ = read_sheet(args.score)
            # every row, names and out-of-context hits too (validate leaves those out by their flags)
            every = format_table(*precision_table(table.drop(columns=["in_name", "out_of_context"], errors="ignore")))
            print(f"All sampled hits ({args.score}):\n\n{every}")
            if "in_name" in table.columns:
                print("\nHits frames() counts (not in a name, not out of context):\n")
                print(format_table(*precision_table(counted_only(table))))
        except toolkit.InputError as e:
            raise SystemExit(str(e)) from None
        return
    if args.rescore is not None:
        try:
            table, _ = read_sheet(args.rescore)
            print(f"Coded hits frames() counted when the sheet was made ({args.rescore}):\n")
            print(format_table(*precision_table(counted_only(table))))
            now = rescore(table, build_corpus(read_documents(args.conllu)))
            print(f"\nCoded hits frames() counts now (toolkit {toolkit.__version__}, current lexicon):\n")
            print(format_table(*precision_table(now[now["status"] == "counted"])))
            was = counted_only(table).index
            lost = now.loc[was][now.loc[was, "status"] != "counted"]
            print(f"\nCoded hits no longer counted: {len(lost)}")
            code = [c for c in lost.columns if c.startswith("frame_present")][0]
            for r in lost.itertuples(index=False):
                verdict = "TRUE " if str(getattr(r, code)).strip() == "1" else "false"
                print(f"  {verdict} {r.frame} [{r.status}] {r.left[-40:]} [{r.keyword}] {r.right[:40]}")
        except toolkit.InputError as e:
            raise SystemExit(str(e)) from None
        return
    if args.out.suffix.lower() not in (".csv", ".xlsx"):  # ok: ASCII
        raise SystemExit(f"{args.out}: the sheet must be .csv or .xlsx.")
    documents = read_documents(args.conllu)
    sheet, seconds = make_sheet(build_corpus(documents), args.per_frame, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_table(sheet, args.out)
    print(f"{args.conllu.name}: {sum(map(len, documents.values()))} sentences in {len(documents)} documents, "
          f"analysed in {seconds:.1f} s (toolkit {toolkit.__version__}); {len(sheet)} rows → {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
