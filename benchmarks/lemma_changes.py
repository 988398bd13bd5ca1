"""Which lemmas analyze() gives differently from another version of the toolkit.

Analyses the seed article and the demo corpus with this checkout and with another one (a
directory holding a ``toolkit`` package, e.g. ``git worktree add /tmp/old v0.4.0``), each in a
fresh process with a fresh cache, and prints how many lemmas changed and the commonest
changes, with a few lines of context for each.

    python benchmarks/lemma_changes.py --before /tmp/old
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "data" / "news_demo", ROOT.parent / "shared" / "data" / "seed" / "kim-putin-davet.txt"]
_DUMP = """
import json, sys, toolkit
out = []
for path in sys.argv[1:]:
    t = toolkit.analyze(toolkit.load_corpus(path), workers=1, progress=False).tokens
    out += [[str(d), s, l] for d, s, l in zip(t["doc_id"], t["surface"].astype(str), t["lemma"].astype(str))]
print(json.dumps(out, ensure_ascii=False))
"""


def lemmas_of(tree: Path) -> list[list[str]]:
    """(doc_id, surface, lemma) of every token of the corpora, analysed by the toolkit in ``tree``."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPATH=str(tree), TOOLKIT_CACHE_DIR=cache)
        done = subprocess.run([sys.executable, "-c", _DUMP, *map(str, CORPORA)], env=env, cwd=tree,
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the other version")
    parser.add_argument("--top", type=int, default=40, help="how many kinds of change to list")
    args = parser.parse_args()
    old, new = lemmas_of(args.before.resolve()), lemmas_of(ROOT)
    if [t[:2] for t in old] != [t[:2] for t in new]:
        sys.exit("The two versions tokenise the corpora differently; compare lemmas of one tokenisation.")
    changed = [(i, o[2], n[2]) for i, (o, n) in enumerate(zip(old, new)) if o[2] != n[2]]
    print(f"{len(changed)} of {len(new)} lemmas changed (seed article and demo corpus)")
    for (before, after), count in Counter((b, a) for _, b, a in changed).most_common(args.top):
        i = next(i for i, b, a in changed if (b, a) == (before, after))
        before_words = " ".join(t[1] for t in new[max(i - 3, 0):i])
        context = f"{before_words} [{new[i][1]}] " + " ".join(t[1] for t in new[i + 1:i + 3])
        print(f"{count:5d}  {before} -> {after}   e.g. {context}")


if __name__ == "__main__":
    main()
