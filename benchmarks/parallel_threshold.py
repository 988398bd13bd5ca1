"""Where worker processes start to pay: cold ``toolkit.analyze`` in one process and with 2
workers on growing amounts of new text, to set ``toolkit.analysis.PARALLEL_MIN_CHARS`` (below
it, ``workers="auto"`` stays in one process).

    python benchmarks/parallel_threshold.py              # 60k, 150k, 300k, 600k characters, 2 rounds

Text: the benchmark corpus of benchmarks/throughput.py (demo corpus and UD Turkish sentences),
shuffled, cut to each size. Every run is a fresh process with an empty cache directory and the
threshold set to 0, so the two-worker run always uses its workers; the two runs of each size
are interleaved. Wall-clock seconds inside the call; compare the two columns of one row.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # noqa: E402

_RUN = """
import json, sys, time
import toolkit, toolkit.analysis
toolkit.analysis.PARALLEL_MIN_CHARS = 0
corpus = toolkit.load_corpus(sys.argv[1])
t = time.perf_counter()
a = toolkit.analyze(corpus, workers=int(sys.argv[2]), progress=False)
print(json.dumps({"seconds": time.perf_counter() - t, "tokens": len(a.tokens)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[60_000, 150_000, 300_000, 600_000],
                        help="characters of new text")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="toolkit-threshold-"))
    records, _ = throughput.build_corpus(100_000, None, work / "all.jsonl", fresh=False)
    random.Random(1).shuffle(records)
    print("characters  tokens  1 process (s)  2 workers (s)")
    for size in args.sizes:
        chosen, chars = [], 0
        for record in records:
            if chars >= size:
                break
            chosen.append(record)
            chars += len(record["text"])
        path = work / f"corpus-{size}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), encoding="utf-8")
        for _ in range(args.rounds):
            seconds = {}
            for workers in (1, 2):
                env = {**os.environ, "TOOLKIT_CACHE_DIR": tempfile.mkdtemp(dir=work)}
                done = subprocess.run([sys.executable, "-c", _RUN, str(path), str(workers)],
                                      capture_output=True, text=True, env=env, check=True)
                result = json.loads(done.stdout.strip().splitlines()[-1])
                seconds[workers] = result["seconds"]
            print(f"{chars:>10,}  {result['tokens']:>6,}  {seconds[1]:>13.2f}  {seconds[2]:>13.2f}", flush=True)


if __name__ == "__main__":
    main()
