"""Analysis: the tidy token table and the tables computed from it.

``analyze`` turns text, an :class:`~toolkit.corpus.Article` or a :class:`~toolkit.corpus.Corpus`
into an :class:`Analysis` whose ``tokens`` DataFrame has one row per word token
(punctuation excluded). Every table below is a pandas group-by over that table.

Conventions: ``count`` is a number of tokens; ``per_10k`` is ``count`` per 10,000 word tokens
of the analysed texts (stopwords included in the denominator); ``documents`` is the number
of articles with at least one occurrence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from importlib import resources

import pandas as pd

from toolkit.corpus import Article, Corpus
from toolkit.lemmas import choose, readings_for
from toolkit.morphology import Morphology, default_morphology
from toolkit.text import Token, iter_tokens, turkish_lower

TOKEN_COLUMNS = [
    "doc_id", "sentence", "position", "start", "end", "surface", "lemma", "pos",
    "is_stop", "known", "negated", "confidence", "alternatives",
]


def default_stopwords() -> frozenset[str]:
    """The shipped Turkish stopword lemmas (``toolkit/resources/stopwords_tr.txt``)."""
    text = resources.files("toolkit").joinpath("resources/stopwords_tr.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _as_corpus(data: str | Article | Corpus | Iterable) -> Corpus:
    if isinstance(data, Corpus):
        return data
    if isinstance(data, Article):
        return Corpus([data])
    if isinstance(data, str):
        return Corpus([Article(id="text", text=data)])
    items = list(data)
    return Corpus(a if isinstance(a, Article) else Article(id=f"text-{i + 1}", text=str(a)) for i, a in enumerate(items))


def _tokens_for(article: Article, morphology: Morphology, overrides: Mapping[str, str] | None) -> dict[str, list]:
    cols: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    sentence: list[Token] = []

    def flush() -> None:
        readings = [readings_for(t, morphology) for t in sentence]
        for t, c in zip(sentence, choose(sentence, readings, overrides)):
            cols["sentence"].append(t.sentence)
            cols["position"].append(t.position)
            cols["start"].append(t.start)
            cols["end"].append(t.end)
            cols["surface"].append(t.surface)
            cols["lemma"].append(c.lemma)
            cols["pos"].append(c.pos)
            cols["known"].append(c.known)
            cols["negated"].append(c.negated)
            cols["confidence"].append(c.confidence)
            cols["alternatives"].append("|".join(c.alternatives))
        sentence.clear()

    for tok in iter_tokens(article.content):
        if sentence and tok.sentence != sentence[0].sentence:
            flush()
        sentence.append(tok)
    if sentence:
        flush()
    cols["doc_id"] = [article.id] * len(cols["start"])
    return cols


def analyze(
    data: str | Article | Corpus | Iterable,
    *,
    stopwords: Iterable[str] | None = None,
    overrides: Mapping[str, str] | None = None,
    morphology: Morphology | None = None,
    progress: bool = False,
) -> "Analysis":
    """Tokenise, analyse and lemmatise ``data`` (a text, an Article, a Corpus or a list of texts).

    ``stopwords`` replaces the shipped list (lemmas, matched exactly: proper nouns keep their
    capital, so the stopword ``kim`` never hides ``Kim``). ``overrides`` maps a word form
    (as written, or Turkish-lower-cased) to the lemma you want counted for it. ``progress``
    shows a progress bar (tqdm, one step per article) when there is more than one article.
    """
    corpus = _as_corpus(data)
    morphology = morphology or default_morphology()
    stops = frozenset(stopwords) if stopwords is not None else default_stopwords()
    from tqdm.auto import tqdm

    articles = tqdm(corpus, desc="analysing", unit="article", disable=not progress or len(corpus) < 2)
    parts = [_tokens_for(a, morphology, overrides) for a in articles]
    merged = {c: [v for p in parts for v in p[c]] for c in TOKEN_COLUMNS if c != "is_stop"}
    tokens = pd.DataFrame(merged, columns=[c for c in TOKEN_COLUMNS if c != "is_stop"])
    tokens.insert(TOKEN_COLUMNS.index("is_stop"), "is_stop", tokens["lemma"].isin(stops))
    tokens = tokens.astype({
        "sentence": "int32", "position": "int32", "start": "int64", "end": "int64",
        "confidence": "float32", "known": bool, "negated": bool,
    })
    for c in ("doc_id", "surface", "lemma", "pos", "alternatives"):
        tokens[c] = tokens[c].astype("category")
    return Analysis(corpus, tokens, stops)


class Analysis:
    """The result of :func:`analyze`: the corpus, its token table and the tables derived from it."""

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame, stopwords: frozenset[str]) -> None:
        self.corpus = corpus
        self.tokens = tokens
        self.stopwords = stopwords

    def __repr__(self) -> str:
        return f"Analysis({len(self.corpus)} articles, {len(self.tokens)} tokens)"

    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per article (id, source, date, title, url, n_chars) plus its ``n_tokens``."""
        docs = self.corpus.to_frame()
        n = self.tokens.groupby("doc_id", observed=True).size()
        docs["n_tokens"] = docs["id"].map(n).fillna(0).astype(int)
        return docs

    def tokens_with_metadata(self) -> pd.DataFrame:
        """The token table joined with each article's ``source``, ``date`` and ``title``."""
        meta = self.documents.set_index("id")[["source", "date", "title"]]
        return self.tokens.join(meta, on="doc_id")

    def lemma_frequencies(self, *, include_stopwords: bool = False, min_count: int = 1) -> pd.DataFrame:
        """Lemma counts: ``lemma, count, per_10k, documents``, by count (then lemma) descending.

        Stopword lemmas are left out unless ``include_stopwords``; numbers are left out always.
        """
        t = self.tokens
        keep = t["pos"] != "Num"
        if not include_stopwords:
            keep &= ~t["is_stop"]
        sel = t.loc[keep, ["lemma", "doc_id"]]
        grouped = sel.groupby("lemma", observed=True)
        out = pd.DataFrame({"count": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
        out["lemma"] = out["lemma"].astype(str)
        out.insert(2, "per_10k", out["count"] * 10_000 / max(len(t), 1))
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "lemma"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def _matches(self, term: str) -> pd.DataFrame:
        """Rows of the token table where ``term`` (a lemma or a space-separated lemma sequence) occurs.

        Returns the first token of each occurrence with ``end`` set to the end of the last one
        and ``negated`` true when any token of the occurrence is negated.
        """
        parts = term.split()
        t = self.tokens
        hit = t["lemma"] == parts[0]
        if len(parts) == 1:
            return t[hit].copy()
        idx = t.index[hit]
        rows = []
        for i in idx:
            j = t.index.get_loc(i)
            window = t.iloc[j:j + len(parts)]
            if (
                len(window) == len(parts)
                and list(window["lemma"].astype(str)) == parts
                and window["doc_id"].nunique() == 1
                and window["sentence"].nunique() == 1
            ):
                row = window.iloc[0].copy()
                row["end"] = window["end"].iloc[-1]
                row["surface"] = " ".join(window["surface"].astype(str))
                row["negated"] = bool(window["negated"].any())
                rows.append(row)
        return pd.DataFrame(rows, columns=t.columns)

    def term_counts(self, terms: Iterable[str], *, by_document: bool = False) -> pd.DataFrame:
        """For each term (a lemma such as ``endişe``, or a lemma sequence such as ``iş birliği``):
        ``count`` of its occurrences in any inflected form, ``negated`` how many of those carry
        verbal negation, and ``forms`` the distinct surface forms seen.

        With ``by_document`` one row per (term, doc_id) with at least one occurrence.
        """
        rows = []
        for term in terms:
            m = self._matches(term)
            groups = m.groupby("doc_id", observed=True) if by_document else [(None, m)]
            if by_document and m.empty:
                continue
            for doc_id, g in groups:
                forms = sorted(set(g["surface"].astype(str)), key=turkish_lower)
                row = {"term": term, "count": len(g), "negated": int(g["negated"].sum()), "forms": ", ".join(forms)}
                if by_document:
                    row = {"term": term, "doc_id": doc_id, **{k: v for k, v in row.items() if k != "term"}}
                rows.append(row)
        cols = ["term", "doc_id", "count", "negated", "forms"] if by_document else ["term", "count", "negated", "forms"]
        return pd.DataFrame(rows, columns=cols)

    def kwic(self, term: str, *, window: int = 6) -> pd.DataFrame:
        """Every occurrence of ``term`` in context: ``doc_id, source, date, left, keyword, right``.

        ``window`` is the number of words shown on each side, within the sentence; the text
        between them is shown as written (punctuation kept).
        """
        m = self._matches(term)
        docs = {a.id: a for a in self.corpus}
        meta = self.documents.set_index("id")
        t = self.tokens
        rows = []
        for _, hit in m.iterrows():
            doc = docs[hit["doc_id"]]
            same = t[(t["doc_id"] == hit["doc_id"]) & (t["sentence"] == hit["sentence"])]
            before = same[same["end"] <= hit["start"]].tail(window)
            after = same[same["start"] >= hit["end"]].head(window)
            left_start = int(before["start"].iloc[0]) if len(before) else int(hit["start"])
            right_end = int(after["end"].iloc[-1]) if len(after) else int(hit["end"])
            text = doc.content
            rows.append({
                "doc_id": hit["doc_id"],
                "source": meta.at[hit["doc_id"], "source"],
                "date": meta.at[hit["doc_id"], "date"],
                "left": " ".join(text[left_start:int(hit["start"])].split()),
                "keyword": text[int(hit["start"]):int(hit["end"])],
                "right": " ".join(text[int(hit["end"]):right_end].split()),
                "negated": bool(hit["negated"]),
                "start": int(hit["start"]),
            })
        return pd.DataFrame(rows, columns=["doc_id", "source", "date", "left", "keyword", "right", "negated", "start"])
