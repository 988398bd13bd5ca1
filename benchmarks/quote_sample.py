"""Print a fixed random sample of the quotes toolkit finds, with context, for checking by hand.

    python benchmarks/quote_sample.py                          # 35 quotes of the demo corpus
    python benchmarks/quote_sample.py --n 50 --seed 7 --corpus my.jsonl

Each quote is printed with its row number, kind, speaker and verb, the quote and the text
around it (``<<Q>>`` marks where the quote stands). A reader marks each row: is it reported
speech with the quote right, and is the speaker right? docs/terms.md gives the result for
the default sample.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import toolkit

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "news_demo" / "articles.jsonl")
    parser.add_argument("--n", type=int, default=35, help="quotes to sample (default 35)")
    parser.add_argument("--seed", type=int, default=2026, help="sampling seed (default 2026)")
    args = parser.parse_args()
    analysis = toolkit.analyze(toolkit.load_corpus(args.corpus), progress=False)
    quotes = analysis.quotes()
    print(f"{len(quotes)} quotes: " + ", ".join(f"{k} {n}" for k, n in quotes["kind"].value_counts().items()))
    text = {a.id: a.content for a in analysis.corpus}
    sample = quotes.sample(n=min(args.n, len(quotes)), random_state=args.seed).sort_index()
    for i, row in sample.iterrows():
        t = text[row["doc_id"]]
        before = t[max(0, row["start"] - 150):row["start"]].replace("\n", " / ")
        after = t[row["end"]:row["end"] + 50].replace("\n", " / ")
        print(f"\n#{i} [{row['kind']}] speaker={row['speaker']!r} verb={row['verb']!r}")
        print(f"   quote: {row['quote'][:110]}")
        print(f"   text:  …{before} <<Q>> {after}…")


if __name__ == "__main__":
    main()
