"""What lemma choice knows of one token: its candidate lemmas and their features.

Every token gets a set of candidate lemmas (:func:`candidates`) from several sources: zeyrek's
readings (a verb gives both its dictionary form and its bare stem), a form→lemma table learned
from UD Turkish treebanks, simplemma's lemma, prefixes of the word that are known lemmas (with
the final consonant hardened: ``kitab`` → ``kitap``), the part before an apostrophe, the word
itself; each with the features the lemma model (:mod:`toolkit.lemma_model`) weighs, and the
features of its neighbourhood (:func:`context_features`). Also the small rules of the lemma
convention shared by every lemma module: :func:`norm_key`, :func:`dictionary_form`.
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from toolkit.morphology import Reading
from toolkit.text import BACK_VOWELS, FRONT_VOWELS, HARDEN, Token, strip_circumflex, tokenize, turkish_lower


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
_CLITIC = {"mı": "mi", "mu": "mi", "mü": "mi"}
_DERIVED_ENDINGS = tuple(
    "lık lik luk lük laş leş lan len lat let ış iş uş üş cı ci cu cü çı çi çu çü sız siz suz süz "
    "lı li lu lü cık cik cuk cük sal sel".split()
)


# Memo of norm_key and dictionary_form (pure functions of a string, called many times per word
# form by candidates()); emptied when it reaches MEMO_LIMIT entries.
MEMO_LIMIT = 300_000
_norm_memo: dict[str, str] = {}
_dict_form_memo: dict[str, str] = {}


def norm_key(lemma: str) -> str:
    """The form two lemmas are compared by: Turkish lower case, no circumflex, mı/mu/mü → mi."""
    found = _norm_memo.get(lemma)
    if found is None:
        s = strip_circumflex(turkish_lower(lemma))
        found = _CLITIC.get(s, s)
        if len(_norm_memo) >= MEMO_LIMIT:
            _norm_memo.clear()
        _norm_memo[lemma] = found
    return found


def dictionary_form(stem: str) -> str:
    """``gel`` → ``gelmek``, ``açıkla`` → ``açıklamak`` (vowel harmony of the last vowel)."""
    found = _dict_form_memo.get(stem)
    if found is None:
        found = stem + "mek"
        for ch in reversed(turkish_lower(stem)):
            if ch in BACK_VOWELS:
                found = stem + "mak"
                break
            if ch in FRONT_VOWELS:
                break
        if len(_dict_form_memo) >= MEMO_LIMIT:
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


class Candidate:
    """One candidate lemma of a token: its text, comparison key (``V:`` + key for a verb's
    dictionary form), sources, the zeyrek reading behind it, and its features and static score."""

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
) -> list[Candidate]:
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
    by_key: dict[str, Candidate] = {}
    order: list[Candidate] = []

    def add(text: str, source: str) -> Candidate:
        key = norm_key(text)
        if text.endswith(("mak", "mek")) and source.endswith("dict"):
            key = "V:" + key
        c = by_key.get(key)
        if c is None:
            c = Candidate(strip_circumflex(text), key)
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
        hard = HARDEN.get(p[-1])
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


def offered(token: Token, cands: list[Candidate]) -> list[Candidate]:
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
            if key == head or key == head[:-1] + HARDEN.get(head[-1], head[-1]):
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


def candidate_class(c: Candidate) -> str:
    if c.key.startswith("V:"):
        return "d"
    if "z-stem" in c.sources:
        return "s"
    if c.reading is not None:
        return "z" + ("P" if c.reading.is_proper else "")
    return c.sources[0][0]


def participle_or_converb(r: Reading | None) -> bool:
    """Does zeyrek's reading ``r`` make a participle (*olan*, *gelecek*) or a converb (*gelince*,
    *yaparak*) of a verb?"""
    return r is not None and r.root_pos == "Verb" and any(m in _PARTICIPLE_CONVERB for m in r.morphemes)


def verb_signature(token: Token, dict_cand: Candidate, stem_cand: Candidate | None = None) -> str:
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


def verb_pair(cands: Sequence[Candidate], best: Candidate) -> tuple[Candidate | None, Candidate | None]:
    """(dictionary-form candidate, bare-stem candidate) of the verb ``best`` stands for, if it is one."""
    if best.key.startswith("V:"):
        stem_key = norm_key(best.text[:-3])
        stem = next((c for c in cands if c.key == stem_key), None)
        return best, stem
    dict_c = next((c for c in cands if c.key.startswith("V:") and norm_key(c.text[:-3]) == best.key), None)
    if dict_c is None:
        return None, None
    return dict_c, best


def context_features(tokens: Sequence[Token], i: int, c: Candidate) -> list[str]:
    """The context features of one candidate (used by training; mirrors LemmaModel.score)."""
    cls = candidate_class(c)
    return [cls + "^" + f for f in _context_feats(tokens, i)]
