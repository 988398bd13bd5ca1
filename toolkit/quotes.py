"""Who says what: reported speech in Turkish news, found over the token table and the text.

Two forms are found (``kind``):

``direct``
    a stretch in quotation marks (“…”, «…» or a pair of ``"`` on one line) with a speech
    word next to it: one of the two words after it, in the same sentence (*"…" dedi*,
    *"…" diye yazdı*, *"…" şeklinde konuştu*, *"…" açıklamasında bulundu*), or before it,
    ending in a colon (*şu şekilde konuştu: "…"*). A quotation without one (a scare quote such
    as *"karalama kampanyası" olarak*, a headline in quotes) is not speech.
``according_to``
    *X'e göre …*: the phrase before *göre* is the source when its last word is a name or a
    source noun (*KCNA'ya göre*, *ajansına göre*, *yetkililere göre*; not *buna göre*, nor
    *gençliğine göre* "compared with his youth"), and the rest of the sentence is what it says.

The speaker of a direct quotation is read from the words before it in its sentence (see
:func:`_speaker_before`: a name set off by a comma, the words before a comma opening the quote,
the first name in the nominative, or the last content words); with no words before it, a name
right after the speech verb (*"…" dedi Putin*). The source of *-e göre* is the name before
*göre*, or the phrase before it as written with its last word out of the dative (*Kuzey Kore
devlet ajansına göre* → *Kuzey Kore devlet ajansı*), a headline in capitals run into the
sentence left out. Speech words and
source nouns are shipped in ``resources/speech_tr.txt``. Precision measured by hand is in
docs/terms.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from toolkit.names import column_strings
from toolkit.terms import unit_starts
from toolkit.text import HARDEN, VOWELS, turkish_lower, turkish_upper

QUOTE_COLUMNS = ["doc_id", "kind", "speaker", "verb", "quote", "start", "end", "frames"]
_PAIRS = re.compile(r"“([^“”\n]+)”|«([^«»\n]+)»|\"([^\"\n]+)\"")
_SENTENCE_END = re.compile(r"[.!?…]|\n")
_MAX_VERB_WORDS = 4
_MAX_SPEAKER_WORDS = 3
# Verbs that complete a speech word after it: "diye yazdı", "açıklamasında bulundu",
# "ifadelerini kullandı", "ifadelerine yer verdi", "şeklinde konuştu".
_SUPPORT = frozenset({"bulunmak", "kullanmak", "yer", "vermek", "yazmak", "konuşmak", "söylemek", "etmek"})


@lru_cache(maxsize=1)
def speech_words() -> tuple[frozenset[str], frozenset[str]]:
    """(speech words, source nouns) of ``resources/speech_tr.txt``, as lemmas or terms."""
    text = resources.files("toolkit").joinpath("resources/speech_tr.txt").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = {"verbs": set(), "sources": set()}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
        else:
            sections[current].add(line)
    return frozenset(sections["verbs"]), frozenset(sections["sources"])


class _Doc:
    """One article's tokens (rows ``lo:hi`` of the whole table's columns), with its text."""

    def __init__(self, text: str, columns: Mapping[str, np.ndarray], lo: int, hi: int) -> None:
        self.text = text
        for name, values in columns.items():
            setattr(self, name, values[lo:hi])

    def first_after(self, offset: int) -> int:
        return int(np.searchsorted(self.start, offset))

    def is_speech(self, i: int, verbs: frozenset[str]) -> bool:
        return self.lemma[i] in verbs or self.term[i] in verbs or turkish_lower(self.surface[i]) in ("diye", "diyerek")


def quote_table(tokens: pd.DataFrame, texts: Mapping[str, str], hits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reported speech in every article: ``doc_id, kind, speaker, verb, quote, start, end, frames``.

    ``tokens`` is a token table with ``term``/``term_kind`` (see :mod:`toolkit.terms`),
    ``texts`` each article's text by ``doc_id``; ``start``/``end`` are character offsets of
    the quoted words in it. ``hits`` (frame hits with ``doc_id, frame, start``) gives
    ``frames``: the frames with a cue inside the quote, ``|``-separated, sorted (empty if none).
    """
    verbs, sources = speech_words()
    columns = {
        "start": tokens["start"].to_numpy(), "end": tokens["end"].to_numpy(),
        "sentence": tokens["sentence"].to_numpy(), "is_stop": tokens["is_stop"].to_numpy(),
        "unit_start": unit_starts(tokens) if len(tokens) else np.zeros(0, bool),
        **{name: column_strings(tokens[column]) for name, column in
           (("surface", "surface"), ("lemma", "lemma"), ("term", "term"), ("kind", "term_kind"), ("pos", "pos"))},
    }
    rows: list[dict] = []
    doc_ids = column_strings(tokens["doc_id"])
    cuts = [0, *np.flatnonzero(doc_ids[1:] != doc_ids[:-1]) + 1, len(doc_ids)]  # an article's rows are consecutive
    for lo, hi in zip(cuts, cuts[1:]):
        if hi == lo:
            continue
        doc_id = doc_ids[lo]
        doc = _Doc(texts[doc_id], columns, lo, hi)
        rows.extend({"doc_id": doc_id, **row} for row in _direct(doc, verbs))
        rows.extend({"doc_id": doc_id, **row} for row in _according_to(doc, sources))
    out = pd.DataFrame(rows, columns=QUOTE_COLUMNS[:-1])
    out["frames"] = _frames_inside(out, hits)
    return out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)[QUOTE_COLUMNS]


def _frames_inside(quotes: pd.DataFrame, hits: pd.DataFrame | None) -> list[str]:
    if hits is None or not len(hits) or not len(quotes):
        return [""] * len(quotes)
    # each column converted once, then cut by article (a per-group conversion took ≈0.3 ms an article)
    docs = column_strings(hits["doc_id"])
    order = np.argsort(docs, kind="stable")
    docs, starts = docs[order], hits["start"].to_numpy()[order]
    names = column_strings(hits["frame"])[order]
    cuts = [0, *(np.flatnonzero(docs[1:] != docs[:-1]) + 1).tolist(), len(docs)]
    by_doc = {docs[lo]: (starts[lo:hi], names[lo:hi]) for lo, hi in zip(cuts, cuts[1:])}
    out = []
    for doc_id, start, end in zip(quotes["doc_id"], quotes["start"], quotes["end"]):
        at, frames = by_doc.get(doc_id, (np.zeros(0, int), np.zeros(0, str)))
        out.append("|".join(sorted(set(frames[(at >= start) & (at < end)]))))
    return out


def _direct(doc: _Doc, verbs: frozenset[str]) -> list[dict]:
    rows = []
    for m in _PAIRS.finditer(doc.text):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        q_start, q_end = m.start(g), m.end(g)
        first, after = doc.first_after(q_start), doc.first_after(m.end())
        if after - first < 2:  # one word in quotes: a term or a title, not speech
            continue
        verb = _verb_after(doc, after, m.end(), verbs)
        if verb is None:
            verb = _verb_before(doc, first, m.start(), verbs)
        if verb is None:
            continue
        words, verb_last = verb
        speaker = _speaker_before(doc, first, m.start()) or _name_after(doc, verb_last)
        rows.append({"kind": "direct", "speaker": speaker, "verb": words,
                     "quote": doc.text[q_start:q_end].strip(), "start": q_start, "end": q_end})
    return rows


def _gap_ends_sentence(doc: _Doc, a: int, b: int) -> bool:
    return bool(_SENTENCE_END.search(doc.text, a, b)) if b > a else False


def _verb_after(doc: _Doc, i: int, offset: int, verbs: frozenset[str]) -> tuple[str, int] | None:
    """The speech words right after a closing quote (token ``i`` on), and the last one's index."""
    n = len(doc.start)
    if i >= n or (doc.text[offset - 2:offset - 1] in ".!?…" and doc.surface[i][:1].isupper()):
        return None  # the quote closed its sentence: what follows is the next one
    previous_end = offset
    for k in range(i, min(i + 2, n)):
        if _gap_ends_sentence(doc, previous_end, doc.start[k]):
            return None
        previous_end = doc.end[k]
        if doc.is_speech(k, verbs):
            last = k
            # "diye yazdı", "açıklamasında bulundu", "ifadelerine yer verdi": on to the verb
            while last + 1 < n and last + 1 < i + _MAX_VERB_WORDS and (
                    not doc.unit_start[last + 1] or doc.lemma[last + 1] in _SUPPORT
                    or doc.pos[last + 1] == "Verb" and doc.lemma[last + 1] in verbs) \
                    and not _gap_ends_sentence(doc, doc.end[last], doc.start[last + 1]):
                last += 1
            return doc.text[doc.start[i]:doc.end[last]], last
    return None


def _verb_before(doc: _Doc, first: int, offset: int, verbs: frozenset[str]) -> tuple[str, int] | None:
    """Speech words ending in a colon right before an opening quote (*şöyle konuştu: "…"*)."""
    if first == 0 or not doc.text[doc.end[first - 1]:offset].strip().startswith(":"):
        return None
    lo = max(first - _MAX_VERB_WORDS, 0)
    for k in range(first - 1, lo - 1, -1):
        if k < first - 1 and _gap_ends_sentence(doc, doc.end[k], doc.start[k + 1]):
            return None
        if doc.is_speech(k, verbs):
            return doc.text[doc.start[k]:doc.end[first - 1]], first - 1
    return None


def _speaker_before(doc: _Doc, first: int, offset: int) -> str:
    """Who speaks a quotation opening at ``offset`` (its first word is token ``first``), from
    the words before it in its sentence, the first of these that applies:

    1. the first name set off by a comma (*Gal, Mısır'ı kastederek, "…"*; *ABD Dışişleri
       Bakanlığı ise, …*);
    2. the words before a comma that opens the quote, when they hold a name (*kaydeden Rusya
       lideri, "…"*: verbs and a last word in the locative, *açıklamasında*, left out);
    3. the first name in the nominative, then the first name in any case
       (*Ricciardone'nin bir toplantıda, "…" diyerek*);
    4. the content words before the quote (at most three, verbs left out).
    """
    k = first - 1
    if k < 0 or _SENTENCE_END.search(doc.text, doc.end[k], offset) and ":" not in doc.text[doc.end[k]:offset]:
        return ""
    lo = k
    while lo > 0 and doc.sentence[lo - 1] == doc.sentence[k]:
        lo -= 1
    names = []  # (first row, last row, nominative) of each name, in order
    j = lo
    while j <= k:
        last = j
        while last + 1 <= k and not doc.unit_start[last + 1]:
            last += 1
        if doc.kind[j] == "name":
            names.append((j, last, "'" not in doc.surface[last]))
        j = last + 1
    for _, last, nominative in names:
        nxt = last + 1 if last + 1 <= k and doc.surface[last + 1] in _TOPIC_WORDS else last
        if nominative and "," in doc.text[doc.end[nxt]:doc.start[nxt + 1] if nxt < k else offset]:
            return doc.term[last]
    if "," in doc.text[doc.end[k]:offset]:
        back = k
        while back > lo and not re.search(r"[,;:]", doc.text[doc.end[back - 1]:doc.start[back]]) and k - back < 4:
            back -= 1
        if any(doc.kind[j] == "name" for j in range(back, k + 1)):
            words = _content_words(doc, back, k)
            if words:
                return words
    for nominative_only in (True, False):
        for _, last, nominative in names:
            if nominative or not nominative_only:
                return doc.term[last]
    return _content_words(doc, max(lo, k - 5), k)


_TOPIC_WORDS = frozenset({"ise", "de", "da", "ile"})
_LOCATIVE = re.compile(r"(?:n?d[ae]|t[ae])$")


def _content_words(doc: _Doc, lo: int, k: int) -> str:
    """The last content words of tokens ``lo``..``k`` (at most three): after the last verb,
    stopwords left out, a last word in the locative dropped."""
    for j in range(k, lo - 1, -1):
        if doc.pos[j] == "Verb" and doc.kind[j] != "name":
            lo = j + 1
            break
    if k >= lo and doc.kind[k] != "name" and _LOCATIVE.search(doc.surface[k]) and doc.surface[k] != doc.lemma[k]:
        k -= 1
    words = [doc.surface[j] for j in range(lo, k + 1) if not doc.is_stop[j]]
    return " ".join(words[-_MAX_SPEAKER_WORDS:])


def _name_after(doc: _Doc, k: int) -> str:
    j = k + 1
    if j < len(doc.start) and doc.kind[j] == "name" and not _gap_ends_sentence(doc, doc.end[k], doc.start[j]):
        return doc.term[j]
    return ""


def _without_dative(surface: str, lemma: str) -> str:
    """The last word of an *-e göre* source without its dative, as a reader names the source:
    *ajansına* → *ajansı*, *Gazeteye* → *Gazete*, *kaynaklara* → *kaynaklar*, *basına* →
    *basın*, *kaynağa* → *kaynak* (``lemma``, the dictionary form, tells a possessive *-(s)InA*
    from a stem in *-n* and restores a softened consonant). A word without a dative is returned
    as it is.

    >>> [_without_dative(w, l) for w, l in (("ajansına", "ajans"), ("basına", "basın"), ("Gazeteye", "gazete"),
    ...                                      ("haberlerine", "haber"), ("kaynağa", "kaynak"))]
    ['ajansı', 'basın', 'Gazete', 'haberleri', 'kaynak']
    """
    low, stem = turkish_lower(surface), turkish_lower(lemma)
    if len(low) < 3 or low[-1] not in "ae":
        return surface
    if low[-2] == "y" and low[-3] in VOWELS:  # -yA after a vowel: Gazeteye, bilgiye
        return surface[:-2]
    if low[-2] == "n" and low[-3] in "ıiuü" and low[:-1] != stem:  # -(s)I-n-A: ajansına, liderine
        return surface[:-2]
    if low[-2] in VOWELS:
        return surface
    base = surface[:-1]  # -A after a consonant: habere, kaynaklara, basına; kaynağa → kaynak
    if low[-2] in HARDEN and stem.endswith(HARDEN[low[-2]]) and low[:-2] == stem[:-1]:
        return base[:-1] + HARDEN[low[-2]]
    return base


def _headline_run(doc: _Doc, lo: int, end: int) -> int:
    """Where a source phrase (token rows ``lo:end``) begins once a run of two or more words set in
    capitals before it is left out: a headline the text runs into the sentence (*İRAN PAKETİNİN
    DETAYLARINI ANLATTI Diplomatik kaynaklara göre*). A lone acronym (*KCNA*) stays."""
    k = lo
    while k < end and len(doc.surface[k]) > 1 and doc.surface[k] == turkish_upper(doc.surface[k]) \
            and any(c.isalpha() for c in doc.surface[k]):
        k += 1
    return k if k - lo >= 2 and k < end else lo


def _according_to(doc: _Doc, sources: frozenset[str]) -> list[dict]:
    rows = []
    for g in np.flatnonzero(doc.lemma == "göre"):
        if g == 0 or doc.sentence[g - 1] != doc.sentence[g]:
            continue
        lo = g
        while lo > 0 and doc.sentence[lo - 1] == doc.sentence[g] and g - lo < 6 \
                and not re.search(r"[,;:\"“”]", doc.text[doc.end[lo - 1]:doc.start[lo]]):
            lo -= 1
        if doc.kind[g - 1] != "name" and turkish_lower(doc.lemma[g - 1]) not in sources:
            continue  # "buna göre", "gençliğine göre" (compared with): no source
        hi = g + 1
        while hi < len(doc.start) and doc.sentence[hi] == doc.sentence[g]:
            hi += 1
        if hi - g < 3:
            continue
        if doc.kind[g - 1] == "name":
            speaker = doc.term[g - 1]
        else:  # the phrase as written, its last word without the dative: "devlet ajansına göre" → devlet ajansı
            lo = _headline_run(doc, lo, g - 1)
            speaker = doc.text[doc.start[lo]:doc.start[g - 1]] + _without_dative(doc.surface[g - 1], doc.lemma[g - 1])
        start, end = int(doc.start[g + 1]), int(doc.end[hi - 1])
        rows.append({"kind": "according_to", "speaker": speaker, "verb": doc.text[doc.start[g - 1]:doc.end[g]],
                     "quote": doc.text[start:end], "start": start, "end": end})
    return rows
