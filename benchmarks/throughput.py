"""Throughput of ``toolkit.analyze``: cold, warm, against stock zeyrek measured in the same run.

    python benchmarks/throughput.py                      # ~100k tokens, toolkit.analyze's default workers
    python benchmarks/throughput.py --tokens 1000000     # the 1M-token scale run
    python benchmarks/throughput.py --tokens 10000000 --fresh-forms   # 10M tokens, vocabulary growing as in news
    python benchmarks/throughput.py --corpus my.jsonl    # your own corpus (no replication)

The default corpus is data/news_demo/articles.jsonl plus the sentences of the UD Turkish
treebanks in ../shared/data/ud (``# text =`` lines, 25 sentences per pseudo-article), all
distinct text, ≈95k tokens. Only if ``--tokens`` asks for more is that text replicated; each
copy starts with a two-word line "Kopya N" so it is a new article (the per-article cache
and in-run duplicate detection do not apply) while its word forms repeat — replication makes
forms repeat more often than in real text, so the 10M extrapolation uses the Heaps' law fit
of the distinct text, not the replicated one.

``--fresh-forms`` makes replicated text grow its vocabulary as news does: in each copied
article some words are swapped for Turkish word forms the corpus has not had yet, so that
the distinct forms follow V(N) = 110,000·(N/10⁶)^0.62 — the Heaps' law figures issue #5
cites for Turkish news (~26k forms at 100k tokens, ~110k at 1M, ~0.4–0.5M at 10M). The
fresh forms are real Turkish words: the alphabetic lower-case entries of simplemma's Turkish
dictionary (1.11M forms, MIT licence), in a fixed shuffled order. They are longer than news
words on average (11.1 letters), so each costs zeyrek more than a typical new form in news,
and, unlike news, they hold no new names; the text around them stays the replicated text.

Every measurement runs in a fresh Python process (nothing warm in memory):
* baseline: stock ``zeyrek.MorphAnalyzer()._parse`` on each token of a random sample of the
  corpus's tokens (its ``analyze``/``lemmatize`` need nltk's punkt_tab, which is not available
  offline), zeyrek's logging as shipped;
* cold: ``toolkit.analyze(corpus)`` (or ``workers=W``) with an empty cache directory; the time
  includes making zeyrek's analyzer (loaded from the toolkit's snapshot, or built), starting
  the workers and loading simplemma's dictionary (its trie is not in the new directory);
* warm: the same call in another fresh process with the cache the cold run filled.

Times are wall-clock seconds inside the call; tokens/s = word tokens / seconds. Peak RSS is
the process's maximum resident set (and, separately, the largest worker process's).
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "news_demo" / "articles.jsonl"
UD = ROOT.parent / "shared" / "data" / "ud"

# Distinct word forms in 10 million tokens of Turkish news, as issue #5 ("Speed and scale")
# states them from Heaps' law (~26k at 100k tokens, ~110k at 1M, ~0.4-0.5M at 10M). Our own
# fit joins unrelated treebanks at under 100k tokens and overestimates (β ≈ 0.94).
CITED_FORMS_10M = (400_000, 500_000)

_PEAK = """
import resource


def peak_mb(pid="self"):
    # VmHWM: the process's own peak. ru_maxrss would also count the benchmark process it was
    # started from (Linux keeps the maximum across exec), which holds the whole corpus.
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if pid == "self" else 0.0
"""

_BASELINE = _PEAK + """
import json, sys, time
words = json.load(open(sys.argv[1], encoding="utf-8"))
t = time.perf_counter()
import zeyrek
analyzer = zeyrek.MorphAnalyzer()
build = time.perf_counter() - t
t = time.perf_counter()
for w in words:
    analyzer._parse(w)
seconds = time.perf_counter() - t
print(json.dumps({"build": build, "seconds": seconds, "tokens": len(words),
                  "rss_mb": peak_mb()}))
"""

_RUN = _PEAK + """
import json, resource, sys, time
import toolkit, toolkit.analysis, toolkit.pool
from toolkit.morphology import default_morphology
corpus = toolkit.load_corpus(sys.argv[1])
phase = {"forms": 0.0}
resolve = toolkit.analysis.resolve_readings
def timed(*args, **kwargs):
    t = time.perf_counter()
    try:
        return resolve(*args, **kwargs)
    finally:
        phase["forms"] += time.perf_counter() - t
toolkit.analysis.resolve_readings = timed
t = time.perf_counter()
options = {} if sys.argv[2] == "auto" else {"workers": int(sys.argv[2])}  # "auto": the default call
a = toolkit.analyze(corpus, progress=False, **options)
seconds = time.perf_counter() - t
built = default_morphology().is_built
worker_kb = 0
for pool in toolkit.pool.running_pools():  # ask each worker for its own peak
    jobs = [pool.submit(resource.getrusage, resource.RUSAGE_SELF) for _ in range(8)]
    worker_kb = max([worker_kb] + [j.result().ru_maxrss for j in jobs])
server_mb = 0.0  # the forkserver the workers are started from (it holds zeyrek's analyzer)
try:
    import multiprocessing.forkserver
    server = multiprocessing.forkserver._forkserver._forkserver_pid
    if server:
        server_mb = peak_mb(server)
except AttributeError:
    pass
print(json.dumps({"seconds": seconds, "form_seconds": phase["forms"], "tokens": len(a.tokens),
                  "built": built, "rss_mb": peak_mb(),
                  "worker_rss_mb": worker_kb / 1024, "server_rss_mb": server_mb}))
"""


def ud_articles(per_article: int = 25) -> list[dict]:
    """UD sentences (``# text =``), ``per_article`` consecutive sentences to a pseudo-article."""
    out = []
    for path in sorted(glob.glob(str(UD / "*" / "*.conllu"))):
        name = Path(path).stem
        sents = [line[len("# text = "):].strip() for line in open(path, encoding="utf-8") if line.startswith("# text = ")]
        for i in range(0, len(sents), per_article):
            out.append({"id": f"{name}-{i // per_article + 1}", "source": name, "text": " ".join(sents[i:i + per_article])})
    return out


# Distinct forms of Turkish news after N tokens, V(N) = HEAPS_1M·(N/10⁶)^HEAPS_BETA: the line
# through issue #5's figures (~26k at 100k tokens, ~110k at 1M; 0.46M at 10M).
HEAPS_1M, HEAPS_BETA = 110_000, 0.62


def fresh_form_supply(exclude: set[str]):
    """Turkish word forms not in ``exclude``, one at a time, in a fixed shuffled order: the
    alphabetic lower-case entries of simplemma's Turkish dictionary."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    words = sorted(w for w in DefaultDictionaryFactory().get_dictionary("tr") if w.isalpha() and w.islower())
    random.Random(5).shuffle(words)
    return (w for w in words if w not in exclude)


def with_fresh_forms(text: str, n: int, supply, rng: random.Random) -> tuple[str, int]:
    """``text`` with up to ``n`` of its alphabetic words (at most half of them) swapped for
    forms from ``supply``; and how many were swapped."""
    pieces = re.split(r"(\s+)", text)
    words = [i for i in range(0, len(pieces), 2) if pieces[i].isalpha()]
    chosen = rng.sample(words, min(n, len(words) // 2))
    for i in chosen:
        pieces[i] = next(supply)
    return "".join(pieces), len(chosen)


def build_corpus(target_tokens: int, corpus: Path | None, out: Path, fresh: bool = False) -> tuple[list[dict], int]:
    """Write the benchmark corpus to ``out``; return its records and how many of them are distinct text."""
    import toolkit
    from toolkit.tokens import distinct_forms_of

    if corpus is not None:
        records = [json.loads(line) for line in open(corpus, encoding="utf-8") if line.strip()]
        unique = len(records)
    else:
        records = [json.loads(line) for line in open(DEMO, encoding="utf-8") if line.strip()] + ud_articles()
        unique = len(records)
        sizes = [len(toolkit.tokenize(r["text"])) + 2 for r in records]
        total, copy = sum(sizes), 0
        if fresh:
            seen = distinct_forms_of([r["text"] for r in records])
            n_forms, supply, rng = len(seen), fresh_form_supply(seen), random.Random(7)
        while total < target_tokens:
            copy += 1
            for r, size in zip(records[:unique], sizes):
                text = r["text"]
                if fresh:
                    want = int(HEAPS_1M * ((total + size) / 1e6) ** HEAPS_BETA) - n_forms
                    if want > 0:
                        text, swapped = with_fresh_forms(text, want, supply, rng)
                        n_forms += swapped
                records.append({**r, "id": f"{r['id']}~{copy}", "text": f"Kopya {copy}\n{text}"})
                total += size
                if total >= target_tokens:
                    break
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records, unique


def heaps_fit(texts: list[str]) -> tuple[float, float, list[tuple[int, int]]]:
    """Fit distinct forms V = K·N^β on prefixes of the distinct text (least squares in log-log).

    Only prefixes of at least a tenth of the text are fitted: β falls as N grows, so the
    slope of the last decade is the closest (and still a pessimistic) guide to larger N.
    """
    from toolkit.text import iter_tokens, turkish_lower

    seen: set[str] = set()
    points = []
    n = 0
    marks = {int(10 ** (3 + i / 4)) for i in range(20)}
    for text in texts:
        for tok in iter_tokens(text):
            seen.add(turkish_lower(tok.surface.replace("'", "")))
            n += 1
            if n in marks:
                points.append((n, len(seen)))
    points.append((n, len(seen)))
    points = [p for p in points if p[0] >= n / 10]
    xs = [math.log(p[0]) for p in points]
    ys = [math.log(p[1]) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    beta = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    k = math.exp(my - beta * mx)
    return k, beta, points


def run(script: str, *args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"benchmark step failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=100_000, help="corpus size to reach by replication (default 100000)")
    parser.add_argument("--corpus", type=Path, help="a JSON Lines corpus to use as it is instead")
    parser.add_argument("--fresh-forms", action="store_true",
                        help="replicate with new word forms swapped in, so distinct forms grow as in news (see above)")
    parser.add_argument("--workers", default="auto",
                        help="worker processes for the cold run (default: auto, what toolkit.analyze does by default)")
    parser.add_argument("--baseline-sample", type=int, default=3000, help="tokens given to stock zeyrek (default 3000)")
    parser.add_argument("--single", action="store_true", help="also time a cold run in one process")
    args = parser.parse_args()

    import toolkit
    from toolkit.tokens import distinct_forms

    work = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    corpus_path = work / "corpus.jsonl"
    records, unique = build_corpus(args.tokens, args.corpus, corpus_path, fresh=args.fresh_forms)
    tokens = [t.surface.replace("'", "") for r in records for t in toolkit.tokenize(r["text"])]
    forms: set[str] = set()
    for r in records:
        forms |= distinct_forms(r["text"])
    unique_tokens = sum(len(toolkit.tokenize(r["text"])) for r in records[:unique])
    print(f"corpus: {len(records)} articles ({unique} distinct texts, {unique_tokens:,} tokens of distinct text"
          f"{'' if unique == len(records) else ', the rest replicated'})")
    print(f"tokens: {len(tokens):,}   distinct forms: {len(forms):,}   cores: {os.cpu_count()}")

    sample = random.Random(0).sample(tokens, min(args.baseline_sample, len(tokens)))
    (work / "sample.json").write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
    base = run(_BASELINE, str(work / "sample.json"))
    base_rate = base["tokens"] / base["seconds"]
    print(f"\nbaseline  stock zeyrek _parse per token ({base['tokens']:,} sampled tokens): "
          f"{base_rate:,.0f} tokens/s; analyzer build {base['build']:.1f} s, peak RSS {base['rss_mb']:.0f} MB")

    results = []
    worker_counts = ([1] if args.single and args.workers != "1" else []) + [args.workers]
    for w in worker_counts:
        cache = work / f"cache-{w}"
        cold = run(_RUN, str(corpus_path), str(w), env={"TOOLKIT_CACHE_DIR": str(cache)})
        warm = run(_RUN, str(corpus_path), str(w), env={"TOOLKIT_CACHE_DIR": str(cache)})
        results.append((w, cold, warm))
        n = cold["tokens"]
        print(f"\nworkers={w}")
        print(f"  cold  {cold['seconds']:7.2f} s  {n / cold['seconds']:>10,.0f} tokens/s  "
              f"= {n / cold['seconds'] / base_rate:5.1f}× baseline   (new-form phase {cold['form_seconds']:.2f} s; "
              f"peak RSS {cold['rss_mb']:.0f} MB, largest worker {cold['worker_rss_mb']:.0f} MB, "
              f"worker server {cold['server_rss_mb']:.0f} MB)")
        print(f"  warm  {warm['seconds']:7.2f} s  {n / warm['seconds']:>10,.0f} tokens/s  "
              f"= {n / warm['seconds'] / base_rate:5.1f}× baseline   (zeyrek built: {warm['built']}; "
              f"peak RSS {warm['rss_mb']:.0f} MB)")

    if args.fresh_forms:
        print(f"\nvocabulary grown as news grows it (V = {HEAPS_1M:,}·(N/10⁶)^{HEAPS_BETA}): the cold figure above is "
              "the measurement, nothing is extrapolated")
        shutil.rmtree(work, ignore_errors=True)
        return
    k, beta, _ = heaps_fit([r["text"] for r in records[:unique]])
    w, cold, _ = results[-1]
    n = cold["tokens"]
    per_form = cold["form_seconds"] / len(forms)
    per_token = (cold["seconds"] - cold["form_seconds"]) / n
    print(f"\nHeaps' law on the distinct text: V ≈ {k:.1f}·N^{beta:.3f}  "
          f"(V(100k) ≈ {k * 1e5 ** beta:,.0f}, V(1M) ≈ {k * 1e6 ** beta:,.0f}, V(10M) ≈ {k * 1e7 ** beta:,.0f})")
    print(f"measured with workers={w}: {per_form * 1e3:.3f} ms per new form (incl. start-up), "
          f"{per_token * 1e6:.2f} µs per token for the rest")
    for target in (1e6, 1e7):
        v = k * target ** beta
        est = per_form * v + per_token * target
        print(f"  extrapolated cold {target:>12,.0f} tokens: {v:,.0f} new forms → {est:6.0f} s ({est / 60:.1f} min)")
    for v in CITED_FORMS_10M:
        est = per_form * v + per_token * 1e7
        print(f"  extrapolated cold   10,000,000 tokens of Turkish news, {v:,} new forms (cited): {est:6.0f} s "
              f"({est / 60:.1f} min)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
