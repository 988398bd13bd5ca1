"""Choosing one lemma per token.

Lemma convention (what every table in the toolkit counts): the dictionary form.
Verbs end in -mak/-mek (``geldi`` → ``gelmek``); nouns, adjectives and the rest stand
bare (``yaptırımları`` → ``yaptırım``); proper nouns keep their capital (``Putin'i`` →
``Putin``, ``KCNA'ya`` → ``KCNA``); numbers keep their digits (``1948'de`` → ``1948``);
circumflexes are dropped (``silâh`` → ``silah``) so both spellings count as one lemma.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from toolkit.morphology import Morphology, Reading, default_morphology
from toolkit.text import Token, strip_circumflex, tokenize, turkish_lower


@dataclass(frozen=True)
class Choice:
    """The lemma chosen for one token, with what it was chosen from.

    ``known`` is False when zeyrek had no reading (the lemma is then a fallback: the proper
    noun before an apostrophe, else the Turkish-lower-cased word). ``confidence`` is in [0, 1].
    ``alternatives`` are the other candidate lemmas, best first.
    """

    lemma: str
    pos: str
    known: bool
    negated: bool
    confidence: float
    alternatives: tuple[str, ...] = ()


def _fallback(token: Token) -> Choice:
    if token.is_number:
        return Choice(token.base, "Num", False, False, 1.0)
    if token.suffix or token.base[:1].isupper():
        return Choice(token.base, "Noun", False, False, 0.5)
    return Choice(turkish_lower(token.surface), "Unk", False, False, 0.0)


def _score(reading: Reading, token: Token) -> float:
    derivations = sum(1 for m in reading.morphemes[1:] if m in _DERIVATIONAL)
    score = -2.0 * derivations - 0.1 * len(reading.morphemes) + 0.05 * len(reading.lemma)
    if reading.is_proper and not token.base[:1].isupper():
        score -= 3.0
    return score


_DERIVATIONAL = frozenset(
    "Zero Ness With Without Agt Dim Become Acquire Ly Rel Related JustLike Inf1 Inf2 Inf3 "
    "PresPart PastPart FutPart AorPart NarrPart Caus Pass Recip Reflex Able AfterDoingSo "
    "ByDoingSo While When AsIf Adamantly SinceDoingSo FeelLike EverSince Almost Hastily".split()
)


def choose(tokens: Sequence[Token], readings: Sequence[tuple[Reading, ...]]) -> list[Choice]:
    """One :class:`Choice` per token of one sentence, given each token's zeyrek readings."""
    out = []
    for token, cands in zip(tokens, readings):
        if token.is_number or (token.suffix and token.base[:1].isupper()) or not cands:
            out.append(_fallback(token))
            continue
        ranked = sorted(cands, key=lambda r: -_score(r, token))
        best = ranked[0]
        others = tuple(dict.fromkeys(r.lemma for r in ranked if r.lemma != best.lemma))
        confidence = 1.0 if not others else 0.5
        out.append(Choice(strip_circumflex(best.lemma), best.pos, True, "Neg" in best.morphemes, confidence, others))
    return out


def lemmatize(words: list[str], morphology: Morphology | None = None) -> list[str]:
    """One lemma per word of one already-tokenised sentence (same length, same order).

    >>> lemmatize(["Putin'i", "Kuzey", "Kore'ye", "davet", "etti"])
    ['Putin', 'Kuzey', 'Kore', 'davet', 'etmek']
    """
    morphology = morphology or default_morphology()
    tokens = []
    for i, word in enumerate(words):
        parts = tokenize(word)
        if len(parts) == 1 and parts[0].surface == word:
            t = parts[0]
            tokens.append(Token(word, 0, len(word), 0, i, t.base, t.suffix))
        else:
            tokens.append(Token(word, 0, len(word), 0, i, word, ""))
    readings = [morphology.analyze(t.base if t.is_number else t.surface.replace("'", "")) for t in tokens]
    return [c.lemma for c in choose(tokens, readings)]
