"""Agreement between two codings of the same gold sentences: Krippendorff's α and raw agreement.

    python benchmarks/frame_gold_agreement.py [--second data/frame_gold/batch2_recode.tsv]

The second file holds ``id`` and ``expected`` (the gold set's format) for some of the gold set's
sentences, coded a second time from scratch; the first coding is ``expected`` in
``data/frame_gold/frame_gold.tsv``. Two units are compared, both coded 1/0 by each coding:

* sentence × frame: does the sentence carry at least one hit of the frame (per frame and over
  all frames);
* hit: every ``(frame, first word, n-th occurrence)`` either coding lists, present or not in
  each; with it, how often the two codings give a hit both list the same negation.

α is nominal (``toolkit.validity.krippendorff_alpha``); a frame neither coding uses in these
sentences has no α ("-"). No toolkit analysis is run: this measures the coders, not the matcher.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

import numpy as np

import toolkit
from benchmarks.frame_validity import GOLD, read_gold
from toolkit.validity import krippendorff_alpha

SECOND = GOLD.parent / "batch2_recode.tsv"


def hit_keys(items: list[tuple[str, ...]]) -> dict[tuple[str, str, int], str]:
    """``(frame, first word, n-th occurrence of that pair)`` → negation, for one sentence's hits."""
    seen: Counter = Counter()
    out = {}
    for frame, word, negation in items:
        seen[(frame, word)] += 1
        out[(frame, word, seen[(frame, word)])] = negation
    return out


def agreement(first: list[list[tuple[str, ...]]], second: list[list[tuple[str, ...]]],
              frames: list[str]) -> dict[str, tuple[float, float, int]]:
    """Per frame and ``all`` (sentence × frame units), and ``hits`` (hit units): (α, share of
    units both codings agree on, units either coding marks present); α is NaN for ``hits``."""
    out = {}
    presence = np.array([[[float(any(i[0] == f for i in s)) for s in coding] for f in frames]
                         for coding in (first, second)])  # coding × frame × sentence
    for k, f in enumerate([*frames, "all"]):
        codes = presence.reshape(2, -1) if f == "all" else presence[:, k, :]
        positive = int(np.sum(codes.max(axis=0)))
        alpha = krippendorff_alpha(codes) if positive else float("nan")
        out[f] = (alpha, float(np.mean(codes[0] == codes[1])), positive)
    units = []
    for a, b in zip(first, second):
        ka, kb = hit_keys(a), hit_keys(b)
        units += [(float(k in ka), float(k in kb)) for k in sorted(set(ka) | set(kb))]
    codes = np.array(units).T if units else np.zeros((2, 0))
    # No α for hit units: they are only the hits either coding lists, none absent from both, so
    # the expected disagreement α divides by is near zero and α says nothing; raw agreement does.
    out["hits"] = (float("nan"), float(np.mean(codes[0] == codes[1])) if units else float("nan"), len(units))
    return out


def read_second(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """id → expected hits of a second coding (the gold set's format)."""
    return {r["id"]: r["items"] for r in read_gold(path)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--second", type=Path, default=SECOND)
    args = parser.parse_args()
    second = read_second(args.second)
    gold = {r["id"]: r["items"] for r in read_gold()}
    missing = sorted(set(second) - set(gold), key=int)
    if missing:
        raise SystemExit(f"{args.second}: ids {', '.join(missing)} are not in {GOLD}.")
    ids = sorted(second, key=int)
    frames = list(toolkit.Lexicon.default().names)
    result = agreement([gold[i] for i in ids], [second[i] for i in ids], frames)
    print(f"{len(ids)} sentences coded twice; exact same hits in {sum(hit_keys(gold[i]) == hit_keys(second[i]) for i in ids)}")
    print(f"{'unit':<24}{'alpha':>7}{'agree':>8}{'present':>9}")
    for name, (alpha, agree, positive) in result.items():
        shown = "-" if np.isnan(alpha) else f"{alpha:.3f}"
        print(f"{name:<24}{shown:>7}{agree:>8.3f}{positive:>9}")
    both = [(hit_keys(gold[i]), hit_keys(second[i])) for i in ids]
    shared = [(a[k], b[k]) for a, b in both for k in set(a) & set(b)]
    same = sum(x == y for x, y in shared)
    print(f"negation agreement on hits both codings list: {same}/{len(shared)}")


if __name__ == "__main__":
    main()
