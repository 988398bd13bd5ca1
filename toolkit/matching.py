"""Finding frame cues and terms in the token table: one :class:`TokenView` per analysis, reused.

Conventions
-----------
* A *hit* is one occurrence of one cue of one frame. ``negated`` is True when a rule of
  :mod:`toolkit.negation` fires (``negation`` names it: ``verb``, ``abilitative``, ``değil``,
  ``yok``, ``gerek yok``, ``hiç…yok``, ``-sIz``, ``refrain``); negated hits are counted in ``negated``,
  never in ``hits``.
* A one-word cue directly followed by one of the lexicon's ``light_verbs`` (``endişe
  etmiyor``) takes that verb into the hit, and with it its negation.
* Derived words count as the entry says (``derivations``): zeyrek's derivational readings of a
  token are tried as well as its chosen lemma, so *endişelenmiyoruz* (lemma *endişelenmek*)
  is a negated hit of ``endişe`` when the entry allows ``endişelen-``.
* Senses: a cue with ``with`` lemmas counts only when one of them is within its ``window``
  words in the sentence (on its ``side``: both, after or before); with ``not_with`` lemmas,
  not when one of them is; with ``not_before`` lemmas, not when one of them is within
  ``window`` words before it, whatever ``side`` says.
* ``in_name``: the cue stands inside a multiword proper name (:func:`toolkit.names.in_proper_name`,
  the name rule :mod:`toolkit.terms` uses too), unless
  the cue is itself written as a name (*Güvenlik Konseyi*).
* Multiword cues: words in order, in one sentence, at most ``gap`` other words between
  neighbours (:data:`toolkit.lexicon.DEFAULT_GAP`). Within a frame, overlapping matches keep
  the longest.
* ``out_of_context``: the frame has a context rule (``context: public_actors`` in the
  lexicon) and no public actor stands near the hit (:func:`lacks_context`).
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from functools import cached_property

import numpy as np
import pandas as pd

from toolkit.lemmas import surface_readings, titles
from toolkit.lexicon import DEFAULT_GAP, Cue, Frame, Lexicon, compile_cue, default_lexicon, lemma_key
from toolkit.morphology import (NOMINAL_DERIVATIONS, NOUN_LIKE_VERBAL_NOUNS, VERBAL_NOUNS, Morphology, Reading,
                                default_morphology, derivation_chain, spells_verbal_noun, verb_stem_chain)
from toolkit.names import IZAFET, in_proper_name
from toolkit.negation import CLAUSE_MARKS, CLAUSE_WORDS, negation_rule
from toolkit.terms import known_names
from toolkit.text import strip_circumflex, turkish_lower

HIT_COLUMNS = ["doc_id", "sentence", "frame", "cue", "first", "last", "tokens", "start", "end", "surface",
               "negated", "negation", "in_name", "out_of_context"]


def _categories(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes and category strings of a column (categorical or not)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), [str(c) for c in column.cat.categories]
    codes, cats = pd.factorize(column.astype(str))
    return codes.astype(np.int64), [str(c) for c in cats]


def _no_rel(chain: tuple[str, ...]) -> tuple[str, ...]:
    """A derivation chain without the relative -ki (*ekonomisindeki* is a form of *ekonomi*)."""
    return tuple(m for m in chain if m != "Rel")


# The equative / as-if -CA, a case to zeyrek but a word of manner in use: *çocukça* "childish",
# *ailece* "as a family", *terbiyesizce* "rudely" are no plain forms of their cue (an entry may
# list such a word as a derivation: düşman lists düşmanca "hostile").
MANNER = frozenset({"Equ", "AsIf"})


def match_chain(reading: Reading, *, verbal_nouns: bool = False) -> tuple[str, ...]:
    """The derivation chain a cue word is matched on: :func:`toolkit.morphology.derivation_chain`
    without the relative -ki (:func:`_no_rel`) and with the manner -CA (:data:`MANNER`) kept, so
    that *çocukça* (``("Equ",)``) is no plain form of *çocuk*.

    Example: *ailece* → ``("Equ",)``; *ailesindeki* → ``()``; *terbiyesizce* → ``("Without", "AsIf")``.
    """
    kept = NOMINAL_DERIVATIONS | MANNER | (VERBAL_NOUNS if verbal_nouns else frozenset())
    return _no_rel(tuple(m for m in reading.morphemes[1:] if m in kept))


# zeyrek's person-number agreement morphemes: a noun's first one is its number
_AGREEMENT = frozenset({"A1sg", "A2sg", "A3sg", "A1pl", "A2pl", "A3pl"})


class TokenView:
    """What matching needs of a token table, computed once and reused for every cue and term.

    ``texts`` (doc_id → article text) lets clauses end at commas and other marks; without it
    only sentences and the words of :data:`toolkit.negation.CLAUSE_WORDS` end them.
    """

    def __init__(self, tokens: pd.DataFrame, morphology: Morphology | None = None,
                 texts: Mapping[str, str] | None = None, runs: np.ndarray | None = None) -> None:
        self.tokens = tokens
        self.morphology = morphology or default_morphology()
        self._texts = texts
        self._runs = runs  # toolkit.names.name_runs of the table, when the caller has them
        s_codes, s_cats = _categories(tokens["surface"])
        l_codes, l_cats = _categories(tokens["lemma"])
        p_codes, p_cats = _categories(tokens["pos"])
        lemma_keys = np.array([lemma_key(c) for c in l_cats], dtype=object)
        lower = np.array([turkish_lower(c) for c in s_cats], dtype=object)
        self.keys = lemma_keys[l_codes] if len(l_codes) else np.array([], dtype=object)
        self.lower = lower[s_codes] if len(s_codes) else np.array([], dtype=object)
        self.pos = np.array(p_cats, dtype=object)[p_codes] if len(p_codes) else np.array([], dtype=object)
        self.surface = np.array(s_cats, dtype=object)[s_codes] if len(s_codes) else np.array([], dtype=object)
        doc_codes = pd.factorize(tokens["doc_id"])[0]
        self.unit = doc_codes.astype(np.int64) * 1_000_000 + tokens["sentence"].to_numpy(np.int64)
        # Distinct (surface, lemma) pairs: everything below is worked out once per pair.
        pair = s_codes * max(len(l_cats), 1) + l_codes
        uniq, self.pair = np.unique(pair, return_inverse=True)
        self._order = np.argsort(self.pair, kind="stable")
        self._bounds = np.searchsorted(self.pair[self._order], np.arange(len(uniq) + 1))
        self._readings = []
        self._candidates: list[frozenset[str]] = []
        # the lemma, and the verb whose bare stem it is (a participle or verbal noun: yaşa → yaşamak)
        self._lemmas: list[frozenset[str]] = []
        index: dict[str, list[int]] = {}
        for p, u in enumerate(uniq.tolist()):
            chosen = lemma_keys[u % max(len(l_cats), 1)]
            readings = surface_readings(s_cats[u // max(len(l_cats), 1)], self.morphology)
            self._readings.append((chosen, readings))
            zeyrek = {lemma_key(r.lemma) for r in readings}
            # A lemma the model chose that zeyrek does not give (a derived lexeme such as
            # insanlık, a guessed stem such as çatış) is matched on zeyrek's lemmas too; and
            # every token also on the lemmas of its derivational readings (endişelenmek → endişe).
            # A chosen lemma that is the stem of a verb zeyrek gives, and no word zeyrek gives, is
            # that verb as the model shows verbs (savaştıktan, lemma savaş, is savaşmak; tepkimenin
            # is tepkimek): it is not matched as the noun spelled alike (savaş "war", tepki).
            verbs = {k for k in zeyrek if k[:-3] == chosen and k[-3:] in ("mak", "mek")}
            keys = {chosen} if chosen in zeyrek or not verbs else set()
            keys |= zeyrek if zeyrek and chosen not in zeyrek else set()
            # a Persian izafet written with a hyphen is matched on its head too (vicdan-ı millî,
            # tehlike-i inkısam, tedbir-i kâfi → vicdan, tehlike, tedbir)
            izafet = IZAFET.fullmatch(chosen)
            if izafet:
                keys.add(izafet.group(1))
            self._lemmas.append(frozenset({chosen} | verbs))
            keys |= {lemma_key(r.lemma) for r in readings if _no_rel(derivation_chain(r))}
            # and on the verb of a verbal-noun reading (büyümeye: büyümek + -mA, shown as büyü),
            # unless the model chose another word zeyrek knows (eleştirmen "critic" is no
            # eleştirmek + -mA + -n "your criticising")
            for r in readings:
                chain = derivation_chain(r, verbal_nouns=True)
                if "Verb" in r.morphemes and chain and chain[-1] in NOUN_LIKE_VERBAL_NOUNS \
                        and self._may_be_verbal_noun(chosen, readings, lemma_key(r.lemma)):
                    keys.add(lemma_key(r.lemma))
            self._candidates.append(frozenset(keys))
            for k in keys:
                index.setdefault(k, []).append(p)
        self._index = index
        self._chains: dict[tuple[int, str], tuple[frozenset, frozenset]] = {}
        self._has: dict[tuple[int, str], bool] = {}
        self._sentence_lemmas: dict[int, frozenset[str]] = {}
        self._derived: dict[int, frozenset[tuple[str, tuple[str, ...]]]] = {}

    @staticmethod
    def _may_be_verbal_noun(chosen: str, readings: tuple[Reading, ...], verb: str) -> bool:
        """A token zeyrek reads as a verbal noun of ``verb`` is matched on that verb unless the
        model chose another word zeyrek knows as a plain noun: *eleştirmen* "critic" is no
        *eleştirmek* + -mA + -n "your criticising". A noun that is itself the verb's bare verbal
        noun (*çıkmasına*: *çıkma* + its suffixes, read alike as *çıkmak* + -mA + the same
        suffixes), a derived verb's root (*cezalandırılmasını*, chosen *ceza*) and the verb or its
        stem (*büyümeye*, chosen *büyü*) still are."""
        if chosen in (verb, verb[:-3]):
            return True
        same = [r for r in readings if lemma_key(r.lemma) == chosen]
        if not same or any("Verb" in r.morphemes for r in same):
            return True
        tails = set()
        for r in readings:
            if lemma_key(r.lemma) == verb:
                last = max((i for i, m in enumerate(r.morphemes) if m in NOUN_LIKE_VERBAL_NOUNS), default=None)
                if last is not None:
                    tails.add(r.morphemes[last + 1:])
        return any(r.morphemes in tails for r in same)

    def rows_with(self, keys: set[str]) -> np.ndarray:
        """Token rows (sorted) that may match any of the lemma ``keys``."""
        pairs = sorted({p for k in keys for p in self._index.get(k, ())})
        if not pairs:
            return np.zeros(0, np.int64)
        return np.sort(np.concatenate([self._order[self._bounds[p]:self._bounds[p + 1]] for p in pairs]))

    @cached_property
    def public_names(self) -> np.ndarray:
        """:func:`public_name_tokens` of the token table."""
        return public_name_tokens(self.tokens)

    @cached_property
    def reading_keys(self) -> list[frozenset[str]]:
        """Per distinct (surface, lemma) pair (``self.pair``): its chosen lemma key, the lemma keys
        of all its readings, and the parts of a hyphenated one (*Türk-Fransız* → *türk*, *fransız*)."""
        out = []
        for chosen, readings in self._readings:
            keys = {chosen, *(lemma_key(r.lemma) for r in readings)}
            out.append(frozenset(keys | {part for k in keys if "-" in k for part in k.split("-") if part}))
        return out

    @cached_property
    def clause(self) -> np.ndarray:
        """Clause number of each token: a new clause at each sentence, at a clause word
        (*ama*, *çünkü* …) and, with texts, after a mark of :data:`toolkit.negation.CLAUSE_MARKS`."""
        n = len(self.keys)
        new = np.ones(n, bool)
        if n > 1:
            new[1:] = self.unit[1:] != self.unit[:-1]
        new |= np.isin(self.keys, list(CLAUSE_WORDS))
        if self._texts is not None and n > 1:
            start, end = self.tokens["start"].to_numpy(), self.tokens["end"].to_numpy()
            docs = self.tokens["doc_id"].astype(str).to_numpy()
            for i in np.flatnonzero((start[1:] != end[:-1] + 1) & ~new[1:]) + 1:
                if not CLAUSE_MARKS.isdisjoint(self._texts[docs[i]][end[i - 1]:start[i]]):
                    new[i] = True
        return np.cumsum(new)

    @cached_property
    def names(self) -> np.ndarray:
        """:func:`toolkit.names.in_proper_name` of the token table (the rule terms use too)."""
        return in_proper_name(self.tokens, self._texts, self._runs)

    def chains(self, i: int, key: str) -> tuple[frozenset, frozenset]:
        """The derivation chains token ``i`` may have under lemma ``key``, without and with
        verbal nouns (``{()}`` if zeyrek does not know the form); the relative -ki is no derivation."""
        p = int(self.pair[i])
        if (p, key) not in self._chains:
            same = [r for r in self._readings[p][1] if lemma_key(r.lemma) == key]
            self._chains[p, key] = (
                frozenset(match_chain(r) for r in same) or frozenset({()}),
                frozenset(match_chain(r, verbal_nouns=True) for r in same) or frozenset({()}),
            )
        return self._chains[p, key]

    def all_readings_have(self, i: int, morpheme: str) -> bool:
        """Every reading of token ``i`` under its chosen lemma has ``morpheme`` (``Neg``,
        ``Unable``). A form that also reads without it does not count: *çatışma* is the noun
        "clash" far more often than the imperative "don't clash"."""
        p = int(self.pair[i])
        if (p, morpheme) not in self._has:
            chosen, readings = self._readings[p]
            same = [r for r in readings if lemma_key(r.lemma) == chosen] or list(readings)
            self._has[p, morpheme] = bool(same) and all(morpheme in r.morphemes for r in same)
        return self._has[p, morpheme]

    def some_reading_has(self, i: int, morpheme: str) -> bool:
        """Some reading of token ``i`` under its chosen lemma (under any lemma where zeyrek has none
        under it: *kınamaktan*, shown as *kına*) has ``morpheme`` (``Gen``: *krizin*)."""
        chosen, readings = self._readings[int(self.pair[i])]
        same = [r for r in readings if lemma_key(r.lemma) == chosen] or list(readings)
        return any(morpheme in r.morphemes for r in same)

    def may_be_plural(self, i: int, lemmas: Mapping[str, object]) -> bool:
        """Some reading of token ``i`` under one of ``lemmas`` (lemma keys; under its chosen lemma
        where zeyrek has none of them) is plural: its first agreement is ``A3pl`` (*baskılar*,
        *baskılarına*, and *baskıları*, which may also be "their print"; not *baskılar* read as
        "they are pressure", whose noun is singular)."""
        chosen, readings = self._readings[int(self.pair[i])]
        same = [r for r in readings if lemma_key(r.lemma) in lemmas] or \
            [r for r in readings if lemma_key(r.lemma) == chosen]
        return any(next((m for m in r.morphemes if m in _AGREEMENT), None) == "A3pl" for r in same)

    def is_without(self, i: int, cue: Cue) -> bool:
        """Token ``i`` matches ``cue``'s first word through the -sIz derivation (*endişesiz*)."""
        return any(ch[:1] == ("Without",) for k in self._candidates[int(self.pair[i])] & set(cue.words[0])
                   for ch in self.chains(i, k)[0])

    def matches(self, i: int, cue: Cue, w: int) -> bool:
        """Token ``i`` can be word ``w`` of ``cue``."""
        return any(k in cue.words[w] and cue.accepts(w, k, self.chains(i, k))
                   for k in self._candidates[int(self.pair[i])])

    def with_light_verb(self, seq: tuple[int, ...], light_verbs: frozenset[str]) -> tuple[int, ...]:
        """``seq`` plus the next token when that token, in the same sentence, is a light verb, also
        as a participle or verbal noun (*yaşamadığını*, lemma *yaşa*, is *yaşamak*; *yapıcı*
        "constructive" and *oldukça* "quite" are no light verbs)."""
        j = seq[-1] + 1
        if light_verbs and j < len(self.keys) and self.unit[j] == self.unit[seq[-1]] \
                and not light_verbs.isdisjoint(self._lemmas[int(self.pair[j])]):
            return (*seq, j)
        return seq

    def sentence_lemmas(self, i: int) -> frozenset[str]:
        """The lemmas (and a verbal noun's verb) of every word of token ``i``'s sentence."""
        u = int(self.unit[i])
        if u not in self._sentence_lemmas:
            lo, hi = i, i
            while lo > 0 and self.unit[lo - 1] == u:
                lo -= 1
            while hi + 1 < len(self.keys) and self.unit[hi + 1] == u:
                hi += 1
            self._sentence_lemmas[u] = frozenset(key for k in range(lo, hi + 1) for key in self._lemmas[int(self.pair[k])])
        return self._sentence_lemmas[u]

    def in_sense(self, seq: tuple[int, ...], cue: Cue) -> bool:
        """The cue's ``with``/``not_with``/``not_before`` lemmas and ``not_in`` domains allow this
        occurrence (see :class:`toolkit.lexicon.Cue`)."""
        if cue.not_in and not cue.not_in.isdisjoint(self.sentence_lemmas(seq[0])):
            return False
        if cue.with_ or cue.not_with:
            window = self._sense_window(seq, cue.window, cue.side)
            if cue.with_ and not self._any_near(window, cue.with_, cue.with_derived, cue.with_stems):
                return False
            if cue.not_with and self._any_near(window, cue.not_with, cue.not_with_derived, cue.not_with_stems):
                return False
        return not cue.not_before or not self._any_near(self._sense_window(seq, cue.window, "before"),
                                                        cue.not_before, cue.not_before_derived, cue.not_before_stems)

    def _sense_window(self, seq: tuple[int, ...], width: int, side: str) -> list[int]:
        """The rows of the words within ``width`` of the occurrence ``seq`` in its sentence, on
        ``side`` (both, after or before), the occurrence's own words left out."""
        lo = seq[0] if side == "after" else max(seq[0] - width, 0)
        hi = seq[-1] if side == "before" else min(seq[-1] + width, len(self.keys) - 1)
        return [k for k in range(lo, hi + 1) if self.unit[k] == self.unit[seq[0]] and k not in seq]

    def _any_near(self, window: list[int], keys: frozenset[str], derived: frozenset, stems: tuple[str, ...]) -> bool:
        """One of the sense words stands in ``window``: by its lemma ``keys`` (a verbal noun's also
        as its verb: suçlamaları, lemma suçla, is suçlamak), a derived one through its root and
        chain (``derived``: ayrımcılığa is ayrım + -CI + -lIk), or by its spelling (``stems``) where
        zeyrek cannot analyse the form (yolsuzlukla)."""
        if any(not keys.isdisjoint(self._lemmas[int(self.pair[k])]) for k in window):
            return True
        if derived and any(not derived.isdisjoint(self.derived_forms(k)) for k in window):
            return True
        return bool(stems) and any(self.lower[k].startswith(stems) for k in window
                                   if not self._readings[int(self.pair[k])][1])

    def derived_forms(self, i: int) -> frozenset[tuple[str, tuple[str, ...]]]:
        """(lemma key, derivation chain) of every derived reading of token ``i``; for a derived verb
        also (lemma key, ``"Verb"`` + each leading part of its stem chain), so *gerektirildi*
        (gerek- + causative + passive) has the form of the sense word *gerektir-*."""
        p = int(self.pair[i])
        if p not in self._derived:
            forms = set()
            for r in self._readings[p][1]:
                key, stem = lemma_key(r.lemma), verb_stem_chain(r)
                if chain := derivation_chain(r, verbal_nouns=True):
                    forms.add((key, chain))
                forms.update((key, ("Verb", *stem[:n])) for n in range(1, len(stem) + 1))
            self._derived[p] = frozenset(forms)
        return self._derived[p]

    def as_written(self, seq: list[int], cue: Cue) -> bool:
        """Every word of the occurrence but the last stands as the cue writes it (no suffix)."""
        written = cue.text.split()
        return all(strip_circumflex(self.lower[k]) == strip_circumflex(turkish_lower(w))
                   for k, w in zip(seq[:-1], written[:-1]))

    def find(self, cue: Cue, gap: int) -> list[tuple[int, ...]]:
        """Token positions (row numbers) of every occurrence of ``cue`` in its sense."""
        n = len(self.keys)
        found = []
        for i in self.rows_with(set(cue.words[0])).tolist():
            if not self.matches(i, cue, 0):
                continue
            seq = [i]
            for w in range(1, len(cue.words)):
                j = seq[-1] + 1
                nxt = None
                while j < n and j <= seq[-1] + 1 + gap and self.unit[j] == self.unit[i]:
                    if self.matches(j, cue, w):
                        nxt = j
                        break
                    j += 1
                if nxt is None:
                    break
                seq.append(nxt)
            if len(seq) == len(cue.words) and self.in_sense(tuple(seq), cue) \
                    and (not cue.uninflected or self.as_written(seq, cue)):
                found.append(tuple(seq))
        return found


def match_lexicon(view: TokenView, lexicon: Lexicon | None = None, *, gap: int = DEFAULT_GAP) -> pd.DataFrame:
    """Every frame hit in ``view``'s token table: one row per occurrence of a cue.

    Columns: ``doc_id, sentence, frame, cue``; ``first``/``last`` the row numbers (0-based,
    positional) of its first and last token and ``tokens`` all of them; ``start``/``end`` the
    character span in the article; ``surface`` the words as written; ``negated`` (bool),
    ``negation`` (the rule that fired, or ``""``), ``in_name`` (bool) and ``out_of_context``
    (bool: the frame's context rule found no public actor near the hit).
    """
    lexicon = lexicon or default_lexicon()
    rows = []
    for frame in lexicon.frames.values():
        listed = _listed_verbal_nouns(frame)
        matches = [(seq if len(cue.words) > 1 else view.with_light_verb(seq, lexicon.light_verbs), cue)
                   for cue in frame.cues for seq in view.find(cue, gap)
                   if view.keys[seq[0]] not in listed.get(cue.text, ())]
        # Longest first; on a tie the written multiword cue (endişe duy-) beats cue + light verb.
        matches.sort(key=lambda m: (-len(m[0]), m[0][0], -len(m[1].words)))
        used: set[int] = set()
        for seq, cue in matches:
            if used.intersection(seq):
                continue
            used.update(seq)
            rows.append((frame.name, cue, seq, seq))
    # Hits of exempt cues (ambargo, diplomasi) and of cues that vouch (a war: savaş) vouch for the
    # others of their sentence; a plural exempt only in the plural (baskılar) does not: it says less
    # about the scene.
    frames = lexicon.frames
    anchors = {k for f, cue, seq, _ in rows if cue.text in frames[f].vouches
               or (frames[f].context is not None and cue.text in frames[f].context_exempt) for k in seq}
    off = {(f, seq) for f, cue, seq, _ in rows if lacks_context(view, seq, frames[f], cue, anchors)}
    table = _hit_table(view, rows)
    if off:
        table["out_of_context"] = [(f, seq) in off for f, seq in zip(table["frame"], table["tokens"])]
    return table


def _listed_verbal_nouns(frame: Frame) -> dict[str, frozenset[str]]:
    """{verb cue: the one-word noun cues of ``frame`` that are its verbal nouns} (*görüş-*:
    *görüşme*). A word whose chosen lemma is such a noun is the noun cue's to count or rule out:
    the verb cue does not take it through its -mA/-(y)Iş reading, so the noun's senses hold
    (*iş görüşmesine*, lemma *görüşme*, is no diplomacy; *görüştüler* still is). A derived
    verb's root (*cezalandırılmasını*, lemma *ceza*) is no verbal noun: *cezalandır-* keeps it."""
    nouns = {key for cue in frame.cues if len(cue.words) == 1 for key in cue.words[0]}
    listed = {}
    for cue in frame.cues:
        if len(cue.words) == 1 and cue.text.endswith("-"):
            stems = [verb[:-3] for verb in cue.words[0] if verb.endswith(("mak", "mek"))]
            found = {noun for stem in stems for noun in nouns if spells_verbal_noun(noun, stem)}
            if found:
                listed[cue.text] = frozenset(found)
    return listed


def match_term(view: TokenView, term: str, *, gap: int = 0, derivations: bool = False,
               light_verbs: frozenset[str] | None = None) -> pd.DataFrame:
    """Occurrences of one term (a lemma, ``iş birliği`` or ``endişe duy-``) in any inflected
    form; words derived from it (``endişeli``) too when ``derivations``.

    Same columns as :func:`match_lexicon`, with ``frame`` empty and ``cue`` the term. A
    one-word term directly followed by a light verb (default: the shipped lexicon's) is
    negated when that verb is; its span and surface stay the term's own.
    """
    cue = compile_cue(term, derivations, morphology=view.morphology)
    light = (default_lexicon().light_verbs if light_verbs is None else light_verbs) if len(cue.words) == 1 else frozenset()
    rows = [("", cue, seq, view.with_light_verb(seq, light)) for seq in view.find(cue, gap)]
    return _hit_table(view, rows)


def _hit_table(view: TokenView, rows: list[tuple[str, Cue, tuple[int, ...], tuple[int, ...]]]) -> pd.DataFrame:
    """The hit table of ``(frame, cue, tokens shown, tokens negation reads)`` rows."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=bool if c in ("negated", "in_name", "out_of_context") else object)
                             for c in HIT_COLUMNS})
    rows.sort(key=lambda r: (r[2][0], r[0]))
    tokens = view.tokens
    first = np.array([r[2][0] for r in rows])
    last = np.array([r[2][-1] for r in rows])
    negation = [negation_rule(view, r[3], r[1]) for r in rows]
    names = view.names
    return pd.DataFrame({
        "doc_id": tokens["doc_id"].to_numpy()[first].astype(str),
        "sentence": tokens["sentence"].to_numpy()[first],
        "frame": [r[0] for r in rows],
        "cue": [r[1].text for r in rows],
        "first": first,
        "last": last,
        "tokens": [r[2] for r in rows],
        "start": tokens["start"].to_numpy()[first],
        "end": tokens["end"].to_numpy()[last],
        "surface": [" ".join(view.surface[k] for k in r[2]) for r in rows],
        "negated": np.array([bool(x) for x in negation], dtype=bool),
        "negation": negation,
        "in_name": np.array([not r[1].is_name and bool(names[list(r[2])].any() or named_by_apostrophe(view.surface[r[2][0]]))
                             for r in rows], dtype=bool),
        "out_of_context": np.zeros(len(rows), dtype=bool),
    })


def named_by_apostrophe(surface: str) -> bool:
    """A capitalised word with an apostrophe suffix is a proper name wherever it stands:
    Turkish sets the case suffix of names only apart (*Ceza'nın*, *Barış'ın*: a nickname, a
    given name), never of common nouns. Words in capitals (*YAPTIRIM'IN*, headlines) are left
    alone; a cue of one word matched this way gets ``in_name``, like a cue in a multiword name.

    >>> named_by_apostrophe("Ceza'nın"), named_by_apostrophe("cezanın"), named_by_apostrophe("Ceza")
    (True, False, False)
    """
    base, mark, _ = surface.replace("’", "'").partition("'")
    return bool(mark) and base[:1].isupper() and not (len(base) > 1 and base.isupper())


# Kinds of gazetteer names that are public actors (cities and regions are places, not actors).
PUBLIC_NAME_KINDS = frozenset({"country", "capital", "organisation"})


def public_name_tokens(tokens: pd.DataFrame) -> np.ndarray:
    """For each token row, whether it is (part of) a country, capital or organisation of the
    shipped gazetteer (:func:`toolkit.terms.known_names`), a word derived from a one-word
    one with -lI (*İranlı*, *ABD'li*), a hyphenated pair with one (*Rusya-Kuzey Kore*,
    *Türkiye-AB*), or a name the same article gives an office title (:func:`titled_names`).

    Words are compared as written before any apostrophe, in Turkish lower case, and must begin
    with a capital (*Mali*, the country, not *mali* "financial"); a sentence's first word, whose
    capital says nothing, only when its lemma kept the capital (*Mali Barış* "fiscal amnesty"
    opening a sentence is no country). A name of several words must stand word for word in one
    sentence (*Birleşmiş Milletler'in*).
    """
    names = known_names()
    wanted = [tuple(turkish_lower(n).split()) for n in names.loc[names["kind"].isin(PUBLIC_NAME_KINDS), "name"]]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in wanted:
        by_first.setdefault(words[0], []).append(words)
    s_codes, s_cats = _categories(tokens["surface"])
    l_codes, l_cats = _categories(tokens["lemma"])
    # each distinct written form once: its base in lower case if it may be (part of) a name
    bases = np.array([turkish_lower(s.split("'", 1)[0].split("’", 1)[0]) if s[:1].isupper() else "" for s in s_cats],
                     dtype=object)
    demonym = np.array([b[-2:] in ("lı", "li", "lu", "lü") and (b[:-2],) in by_first.get(b[:-2], ()) for b in bases],
                       dtype=bool)
    # a hyphenated pair (Rusya-Kuzey, Türkiye-AB): one of its capitalised parts a one-word name
    paired = np.array(["-" in b and any((part,) in by_first.get(part, ()) for part in b.split("-")) for b in bases],
                      dtype=bool)
    starts = np.array([b in by_first for b in bases], dtype=bool) | demonym | paired
    if not len(s_codes):
        return np.zeros(0, bool)
    base = bases[s_codes]
    proper = np.array([m[:1].isupper() for m in l_cats], dtype=bool)
    allowed = (tokens["position"].to_numpy() != 0) | proper[l_codes]
    unit = pd.factorize(tokens["doc_id"])[0].astype(np.int64) * 1_000_000 + tokens["sentence"].to_numpy(np.int64)
    out = np.zeros(len(base), bool)
    for i in np.flatnonzero(starts[s_codes] & allowed).tolist():
        b = base[i]
        if demonym[s_codes[i]] or paired[s_codes[i]]:
            out[i] = True
        for words in by_first.get(b, ()):
            j = i + len(words)
            if j <= len(base) and unit[j - 1] == unit[i] and tuple(base[i:j]) == words:
                out[i:j] = True
    return out | titled_names(tokens)


def titled_names(tokens: pd.DataFrame) -> np.ndarray:
    """For each token row, whether its lemma is a name the same article writes right after an
    office title (:func:`toolkit.lemmas.titles`) at least once: the capitalised words that follow
    the title in its sentence (*Devlet Başkanı Vladimir Putin* makes *Vladimir* and *Putin*, so
    a later *Putin daveti kabul etti* names a public actor). A name never given a title (a
    novel's *Ceza*) is not one.
    """
    n = len(tokens)
    if not n:
        return np.zeros(0, bool)
    l_codes, l_cats = _categories(tokens["lemma"])
    office = np.array([c in titles() for c in l_cats], dtype=bool)[l_codes]
    capital = np.array([c[:1].isupper() for c in l_cats], dtype=bool)[l_codes]
    doc = pd.factorize(tokens["doc_id"])[0].astype(np.int64)
    unit = doc * 1_000_000 + tokens["sentence"].to_numpy(np.int64)
    named: set[tuple[int, int]] = set()
    for i in np.flatnonzero(office[:-1] & capital[1:] & (unit[:-1] == unit[1:])).tolist():
        j = i + 1
        while j < n and capital[j] and unit[j] == unit[i] and not office[j]:
            named.add((int(doc[j]), int(l_codes[j])))
            j += 1
    if not named:
        return np.zeros(n, bool)
    # (article, lemma) pairs as one integer each (codes shifted by one: a missing lemma is -1), so
    # the test is one np.isin
    width = int(l_codes.max()) + 2
    pairs = doc * width + l_codes.astype(np.int64) + 1
    return np.isin(pairs, np.fromiter((d * width + c + 1 for d, c in named), dtype=np.int64, count=len(named)))


def is_exempt(view: TokenView, seq: tuple[int, ...], frame: Frame, cue: Cue) -> bool:
    """Whether a hit (token rows ``seq``) of ``cue`` counts without the frame's context: the cue is
    in ``frame.context_exempt``, or in ``frame.context_exempt_plural`` and the token of its last
    word may be plural (:meth:`TokenView.may_be_plural`).

    Example: with ``context_exempt_plural: [baskı]``, *baskılardan kurtulmak için* counts alone
    and *baskıdan kurtulmak için* needs a public actor near it.
    """
    if cue.text in frame.context_exempt:
        return True
    return cue.text in frame.context_exempt_plural and view.may_be_plural(seq[len(cue.words) - 1], cue.words[-1])


def lacks_context(view: TokenView, seq: tuple[int, ...], frame: Frame, cue: Cue,
                  anchors: Set[int] = frozenset()) -> bool:
    """Whether a hit (token rows ``seq``) of ``frame`` fails the frame's context rule: the frame
    has one (:class:`toolkit.lexicon.Frame`), the hit is not exempt (:func:`is_exempt`), and no word of the
    sentence or the sentence before it (speech goes on after its speaker is named) other than
    the hit's own — only within ``frame.context_window`` words in the sentence when set — is a
    context lemma (its chosen lemma or any of zeyrek's readings: *bakan* "minister", chosen as
    *bakmak*) or, for ``public_actors``, a public name (:func:`public_name_tokens`), or one of
    the token rows ``anchors`` (:func:`match_lexicon` passes the words of exempt cues' hits, so
    *nükleer silahlar* and *barış görüşmeleri* vouch for *silah* and *barış*).

    Example: in *Annesi bizi içeriye davet etti* no public actor stands near *davet*, so the
    diplomacy hit lacks context; in *Bakan heyeti davet etti* it does not.
    """
    if frame.context is None or is_exempt(view, seq, frame, cue):
        return False
    n = len(view.keys)
    lo, hi = seq[0], seq[-1]
    while lo > 0 and view.unit[lo - 1] == view.unit[seq[0]] and (
            frame.context_window is None or seq[0] - lo < frame.context_window):
        lo -= 1
    while hi + 1 < n and view.unit[hi + 1] == view.unit[seq[0]] and (
            frame.context_window is None or hi - seq[-1] < frame.context_window):
        hi += 1
    if not anchors.isdisjoint(range(lo, hi + 1)):  # an exempt cue's hit vouches in its sentence only
        return False
    if frame.context_window is None and lo > 0 and view.unit[lo - 1] // 1_000_000 == view.unit[lo] // 1_000_000:
        previous = view.unit[lo - 1]  # the sentence before, in the same article
        while lo > 0 and view.unit[lo - 1] == previous:
            lo -= 1
    near = [k for k in range(lo, hi + 1) if k not in seq]
    keys = view.reading_keys
    if any(not frame.context.isdisjoint(keys[p]) for p in view.pair[near].tolist()):
        return False
    return not (frame.context_names and bool(view.public_names[near].any()))
