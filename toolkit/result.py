"""The result of :func:`toolkit.analyze`: :class:`Analysis`, the tidy token table and the tables
computed from it. Every table method is a thin call into the modules that compute it
(:mod:`toolkit.framestats`, :mod:`toolkit.matching`, :mod:`toolkit.kwic`, :mod:`toolkit.terms`,
…), which take tables and never import this module.

Conventions: ``count`` is a number of tokens; ``per_10k`` is ``count`` per 10,000 word tokens
of the analysed texts (stopwords included in the denominator); ``documents`` is the number
of articles with at least one occurrence.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.actors import actor_table as named_actors
from toolkit.cache import AnalysisCache
from toolkit.corpus import Corpus
from toolkit.framestats import actor_table, counted, dispersion_table, frame_lemma_table, frame_table, frame_token_table
from toolkit.keyness import collocation_table, keyness_table
from toolkit.kwic import coding_sheet, kwic_rows
from toolkit.lemmas import lookup_forms
from toolkit.lexicon import Lexicon, UnknownFrameError, close_matches, default_lexicon
from toolkit.matching import TokenView, match_lexicon, match_term
from toolkit.morphology import default_morphology
from toolkit.names import name_runs
from toolkit.quotes import quote_table
from toolkit.terms import TERM_KINDS, term_columns, unit_starts, light_verbs as shipped_light_verbs
from toolkit.text import turkish_lower
from toolkit.readings import resolve_readings
from toolkit.validity import recall_sheet


class Analysis:
    """The result of :func:`analyze`: the corpus, its token table and the tables derived from it."""

    def __init__(self, corpus: Corpus, tokens: pd.DataFrame, stopwords: frozenset[str],
                 store: AnalysisCache | None = None) -> None:
        self.corpus = corpus
        self.tokens = tokens
        self.stopwords = stopwords
        self._store = store  # where the readings of the words are kept, for matching

    @property
    def tokens(self) -> pd.DataFrame:
        """The token table, one row per word: :data:`TOKEN_COLUMNS` plus, after ``lemma``,
        ``term`` (the canonical form of the multiword name or fixed expression the word belongs
        to, or its lemma) and ``term_kind`` (``name``, ``phrase`` or ``lemma``); see
        :mod:`toolkit.terms`. The two term columns are computed from the others the first
        time the table is read (≈0.15 s per 100,000 tokens), never stored in the cache."""
        t = self._tokens
        if "term" not in t.columns:
            term, kind = term_columns(t, self._texts, runs=self._name_runs())
            at = t.columns.get_loc("lemma") + 1
            t.insert(at, "term", term)
            t.insert(at + 1, "term_kind", kind)
        return t

    @tokens.setter
    def tokens(self, table: pd.DataFrame) -> None:
        self._tokens = table

    def __repr__(self) -> str:
        return f"Analysis({len(self.corpus)} articles, {len(self.tokens)} tokens)"

    def to_parquet(self, path: str | os.PathLike) -> Path:
        """Write the token table to one Parquet file (string columns stay dictionary-encoded).

        ``pandas.read_parquet(path)`` gives the same columns and dtypes back. For corpora too
        big for memory see :func:`toolkit.scale.analyze_to_parquet`.
        """
        path = Path(path)
        self.tokens.to_parquet(path, index=False)
        return path

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

    def lemma_frequencies(self, *, include_stopwords: bool = False, min_count: int = 1, by: str | None = None,
                          lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Lemma counts: ``lemma, count, per_10k, documents``, by count (then lemma) descending.

        Stopword lemmas are left out unless ``include_stopwords``; numbers are left out always.
        ``by="frame"`` adds ``frame``: the frame of ``lexicon`` (default: the shipped one) whose
        hits a lemma's tokens most often open (missing for lemmas outside every cue).
        """
        if by not in (None, "frame"):
            raise ValueError(f"by={by!r}: use None or 'frame'.")
        if by == "frame":
            lexicon = lexicon or default_lexicon()
            freqs = self.lemma_frequencies(include_stopwords=include_stopwords, min_count=min_count)
            return frame_lemma_table(self.tokens, freqs, self.frame_hits(lexicon), lexicon.names)
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

    def term_frequencies(self, *, kinds: Iterable[str] = TERM_KINDS, pos: Iterable[str] | None = ("Noun", "Adj"),
                         include_stopwords: bool = False, light_verbs: bool = False,
                         min_count: int = 1) -> pd.DataFrame:
        """Term counts: ``term, kind, count, per_10k, documents``, by count (then term) descending.

        A term is a multiword name (*Kuzey Kore*, *Kim Jong Un*), a fixed expression (*bir
        araya gelmek*) or the lemma of a word in neither (``kind`` ``name``, ``phrase`` or
        ``lemma``; see :mod:`toolkit.terms`); a unit of several words counts once. ``kinds``
        selects kinds; ``pos`` the parts of speech of ``lemma`` terms (default nouns and
        adjectives: content words; None for all). Numbers are left out always; stopwords unless
        ``include_stopwords``; the reporting and light verbs of
        :func:`toolkit.terms.light_verbs` (*söylemek*, *yapmak* …) unless ``light_verbs``.
        ``per_10k`` is per 10,000 word tokens, as in :meth:`lemma_frequencies`.
        """
        kinds = list(kinds)
        unknown = sorted(set(kinds) - set(TERM_KINDS))
        if unknown:
            raise ValueError(f"Unknown term kind {unknown[0]!r}: use some of {', '.join(TERM_KINDS)}.")
        t = self.tokens
        kind = t["term_kind"].astype(str).to_numpy()
        keep = unit_starts(t) & np.isin(kind, kinds)
        is_lemma = kind == "lemma"
        drop = t["pos"].to_numpy() == "Num"
        if pos is not None:
            drop |= is_lemma & ~t["pos"].isin(list(pos)).to_numpy()
        if not include_stopwords:
            drop |= is_lemma & t["is_stop"].to_numpy()
        if not light_verbs:
            drop |= t["term"].isin(list(shipped_light_verbs())).to_numpy()
        sel = t.loc[keep & ~drop, ["term", "term_kind", "doc_id"]]
        grouped = sel.groupby(["term", "term_kind"], observed=True)
        out = pd.DataFrame({"count": grouped.size(), "documents": grouped["doc_id"].nunique()}).reset_index()
        out = out.rename(columns={"term_kind": "kind"})
        out["term"] = out["term"].astype(str)
        out["kind"] = out["kind"].astype(str)
        out.insert(3, "per_10k", out["count"] * 10_000 / max(len(t), 1))
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)

    @cached_property
    def _view(self) -> TokenView:
        """The matcher's view of the token table, built once and shared by every frame and term table."""
        morphology = default_morphology()
        if self._store is not None:  # read back whole, the articles left their readings in the cache
            surfaces = self.tokens["surface"]
            written = surfaces.cat.categories if isinstance(surfaces.dtype, pd.CategoricalDtype) else surfaces.unique()
            forms = {form for w in written for form in lookup_forms(str(w))}  # as the view reads them
            resolve_readings(forms, morphology, self._store, 1, False)
        return TokenView(self.tokens, morphology, self._texts, self._name_runs())

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {a.id: a.content for a in self.corpus}

    def _name_runs(self) -> np.ndarray:
        """:func:`toolkit.names.name_runs` of the token table, worked out once for the term columns
        and the frames' names alike (again only if the table is replaced)."""
        table, runs = self.__dict__.get("_runs", (None, None))
        if table is not self._tokens:
            runs = name_runs(self._tokens, self._texts)
            self._runs = (self._tokens, runs)
        return runs

    def _matches(self, term: str, derivations: bool = False, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Occurrences of ``term`` (a lemma, or words such as ``iş birliği`` / ``endişe duy-``),
        one row each (columns of :func:`toolkit.matching.match_term`), computed once per term.

        A term with no occurrence whose name is close to a frame of ``lexicon`` is taken for a
        misspelt frame name: :class:`~toolkit.lexicon.UnknownFrameError` with the close names.
        """
        cache = self.__dict__.setdefault("_term_hits", {})
        if (term, derivations) not in cache:
            cache[term, derivations] = match_term(self._view, term, derivations=derivations)
        found = cache[term, derivations]
        if found.empty:
            hint = close_matches(term, (lexicon or default_lexicon()).names)
            if hint:
                raise UnknownFrameError(f"No frame or term {term!r} found{hint}; check the spelling.")
        return found

    def term_counts(self, terms: Iterable[str], *, by: str | None = None, derivations: bool = False) -> pd.DataFrame:
        """For each term (a lemma such as ``endişe``, or a lemma sequence such as ``iş birliği``):
        ``count`` of its occurrences in any inflected form, ``negated`` how many of those are
        negated (:mod:`toolkit.negation`), and ``forms`` the distinct surface forms seen. Words
        derived from the term (``endişeli`` from ``endişe``) count only with ``derivations=True``.

        ``by="document"``: one row per (term, doc_id) with at least one occurrence.
        """
        if by not in (None, "document"):
            raise ValueError(f"by={by!r}: use None (one row per term) or 'document'.")
        rows = []
        for term in terms:
            m = self._matches(term, derivations)
            if by and m.empty:
                continue
            for doc_id, g in (m.groupby("doc_id", observed=True) if by else [(None, m)]):
                # ties in lower case (İşbirliği, işbirliği) by the form itself: a set's order varies by hash seed
                forms = sorted(set(g["surface"].astype(str)), key=lambda f: (turkish_lower(f), f))
                row = {"term": term, "count": len(g), "negated": int(g["negated"].sum()), "forms": ", ".join(forms)}
                rows.append({"term": term, "doc_id": doc_id, **row} if by else row)
        cols = ["term", "doc_id", "count", "negated", "forms"] if by else ["term", "count", "negated", "forms"]
        return pd.DataFrame(rows, columns=cols)

    def kwic(self, term: str, *, window: int = 6, lexicon: Lexicon | None = None,
             derivations: bool = False) -> pd.DataFrame:
        """Every occurrence of ``term`` in context: ``doc_id, source, date, left, keyword, right, negated, start``.

        ``term`` is a lemma, a word sequence (``iş birliği``) or the name of a frame of
        ``lexicon`` (default: the shipped lexicon); for a frame every hit is shown, with extra
        columns ``frame``, ``cue``, ``negation``, ``in_name`` and ``out_of_context``. ``window`` is the number of
        words shown on each side, within the sentence; the text between them is shown as
        written (punctuation kept).
        """
        lexicon = lexicon or default_lexicon()
        if term in lexicon:
            hits = self.frame_hits(lexicon)
            hits = hits[hits["frame"] == term]
        else:
            hits = self._matches(term, derivations, lexicon)
        return kwic_rows(self.tokens, self.documents, self._texts, hits, window, self._view.unit)

    # --- framing: thin methods over toolkit.lexicon / matching / framestats / kwic ------------

    def frame_hits(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Every occurrence of a cue of ``lexicon`` (default: the shipped one), one row each.

        Columns ``doc_id, sentence, frame, cue, first, last, tokens, start, end, surface,
        negated, negation, in_name, out_of_context``; see :func:`toolkit.matching.match_lexicon`. Computed once
        per lexicon.
        """
        lexicon = lexicon or default_lexicon()
        cache = self.__dict__.setdefault("_frame_hits", {})
        if id(lexicon) not in cache:
            cache[id(lexicon)] = (lexicon, match_lexicon(self._view, lexicon))
        return cache[id(lexicon)][1]

    def frames(self, lexicon: Lexicon | None = None, *, by: str | list[str] | None = None,
               include_names: bool = False, include_out_of_context: bool = False) -> pd.DataFrame:
        """Frame hits per document, or per group.

        ``by=None``: one row per (document, frame): ``doc_id, source, date, frame, hits,
        negated, names, out_of_context, n_tokens, per_10k, present``. ``by`` may name document columns
        (``"source"``), periods of the date (``"year"``, ``"quarter"``, ``"month"``, ``"week"``,
        ``"day"``), a list of them (``["source", "month"]``), or ``"corpus"`` for one row per
        frame. Grouped rows: ``<by…>, frame, hits, negated, names, out_of_context, per_10k, documents,
        n_documents, share, n_tokens``.

        ``hits`` counts plain occurrences; ``negated`` the negated ones; ``names`` those inside
        a multiword proper name (*Ağır Ceza Mahkemesi*), which ``hits`` and ``negated`` leave
        out unless ``include_names``; ``out_of_context`` those of a frame with a context rule
        (``context: public_actors`` in the lexicon) with no public actor in their sentence
        (*Annesi bizi davet etti*), left out unless ``include_out_of_context``; ``per_10k`` is
        hits per 10,000 word tokens of the group;
        ``share`` the fraction of the group's articles with at least one plain hit.
        """
        lexicon = lexicon or default_lexicon()
        return frame_table(self.documents, self.frame_hits(lexicon), lexicon.names, by, include_names,
                           include_out_of_context)

    def frame_tokens(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """The token table plus ``frame`` (frame names joined by ``|``, or missing), ``cue``
        and ``frame_negated`` (the token belongs to a negated hit)."""
        return frame_token_table(self.tokens, self.frame_hits(lexicon))

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
        return collocation_table(self.tokens, match_term(self._view, term), window, min_count, include_stopwords)

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
        return keyness_table(self.tokens, self.documents, target, reference, min_count, include_stopwords)

    def actor_frames(self, lexicon: Lexicon | None = None, *, actors: list[str] | None = None, n_actors: int = 12,
                     window: int | None = None) -> pd.DataFrame:
        """Which frames appear near which actors: ``actor, frame, hits, negated, contexts,
        contexts_with_frame, share``.

        ``actors`` are lemmas or name terms (proper nouns keep their capital: ``Putin``,
        ``ABD``, ``Kim Jong Un``); by default the ``n_actors`` most mentioned of
        :meth:`actors`. A context is a sentence
        mentioning the actor (``window=None``) or ``window`` words either side of each
        mention. ``share`` = contexts with at least one plain hit of the frame / contexts.
        Hits inside proper names are left out.
        """
        lexicon = lexicon or default_lexicon()
        if actors is None:
            actors = self.actors()["actor"].head(n_actors).tolist()
        return actor_table(self.tokens, counted(self.frame_hits(lexicon)), lexicon.names, actors, n_actors, window)

    def actors(self, *, min_count: int = 1) -> pd.DataFrame:
        """The people, countries and organisations named: ``actor, kind, count, documents``,
        most mentioned first; see :func:`toolkit.actors.actor_table`."""
        return named_actors(self.tokens, min_count=min_count)

    def quotes(self, lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Reported speech: ``doc_id, kind, speaker, verb, quote, start, end, frames``, one row
        per quotation (``direct``: in quotation marks with a speech verb, *"…" dedi*;
        ``according_to``: *X'e göre …*); ``frames`` lists the frames of ``lexicon`` (default:
        the shipped one) with a cue inside the quote. See :mod:`toolkit.quotes`."""
        return quote_table(self.tokens, self._texts, counted(self.frame_hits(lexicon)))

    def dispersion(self, terms: list[str], lexicon: Lexicon | None = None) -> pd.DataFrame:
        """Where each term (a lemma, word sequence or frame name) occurs: ``term, doc_id,
        doc_index, source, relative_position, negated``; ``relative_position`` is the
        token offset within the article divided by its length (0 = first word, → 1 = last)."""
        lexicon = lexicon or default_lexicon()
        parts = []
        for term in terms:
            if term in lexicon:
                h = counted(self.frame_hits(lexicon))
                h = h[h["frame"] == term]
            else:
                h = self._matches(term, lexicon=lexicon)
            parts.append(h.assign(term=term))
        return dispersion_table(self.tokens, self.documents, pd.concat(parts, ignore_index=True))

    def coding_sheet(self, lexicon: Lexicon | None = None, *, per_frame: int = 20, seed: int = 0,
                     window: int = 10, include_names: bool = False,
                     include_out_of_context: bool = False) -> pd.DataFrame:
        """Sampled KWIC lines per frame with empty coder columns; see :func:`toolkit.kwic.coding_sheet`.
        The sample is drawn from the hits :meth:`frames` counts (negated ones among them, flagged),
        so its precision is theirs: hits inside a proper name or out of their frame's context only
        with ``include_names`` / ``include_out_of_context`` (:func:`toolkit.validate` leaves those
        rows out of precision). Write it with :func:`toolkit.report.write_table` (``.csv`` or
        ``.xlsx``); read it back, coded, with :func:`toolkit.validate`."""
        lexicon = lexicon or default_lexicon()
        hits = counted(self.frame_hits(lexicon), include_names, include_out_of_context)
        return coding_sheet(self.tokens, self.documents, self._texts, hits, lexicon.names,
                            per_frame=per_frame, seed=seed, window=window, unit=self._view.unit)

    def recall_sheet(self, lexicon: Lexicon | None = None, *, n: int = 200, seed: int = 0) -> pd.DataFrame:
        """A random sample of ``n`` sentences with the frames :meth:`frames` counts in each
        (``counted``; hits in names or out of context are not among them) and an empty
        ``frames_present`` column where a coder writes the frames the sentence carries: those the
        counts lack are missed. See :func:`toolkit.validity.recall_sheet`; read it back with
        ``toolkit.validate(sheet, recall=...)``."""
        return recall_sheet(self.tokens, self._texts, counted(self.frame_hits(lexicon)), n=n, seed=seed)

    def ambiguity_report(self, *, max_confidence: float = 0.9, min_count: int = 1) -> pd.DataFrame:
        """Word forms whose lemma choice was uncertain, so an analyst can check and overrule them.

        One row per (form, chosen lemma): ``form`` (Turkish lower case), ``lemma``, ``alternatives``
        (the other candidates, best first, ``|``-separated), ``confidence`` (the lowest of the
        model's probabilities for that choice, 0–1), ``count`` (tokens) and ``documents``; only
        choices with confidence below ``max_confidence`` and at least ``min_count`` tokens, most
        frequent first. Overrule with ``analyze(..., overrides={form: lemma})``.
        """
        t = self.tokens
        uncertain = t[(t["confidence"] < max_confidence) & (t["alternatives"].astype(str) != "")]
        forms = uncertain["surface"].astype(str).map(turkish_lower)
        grouped = uncertain.assign(form=forms, lemma=uncertain["lemma"].astype(str),
                                   alternatives=uncertain["alternatives"].astype(str)).groupby(
            ["form", "lemma", "alternatives"], observed=True, sort=True)
        out = grouped.agg(confidence=("confidence", "min"), count=("doc_id", "size"),
                          documents=("doc_id", "nunique")).reset_index()
        out = out[out["count"] >= min_count]
        return out.sort_values(["count", "form"], ascending=[False, True], kind="stable").reset_index(drop=True)
