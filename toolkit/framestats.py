"""Tables computed from frame hits (:func:`toolkit.matching.match_lexicon`) and the token table.

Conventions: ``hits`` counts plain occurrences (neither negated nor inside a proper name),
``negated`` negated ones, ``names`` occurrences inside a multiword proper name (left out of
``hits`` and ``negated`` unless ``include_names``), ``out_of_context`` occurrences outside
names that fail their frame's context rule (left out unless ``include_out_of_context``); ``per_10k`` is hits per 10,000 word
tokens (stopwords included); ``share`` the fraction of articles with at least one plain hit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

PERIODS = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D"}


def _period_column(dates: pd.Series, period: str) -> pd.Series:
    parsed = pd.to_datetime(dates, errors="coerce")
    return parsed.dt.to_period(PERIODS[period]).astype(str).where(parsed.notna(), "unknown")


def documents_with_groups(documents: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """``documents`` plus one column per period named in ``by`` (year, quarter, month, week, day)."""
    docs = documents.copy()
    for col in by:
        if col in PERIODS:
            docs[col] = _period_column(docs["date"], col)
        elif col not in docs.columns:
            raise ValueError(f"Cannot group by {col!r}: use a document column ({', '.join(docs.columns)}) "
                             f"or a period ({', '.join(PERIODS)}).")
    return docs


def _flags(hits: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per hit: inside a proper name; out of context and not inside a name (False where the column is absent)."""
    no = pd.Series(False, index=hits.index)
    named = hits["in_name"].astype(bool) if "in_name" in hits.columns else no
    off = hits["out_of_context"].astype(bool) & ~named if "out_of_context" in hits.columns else no
    return named, off


def counted(hits: pd.DataFrame, include_names: bool = False, include_out_of_context: bool = False) -> pd.DataFrame:
    """The hits that count: those outside proper names (all with ``include_names``) that pass
    their frame's context rule (all with ``include_out_of_context``)."""
    named, off = _flags(hits)
    return hits[~(named & (not include_names)) & ~(off & (not include_out_of_context))]


def frame_table(documents: pd.DataFrame, hits: pd.DataFrame, frames: Sequence[str],
                by: str | Sequence[str] | None = None, include_names: bool = False,
                include_out_of_context: bool = False) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.frames`."""
    group = [] if by is None else [by] if isinstance(by, str) else list(by)
    if group == ["corpus"]:
        group = []
    docs = documents_with_groups(documents, group)
    named, off = _flags(hits)
    kept = counted(hits, include_names, include_out_of_context)
    neg = kept["negated"].astype(bool)
    grid = pd.MultiIndex.from_product([docs["id"], list(frames)], names=["doc_id", "frame"])

    def per(rows: pd.DataFrame) -> pd.Series:
        return rows.groupby(["doc_id", "frame"]).size().reindex(grid, fill_value=0)

    per_doc = pd.DataFrame({"hits": per(kept[~neg]), "negated": per(kept[neg]),
                            "names": per(hits[named]), "out_of_context": per(hits[off])}).reset_index()
    meta_cols = ["source", "date", *[c for c in group if c not in ("source", "date")]]
    per_doc = per_doc.merge(docs[["id", *meta_cols, "n_tokens"]], left_on="doc_id", right_on="id").drop(columns="id")
    per_doc["per_10k"] = per_doc["hits"] * 10_000 / per_doc["n_tokens"].clip(lower=1)
    per_doc["present"] = per_doc["hits"] > 0
    if by is None:
        return per_doc[["doc_id", "source", "date", "frame", "hits", "negated", "names", "out_of_context", "n_tokens", "per_10k",
                        "present"]]
    keys = [*group, "frame"]
    g = per_doc.groupby(keys, sort=False, observed=True)
    out = pd.DataFrame({
        "hits": g["hits"].sum(), "negated": g["negated"].sum(), "names": g["names"].sum(),
        "out_of_context": g["out_of_context"].sum(),
        "n_tokens": g["n_tokens"].sum(), "documents": g["present"].sum(), "n_documents": g.size(),
    }).reset_index()
    out["per_10k"] = out["hits"] * 10_000 / out["n_tokens"].clip(lower=1)
    out["share"] = out["documents"] / out["n_documents"]
    order = {f: i for i, f in enumerate(frames)}
    out = out.sort_values([*group, "frame"], key=lambda s: s.map(order) if s.name == "frame" else s, kind="stable")
    cols = [*keys, "hits", "negated", "names", "out_of_context", "per_10k", "documents", "n_documents", "share", "n_tokens"]
    return out[cols].reset_index(drop=True)


def actor_table(tokens: pd.DataFrame, hits: pd.DataFrame, frames: Sequence[str], actors: Sequence[str] | None,
                n_actors: int, window: int | None) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.actor_frames`."""
    t = tokens
    lemmas = t["lemma"].astype(str).to_numpy()
    if actors is None:
        proper = pd.Series(lemmas[[(x[:1].isupper() and p != "Num") for x, p in zip(lemmas, t["pos"].astype(str))]])
        actors = list(proper.value_counts().head(n_actors).index)
    unit = pd.factorize(t["doc_id"])[0].astype(np.int64) * 1_000_000 + t["sentence"].to_numpy(np.int64)
    doc = pd.factorize(t["doc_id"])[0]
    hit_first = hits["first"].to_numpy(int)
    hit_neg = hits["negated"].to_numpy(bool)
    hit_frame = hits["frame"].to_numpy()
    hit_unit = unit[hit_first] if len(hits) else np.array([], dtype=np.int64)
    rows = []
    terms = t["term"].astype(str).to_numpy() if "term" in t.columns else lemmas
    for actor in actors:
        mentions = np.flatnonzero((lemmas == actor) | (terms == actor))
        mentions = mentions[~np.isin(mentions - 1, mentions)]  # a name of several words: its first word
        contexts: list[np.ndarray] = []
        if window is None:
            for u in np.unique(unit[mentions]):
                contexts.append(hit_unit == u)
        else:
            for m in mentions:
                contexts.append((doc[hit_first] == doc[m]) & (np.abs(hit_first - m) <= window) if len(hits)
                                else np.zeros(0, bool))
        for frame in frames:
            is_frame = hit_frame == frame
            plain = [int((c & is_frame & ~hit_neg).sum()) for c in contexts]
            neg = [int((c & is_frame & hit_neg).sum()) for c in contexts]
            rows.append({"actor": actor, "frame": frame, "hits": sum(plain), "negated": sum(neg),
                         "contexts": len(contexts), "contexts_with_frame": sum(p > 0 for p in plain)})
    out = pd.DataFrame(rows, columns=["actor", "frame", "hits", "negated", "contexts", "contexts_with_frame"])
    out["share"] = out["contexts_with_frame"] / out["contexts"].clip(lower=1)
    return out


def frame_token_table(tokens: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.frame_tokens`."""
    t = tokens.copy()
    frame = [[] for _ in range(len(t))]
    cue = [""] * len(t)
    neg = np.zeros(len(t), bool)
    for h in hits.itertuples(index=False):
        for k in h.tokens:
            frame[k].append(h.frame)
            cue[k] = h.cue
            neg[k] |= bool(h.negated)
    t["frame"] = pd.Categorical(["|".join(f) if f else None for f in frame])
    t["cue"] = pd.Categorical([c or None for c in cue])
    t["frame_negated"] = neg
    return t


def dispersion_table(tokens: pd.DataFrame, documents: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """See :meth:`toolkit.analysis.Analysis.dispersion`."""
    docs = documents.reset_index(drop=True)
    doc_start = pd.Series(np.arange(len(tokens))).groupby(tokens["doc_id"].astype(str).to_numpy()).min()
    n_tok = docs.set_index("id")["n_tokens"]
    rel = [(int(f) - int(doc_start[d])) / max(int(n_tok[d]), 1) for f, d in zip(hits["first"], hits["doc_id"])]
    out = pd.DataFrame({
        "term": hits["term"], "doc_id": hits["doc_id"],
        "doc_index": hits["doc_id"].map({d: i for i, d in enumerate(docs["id"])}),
        "source": hits["doc_id"].map(docs.set_index("id")["source"]),
        "relative_position": rel, "negated": hits["negated"].astype(bool),
    })
    return out.sort_values(["doc_index", "relative_position"]).reset_index(drop=True)


def frame_lemma_table(tokens: pd.DataFrame, freqs: pd.DataFrame, hits: pd.DataFrame,
                      frames: Sequence[str]) -> pd.DataFrame:
    """``freqs`` (lemma frequencies) plus ``frame``: the frame whose hits a lemma's tokens most
    often open (missing for lemmas outside every cue), see
    :meth:`toolkit.analysis.Analysis.lemma_frequencies`; light verbs of multiword cues stay unframed."""
    freqs = freqs.copy()
    lemmas = tokens["lemma"].astype(str).to_numpy()
    # Only the first word of a cue: light verbs (yapmak in "baskı yap-") carry no frame alone.
    pairs = pd.DataFrame([(lemmas[h.first], h.frame) for h in hits.itertuples(index=False)],
                         columns=["lemma", "frame"])
    if pairs.empty:
        freqs["frame"] = None
        return freqs
    order = {f: i for i, f in enumerate(frames)}
    top = (pairs.value_counts().reset_index(name="n")
           .assign(o=lambda d: d["frame"].map(order))
           .sort_values(["lemma", "n", "o"], ascending=[True, False, True])
           .drop_duplicates("lemma").set_index("lemma")["frame"])
    freqs["frame"] = freqs["lemma"].map(top)
    return freqs
