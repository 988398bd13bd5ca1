"""Precision and recall of the near-duplicate finder (toolkit.duplicates) on built pairs.

Usage (from the repository root)::

    PYTHONPATH=. python benchmarks/duplicates.py [--demo data/news_demo/articles.jsonl]
        [--seed-article data/articles/kim-putin-davet.txt] [--thresholds 0.2,0.3,0.4,0.5]

The pool: every demo article and the seed article (the *originals*, different stories), and
for each original five edited copies made with a fixed random seed, the way outlets rework
agency copy:

* ``reorder``   the sentences shuffled;
* ``delete``    about a third of the sentences deleted (at least one kept);
* ``tagged``    a new headline, an agency tag line in front (``ANKARA (AA) -``) and a
  ``Kaynak: DHA`` line at the end;
* ``words``     about 5 % of the words deleted, doubled or replaced by a word of another article;
* ``combined``  a fifth of the sentences deleted, the rest shuffled, tagged, 3 % word edits;
* ``half``      half of the sentences deleted, 5 % word edits (a heavy rewrite);
* ``borrowed``  two sentences of *another* story inserted (a background paragraph or a quote
  shared with an unrelated article): a copy of its original, and a hard negative for the
  other story.

The finder runs once over the whole pool (originals and copies, as a collection would hold
them). A *pair* is two articles of the pool; it is a true pair when both come from the same
original. Precision = true pairs put in one cluster / pairs put in one cluster; recall = true
pairs put in one cluster / true pairs. Recall is also given per edit (the original with that
copy). "distinct originals in a cluster" counts the false clusters among the originals alone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.corpus import read_txt
from toolkit.duplicates import THRESHOLD, find_duplicates
from toolkit.text import sentences

ROOT = Path(__file__).resolve().parent.parent
EDITS = ("reorder", "delete", "tagged", "words", "combined", "half", "borrowed")


@dataclass
class Item:
    id: str
    text: str
    title: str
    date: str | None
    origin: str
    edit: str


def _word_edits(text: str, share: float, vocabulary: list[str], rng: random.Random) -> str:
    words = text.split()
    out = []
    for w in words:
        if rng.random() >= share:
            out.append(w)
            continue
        action = rng.choice(("delete", "double", "replace"))
        if action == "double":
            out += [w, w]
        elif action == "replace":
            out.append(rng.choice(vocabulary))
    return " ".join(out)


def _delete(parts: list[str], share: float, rng: random.Random) -> list[str]:
    n = max(1, len(parts) - max(1, round(len(parts) * share))) if len(parts) > 1 else 1
    keep = sorted(rng.sample(range(len(parts)), n))
    return [parts[i] for i in keep]


def edited(text: str, edit: str, vocabulary: list[str], other: list[str], rng: random.Random) -> str:
    """``text`` reworked by one of :data:`EDITS` (``other``: the sentences of another story)."""
    parts = sentences(text) or [text]
    if edit == "reorder":
        parts = parts[:]
        rng.shuffle(parts)
        return " ".join(parts)
    if edit == "delete":
        return " ".join(_delete(parts, 1 / 3, rng))
    if edit == "tagged":
        return "ANKARA (AA) - " + " ".join(parts) + "\nKaynak: DHA"
    if edit == "words":
        return _word_edits(text, 0.05, vocabulary, rng)
    if edit == "half":
        return _word_edits(" ".join(_delete(parts, 0.5, rng)), 0.05, vocabulary, rng)
    if edit == "borrowed":
        parts = parts[:]
        for sentence in rng.sample(other, min(2, len(other))):
            parts.insert(rng.randrange(len(parts) + 1), sentence)
        return " ".join(parts)
    kept = _delete(parts, 0.2, rng)
    rng.shuffle(kept)
    return "İSTANBUL (İHA) - " + _word_edits(" ".join(kept), 0.03, vocabulary, rng)


def build_pool(demo: Path, seed_article: Path, rng: random.Random) -> list[Item]:
    originals = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines() if line.strip()]
    seed = read_txt(seed_article)
    originals.append({"id": seed.id, "text": seed.text, "title": seed.title, "date": seed.date})
    vocabulary = [w for o in originals for w in o["text"].split()]
    pool = [Item(o["id"], o["text"], o["title"], o.get("date"), o["id"], "original") for o in originals]
    for k, o in enumerate(originals):
        other = sentences(originals[(k + 1 + rng.randrange(len(originals) - 1)) % len(originals)]["text"])
        for edit in EDITS:
            pool.append(Item(f"{o['id']}~{edit}", edited(o["text"], edit, vocabulary, other, rng),
                             "Yeni başlık: " + o["title"], o.get("date"), o["id"], edit))
    return pool


def score(pool: list[Item], threshold: float) -> dict:
    copies = find_duplicates(pool, threshold=threshold)
    cluster = {item.id: copies[item.id].duplicate_of if item.id in copies else item.id for item in pool}
    tp = fp = fn = 0
    for a, b in itertools.combinations(pool, 2):
        same, found = a.origin == b.origin, cluster[a.id] == cluster[b.id]
        tp += same and found
        fp += found and not same
        fn += same and not found
    per_edit = {}
    for edit in EDITS:
        hits = [cluster[i.id] == cluster[i.origin] for i in pool if i.edit == edit]
        per_edit[edit] = sum(hits) / len(hits)
    originals = [i for i in pool if i.edit == "original"]
    alone = find_duplicates(originals, threshold=threshold)
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp, "fp": fp, "fn": fn, "per_edit": per_edit, "false_among_originals": len(alone)}


def time_reopen(demo: Path, n: int) -> int:
    """Seconds to open a collection folder of ``n`` articles: what every collect run pays first."""
    import tempfile
    import time

    from toolkit.collect import Collection

    rows = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        with open(Path(folder) / "articles.jsonl", "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({**rows[i % len(rows)], "id": f"a{i}", "url": f"https://example.org/{i}"},
                                   ensure_ascii=False) + "\n")
        Collection(folder).close()  # the first opening also fills the state
        started = time.perf_counter()
        Collection(folder).close()
        seconds = time.perf_counter() - started
    print(f"opening a collection of {n} articles: {seconds:.1f} s ({1000 * seconds / n:.1f} ms per article)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demo", type=Path, default=ROOT / "data" / "news_demo" / "articles.jsonl")
    parser.add_argument("--seed-article", type=Path, default=ROOT / "data" / "articles" / "kim-putin-davet.txt")
    parser.add_argument("--thresholds", default=f"0.2,{THRESHOLD},0.4,0.5,0.6")
    parser.add_argument("--random-seed", type=int, default=20)
    parser.add_argument("--reopen", type=int, default=0, metavar="N",
                        help="instead: time opening a collection of N articles (the demo articles repeated)")
    args = parser.parse_args(argv)
    if args.reopen:
        return time_reopen(args.demo, args.reopen)
    pool = build_pool(args.demo, args.seed_article, random.Random(args.random_seed))
    n_orig = sum(i.edit == "original" for i in pool)
    n_pairs = len(pool) * (len(pool) - 1) // 2
    print(f"pool: {n_orig} originals + {len(pool) - n_orig} edited copies = {len(pool)} articles, {n_pairs} pairs "
          f"({n_orig * (len(EDITS) + 1) * len(EDITS) // 2} true: {len(EDITS) + 1} articles per story)")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'TP':>5} {'FP':>4} {'FN':>4}  "
          + " ".join(f"{e:>8}" for e in EDITS) + "  false clusters among originals")
    for t in (float(x) for x in args.thresholds.split(",")):
        s = score(pool, t)
        mark = " (default)" if t == THRESHOLD else ""
        print(f"{t:>9.2f} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['tp']:>5} {s['fp']:>4} {s['fn']:>4}  "
              + " ".join(f"{s['per_edit'][e]:>8.2f}" for e in EDITS) + f"  {s['false_among_originals']}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
