"""Keyword-in-context lines for hits, and the coding sheet that samples them for validation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

KWIC_COLUMNS = ["doc_id", "source", "date", "left", "keyword", "right", "negated", "start"]
CODER_COLUMNS = ["frame_present", "negation_correct", "coder", "note"]


def kwic_rows(tokens: pd.DataFrame, documents: pd.DataFrame, texts: Mapping[str, str], hits: pd.DataFrame,
              window: int, unit: np.ndarray | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for ``hits`` (rows with doc_id, start, end, first, last, negated).

    ``window`` words on each side, within the sentence; the text between them is shown as
    written. ``unit`` (optional): a sentence number per token row, equal within a sentence
    (the matcher's ``TokenView.unit``), so it is not worked out again.
    """
    if unit is None:
        unit = pd.factorize(tokens["doc_id"])[0].astype(np.int64) * 1_000_000 + tokens["sentence"].to_numpy(np.int64)
    meta = documents.set_index("id")
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    rows = []
    for h in hits.itertuples(index=False):
        first, last = int(h.first), int(h.last)
        lo = first
        while lo > 0 and first - lo < window and unit[lo - 1] == unit[first]:
            lo -= 1
        hi = last
        while hi + 1 < len(unit) and hi - last < window and unit[hi + 1] == unit[last]:
            hi += 1
        text = texts[h.doc_id]
        s, e = int(h.start), int(h.end)
        rows.append({
            "doc_id": h.doc_id, "source": meta.at[h.doc_id, "source"], "date": meta.at[h.doc_id, "date"],
            "left": " ".join(text[int(starts[lo]):s].split()) if lo < first else "",
            "keyword": text[s:e],
            "right": " ".join(text[e:int(ends[hi])].split()) if hi > last else "",
            "negated": bool(h.negated), "start": s,
            **({"frame": h.frame, "cue": h.cue, "negation": h.negation, "in_name": bool(h.in_name),
                "out_of_context": bool(getattr(h, "out_of_context", False))} if h.frame else {}),
        })
    cols = list(KWIC_COLUMNS)
    if len(hits) and hits["frame"].astype(bool).any():
        cols += ["frame", "cue", "negation", "in_name", "out_of_context"]
    return pd.DataFrame(rows, columns=cols)


def coding_sheet(tokens: pd.DataFrame, documents: pd.DataFrame, texts: Mapping[str, str], hits: pd.DataFrame,
                 frames: Sequence[str], *, per_frame: int = 20, seed: int = 0, window: int = 10,
                 unit: np.ndarray | None = None) -> pd.DataFrame:
    """A sample of at most ``per_frame`` KWIC lines per frame of ``hits`` for manual validation.

    The sample is drawn with ``seed`` (same hits and seed → same sheet). Columns: ``item,
    frame, population`` (the frame's hits, which the sample is drawn from), ``cue, doc_id,
    source, date, left, keyword, right, negated, negation, in_name, out_of_context`` and
    empty coder columns ``frame_present`` (1 = the line carries the frame, 0 = not),
    ``negation_correct`` (1/0), ``coder``, ``note``. Read coded sheets back with
    :func:`toolkit.validity.validate`.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for frame in frames:
        fh = hits[hits["frame"] == frame]
        if len(fh) > per_frame:
            fh = fh.iloc[np.sort(rng.choice(len(fh), size=per_frame, replace=False))]
        parts.append(kwic_rows(tokens, documents, texts, fh, window, unit).assign(population=int((hits["frame"] == frame).sum())))
    kept = [p for p in parts if len(p)]
    sheet = pd.concat(kept, ignore_index=True) if kept else \
        pd.DataFrame(columns=[*KWIC_COLUMNS, "frame", "cue", "negation", "in_name", "out_of_context", "population"])
    sheet.insert(0, "item", np.arange(1, len(sheet) + 1))
    for c in CODER_COLUMNS:
        sheet[c] = ""
    return sheet[["item", "frame", "population", "cue", "doc_id", "source", "date", "left", "keyword", "right", "negated",
                  "negation", "in_name", "out_of_context", *CODER_COLUMNS]]
