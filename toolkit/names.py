"""Where proper names stand in the token table: the one rule frames and terms share.

A *name run* is a stretch of neighbouring capitalised words of one sentence:

* a word is capitalised when it starts with a capital and its lemma is not a number; a word
  set in capitals only when its lemma has a capital too (an acronym, *ABD*, *KCNA*, or a name
  in a headline, *RUSYA'NIN* → *Rusya*), not an ordinary word of a headline in capitals
  (*STRATEJİK* → *stratejik*);
* two words are neighbours when one space and nothing else stands between them and the first
  has no apostrophe suffix and no hyphen (a case suffix or a hyphen ends a name: *Putin'i Kuzey
  Kore'ye* is *Putin* + *Kuzey Kore*; *Kim Jong-un*; *Rusya-Kuzey Kore*);
* a sentence's first word set in capitals before words that are not (a column's opening word:
  *ADALET ve Kalkınma Partisi*) counts as capitalised;
* a sentence's first word, whose capital says nothing, stays in the run only when lemma choice
  kept its capital (a proper noun), or it is an uninflected noun (a verb's action noun too:
  *Kurtuluş Savaşı*) or an adjective and the run
  ends in an institution word (:data:`INSTITUTION_HEADS`: *Güvenlik Konseyi toplandı*,
  *Birleşmiş Milletler Güvenlik Konseyi*, but not *Dün Rusya Dışişleri Bakanlığı*, *Yaptırımları
  Avrupa Birliği Konseyi*), or it is an uninflected noun or adjective and the next word has no
  apostrophe suffix (*Barış Manço şarkı söyledi*, but not *Barış Putin'le*, *Görüşmede Hillary
  Clinton*, *Dün Putin*);
* in a headline set in title case (:func:`toolkit.text.in_title_case`), where every word has a
  capital, a name is a stretch of words lemma choice kept capitalised (*Putin*) or the words up to
  an institution word (*BM Güvenlik Konseyi Toplandı* → *BM Güvenlik Konseyi*); the other words
  are ordinary words (*Perakendeci Çevresel Baskılarda Gizli Tehlikeler Görüyor*).

Frames (:mod:`toolkit.matching`) count a cue inside a run of two words or more as ``in_name``
(titles and institutions are parts of names there: *Savunma Bakanı Hulusi Akar*, *Ağır Ceza
Mahkemesi*, *BM Güvenlik Konseyi*); terms (:mod:`toolkit.terms`) make a name of the name words
of a run only: words lemma choice gave a capital and the capitalised words after them or after a
title, so a title, a nationality word or a sentence's first word read as an ordinary word stays
out of the name (*Cumhurbaşkanı Putin* → *cumhurbaşkanı* + **Putin**; *Lider Kim Jong Un* →
*lider* + **Kim Jong Un**). Both read the runs from :func:`name_runs`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from toolkit.text import TITLE_CASE_MAX_WORDS, strip_circumflex, turkish_lower

__all__ = ["INSTITUTION_HEADS", "capitalised", "is_head", "name_runs", "in_proper_name"]

# Lemmas (Turkish lower case) of the head words of institutions: a capitalised word with one of
# them closes a name (İstanbul Adalet Sarayı, Ağır Ceza Mahkemesi, Güvenlik Konseyi).
INSTITUTION_HEADS = frozenset(
    "saray mahkeme merkez konsey bakanlık parti meclis örgüt dernek vakıf üniversite komite birlik kurul "
    "kurum başkanlık ajans teşkilat müdürlük enstitü cephe hareket konfederasyon federasyon komisyon "
    "sendika vali valilik belediye büyükelçilik konsolosluk divan banka fon borsa holding lise akademi "
    "hastane platform koalisyon ittifak kol".split())
# Parts of speech of a sentence's first word that may open a name (not Dün, Ancak, Bu …).
_OPENERS = frozenset(("Noun", "Adj", "Unk"))
_APOSTROPHES = ("'", "’")
# A word (or lemma key) of an Ottoman izafet written with a hyphen: the head, group 1, and the
# linking vowel (Mücadele-i, vicdan-ı, tehlike-i, kuva-yı).
IZAFET = re.compile(r"(\w{3,})-y?[ıiuü]")


def capitalised(surface: str, lemma: str) -> bool:
    """A word that may stand in a name: it starts with a capital, its lemma is no number, and if
    it is set in capitals (before any apostrophe) its lemma starts with a capital: *Putin'i*,
    *Güvenlik*, *ABD'nin* (lemma *ABD*), *RUSYA'NIN* (lemma *Rusya*) yes; *STRATEJİK* (lemma
    *stratejik*), *putin*, *1948'de* no."""
    base = surface
    for mark in _APOSTROPHES:
        base = base.split(mark, 1)[0]
    if not base[:1].isupper() or lemma[:1].isdigit():
        return False
    return not (len(base) > 1 and base.isupper()) or lemma[:1].isupper()


def column_strings(column: pd.Series) -> np.ndarray:
    """A column's values as an object array of ``str``, decoded once per distinct value (a
    categorical column of 666,000 tokens: ≈8 ms, where ``astype(str)`` takes ≈0.25 s)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        cats = np.array([str(c) for c in column.cat.categories] + [""], dtype=object)
        return cats[column.cat.codes.to_numpy()]  # code -1 (missing) reads as ""
    return column.astype(str).to_numpy(dtype=object)


_COMPOUND_ENDINGS = ("ları", "leri", "sı", "si", "su", "sü", "ı", "i", "u", "ü")


def is_head(surface: str, lemma: str) -> bool:
    """Whether a word is an institution's head word (:data:`INSTITUTION_HEADS`): by its lemma,
    or, where lemma choice kept a name's word whole (*Merkezi*, *Bakanlığı* read as names), by
    the written word before any apostrophe without its compound ending -(s)I / -lArI (*Merkezi*
    → *merkez*, *Bakanlığı* → *bakanlığ* → *bakanlık*)."""
    if _key(lemma) in INSTITUTION_HEADS:
        return True
    base = _key(re.split("['’]", surface, maxsplit=1)[0])
    for ending in _COMPOUND_ENDINGS:
        if base.endswith(ending) and len(base) > len(ending) + 2:
            stem = base[:-len(ending)]
            if stem in INSTITUTION_HEADS or (stem[-1:] == "ğ" and stem[:-1] + "k" in INSTITUTION_HEADS):
                return True
    return False


def _key(word: str) -> str:
    return strip_circumflex(turkish_lower(word))


# A verb's action noun, uninflected: the verb's stem and one of these endings (kurtul → Kurtuluş,
# kalkın → Kalkınma, diren → Direniş).
_ACTION_NOUN_ENDINGS = ("ış", "iş", "uş", "üş", "yış", "yiş", "yuş", "yüş", "ma", "me")


def _uninflected(surface: str, lemma: str) -> bool:
    """Whether a sentence's first word is its lemma as written, or the uninflected action noun of
    a verb lemma (*Kurtuluş* of *kurtul*: *Kurtuluş Savaşı* is a name, *Görüşmede* is no plain word)."""
    word, base = _key(surface), _key(lemma)
    return word == base or (word.startswith(base) and word[len(base):] in _ACTION_NOUN_ENDINGS)


def name_runs(tokens: pd.DataFrame, texts: Mapping[str, str] | None = None) -> np.ndarray:
    """The name run (see the module) of each token row, numbered from 0 in text order; -1 for a
    word in none. ``tokens`` has the token table's ``doc_id, sentence, position, start, end,
    surface, lemma`` and ``pos`` (rows of an article consecutive, in text order); ``texts``
    (doc_id → article text) checks that only a space stands between neighbours (without it, a
    gap of one character)."""
    n = len(tokens)
    run = np.full(n, -1, dtype=np.int64)
    if not n:
        return run
    surface = column_strings(tokens["surface"])
    lemma = column_strings(tokens["lemma"])
    pos = column_strings(tokens["pos"]) if "pos" in tokens else np.full(n, "Unk", dtype=object)
    s_codes, s_cats = pd.factorize(surface)
    l_codes, l_cats = pd.factorize(lemma)
    pair_codes, pairs = pd.factorize(s_codes.astype(np.int64) * (len(l_cats) + 1) + l_codes)
    # capitalised() once per distinct (surface, lemma) pair
    cap = np.array([capitalised(s_cats[p // (len(l_cats) + 1)], l_cats[p % (len(l_cats) + 1)]) for p in pairs],
                   dtype=bool)[pair_codes]
    position = tokens["position"].to_numpy()
    start, end = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    doc = pd.factorize(tokens["doc_id"])[0]
    sentence = tokens["sentence"].to_numpy()
    _drop_capitals(cap, surface, position, doc, sentence)
    # an apostrophe or a hyphen ends a name, except the hyphen of an Ottoman izafet, which links
    # its head to the next word (Misak-ı Millî, Kuva-yı Milliye, Heyet-i Temsiliye)
    ends_name = np.array([any(m in s for m in _APOSTROPHES) or ("-" in s and not IZAFET.fullmatch(s))
                          for s in s_cats], dtype=bool)[s_codes]
    link = np.zeros(n, bool)  # token i and i+1 are neighbouring words of one name
    link[:-1] = (cap[:-1] & cap[1:] & ~ends_name[:-1] & (doc[1:] == doc[:-1]) & (sentence[1:] == sentence[:-1])
                 & (start[1:] == end[:-1] + 1))
    _join_institutions(link, cap, surface, lemma, doc, sentence, start, end)
    if texts is not None:
        docs = column_strings(tokens["doc_id"])
        for i in np.flatnonzero(link):
            text = texts.get(docs[i])
            if text is not None and text[end[i]] != " ":
                link[i] = False
    title = _title_case_sentences(s_cats, s_codes, doc, sentence)
    number = 0
    i = 0
    while i < n:
        if not cap[i]:
            i += 1
            continue
        j = i
        while link[j]:
            j += 1
        if title[i]:
            for lo, hi in _title_case_names(i, j, surface, lemma):
                run[lo:hi + 1] = number
                number += 1
            i = j + 1
            continue
        lo = i
        if position[i] == 0 and not lemma[i][:1].isupper():
            plain = _uninflected(surface[i], lemma[i])
            head = j > i and is_head(surface[j], lemma[j]) and pos[i] in _OPENERS and (plain or pos[i] == "Adj")
            opens = j > i and pos[i] in _OPENERS and plain and not any(m in surface[i + 1] for m in _APOSTROPHES)
            if not (head or opens):
                lo = i + 1
        if lo <= j:
            run[lo:j + 1] = number
            number += 1
        i = j + 1
    return run


def _in_capitals(word: str) -> bool:
    base = re.split("['’]", word, maxsplit=1)[0]
    return len(base) > 1 and base.isupper()


def _drop_capitals(cap: np.ndarray, surface: np.ndarray, position: np.ndarray, doc: np.ndarray,
                   sentence: np.ndarray) -> None:
    """A sentence's first word set in capitals before a word that is not (a column's opening
    word, *ADALET ve Kalkınma Partisi*) is read as an ordinary capitalised first word, so it may
    open a name like any first word. Sets ``cap`` in place."""
    n = len(cap)
    for i in np.flatnonzero((position == 0) & ~cap).tolist():
        if i + 1 < n and doc[i + 1] == doc[i] and sentence[i + 1] == sentence[i] \
                and _in_capitals(surface[i]) and not _in_capitals(surface[i + 1]) and surface[i][:1].isalpha():
            cap[i] = True


def _title_case_sentences(s_cats: np.ndarray, s_codes: np.ndarray, doc: np.ndarray,
                          sentence: np.ndarray) -> np.ndarray:
    """For each token row, whether its sentence is set in title case (:func:`toolkit.text.in_title_case`:
    three to :data:`toolkit.text.TITLE_CASE_MAX_WORDS` words, none of four letters or more starting
    with a small letter)."""
    bases = [re.split("['’]", str(w), maxsplit=1)[0] for w in s_cats]
    word = np.array([b[:1].isalpha() for b in bases], dtype=bool)[s_codes]
    small = np.array([b[:1].isalpha() and b[:1].islower() and len(b) >= 4 for b in bases], dtype=bool)[s_codes]
    starts = np.ones(len(doc), dtype=bool)  # rows of a sentence are consecutive
    starts[1:] = (doc[1:] != doc[:-1]) | (sentence[1:] != sentence[:-1])
    key = np.cumsum(starts) - 1
    words = np.bincount(key, weights=word)
    smalls = np.bincount(key, weights=small)
    return ((words >= 3) & (words <= TITLE_CASE_MAX_WORDS) & (smalls == 0))[key]


def _title_case_names(i: int, j: int, surface: np.ndarray, lemma: np.ndarray) -> list[tuple[int, int]]:
    """The names within the capitalised words ``i..j`` of a title-case headline, where every word
    has a capital (*Perakendeci Çevresel Baskılarda Gizli Tehlikeler Görüyor*): the words up to the
    last institution head word (*BM Güvenlik Konseyi Toplandı* → *BM Güvenlik Konseyi*), and after
    it each stretch of words whose lemma kept a capital (proper nouns: *Putin*, *Kuzey Kore*), as
    ``(first, last)`` index pairs."""
    heads = [k for k in range(i, j + 1) if is_head(surface[k], lemma[k])]
    out = []
    k = i
    if heads:
        out.append((i, heads[-1]))
        k = heads[-1] + 1
    while k <= j:
        if lemma[k][:1].isupper():
            lo = k
            while k + 1 <= j and lemma[k + 1][:1].isupper():
                k += 1
            out.append((lo, k))
        k += 1
    return out


def _join_institutions(link: np.ndarray, cap: np.ndarray, surface: np.ndarray, lemma: np.ndarray,
                       doc: np.ndarray, sentence: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
    """A lower-case *ve* between capitalised words joins them into one name when the words after
    it run on to an institution's head word (:data:`INSTITUTION_HEADS`): *Çalışma ve Sosyal
    Güvenlik Bakanlığı*, *Ekonomi ve Dış Politika Araştırmalar Merkezi*, *Ekonomik ve Sosyal
    Konsey* are one name each; *Rusya ve Çin anlaştı* is not. Sets ``link`` and ``cap`` for the
    *ve* in place."""
    n = len(link)
    for i in np.flatnonzero(surface == "ve").tolist():
        if i == 0 or i + 1 >= n or not (cap[i - 1] and cap[i + 1]):
            continue
        if not (doc[i - 1] == doc[i] == doc[i + 1] and sentence[i - 1] == sentence[i] == sentence[i + 1]
                and start[i] == end[i - 1] + 1 and start[i + 1] == end[i] + 1):
            continue
        if any(m in surface[i - 1] for m in _APOSTROPHES):
            continue
        j = i + 1
        while link[j] and j + 1 < n:
            j += 1
        if is_head(surface[j], lemma[j]):
            cap[i] = True
            link[i - 1] = link[i] = True


def in_proper_name(tokens: pd.DataFrame, texts: Mapping[str, str] | None = None,
                   runs: np.ndarray | None = None) -> np.ndarray:
    """For each token row, whether it stands inside a multiword proper name: a name run
    (:func:`name_runs`) of two words or more, e.g. *Ağır Ceza Mahkemesi*, *Barış Manço*,
    *Savunma Bakanı Hulusi Akar*. ``runs``: :func:`name_runs` of the same table, when known."""
    run = name_runs(tokens, texts) if runs is None else runs
    if not len(run):
        return np.zeros(0, bool)
    ids, counts = np.unique(run[run >= 0], return_counts=True)
    multi = ids[counts >= 2]
    return np.isin(run, multi)
