"""Choosing one lemma per token.

Lemma convention (what every table in the toolkit counts): the dictionary form.
Verbs end in -mak/-mek (``geldi`` → ``gelmek``); nouns, adjectives and the rest stand
bare (``yaptırımları`` → ``yaptırım``); proper nouns keep their capital (``Putin'i`` →
``Putin``, ``KCNA'ya`` → ``KCNA``); numbers keep their digits (``1948'de`` → ``1948``);
circumflexes are dropped (``silâh`` → ``silah``) so both spellings count as one lemma.
A verbal noun or participle used as a noun follows UD: it goes back to the bare verb stem
(``açıklaması`` → ``açıkla``), while lexicalised derivations stay (``yönetim``, ``seçim``).

How the lemma is chosen
-----------------------
Every token gets a set of candidate lemmas from several sources: zeyrek's readings (a verb gives
both its dictionary form and its bare stem), a form→lemma table learned from UD Turkish
treebanks, simplemma's lemma, prefixes of the word that are known lemmas (with the final
consonant hardened: ``kitab`` → ``kitap``), the part before an apostrophe, the word itself.
A linear model (averaged perceptron, ``resources/lemma_model.json.gz``, trained by
``scripts/train_lemma_model.py``) scores each candidate from features of its sources and of the
neighbouring words; the best one wins. ``confidence`` is the softmax probability of the winner
over the candidates (temperature fitted on the training data), ``alternatives`` the other
candidates best first.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import threading
from dataclasses import dataclass, replace
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from toolkit.morphology import Morphology, Reading, default_morphology, one_copy
from toolkit.text import Token, strip_circumflex, tokenize, turkish_lower, unshout


@dataclass(frozen=True)
class Choice:
    """The lemma chosen for one token, with what it was chosen from.

    ``known`` is False when zeyrek had no reading. ``confidence`` is a probability-like score in
    [0, 1] (the model's softmax probability of the chosen lemma among the candidates; 1.0 for an
    override or a lone candidate). ``alternatives`` are the other candidate lemmas, best first.
    ``negated`` is True when the reading behind the chosen lemma carries a Neg morpheme.
    ``source`` says where the winning candidate came from (zeyrek, table, simplemma, prefix,
    apostrophe, number, word, override).
    """

    lemma: str
    pos: str
    known: bool
    negated: bool
    confidence: float
    alternatives: tuple[str, ...] = ()
    source: str = ""


MODEL_RESOURCE = "lemma_model.json.gz"
# The shipped lemma models by name (files in toolkit/resources, each with its NOTICE):
# "default" learns from BOUN, Kenet and Penn (CC BY-SA 4.0: commercial use allowed), "with-imst"
# also from IMST (CC BY-NC-SA 4.0: non-commercial use only).
MODELS = {"default": MODEL_RESOURCE, "with-imst": "lemma_model_with_imst.json.gz"}
VERB_THRESHOLD = 0.5

_DERIVATIONAL = frozenset(
    "Zero Ness With Without Agt Dim Become Acquire Ly Rel Related JustLike Inf1 Inf2 Inf3 "
    "PresPart PastPart FutPart AorPart NarrPart Caus Pass Recip Reflex Able AfterDoingSo "
    "ByDoingSo While When AsIf Adamantly SinceDoingSo FeelLike EverSince Almost Hastily".split()
)
# zeyrek's morphemes that make a participle or a converb of a verb (UD tags these ADJ or ADV)
_PARTICIPLE_CONVERB = frozenset(
    "PresPart PastPart FutPart AorPart NarrPart AfterDoingSo ByDoingSo While When AsIf Adamantly "
    "SinceDoingSo EverSince Almost Hastily WithoutHavingDoneSo WithoutBeingAbleToHaveDoneSo".split()
)
_BACK_VOWELS = frozenset("aıouâû")
_FRONT_VOWELS = frozenset("eiöüî")
_HARDEN = {"b": "p", "c": "ç", "d": "t", "ğ": "k", "g": "k"}
_CLITIC = {"mı": "mi", "mu": "mi", "mü": "mi"}
_DERIVED_ENDINGS = tuple(
    "lık lik luk lük laş leş lan len lat let ış iş uş üş cı ci cu cü çı çi çu çü sız siz suz süz "
    "lı li lu lü cık cik cuk cük sal sel".split()
)


# Memo of norm_key and dictionary_form (pure functions of a string, called many times per word
# form by candidates()); emptied when it reaches _MEMO_LIMIT entries.
_MEMO_LIMIT = 300_000
_norm_memo: dict[str, str] = {}
_dict_form_memo: dict[str, str] = {}


def norm_key(lemma: str) -> str:
    """The form two lemmas are compared by: Turkish lower case, no circumflex, mı/mu/mü → mi."""
    found = _norm_memo.get(lemma)
    if found is None:
        s = strip_circumflex(turkish_lower(lemma))
        found = _CLITIC.get(s, s)
        if len(_norm_memo) >= _MEMO_LIMIT:
            _norm_memo.clear()
        _norm_memo[lemma] = found
    return found


def dictionary_form(stem: str) -> str:
    """``gel`` → ``gelmek``, ``açıkla`` → ``açıklamak`` (vowel harmony of the last vowel)."""
    found = _dict_form_memo.get(stem)
    if found is None:
        found = stem + "mek"
        for ch in reversed(turkish_lower(stem)):
            if ch in _BACK_VOWELS:
                found = stem + "mak"
                break
            if ch in _FRONT_VOWELS:
                break
        if len(_dict_form_memo) >= _MEMO_LIMIT:
            _dict_form_memo.clear()
        _dict_form_memo[stem] = found
    return found


def _bucket(x: float) -> int:
    return int(math.log2(1 + x))


def _reading_summary(r: Reading) -> tuple[str, ...]:
    ms = r.morphemes
    derivations = sum(1 for m in ms[1:] if m in _DERIVATIONAL)
    return (
        r.pos,
        r.root_pos,
        ms[-1] if ms else "",
        "+".join(ms[-2:]),
        str(min(derivations, 3)),
        str(min(len(ms), 8)),
    )


class _Candidate:
    __slots__ = ("text", "key", "sources", "reading", "rank", "feats", "static", "negs")

    def __init__(self, text: str, key: str) -> None:
        self.text = text
        self.key = key
        self.sources: list[str] = []
        self.reading: Reading | None = None
        self.rank = 99
        self.feats: list[str] = []
        self.static = 0.0
        self.negs: list[bool] = []  # per zeyrek reading behind this candidate: carries Neg?


def word_shape(surface: str) -> str:
    if surface[:1].isdigit():
        return "num"
    if not surface[:1].isalpha():
        return "sym"
    if len(surface) > 1 and surface.isupper():
        return "caps"
    if surface[:1].isupper():
        return "cap"
    return "low"


def candidates(
    token: Token,
    readings: Sequence[Reading],
    table: Mapping[str, Sequence],
    vocab: Mapping[str, Sequence[int]],
    simplemma_lemma: str | None,
) -> list[_Candidate]:
    """Candidate lemmas of one token with their static (context-free) features.

    ``table``: form (Turkish lower case) → [[lemma, count, verb_count, verbal_count], ...]
    (tokens; those tagged VERB; those tagged VERB, AUX, ADJ or ADV: a verb's participles and
    converbs too);
    ``vocab``: lemma key → [count, verb_count] over the training data.
    """
    surface = token.surface
    lower = turkish_lower(surface)
    lower_nc = strip_circumflex(lower)
    base = token.base
    by_key: dict[str, _Candidate] = {}
    order: list[_Candidate] = []

    def add(text: str, source: str) -> _Candidate:
        key = norm_key(text)
        if text.endswith(("mak", "mek")) and source.endswith("dict"):
            key = "V:" + key
        c = by_key.get(key)
        if c is None:
            c = _Candidate(strip_circumflex(text), key)
            by_key[key] = c
            order.append(c)
        if source not in c.sources:
            c.sources.append(source)
        return c

    # zeyrek readings (fewest morphemes first, as Morphology orders them)
    for rank, r in enumerate(readings):
        lemma = r.lemma
        if r.root_pos == "Verb" and lemma.endswith(("mak", "mek")):
            stem = lemma[:-3]
            for text, src in ((lemma, "z-dict"), (stem, "z-stem")):
                c = add(text, src)
                c.negs.append("Neg" in r.morphemes)
                if c.reading is None:
                    c.reading, c.rank = r, rank
        else:
            c = add(lemma, "z")
            c.negs.append("Neg" in r.morphemes)
            if c.reading is None:
                c.reading, c.rank = r, rank
    # form → lemma table from training data
    entries = table.get(lower_nc) or ()
    total = sum(e[1] for e in entries) or 1
    table_share: dict[str, tuple[float, int, int]] = {}
    for i, (lemma, count, verb_count, *_) in enumerate(entries):
        if verb_count:
            c = add(dictionary_form(lemma), "t-dict")
            table_share[c.key] = (verb_count / total, verb_count, i)
        if count > verb_count:
            c = add(lemma, "t")
            table_share[c.key] = ((count - verb_count) / total, count - verb_count, i)
    # simplemma
    if simplemma_lemma:
        add(simplemma_lemma, "s")
    # apostrophe base / number
    if token.suffix:
        add(base, "a")
    if token.is_number:
        add(base, "n")
    # the word itself
    shape = word_shape(surface)
    add(surface if shape in ("caps", "num", "sym") else lower, "w")
    # known-lemma prefixes (hardened final consonant too)
    for n in range(2, len(lower_nc)):
        p = lower_nc[:n]
        hard = _HARDEN.get(p[-1])
        for q in (p,) if hard is None else (p, p[:-1] + hard):
            v = vocab.get(q)
            if v is not None:
                add(q, "p")
                if v[1] * 2 >= v[0]:
                    add(dictionary_form(q), "p-dict")

    # derived stems the vocabulary may lack (doğallık, pembeleş, üstünlük)
    for n in range(4, len(lower_nc)):
        p = lower_nc[:n]
        if p.endswith(_DERIVED_ENDINGS):
            add(p, "d")
        elif p.endswith("ğ") and (p[:-1] + "k").endswith(_DERIVED_ENDINGS):
            add(p[:-1] + "k", "d")
    # a word glued to punctuation (onyedi.) → its word part
    if not token.suffix and not token.is_number and surface[:1].isalpha() and not surface.isalpha():
        parts = tokenize(surface)
        if parts and parts[0].start == 0:
            add(parts[0].base if word_shape(parts[0].base) == "caps" else turkish_lower(parts[0].base), "k")

    if token.suffix:
        base_key = norm_key(base)
        order = [c for c in order if "w" in c.sources or _fits_apostrophe(c.key, base_key)]
    top_ders = "+".join(m for m in readings[0].morphemes[1:] if m in _DERIVATIONAL) if readings else "-"
    for c in order:
        f = c.feats
        kinds = "|".join(sorted(c.sources))
        f.append("src=" + kinds)
        f.append("nsrc=%d" % len({s.split("-")[0] for s in c.sources}))
        dict_form = c.key.startswith("V:")
        f.append("dict=%d" % dict_form)
        f.append("shape=%s|%s" % (shape, kinds))
        lk = c.key[2:] if dict_form else c.key
        v = vocab.get(lk)
        f.append("voc=%d" % (_bucket(v[0]) if v else -1))
        if v:
            f.append("vocverb=%d|%d" % (dict_form, min(4, 4 * v[1] // max(v[0], 1))))
        ts = table_share.get(c.key)
        if ts is None:
            f.append("t_miss=%d" % _bucket(total if entries else 0))
        else:
            share, count, i = ts
            f.append("t_share=%d" % int(share * 5))
            f.append("t_cnt=%d|%d" % (_bucket(count), int(share * 5)))
            f.append("t_rank=%d" % min(i, 3))
        if c.reading is not None:
            pos, rpos, last, last2, der, nm = _reading_summary(c.reading)
            d = "d" if dict_form else ("s" if "z-stem" in c.sources else "n")
            f.append("z_pos=%s|%s|%s" % (d, rpos, pos))
            f.append("z_last=%s|%s" % (d, last))
            f.append("z_last2=%s|%s" % (d, last2))
            f.append("z_der=%s|%s|%s" % (d, der, pos))
            f.append("z_nm=%s" % nm)
            f.append("z_rank=%d" % min(c.rank, 4))
            f.append("z_prop=%d|%s" % (c.reading.is_proper, shape))
            ders = "+".join(m for m in c.reading.morphemes[1:] if m in _DERIVATIONAL)
            f.append("z_ders=%s|%s" % (d, ders))
            f.append("z_dpos=%s|%s|%s" % (d, ders, pos))
        elif readings:
            f.append("z_other")
        else:
            f.append("z_none|" + kinds)
        if lower_nc.startswith(lk):
            rem = lower_nc[len(lk):]
            f.append("rem=%s|%d" % (rem[-4:], dict_form))
            f.append("remlen=%d|%d" % (min(len(rem), 8), dict_form))
        else:
            f.append("rem_nonprefix|%d" % dict_form)
        if simplemma_lemma is not None:
            f.append("s_eq=%d|%d" % ("s" in c.sources, dict_form))
        cls = "d" if dict_form else ("z" if c.reading is not None else c.sources[0][0])
        f.append("top_ders=%s|%s" % (cls, top_ders))
        f.append("id=%s|%s" % (lk, cls))
    return order


def offered(token: Token, cands: list[_Candidate]) -> list[_Candidate]:
    """The candidates lemma choice may give: for a word with suffixes after an apostrophe
    (*Kiev'deki*, *Treki'yi*, *ABD'li*), none that keeps the apostrophe (the word itself, as
    written or as simplemma echoes it): a lemma never includes those suffixes, UD's gold neither
    (BOUN: *İstanbul'daki* → İstanbul, *CHP'li* → CHP). After an apostrophe, a capital in a word
    not set in capitals starts part of a name (*O'Neill*): then every candidate stays.

    Applied when choosing, not when fitting: the model is fitted on every candidate, and here
    asked for the best of the others (constrained choice), so the shipped model stays the one
    the training script makes.
    """
    if not token.suffix or (token.suffix[:1].isupper() and not token.surface.isupper()):
        return cands
    kept = [c for c in cands if "'" not in c.text]
    return kept or cands


# What may stand between a lemma and the apostrophe: a compound's possessive or a plural
# (Bakanlığı'na → bakanlık, Hastanesi'ne → hastane, Süryaniler'in → süryani).
_APOSTROPHE_TAILS = ("ları", "leri", "lar", "ler", "sı", "si", "su", "sü", "ı", "i", "u", "ü")


def _fits_apostrophe(key: str, base: str) -> bool:
    """Can the candidate ``key`` be the lemma of a word written ``base'suffix``?

    What follows an apostrophe is inflection of a name, an abbreviation or a number, so the
    lemma is the part before it, or that part less a compound's possessive or a plural ending
    (with the stem's consonant hardened or its vowel restored: Zihni → zihin). Never a verb
    (Sin'in is not *sinmek*) and never a longer word (Der'in is not *derin*).
    """
    if key == base:
        return True
    if key.startswith("V:"):
        return False
    for tail in _APOSTROPHE_TAILS:
        if base.endswith(tail) and len(base) > len(tail) + 1:
            head = base[: -len(tail)]
            if key == head or key == head[:-1] + _HARDEN.get(head[-1], head[-1]):
                return True
            if len(key) == len(head) + 1 and key[:-2] + key[-1] == head and key[-2] in "aeıioöuü":
                return True
    return False


def _context_feats(tokens: Sequence[Token], i: int) -> list[str]:
    """Features of a token's neighbourhood, each later conjoined with a candidate's class."""
    t = tokens[i]
    prev = turkish_lower(tokens[i - 1].surface) if i > 0 else "<s>"
    nxt = turkish_lower(tokens[i + 1].surface) if i + 1 < len(tokens) else "</s>"
    nxt_shape = word_shape(tokens[i + 1].surface) if i + 1 < len(tokens) else "end"
    return [
        "first=%d|%s|%s" % (t.position == 0, word_shape(t.surface), nxt_shape),  # the next word's shape too: Bakan Davutoğlu
        "next=" + nxt,
        "nextsfx=" + nxt[-2:],
        "prev=" + prev,
    ]


def _cand_class(c: _Candidate) -> str:
    if c.key.startswith("V:"):
        return "d"
    if "z-stem" in c.sources:
        return "s"
    if c.reading is not None:
        return "z" + ("P" if c.reading.is_proper else "")
    return c.sources[0][0]


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

    def static_candidates(self, token: Token, readings: Sequence[Reading]) -> list[_Candidate]:
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
            cands = offered(token, candidates(token, rs, self.table, self.vocab, _simplemma(token.surface)))
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

    def p_verb(self, token: Token, dict_c: _Candidate, stem_c: _Candidate | None = None) -> float:
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

    def verb_form(self, token: Token, cands: Sequence[_Candidate], best: _Candidate) -> _Candidate:
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
_CLASSES = frozenset("d s z zP t p a n w k".split())  # every value _cand_class can return
_NO_CONTEXT = ({}, {}, {}, {})
# Word forms whose scored candidates each of LemmaModel's two cache generations holds (≈1.2 kB
# each, so ≈120 MB when both are full); what the cache drops changes speed only, never a choice.
STATIC_CACHE_FORMS = 50_000


class _StaticEntry:
    """One word form's candidates as choose() reads them, scored without context.

    Candidates are kept as tuples of strings and numbers (``rows``), which the garbage collector
    stops tracking, rather than as :class:`_Candidate` objects: a large cache of objects makes
    every full collection slow. :meth:`candidates` rebuilds the objects when needed.
    """

    __slots__ = ("readings", "rows", "statics", "class_set", "class_index", "shape", "lower", "decided")

    def __init__(self, readings: tuple[Reading, ...], cands: Sequence[_Candidate], shape: str, lower: str) -> None:
        self.readings = readings
        # (text, key, sources, index of the reading or -1, rank, negs) per candidate
        self.rows = tuple(
            (one_copy(c.text), one_copy(c.key), one_copy(tuple(c.sources)),
             -1 if c.reading is None else c.rank, c.rank, one_copy(tuple(c.negs)))
            for c in cands
        )
        self.statics = tuple(c.static for c in cands)
        classes = [_cand_class(c) for c in cands]
        # the distinct candidate classes (each gets one context score) and each candidate's among them
        self.class_set = one_copy(tuple(dict.fromkeys(classes)))
        self.class_index = tuple(map(self.class_set.index, classes))  # ints: never one_copy'd beside negs' bools
        self.shape = shape
        self.lower = lower  # the word Turkish-lower-cased, as the context of its neighbours reads it
        # (index of the best candidate, token mid-sentence?) → (lemma, pos, negated, source, texts
        # that are not alternatives)
        self.decided: dict[tuple[int, bool], tuple[str, str, bool, str, tuple[str, ...]]] = {}

    def candidates(self) -> list[_Candidate]:
        """The candidates as objects (no feature strings), with their static scores."""
        out = []
        for (text, key, sources, r, rank, negs), static in zip(self.rows, self.statics):
            c = _Candidate(text, key)
            c.sources = list(sources)
            c.reading = self.readings[r] if r >= 0 else None
            c.rank = rank
            c.negs = list(negs)
            c.static = static
            out.append(c)
        return out


def participle_or_converb(r: Reading | None) -> bool:
    """Does zeyrek's reading ``r`` make a participle (*olan*, *gelecek*) or a converb (*gelince*,
    *yaparak*) of a verb?"""
    return r is not None and r.root_pos == "Verb" and any(m in _PARTICIPLE_CONVERB for m in r.morphemes)


def verb_signature(token: Token, dict_cand: _Candidate, stem_cand: _Candidate | None = None) -> str:
    """What decides between a verb's dictionary form and its bare stem (UD: verbal nouns → stem).

    A stem zeyrek also reads as a word of its own (*kanın*: *kan* + genitive beside *kanmak* +
    imperative; *saça*: *saç* + dative beside *saçmak* + optative) is marked: there the stem is
    mostly that noun, and the verb reading's ending says little. So is a capitalised word
    mid-sentence (*Yüksel*, *Buy*): mostly a name.
    """
    r = dict_cand.reading
    amb = "|n" if stem_cand is not None and "z" in stem_cand.sources else ""
    if token.position > 0 and word_shape(token.surface) == "cap":
        amb += "|C"
    if r is None:
        return "none|" + word_shape(token.surface) + amb
    return "%s|%s%s" % (r.pos, "+".join(r.morphemes[-2:]), amb)


def verb_pair(cands: Sequence[_Candidate], best: _Candidate) -> tuple[_Candidate | None, _Candidate | None]:
    """(dictionary-form candidate, bare-stem candidate) of the verb ``best`` stands for, if it is one."""
    if best.key.startswith("V:"):
        stem_key = norm_key(best.text[:-3])
        stem = next((c for c in cands if c.key == stem_key), None)
        return best, stem
    dict_c = next((c for c in cands if c.key.startswith("V:") and norm_key(c.text[:-3]) == best.key), None)
    if dict_c is None:
        return None, None
    return dict_c, best


def context_features(tokens: Sequence[Token], i: int, c: _Candidate) -> list[str]:
    """The context features of one candidate (used by training; mirrors LemmaModel.score)."""
    cls = _cand_class(c)
    return [cls + "^" + f for f in _context_feats(tokens, i)]


_model: LemmaModel | None = None  # the default model, once loaded
_models: dict[str, LemmaModel] = {}  # the other shipped models, once loaded
_model_lock = threading.Lock()


def model(name: str = "default") -> LemmaModel:
    """The shipped lemma model ``name`` (:data:`MODELS`), loaded once on first use."""
    global _model
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


_simplemma_fn = None
_simplemma_lock = threading.Lock()


def simplemma_trie(build: bool = True) -> Path | None:
    """simplemma's Turkish dictionary as a MARISA trie file, built once per cache directory.

    simplemma's own loader decodes its 1.2M-form Turkish dictionary into a dict on every start:
    ≈0.7 s and ≈140 MB in each process that lemmatises (each worker). The trie holds the same
    forms and lemmas (same lookups) in a 6 MB file that loads in milliseconds; building it
    takes ≈2 s, once, into ``<cache directory>/simplemma-<version>/tr.dic`` (see
    :func:`toolkit.cache.default_cache_dir`), written under a temporary name and renamed, so
    processes building it at once never read half a file. None when it cannot be written (or,
    with ``build=False``, is not there yet).
    """
    import os
    import tempfile

    import simplemma

    from toolkit.cache import default_cache_dir

    directory = default_cache_dir() / f"simplemma-{simplemma.__version__}"
    path = directory / "tr.dic"
    if path.exists():
        return path
    if not build:
        return None
    try:
        from simplemma.strategies.dictionaries import TrieDictionaryFactory

        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=directory) as tmp:
            TrieDictionaryFactory(disk_cache_dir=tmp).get_dictionary("tr")
            os.replace(Path(tmp) / "tr.dic", path)
    except (ImportError, OSError):
        return None
    return path


def _simplemma_lemmatizer(build: bool = True):
    """``word → simplemma's lemma``, over :func:`simplemma_trie` (simplemma's own dict if there
    is no trie, or with ``build=False`` none built yet; the lemmas are the same)."""
    import simplemma

    path = simplemma_trie(build)
    if path is None:
        return lambda w: simplemma.lemmatize(w, lang="tr")
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    lemmatizer = simplemma.Lemmatizer(
        lemmatization_strategy=DefaultStrategy(dictionary_factory=TrieDictionaryFactory(disk_cache_dir=str(path.parent))))
    return lambda w: lemmatizer.lemmatize(w, lang="tr")


def simplemma_namespace() -> str:
    """Where the analysis cache keeps simplemma's lemmas of words (``{word: lemma as JSON}``)."""
    from importlib.metadata import version

    return f"simplemma {version('simplemma')}"


# simplemma's lemmas of words, found by another process (see simplemma_lemmas): looked up
# before simplemma itself, so a worker given them never loads simplemma's dictionary.
_simplemma_given: dict[str, str | None] = {}
_NOT_GIVEN = object()


def _simplemma(word: str) -> str | None:
    if _simplemma_given:
        found = _simplemma_given.get(word, _NOT_GIVEN)
        if found is not _NOT_GIVEN:
            return found
    lemmatizer = _simplemma_fn or _start_simplemma(build=True)
    if not word[:1].isalpha():
        return None
    return lemmatizer(word)


def _start_simplemma(build: bool):
    """This process's ``word → simplemma's lemma`` (:func:`_simplemma_lemmatizer`), made once."""
    global _simplemma_fn
    if _simplemma_fn is None:
        with _simplemma_lock:
            if _simplemma_fn is None:
                _simplemma_fn = _simplemma_lemmatizer(build)
    return _simplemma_fn


def simplemma_lemmas(words: Iterable[str]) -> dict[str, str | None]:
    """``{word: simplemma's lemma}``, as lemma choice asks simplemma (the words of a corpus:
    :func:`toolkit.text.read_as` of its surfaces). Looked up here over the trie if it is
    built, otherwise over simplemma's own dictionary (≈0.8 s and ≈140 MB to load, once per
    process): the trie is not built for this. Meant for a process of its own that looks the
    words up for the workers (see :func:`toolkit.analysis.analyze`).
    """
    _start_simplemma(build=False)
    return {w: _simplemma(w) for w in words}


def give_simplemma_lemmas(found: Mapping[str, str | None]) -> None:
    """Use these lemmas (from :func:`simplemma_lemmas` in another process) for these words, in
    place of those from before."""
    _simplemma_given.clear()
    _simplemma_given.update(found)


def _pos_of(c: _Candidate, token: Token) -> str:
    if c.reading is not None:
        if c.key.startswith("V:"):
            return "Verb"
        return c.reading.pos
    if token.is_number:
        return "Num"
    if "a" in c.sources or (c.text[:1].isupper()):
        return "Noun"
    return "Unk"


def choose(
    tokens: Sequence[Token],
    readings: Sequence[tuple[Reading, ...]],
    overrides: Mapping[str, str] | None = None,
    lexical_verbs: bool = False,
    marks: tuple[Sequence[str | None], Sequence[str | None]] | None = None,
    ud: bool = False,
    lemma_model: str = "default",
) -> list[Choice]:
    """One :class:`Choice` per token of one sentence, given each token's zeyrek readings.

    ``overrides`` maps a surface form to the lemma to use (matched case-sensitively first, then
    by the Turkish-lower-cased form; keys are best given in lower case or as written).
    ``lexical_verbs``: where the lemma chosen is a verb root read with a causative suffix and
    the dictionary lists the causative verb itself, give that verb (*belirtti* → *belirtmek*,
    not *belirmek*; *öldürdü* → *öldürmek*, not *ölmek*; see :func:`lexical_verb`). UD Turkish,
    and so the default, lemmatises to the root.
    ``marks``: for tokens without punctuation tokens between them (an article's token table),
    the punctuation mark right before and right after each token, or None; the model reads
    them as neighbours, as in the treebanks it was fitted on, where marks are tokens.
    ``ud``: UD lemmas, every verbal form as the bare verb stem whatever its part of speech
    (*geldi*, *olan*, *gelince* → *gel*, *ol*); otherwise dictionary forms for verbs (*gelmek*)
    and the bare stem only for verbal nouns (*açıklaması* → *açıkla*), as :func:`toolkit.analyze`
    shows them. ``lemma_model``: which shipped model chooses (:data:`MODELS`; ``"with-imst"`` is
    licensed CC BY-NC-SA 4.0, non-commercial use only).
    """
    m = model(lemma_model)
    exp = math.exp
    lowered = {turkish_lower(k): v for k, v in sorted(overrides.items())} if overrides else None
    out: list[Choice] = []
    ctx_weights = m._context_weights()
    temperature = m.temperature
    n_tokens = len(tokens)
    entries = [m._static_entry(token, cands_r) for token, cands_r in zip(tokens, readings)]
    lows = [e.lower for e in entries]  # the words Turkish-lower-cased
    for i, (token, cands_r, entry) in enumerate(zip(tokens, readings, entries)):
        known = bool(cands_r)
        forced = None
        if overrides:
            forced = overrides.get(token.surface)
            if forced is None:
                forced = lowered.get(turkish_lower(token.surface))
        if forced is not None:
            cands = entry.candidates()
            match = next((c for c in cands if c.key in (norm_key(forced), "V:" + norm_key(forced))), None)
            neg = bool(match and match.reading and "Neg" in match.reading.morphemes)
            pos = _pos_of(match, token) if match else "Unk"
            alts = tuple(c.text for c in cands if c.text != forced)
            out.append(Choice(forced, pos, bool(cands_r), neg, 1.0, alts, "override"))
            continue
        # context score of each candidate class: the weights of its _context_feats (same order)
        mark = marks[1][i] if marks else None
        if mark is not None:
            nxt = mark
            first = "%d|%s|%s" % (token.position == 0, entry.shape, word_shape(mark))
        elif i + 1 < n_tokens:
            nxt = lows[i + 1]
            first = "%d|%s|%s" % (token.position == 0, entry.shape, entries[i + 1].shape)
        else:
            nxt = "</s>"
            first = "%d|%s|end" % (token.position == 0, entry.shape)
        nxt2 = nxt[-2:]
        mark = marks[0][i] if marks else None
        prev = mark if mark is not None else lows[i - 1] if i > 0 else "<s>"
        ctx = []
        for cls in entry.class_set:
            wf, wn, ws, wp = ctx_weights.get(cls, _NO_CONTEXT)
            ctx.append(wf.get(first, 0.0) + wn.get(nxt, 0.0) + ws.get(nxt2, 0.0) + wp.get(prev, 0.0))
        scores = [static + ctx[k] for static, k in zip(entry.statics, entry.class_index)]
        ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)  # stable: ties by index
        b = ranked[0]
        top = scores[b]
        confidence = 1.0 / sum([exp((scores[j] - top) / temperature) for j in ranked])
        mid = token.position > 0
        decided = entry.decided.get((b, mid, lexical_verbs, ud))
        if decided is None:
            cands = entry.candidates()
            best = cands[b]
            shown_form = m.verb_form(token, cands, best)
            chosen = bare_stem(cands, best) if ud else shown_form
            if lexical_verbs:
                chosen = lexical_verb(cands, chosen)
            # negated only when every reading of the chosen lemma is negative (olmaya: ol+Inf2+Dat too)
            neg = bool(chosen.negs) and all(chosen.negs)
            cased = _cased(token, chosen, cands_r)
            decided = entry.decided[(b, mid, lexical_verbs, ud)] = (
                cased, _pos_of(shown_form, token), neg, chosen.sources[0].split("-")[0],
                (best.text, shown_form.text, chosen.text, cased),
            )
        text, pos, neg, source, shown = decided
        rows = entry.rows
        alts: list[str] = []
        for j in ranked[1:]:
            alt = rows[j][0]
            if alt not in shown and alt not in alts:
                alts.append(alt)
        out.append(Choice(text, pos, known, neg, round(confidence, 4), tuple(alts), source))
    return out


def bare_stem(cands: Sequence[_Candidate], c: _Candidate) -> _Candidate:
    """The bare-stem candidate of a verb's dictionary form ``c`` (*gelmek* → *gel*); ``c`` itself
    when it is not a dictionary form."""
    if not c.key.startswith("V:"):
        return c
    _, stem = verb_pair(cands, c)
    if stem is None:
        stem = _Candidate(c.text[:-3], norm_key(c.text[:-3]))
        stem.sources = [src.replace("-dict", "-stem") for src in c.sources]
        stem.reading, stem.rank, stem.negs = c.reading, c.rank, c.negs
    return stem


def lexical_verb(cands: Sequence[_Candidate], chosen: _Candidate) -> _Candidate:
    """The dictionary's own causative verb in place of a root read with a causative suffix.

    UD Turkish lemmatises *belirtti* (stated) as *belir* (appear), *öldürdü* (killed) as *öl*
    (die), *kaldırdı* (lifted) as *kal* (stay). When ``chosen`` is such a reading (its first
    suffix is ``Caus``) and another candidate is a verb zeyrek's dictionary lists whose stem
    extends ``chosen``'s (*belirt*), that candidate is returned, in the same form (dictionary
    form or bare stem); otherwise ``chosen``. Productive causatives the dictionary does not list
    (*oluşturdu* → *oluşmak*) stay with their root.
    """
    r = chosen.reading
    if r is None or r.root_pos != "Verb" or len(r.morphemes) < 2 or r.morphemes[1] != "Caus":
        return chosen
    dict_form = chosen.key.startswith("V:")
    stem = norm_key(chosen.text[:-3] if dict_form else chosen.text)
    found, found_stem = chosen, stem
    for c in cands:
        cr = c.reading
        if cr is None or cr.root_pos != "Verb" or c.key.startswith("V:") != dict_form:
            continue
        if len(cr.morphemes) > 1 and cr.morphemes[1] == "Caus":
            continue
        c_stem = norm_key(c.text[:-3] if dict_form else c.text)
        if c_stem.startswith(stem) and len(c_stem) > len(found_stem):
            found, found_stem = c, c_stem
    return found


_titles: frozenset[str] | None = None


def titles() -> frozenset[str]:
    """Titles written with a capital before a name (``toolkit/resources/lemma_titles_tr.txt``):
    their lemma is always the lower-case word (*Başbakan Erdoğan* → *başbakan*)."""
    global _titles
    if _titles is None:
        text = (resources.files("toolkit") / "resources" / "lemma_titles_tr.txt").read_text(encoding="utf-8")
        _titles = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return _titles


def _cased(token: Token, best: _Candidate, readings: Sequence[Reading] = ()) -> str:
    """The chosen lemma with the casing of the convention (see :func:`_casing`); a title
    (:func:`titles`) is always lower case."""
    text = _casing(token, best, readings)
    lower = turkish_lower(text)
    return lower if lower in titles() else text


def _casing(token: Token, best: _Candidate, readings: Sequence[Reading] = ()) -> str:
    """The chosen lemma with the casing of the convention: proper nouns as written, others lower.

    At a sentence start a capital says nothing, so where zeyrek reads the lemma both as a name
    and as an ordinary word (*Hedef*/*hedef*, *Kim*/*kim*) the ordinary word is given
    (``readings``: the token's readings); :func:`recase_sentence_starts` restores the name when
    the text uses it mid-sentence.
    """
    text = best.text
    key = best.key
    base = token.base
    shape = word_shape(base)
    if key == norm_key(base) and (token.suffix or (shape == "caps" and len(base) <= 5)
                                  or (shape == "cap" and token.position > 0)):
        return strip_circumflex(base)  # KCNA'ya → KCNA, BM → BM, Kim (mid-sentence) → Kim
    if text[:1].isupper() and (shape == "low" or (best.reading is not None and not best.reading.is_proper)):
        return turkish_lower(text)
    if text[:1].isupper() and token.position == 0 and any(
            not r.is_proper and norm_key(r.lemma) == key for r in readings):
        return turkish_lower(text)
    return text


def recase_sentence_starts(tokens: Sequence[Token], choices: Sequence[Choice]) -> list[Choice]:
    """The choices of a whole text, with a capitalised sentence-initial word kept as a proper noun
    when the same text uses that word, capitalised mid-sentence, as a proper-noun lemma.

    ``choose`` sees one sentence, so a sentence-initial ``Kim`` (the Korean leader) reads as the
    pronoun ``kim``; given the text's other sentences, where ``Kim`` stands mid-sentence and was
    kept as ``Kim``, it becomes ``Kim`` too. ``tokens`` and ``choices`` run in parallel.
    """
    proper = {
        c.lemma for t, c in zip(tokens, choices)
        if t.position > 0 and c.lemma[:1].isupper() and c.lemma == strip_circumflex(t.base)
    }
    out = []
    for t, c in zip(tokens, choices):
        base = strip_circumflex(t.base)
        if t.position == 0 and c.source != "override" and word_shape(base) == "cap" and base in proper \
                and c.lemma != base:
            alts = tuple(a for a in (c.lemma, *c.alternatives) if a != base)
            c = replace(c, lemma=base, alternatives=alts)
        out.append(c)
    return out


_QUOTES = '"“”„«»'
# A quotation mark between a word and its suffixes stands for the apostrophe: Rusyası"nın.
_QUOTE_AS_APOSTROPHE = re.compile(rf'(?<=[^\W\d_])[{_QUOTES}](?=[^\W\d_]+$)')


def word_token(word: str, position: int = 0) -> Token:
    """A :class:`Token` for one already-tokenised word (apostrophe suffix split as tokenize does).

    Quotation marks are not part of a word: ``"Venüs"`` is the token Venüs, and a quotation
    mark before suffixes (``Rusyası"nın``) separates them as an apostrophe would.
    """
    core = _QUOTE_AS_APOSTROPHE.sub("'", word.strip(_QUOTES)) or word
    parts = tokenize(core)
    if len(parts) == 1 and parts[0].surface == core:
        t = parts[0]
        return Token(core, 0, len(word), 0, position, t.base, t.suffix)
    return Token(word, 0, len(word), 0, position, word, "")


def lookup_forms(surface: str) -> tuple[str, ...]:
    """The word forms :func:`readings_for` looks up for a token written ``surface``, in order:
    the word Turkish-lower-cased without its apostrophe, the same without circumflexes (zeyrek
    knows *mahkum*, not *mahkûm*), and for ``Kremlin'den`` the part before the apostrophe.
    Numbers have none. Memoised (the forms are interned strings)."""
    found = _lookup_memo.get(surface)
    if found is not None:
        return found
    forms = []
    if not surface[:1].isdigit():
        form = turkish_lower(surface.replace("'", ""))
        if form.isalpha():
            forms.append(form)
        plain = strip_circumflex(form)
        if plain != form:
            forms.append(plain)
        if "'" in surface:
            forms.append(turkish_lower(surface.rsplit("'", 1)[0]))
    if len(_lookup_memo) >= _MEMO_LIMIT:
        _lookup_memo.clear()
    found = _lookup_memo[surface] = tuple(sys.intern(f) for f in forms)
    return found


_lookup_memo: dict[str, tuple[str, ...]] = {}


def readings_for(token: Token, morphology: Morphology) -> tuple[Reading, ...]:
    """The readings :func:`lemmatize` uses: those of the first of :func:`lookup_forms` zeyrek knows."""
    for form in lookup_forms(token.surface):
        found = morphology.analyze(form)
        if found:
            return found
    return ()


def prepare(
    words: Sequence[str], morphology: Morphology | None = None, *, as_written: bool = False,
) -> tuple[list[Token], list[tuple[Reading, ...]]]:
    """Tokens and readings of one already-tokenised sentence, as :func:`lemmatize` feeds :func:`choose`.

    Words set in capitals are read as sentence starts (:func:`toolkit.text.unshout`) unless
    ``as_written``: the lemma model is fitted on the treebanks' words as written, and meets
    restyled words at lemmatisation time looking like the sentence starts it was fitted on.
    """
    morphology = morphology or default_morphology()
    tokens = [word_token(w, i) for i, w in enumerate(words)]
    if not as_written:
        tokens = unshout(tokens)
    return tokens, [readings_for(t, morphology) for t in tokens]


def lemmatize(
    words: Sequence[str],
    morphology: Morphology | None = None,
    overrides: Mapping[str, str] | None = None,
    lexical_verbs: bool = False,
    *,
    dictionary_forms: bool = False,
    lemma_model: str = "default",
) -> list[str]:
    """One lemma per word of one already-tokenised sentence (same length, same order).

    UD Turkish lemmas (what ``benchmarks/lemma_accuracy.py`` scores): every verbal form is the
    bare verb stem, whatever its part of speech (*etti* → *et*, *olan* → *ol*, *gelince* →
    *gel*). ``dictionary_forms=True`` gives what :func:`toolkit.analyze` shows instead: verbs
    in their dictionary form (*etmek*, *olmak*), verbal nouns as the bare stem
    (*açıklaması* → *açıkla*). ``lexical_verbs=True`` keeps the dictionary's causative verbs, as
    :func:`toolkit.analyze` does by default (see :func:`lexical_verb`). ``lemma_model``: the
    shipped model that chooses (:data:`MODELS`): ``"default"`` (learnt from data licensed CC
    BY-SA 4.0, commercial use allowed) or ``"with-imst"`` (also learnt from IMST: CC BY-NC-SA
    4.0, non-commercial use only).

    >>> lemmatize(["Putin'i", "Kuzey", "Kore'ye", "davet", "etti"])
    ['Putin', 'Kuzey', 'Kore', 'davet', 'et']
    """
    if isinstance(words, str):
        raise TypeError("lemmatize() takes one sentence as a list of words, not a str: "
                        "split it first (lemmatize(text.split())) or use toolkit.analyze() for running text")
    if not words:
        return []
    tokens, readings = prepare(words, morphology)
    choices = choose(tokens, readings, overrides, lexical_verbs, ud=not dictionary_forms, lemma_model=lemma_model)
    return [c.lemma for c in choices]
