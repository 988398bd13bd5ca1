"""Seconds spent making the report's tables (toolkit.report.report_tables) on a big corpus.

    python benchmarks/report_tables.py [--articles 1650] [--matching]

The demo corpus (data/news_demo, 50 articles) is repeated under new ids up to ``--articles``
articles and analysed (from the cache after the first run); then the tables of a report with
the default terms are made once and timed, in seconds and in CPU seconds of this process (less
moved by other work on a shared machine). ``--matching`` times only the two steps the tables
start with, the term columns (``analysis.tokens``) and the frame hits (``frame_hits()``), and
prints a digest of both, so two versions can be shown to give the same rows. Run it with two
versions of the toolkit first on PYTHONPATH, one after the other, to compare them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import toolkit
from toolkit import Article, Corpus
from toolkit.report import report_tables

DEMO = Path(__file__).resolve().parent.parent / "data" / "news_demo" / "articles.jsonl"
TERMS = ["endişe", "yaptırım", "tehdit", "işbirliği", "iş birliği"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1650)
    parser.add_argument("--matching", action="store_true",
                        help="time the term columns and frame hits only, and print a digest of them")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=f"{r['id']}-{k}", source=r["source"], date=r["date"], title=r["title"], text=r["text"])
                for k in range(-(-args.articles // len(rows))) for r in rows][:args.articles]
    analysis = toolkit.analyze(Corpus(articles), progress=False)
    if args.matching:
        started = time.perf_counter()
        terms, hits = analysis.tokens[["term", "term_kind"]], analysis.frame_hits()
        seconds = time.perf_counter() - started
        digest = hashlib.sha256(terms.to_csv(index=False).encode() + hits.to_csv(index=False).encode()).hexdigest()
        print(f"{toolkit.__file__}: {len(articles)} articles, term columns and frame hits {seconds:.1f} s "
              f"(digest {digest[:16]})")
        return
    started, cpu = time.perf_counter(), time.process_time()
    report_tables(analysis, TERMS)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{toolkit.__file__}: {len(articles)} articles, {len(analysis.tokens):,} tokens, "
          f"report tables {seconds:.1f} s (CPU {cpu:.1f} s)")


if __name__ == "__main__":
    main()
