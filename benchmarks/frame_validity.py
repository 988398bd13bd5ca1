"""Frame validity on the gold set: precision and recall per frame, and negation accuracy.

    python benchmarks/frame_validity.py [--split tune|heldout|all] [--batch 1|...|12|all] [--errors]

Reads ``data/frame_gold/frame_gold.tsv`` (see its README), analyses every sentence as an
article of its own with the shipped lexicon, and compares the hits ``frames()`` counts (hits
inside proper names or out of context left out) with the expected ones. ``--batch`` chooses the gold set's batch
(1: demo corpus and written sentences; 2: UD BOUN/Penn dev sentences; 3: UD sentences of four
treebanks); the held-out part is the rows whose ``split`` is ``heldout``. When the selected rows
come from several batches, the figures are printed for each batch and for all of them. A hit matches an expected one when the
frame and the hit's first word agree; precision = matched / predicted, recall = matched /
expected, per frame and over all frames. Negation accuracy is the share of matched hits
whose ``negated`` flag equals the expected one. ``--errors`` lists every disagreement.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

import toolkit
from toolkit import Article, Corpus
from toolkit.framestats import counted
from toolkit.validity import wilson_interval

GOLD = Path(__file__).resolve().parent.parent / "data" / "frame_gold" / "frame_gold.tsv"


def read_gold(path: Path = GOLD) -> list[dict]:
    """The gold rows as dicts of the file's columns, with ``items`` (the expected hits as
    ``(frame, first word, negation)`` tuples) and ``batch`` (``"1"`` where the column is absent)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        for r in reader:
            r["items"] = [tuple(x.strip().split(":")) for x in r["expected"].split(" ; ") if x.strip()]
            bad = next((":".join(item) for item in r["items"] if len(item) != 3), None)
            if bad is not None:
                raise ValueError(f"{path}: line {reader.line_num}: expected hit {bad!r} is not frame:first word:negation.")
            r["batch"] = r.get("batch") or "1"
            rows.append(r)
    return rows


def select(rows: list[dict], split: str = "tune", batch: str = "all") -> list[dict]:
    """The rows of one split (``tune``, ``heldout`` or ``all``) and one batch (``1`` to ``12`` or ``all``)."""
    return [r for r in rows if split in ("all", r["split"]) and batch in ("all", r["batch"])]


def predict(rows: list[dict]) -> dict[str, list[tuple[str, str, bool]]]:
    """Per row id, the hits ``frames()`` counts: ``(frame, first word, negated)``."""
    analysis = toolkit.analyze(Corpus([Article(id=r["id"], text=r["text"]) for r in rows]), progress=False)
    hits = analysis.frame_hits()
    hits = counted(hits)
    predicted: dict[str, list[tuple[str, str, bool]]] = {r["id"]: [] for r in rows}
    for h in hits.itertuples():
        predicted[h.doc_id].append((h.frame, h.surface.split()[0], bool(h.negated)))
    return predicted


def score(rows: list[dict], predicted: dict[str, list[tuple[str, str, bool]]], show_errors: bool = False) -> None:
    tp, fp, fn = Counter(), Counter(), Counter()
    neg_right = neg_all = 0
    for r in rows:
        expected = [(f, w, bool(n)) for f, w, n in r["items"]]
        left = list(expected)
        for f, w, n in predicted[r["id"]]:
            match = next((k for k, e in enumerate(left) if e[:2] == (f, w)), None)
            if match is None:
                fp[f] += 1
                if show_errors:
                    print(f"  FP {f}:{w}{' (negated)' if n else ''} | {r['text']}")
                continue
            tp[f] += 1
            neg_all += 1
            if left[match][2] == n:
                neg_right += 1
            elif show_errors:
                print(f"  NEG {f}:{w} expected negated={left[match][2]} | {r['text']}")
            left.pop(match)
        for f, w, n in left:
            fn[f] += 1
            if show_errors:
                print(f"  FN {f}:{w} | {r['text']}")
    frames = toolkit.Lexicon.default().names
    print(f"{'frame':<24}{'expected':>9}{'found':>7}{'precision':>11}{'95% CI':>15}{'recall':>9}")
    for f in [*frames, "all"]:
        t = sum(tp.values()) if f == "all" else tp[f]
        p = t + (sum(fp.values()) if f == "all" else fp[f])
        e = t + (sum(fn.values()) if f == "all" else fn[f])
        low, high = wilson_interval(t, p)
        prec = f"{t / p:.2f}" if p else "-"
        rec = f"{t / e:.2f}" if e else "-"
        ci = f"{low:.2f}-{high:.2f}" if p else "-"
        print(f"{f:<24}{e:>9}{p:>7}{prec:>11}{ci:>15}{rec:>9}")
    print(f"negation accuracy on matched hits: {neg_right}/{neg_all} = {neg_right / max(neg_all, 1):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="tune")
    parser.add_argument("--batch", default="all",
                        help="the gold set's batch (1, 2, …, or all); each is reported apart when several are selected")
    parser.add_argument("--errors", action="store_true", help="list every false positive, miss and wrong negation")
    args = parser.parse_args()
    rows = select(read_gold(), args.split, args.batch)
    if not rows:
        raise SystemExit(f"{GOLD}: no sentences in split {args.split!r} of batch {args.batch!r}.")
    predicted = predict(rows)
    groups = [(f"batch {b}", [r for r in rows if r["batch"] == b]) for b in sorted({r["batch"] for r in rows}, key=int)]
    for name, part in groups:
        print(f"{name}: {len(part)} sentences ({args.split}), {sum(len(r['items']) for r in part)} expected hits")
        score(part, predicted, args.errors)
        print()
    if len(groups) > 1:
        print(f"all batches: {len(rows)} sentences ({args.split}), {sum(len(r['items']) for r in rows)} expected hits")
        score(rows, predicted)


if __name__ == "__main__":
    main()
