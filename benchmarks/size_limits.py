"""Memory and time of ``toolkit.analyze`` on big inputs: one huge article, many tiny ones.

    python benchmarks/size_limits.py                 # both cases, cold then warm
    python benchmarks/size_limits.py big             # one ≈10 MB single-line article (≈1.1M tokens)
    python benchmarks/size_limits.py many --articles 100000   # 100,000 one-line articles (≈1.7M tokens)

Both are built from data/news_demo/articles.jsonl: ``big`` is its text on one line, repeated
to 10 MB; ``many`` gives each article one sentence of it plus the article's number. Each run
is a fresh Python process with ``progress=False``: cold with an empty cache directory
(``TOOLKIT_CACHE_DIR``), then warm with the cache the cold run filled. Printed: word tokens,
wall-clock seconds inside ``analyze``, tokens/s, and the process's peak resident set size
(``ru_maxrss``, MB), with the RSS after ``import toolkit`` for reference. No assertions:
compare the figures with those of another commit run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import json, resource, sys, time
import toolkit
imported = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kind, size = sys.argv[1], int(sys.argv[2])
corpus = toolkit.load_corpus("data/news_demo/articles.jsonl")
if kind == "big":
    text = " ".join(a.content.replace("\\n", " ") for a in corpus)
    data = toolkit.Article(id="big", text=(text + " ") * (size // len(text.encode()) + 1))
else:
    sents = [s for a in corpus for s in toolkit.sentences(a.content)]
    data = toolkit.Corpus(toolkit.Article(id=f"a{i}", text=sents[i % len(sents)] + f" {i}") for i in range(size))
del corpus
t = time.perf_counter()
a = toolkit.analyze(data, progress=False)
seconds = time.perf_counter() - t
print(json.dumps({"tokens": len(a.tokens), "seconds": seconds, "imported_mb": imported,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(kind: str, size: int, cache: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _RUN, kind, str(size)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "TOOLKIT_CACHE_DIR": str(cache)})
    if out.returncode != 0:
        sys.exit(f"{kind} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", metavar="big|many", help="which cases (default both)")
    parser.add_argument("--bytes", type=int, default=10_000_000, help="size of the big article (default 10000000)")
    parser.add_argument("--articles", type=int, default=100_000, help="number of tiny articles (default 100000)")
    args = parser.parse_args()
    if set(args.cases) - {"big", "many"}:
        parser.error(f"unknown case(s) {sorted(set(args.cases) - {'big', 'many'})}: give big, many or both")
    for kind in args.cases or ["big", "many"]:
        size = args.bytes if kind == "big" else args.articles
        cache = Path(tempfile.mkdtemp(prefix=f"toolkit-size-{kind}-"))
        for run_name in ("cold", "warm"):
            r = run(kind, size, cache)
            print(f"{kind:4} {run_name}  {r['tokens']:>10,} tokens  {r['seconds']:7.1f} s  "
                  f"{r['tokens'] / r['seconds']:>9,.0f} tokens/s  peak RSS {r['rss_mb']:6.0f} MB  "
                  f"(after import toolkit: {r['imported_mb']:.0f} MB)", flush=True)


if __name__ == "__main__":
    main()
