"""The lemma model: feature weights, form→lemma table, lemma vocabulary, verb counts, fitted by
``scripts/train_lemma_model.py``; the shipped models by name (:data:`MODELS`), each a gzip JSON
file in ``toolkit/resources`` with its NOTICE; and each word form's candidates scored without
context, cached."""

from __future__ import annotations

import gzip
import json
import threading
from importlib import resources
from itertools import repeat
from typing import Mapping, Sequence

from toolkit import lemma_simplemma
from toolkit.lemma_features import (
    Candidate, candidate_class, candidates, norm_key, offered, participle_or_converb, verb_pair, verb_signature,
    word_shape,
)
from toolkit.morphology import Reading, one_copy
from toolkit.text import Token, strip_circumflex, turkish_lower

MODEL_RESOURCE = "lemma_model.json.gz"
# The shipped lemma models by name (files in toolkit/resources, each with its NOTICE):
# "default" learns from BOUN, Kenet and Penn (CC BY-SA 4.0: commercial use allowed), "with-imst"
# also from IMST (CC BY-NC-SA 4.0: non-commercial use only).
MODELS = {"default": MODEL_RESOURCE, "with-imst": "lemma_model_with_imst.json.gz"}
VERB_THRESHOLD = 0.5


class LemmaModel:
    """The shipped model: feature weights, form→lemma table, lemma vocabulary, temperature."""

    def __init__(self, data: Mapping) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.table: dict[str, list] = data["table"]
        self.vocab: dict[str, list[int]] = data["vocab"]
        self.temperature: float = float(data.get("temperature", 1.0))
        self.verbness: dict[str, list[int]] = data.get("verbness", {})
        self.meta: dict = data.get("meta", {})
        # (surface, base, suffix) → _StaticEntry: a word form's candidates, scored without context.
        # Two generations: when the newer holds STATIC_CACHE_FORMS forms it becomes the older and
        # the older is dropped; a form found in the older moves to the newer. So the forms a
        # text keeps using stay, and only those unused for a whole generation are made again.
        self._static: dict[tuple[str, str, str], _StaticEntry] = {}
        self._static_older: dict[tuple[str, str, str], _StaticEntry] = {}
        self._ctx_weights: dict[str, tuple[dict[str, float], ...]] | None = None

    @classmethod
    def load(cls, resource: str = MODEL_RESOURCE) -> "LemmaModel":
        """The model in ``toolkit/resources/<resource>`` (gzip JSON, as the training script writes it)."""
        ref = resources.files("toolkit") / "resources" / resource
        with ref.open("rb") as fh:
            return cls(json.loads(gzip.decompress(fh.read()).decode("utf-8")))

    def static_candidates(self, token: Token, readings: Sequence[Reading]) -> list[Candidate]:
        """The candidates of a token with their ``static`` (context-free) score; cached per form.

        The cache keeps what choosing reads (text, key, sources, reading, negs, static score),
        not the feature strings.
        """
        return self._static_entry(token, readings).candidates()

    def _static_entry(self, token: Token, readings: Sequence[Reading]) -> "_StaticEntry":
        rs = readings if type(readings) is tuple else tuple(readings)
        key = (token.surface, token.base, token.suffix)
        found = self._static.get(key)
        if found is not None and (found.readings is rs or found.readings == rs):
            return found
        found = self._static_older.get(key)
        if found is None or not (found.readings is rs or found.readings == rs):
            cands = offered(token, candidates(token, rs, self.table, self.vocab, lemma_simplemma.simplemma_lemma(token.surface)))
            w = self.weights
            for c in cands:
                c.static = sum(map(w.get, c.feats, repeat(0.0)))  # = sum(w.get(f, 0.0) for f in c.feats)
            found = _StaticEntry(rs, cands, word_shape(token.surface), turkish_lower(token.surface))
        if len(self._static) >= STATIC_CACHE_FORMS:
            self._static_older = self._static
            self._static = {}
        self._static[key] = found
        return found

    def clear_cache(self) -> None:
        """Forget every word form's scored candidates (they are made again when next needed)."""
        self._static = {}
        self._static_older = {}

    def p_verb(self, token: Token, dict_c: Candidate, stem_c: Candidate | None = None) -> float:
        """Probability that a token whose lemma is this verb is a verbal form other than a verbal
        noun: UD tags it VERB or AUX, or, where zeyrek reads it as a participle or converb of the
        verb (:func:`participle_or_converb`), ADJ or ADV."""
        n_verb, n = self.verbness.get(verb_signature(token, dict_c, stem_c), (1, 2))
        p = (n_verb + 0.5) / (n + 1.0)
        entries = self.table.get(strip_circumflex(turkish_lower(token.surface))) or ()
        stem = norm_key(dict_c.text[:-3])
        for lemma, count, verb_count, verbal_count in entries:
            if norm_key(lemma) == stem:
                p = ((verbal_count if participle_or_converb(dict_c.reading) else verb_count) + 2 * p) / (count + 2)
                break
        return p

    def verb_form(self, token: Token, cands: Sequence[Candidate], best: Candidate) -> Candidate:
        """The form :func:`toolkit.analyze` shows for a verb: its dictionary form (*olan* →
        *olmak*), or its bare stem where the token is a verbal noun (*açıklaması* → *açıkla*)."""
        dict_c, stem_c = verb_pair(cands, best)
        if dict_c is None:
            return best
        if self.p_verb(token, dict_c, stem_c) >= VERB_THRESHOLD:
            return dict_c
        return stem_c if stem_c is not None else best

    def _context_weights(self) -> dict[str, tuple[dict[str, float], ...]]:
        """Context weights by candidate class: class → (first, next, nextsfx, prev) value → weight.

        ``w[cls]["next"][v]`` is ``weights[cls + "^next=" + v]`` (see :func:`_context_feats`);
        looking values up here skips building the feature strings.
        """
        if self._ctx_weights is None:
            slots = {name: k for k, name in enumerate(_CONTEXT_TEMPLATES)}
            out: dict[str, tuple[dict[str, float], ...]] = {}
            for feat, weight in self.weights.items():
                cls, caret, rest = feat.partition("^")
                name, eq, value = rest.partition("=")
                if not caret or not eq or cls not in _CLASSES or name not in slots:
                    continue
                out.setdefault(cls, tuple({} for _ in _CONTEXT_TEMPLATES))[slots[name]][value] = weight
            self._ctx_weights = out
        return self._ctx_weights


_CONTEXT_TEMPLATES = ("first", "next", "nextsfx", "prev")  # the order of _context_feats
_CLASSES = frozenset("d s z zP t p a n w k".split())  # every value candidate_class can return
NO_CONTEXT = ({}, {}, {}, {})
# Word forms whose scored candidates each of LemmaModel's two cache generations holds (≈1.2 kB
# each, so ≈120 MB when both are full); what the cache drops changes speed only, never a choice.
STATIC_CACHE_FORMS = 50_000


class _StaticEntry:
    """One word form's candidates as choose() reads them, scored without context.

    Candidates are kept as tuples of strings and numbers (``rows``), which the garbage collector
    stops tracking, rather than as :class:`Candidate` objects: a large cache of objects makes
    every full collection slow. :meth:`candidates` rebuilds the objects when needed.
    """

    __slots__ = ("readings", "rows", "statics", "class_set", "class_index", "shape", "lower", "decided")

    def __init__(self, readings: tuple[Reading, ...], cands: Sequence[Candidate], shape: str, lower: str) -> None:
        self.readings = readings
        # (text, key, sources, index of the reading or -1, rank, negs) per candidate
        self.rows = tuple(
            (one_copy(c.text), one_copy(c.key), one_copy(tuple(c.sources)),
             -1 if c.reading is None else c.rank, c.rank, one_copy(tuple(c.negs)))
            for c in cands
        )
        self.statics = tuple(c.static for c in cands)
        classes = [candidate_class(c) for c in cands]
        # the distinct candidate classes (each gets one context score) and each candidate's among them
        self.class_set = one_copy(tuple(dict.fromkeys(classes)))
        self.class_index = tuple(map(self.class_set.index, classes))  # ints: never one_copy'd beside negs' bools
        self.shape = shape
        self.lower = lower  # the word Turkish-lower-cased, as the context of its neighbours reads it
        # (index of the best candidate, token mid-sentence?) → (lemma, pos, negated, source, texts
        # that are not alternatives)
        self.decided: dict[tuple[int, bool], tuple[str, str, bool, str, tuple[str, ...]]] = {}

    def candidates(self) -> list[Candidate]:
        """The candidates as objects (no feature strings), with their static scores."""
        out = []
        for (text, key, sources, r, rank, negs), static in zip(self.rows, self.statics):
            c = Candidate(text, key)
            c.sources = list(sources)
            c.reading = self.readings[r] if r >= 0 else None
            c.rank = rank
            c.negs = list(negs)
            c.static = static
            out.append(c)
        return out


_model: LemmaModel | None = None  # the default model, once loaded
_models: dict[str, LemmaModel] = {}  # the other shipped models, once loaded
_model_lock = threading.Lock()


def model(name: "str | LemmaModel" = "default") -> LemmaModel:
    """The shipped lemma model ``name`` (:data:`MODELS`), loaded once on first use; given a
    :class:`LemmaModel` (one being fitted or measured), that model."""
    global _model
    if isinstance(name, LemmaModel):
        return name
    found = _model if name == "default" else _models.get(name)
    if found is None:
        if name not in MODELS:
            raise ValueError(f"lemma_model={name!r}: choose one of {', '.join(map(repr, MODELS))}")
        with _model_lock:
            found = _model if name == "default" else _models.get(name)
            if found is None:
                found = LemmaModel.load(MODELS[name])
                if name == "default":
                    _model = found
                else:
                    _models[name] = found
    return found
