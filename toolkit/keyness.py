"""Collocations and keyness: which lemmas go with a term, and which tell two groups of articles apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd


def log_likelihood(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Dunning's (1993) G² for 2×2 tables [[a, b], [c, d]] (arrays); 0·ln 0 counts as 0."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    total = np.zeros_like(n)
    for obs, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        exp = row * col / np.where(n > 0, n, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2 * total


def collocation_table(tokens: pd.DataFrame, nodes: pd.DataFrame, window: int, min_count: int,
                      include_stopwords: bool) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.collocations`; ``nodes`` are the term's occurrences
    (rows with ``tokens``, as :func:`toolkit.matching.match_term` gives)."""
    t = tokens
    keep = (t["pos"] != "Num").to_numpy().copy()
    if not include_stopwords:
        keep &= ~t["is_stop"].to_numpy(bool)
    unit = pd.factorize(t["doc_id"])[0].astype(np.int64) * 1_000_000 + t["sentence"].to_numpy(np.int64)
    node_rows = {k for seq in nodes["tokens"] for k in seq}
    in_window: set[int] = set()
    for seq in nodes["tokens"]:
        lo, hi = max(seq[0] - window, 0), min(seq[-1] + window, len(t) - 1)
        in_window.update(k for k in range(lo, hi + 1) if unit[k] == unit[seq[0]] and k not in node_rows)
    lemmas = t["lemma"].astype(str).to_numpy()
    candidates = np.array([k for k in sorted(in_window) if keep[k]], dtype=int)
    corpus_rows = np.array([k for k in np.flatnonzero(keep) if k not in node_rows], dtype=int)
    cols = ["collocate", "count", "frequency", "expected", "log_likelihood", "pmi"]
    if not len(candidates):
        return pd.DataFrame(columns=cols)
    observed = pd.Series(lemmas[candidates]).value_counts()
    frequency = pd.Series(lemmas[corpus_rows]).value_counts().reindex(observed.index)
    n, r = len(corpus_rows), len(candidates)
    o11 = observed.to_numpy(float)
    f = frequency.to_numpy(float)
    expected = r * f / n
    out = pd.DataFrame({
        "collocate": observed.index.astype(str), "count": o11.astype(int), "frequency": f.astype(int),
        "expected": expected, "log_likelihood": log_likelihood(o11, r - o11, f - o11, n - r - f + o11),
        "pmi": np.log2(o11 / expected),
    })
    out = out[(out["count"] >= min_count) & (out["count"] > out["expected"])]
    return out.sort_values(["log_likelihood", "collocate"], ascending=[False, True]).reset_index(drop=True)[cols]


def select_documents(documents: pd.DataFrame, selector: str | Iterable[str] | Mapping[str, Any]) -> list[str]:
    """Document ids chosen by a source name, a list of doc ids, or a ``{column: value}`` mapping."""
    docs = documents
    if isinstance(selector, str):
        chosen = docs.loc[docs["source"] == selector, "id"]
        if chosen.empty:
            raise ValueError(f"No articles from source {selector!r}; sources are "
                             f"{', '.join(map(str, docs['source'].dropna().unique()))}.")
        return list(chosen)
    if isinstance(selector, Mapping):
        mask = pd.Series(True, index=docs.index)
        for col, value in selector.items():
            if col not in docs.columns:
                raise ValueError(f"No document column {col!r}; use one of {', '.join(docs.columns)}.")
            mask &= docs[col].isin(value) if isinstance(value, (list, tuple, set)) else docs[col] == value
        if not mask.any():
            raise ValueError(f"No articles match {dict(selector)!r}.")
        return list(docs.loc[mask, "id"])
    ids = list(selector)
    unknown = sorted(set(ids) - set(docs["id"]))
    if unknown:
        raise ValueError(f"Unknown doc_id {unknown[0]!r}; doc ids are the 'id' column of analysis.documents.")
    return ids


def keyness_table(tokens: pd.DataFrame, documents: pd.DataFrame, target, reference, min_count: int,
                  include_stopwords: bool) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.keyness`."""
    a_ids = select_documents(documents, target)
    b_ids = (select_documents(documents, reference) if reference is not None
             else [d for d in documents["id"] if d not in set(a_ids)])
    t = tokens
    doc = t["doc_id"].astype(str)
    na, nb = int(doc.isin(a_ids).sum()), int(doc.isin(b_ids).sum())
    if not na or not nb:
        raise ValueError("One of the two groups has no tokens; choose groups with articles in them.")
    keep = t["pos"] != "Num"
    if not include_stopwords:
        keep &= ~t["is_stop"]
    lem = t["lemma"].astype(str)
    ca = lem[keep & doc.isin(a_ids)].value_counts()
    cb = lem[keep & doc.isin(b_ids)].value_counts()
    table = pd.DataFrame({"count_a": ca, "count_b": cb}).fillna(0).astype(int)
    table = table[(table["count_a"] + table["count_b"]) >= min_count]
    a, b = table["count_a"].to_numpy(float), table["count_b"].to_numpy(float)
    ll = log_likelihood(a, b, na - a, nb - b)
    ratio = np.log2(((np.where(a > 0, a, 0.5)) / na) / ((np.where(b > 0, b, 0.5)) / nb))
    out = pd.DataFrame({
        "lemma": table.index.astype(str), "count_a": a.astype(int), "count_b": b.astype(int),
        "per_10k_a": a * 10_000 / na, "per_10k_b": b * 10_000 / nb,
        "log_likelihood": ll, "log_ratio": ratio,
    })
    out["key_for"] = np.where(out["log_ratio"] > 0, "a", "b")
    return out.sort_values(["log_likelihood", "lemma"], ascending=[False, True]).reset_index(drop=True)
