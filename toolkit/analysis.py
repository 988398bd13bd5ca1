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
        """Occurrences of ``term`` (a lemma, or words such as ``iş birliği`` / ``endişe duy-``),
        one row each: ``doc_id, sentence, start, end, surface, negated`` (and the token rows
        ``first``, ``last``, ``tokens``), see :func:`toolkit.framing.match_term`.
        """
        from toolkit.framing import match_term

        return match_term(self.tokens, term)

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

    def kwic(self, term: str, *, window: int = 6, lexicon=None) -> pd.DataFrame:
        """Every occurrence of ``term`` in context: ``doc_id, source, date, left, keyword, right, negated, start``.

        ``term`` is a lemma, a word sequence (``iş birliği``) or the name of a frame of
        ``lexicon`` (default: the shipped lexicon); for a frame every cue is shown, with extra
        columns ``frame`` and ``cue``. ``window`` is the number of words shown on each side,
        within the sentence; the text between them is shown as written (punctuation kept).
        """
        from toolkit.framing import default_lexicon, kwic_rows

        lexicon = lexicon or default_lexicon()
        if term in lexicon:
            hits = self.frame_hits(lexicon)
            return kwic_rows(self, hits[hits["frame"] == term], window)
        return kwic_rows(self, self._matches(term), window)

    # --- framing: thin methods over toolkit.framing ---------------------------------

    def frame_hits(self, lexicon=None) -> pd.DataFrame:
        """Every occurrence of a cue of ``lexicon`` (default: the shipped one), one row each.

        Columns ``doc_id, sentence, frame, cue, first, last, tokens, start, end, surface,
        negated``; see :func:`toolkit.framing.match_lexicon`. Cached per lexicon.
        """
        from toolkit.framing import default_lexicon, match_lexicon

        lexicon = lexicon or default_lexicon()
        cache = self.__dict__.setdefault("_frame_hits", {})
        if id(lexicon) not in cache:
            cache[id(lexicon)] = (lexicon, match_lexicon(self.tokens, lexicon))
        return cache[id(lexicon)][1]

    def frames(self, lexicon=None, *, by: str | list[str] | None = None) -> pd.DataFrame:
        """Frame hits per document, or per group.

        ``by=None``: one row per (document, frame): ``doc_id, source, date, frame, hits,
        negated, n_tokens, per_10k, present``. ``by`` may name document columns (``"source"``),
        periods of the date (``"year"``, ``"quarter"``, ``"month"``, ``"week"``, ``"day"``), a
        list of them (``["source", "month"]``), or ``"corpus"`` for one row per frame. Grouped
        rows: ``<by…>, frame, hits, negated, per_10k, documents, n_documents, share, n_tokens``.

        ``hits`` counts plain (not negated) occurrences; ``negated`` the negated ones;
        ``per_10k`` is hits per 10,000 word tokens of the group; ``share`` is the fraction of
        the group's articles with at least one plain hit.
        """
        from toolkit.framing import default_lexicon, frame_table

        lexicon = lexicon or default_lexicon()
        return frame_table(self, self.frame_hits(lexicon), lexicon.names, by)

    def frame_tokens(self, lexicon=None) -> pd.DataFrame:
        """The token table plus ``frame`` (frame names joined by ``|``, or missing), ``cue``
        and ``frame_negated`` (the token belongs to a negated hit)."""
        from toolkit.framing import frame_token_table

        return frame_token_table(self, self.frame_hits(lexicon))

    def collocations(self, term: str, *, window: int = 5, min_count: int = 3,
                     include_stopwords: bool = False) -> pd.DataFrame:
        """Lemmas that occur near ``term`` more than chance: ``collocate, count, frequency,
        expected, log_likelihood, pmi``, strongest first.

        The span is ``window`` words on each side within the sentence. ``count`` is the
        collocate's tokens in the spans, ``frequency`` its tokens in the corpus, ``expected``
        the count if spread evenly; ``log_likelihood`` is Dunning's (1993) G² (above 3.84:
        p < 0.05; above 10.83: p < 0.001), ``pmi`` is log2(count / expected). Only attracted
        collocates (count > expected) with ``count >= min_count`` are listed; stopwords and
        numbers are left out unless ``include_stopwords``.
        """
        from toolkit.framing import collocation_table

        return collocation_table(self, term, window, min_count, include_stopwords)

    def keyness(self, target, reference=None, *, min_count: int = 3,
                include_stopwords: bool = False) -> pd.DataFrame:
        """Lemmas that distinguish two groups of articles: ``lemma, count_a, count_b,
        per_10k_a, per_10k_b, log_likelihood, log_ratio, key_for``.

        ``target`` and ``reference`` are each a source name (``"Milliyet"``), a list of
        doc ids, or a ``{column: value}`` mapping over :attr:`documents`; ``reference=None``
        means every other article. ``log_likelihood`` is G² (Dunning 1993; Rayson & Garside
        2000); ``log_ratio`` is the binary log of the ratio of relative frequencies (Hardie
        2014; a zero count is taken as 0.5): +1 means twice as frequent in ``target``.
        ``key_for`` is ``"a"`` (target) or ``"b"`` (reference).
        """
        from toolkit.framing import keyness_table

        return keyness_table(self, target, reference, min_count, include_stopwords)

    def actor_frames(self, lexicon=None, *, actors: list[str] | None = None, n_actors: int = 12,
                     window: int | None = None) -> pd.DataFrame:
        """Which frames appear near which actors: ``actor, frame, hits, negated, contexts,
        contexts_with_frame, share``.

        ``actors`` are lemmas (proper nouns keep their capital: ``Putin``, ``ABD``); by
        default the ``n_actors`` most frequent proper-noun lemmas. A context is a sentence
        mentioning the actor (``window=None``) or ``window`` words either side of each
        mention. ``share`` = contexts with at least one plain hit of the frame / contexts.
        """
        from toolkit.framing import actor_table, default_lexicon

        lexicon = lexicon or default_lexicon()
        return actor_table(self, self.frame_hits(lexicon), lexicon.names, actors, n_actors, window)

    def dispersion(self, terms: list[str], lexicon=None) -> pd.DataFrame:
        """Where each term (a lemma, word sequence or frame name) occurs: ``term, doc_id,
        doc_index, source, relative_position, negated``; ``relative_position`` is the
        token offset within the article divided by its length (0 = first word, → 1 = last)."""
        from toolkit.framing import default_lexicon, dispersion_table

        lexicon = lexicon or default_lexicon()
        parts = []
        for term in terms:
            if term in lexicon:
                h = self.frame_hits(lexicon)
                h = h[h["frame"] == term]
            else:
                h = self._matches(term)
            parts.append(h.assign(term=term))
        return dispersion_table(self, pd.concat(parts, ignore_index=True))

    def lemma_frequencies_by_frame(self, lexicon=None, *, min_count: int = 1) -> pd.DataFrame:
        """:meth:`lemma_frequencies` plus ``frame``: the frame whose cues a lemma's tokens most
        often belong to (missing for lemmas outside every cue)."""
        from toolkit.framing import default_lexicon, frame_lemma_table

        lexicon = lexicon or default_lexicon()
        return frame_lemma_table(self, self.frame_hits(lexicon), lexicon.names, min_count)

    def coding_sheet(self, lexicon=None, *, per_frame: int = 20, seed: int = 0, window: int = 10) -> pd.DataFrame:
        """Sampled KWIC lines per frame with empty coder columns; see :func:`toolkit.framing.coding_sheet`.
        Write it with :func:`toolkit.framing.write_table` (``.csv`` or ``.xlsx``)."""
        from toolkit.framing import coding_sheet

        return coding_sheet(self, lexicon, per_frame=per_frame, seed=seed, window=window)
