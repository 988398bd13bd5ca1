"""Turkish text rules: normalisation, casing, sentences and word tokens with offsets.

Nothing here knows about zeyrek or pandas. Every function is pure and total: any Unicode
string in, no exception out.

Conventions
-----------
* Offsets (``start``, ``end``) are indices into the string given to :func:`tokenize`:
  ``text[start:end] == token.surface`` always holds.
* Apostrophe variants (’ ‘ ʼ ` ´ ′) count as the apostrophe ``'`` that Turkish writes between a
  proper noun or a number and its suffix (Putin’i, KCNA'ya, 1948'de).
* Casing is Turkish: I↔ı and İ↔i. Never use ``str.lower``/``str.upper`` on Turkish text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Sequence

APOSTROPHES = "'’‘ʼ`´′"
_APOSTROPHE_MAP = str.maketrans({c: "'" for c in APOSTROPHES[1:]})
# Invisible characters that only break words apart: soft hyphen, zero-width (non-)joiners,
# zero-width space, word joiner and a stray byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_LOWER_MAP = str.maketrans({"I": "ı", "İ": "i"})
_UPPER_MAP = str.maketrans({"i": "İ", "ı": "I"})
_CIRCUMFLEX_MAP = str.maketrans("âîûÂÎÛ", "aiuAIU")
_STRAY_DOTS = re.compile("i\u0307+")

# Turkish letters, lower case: the vowels (with the circumflexed ones) and the final consonants a
# suffix softens, mapped back to the stem's hard one (kitabı → kitap, kaynağa → kaynak, rengi → renk).
BACK_VOWELS = frozenset("aıouâû")
FRONT_VOWELS = frozenset("eiöüî")
VOWELS = BACK_VOWELS | FRONT_VOWELS
HARDEN = {"b": "p", "c": "ç", "d": "t", "ğ": "k", "g": "k"}


def turkish_lower(text: str) -> str:
    """Lower-case the Turkish way: ``I`` → ``ı``, ``İ`` → ``i``, everything else as Unicode does."""
    return text.translate(_LOWER_MAP).lower()  # ok: I/İ mapped first


def turkish_upper(text: str) -> str:
    """Upper-case the Turkish way: ``i`` → ``İ``, ``ı`` → ``I``, everything else as Unicode does."""
    return text.translate(_UPPER_MAP).upper()  # ok: i/ı mapped first


def turkish_title(word: str) -> str:
    """First letter upper-cased, the rest lower-cased, the Turkish way (``istanbul`` → ``İstanbul``)."""
    return turkish_upper(word[:1]) + turkish_lower(word[1:])


def strip_circumflex(text: str) -> str:
    """â î û → a i u (``hâlâ`` → ``hala``), as in the UD scoring and most modern spelling."""
    return text.translate(_CIRCUMFLEX_MAP)


def normalize(text: str) -> str:
    """Canonical form of an article's text: NFC, one apostrophe, no invisible characters.

    Line breaks become ``\\n``. The result is what :class:`toolkit.Article` stores and what
    token offsets point into. ``normalize(normalize(t)) == normalize(t)``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHE_MAP)
    # A dotted capital lower-cased the English way leaves "i" + combining dot above (one or more).
    return unicodedata.normalize("NFC", _STRAY_DOTS.sub("i", text))


# A word: letters (with combining marks) or digits; inner hyphens join parts (Young-ho, 30-40);
# a number may carry decimal or thousands separators (3,5 · 10.000); an apostrophe followed by
# letters is the suffix of a proper noun or a number (Putin'i, 1990'da).
_ALNUM = r"[^\W_]"
_PART = rf"(?:\d+(?:[.,]\d+)*|{_ALNUM}[^\W_\d]*(?:[\u0300-\u036f]+{_ALNUM}*)*(?:\d+{_ALNUM}*)*)"
_WORD_RE = re.compile(rf"{_PART}(?:-{_PART})*(?:[{APOSTROPHES}](?P<suffix>[^\W\d_]+))?")
_SENT_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*")
# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "dr prof doç yrd av müh alb gen org korg tuğg hz st mr mrs ms sn sayın bkz vb vs vd yy "
    "no nr tel fax s sy bk çev ed haz örn krş mah cad sok apt kat blv ltd şti inc co a.ş "
    "ocak şub mar nis haz tem ağu eyl eki kas ara jan feb apr jun jul aug sep oct nov dec".split()
)


@dataclass(frozen=True)
class Token:
    """A word token. ``surface == text[start:end]``.

    ``base`` is the word without its apostrophe suffix and ``suffix`` that suffix
    (``Kremlin'den`` → ``Kremlin`` + ``den``); both equal ``surface``/"" when there is none.
    ``sentence`` and ``position`` count from 0 within the text.
    """

    surface: str
    start: int
    end: int
    sentence: int
    position: int
    base: str
    suffix: str

    @property
    def is_number(self) -> bool:
        return self.base[:1].isdigit()


def _ends_sentence(text: str, word: str, dot_end: int, mark: str) -> bool:
    """Whether the punctuation ``mark`` right after ``word`` closes a sentence."""
    if mark != ".":
        return True
    if "." in word or turkish_lower(word) in ABBREVIATIONS:
        return False
    # A single capital ("J. Smith") is an initial; a one- or two-digit number is an ordinal
    # ("1. Dünya Savaşı", "15. madde"). Otherwise a full stop ends the sentence unless a
    # lower-case word follows.
    if (len(word) == 1 and word.isupper()) or (word.isdigit() and len(word) <= 2):
        return False
    rest = text[dot_end:dot_end + 3].lstrip()
    return not rest or not rest[0].islower()


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` (punctuation dropped) with sentence numbers and offsets.

    Sentences end at ``. ! ? …`` (unless the full stop follows an abbreviation such as
    ``Dr.``/``vb.``, an initial, or an ordinal number) and at every line break, so headlines
    without a full stop stand alone. ABD, BM and other all-capital acronyms carry no full
    stop in Turkish and never split a sentence.
    """
    return list(iter_tokens(text))


def iter_tokens(text: str) -> Iterator[Token]:
    """Lazy :func:`tokenize`."""
    sentence = 0
    position = 0
    last_end = 0
    last_word = ""
    for m in _WORD_RE.finditer(text):
        start = m.start()
        # a single space between two words never ends a sentence (most gaps): no need to look
        if position and (start != last_end + 1 or text[last_end] != " ") \
                and _boundary_between(text, last_end, start, last_word):
            sentence += 1
            position = 0
        surface = m.group()
        suffix = m.group("suffix") or ""
        base = surface[: len(surface) - len(suffix) - 1] if suffix else surface
        yield Token(surface, start, m.end(), sentence, position, base, suffix)
        position += 1
        last_end = m.end()
        last_word = surface


def word_surfaces(text: str) -> list[str]:
    """The ``surface`` of every token :func:`tokenize` gives, in order, without offsets or sentences (faster)."""
    return [m.group() for m in _WORD_RE.finditer(text)]


def _boundary_between(text: str, gap_start: int, gap_end: int, last_word: str) -> bool:
    gap = text[gap_start:gap_end]
    if "\n" in gap:
        return True
    end = _SENT_END_RE.search(gap)
    if end is None:
        return False
    # A mark glued to the next word ("3.5", "a.ş") is not an end; needs space or the gap's end.
    if end.end() < len(gap) and not gap[end.end()].isspace() and gap[end.end()] not in "\"'“”«(":
        return False
    return _ends_sentence(text, last_word, gap_start + end.end(), end.group()[0])


def sentences(text: str) -> list[str]:
    """The text cut into sentences (the same boundaries :func:`tokenize` uses)."""
    out: list[str] = []
    current_start = None
    current_end = 0
    current = -1
    for tok in iter_tokens(text):
        if tok.sentence != current:
            if current_start is not None:
                out.append(text[current_start:_sentence_end(text, current_end)].strip())
            current, current_start = tok.sentence, tok.start
        current_end = tok.end
    if current_start is not None:
        out.append(text[current_start:_sentence_end(text, current_end)].strip())
    return out


def _sentence_end(text: str, end: int) -> int:
    m = _SENT_END_RE.match(text, end)
    return m.end() if m else end


# A capital after one of these (an opening quotation mark, a colon, a dash) starts quoted
# speech, not a name: "Putin de: Bu doğru" says nothing about the word *Bu*.
_SPEECH_OPENERS = frozenset('"“«‘\':–—-')


def opens_speech(text: str, start: int) -> bool:
    """Does the word at ``text[start]`` open quoted speech (the last non-space character before
    it is a quotation mark, a colon or a dash)? Such a word is capitalised as a sentence start
    is, so :func:`toolkit.analyze` reads it as one (``position`` 0) when choosing and casing
    lemmas: *dedi: "Bu doğru"* is *bu*, not a name *Bu*."""
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in _SPEECH_OPENERS


# Headlines are short: a title-case sentence has at most this many words.
TITLE_CASE_MAX_WORDS = 12


def in_title_case(words: Sequence[str]) -> bool:
    """Whether a sentence's words are set in title case, as headlines often are: three to
    :data:`TITLE_CASE_MAX_WORDS` words, and no word of four letters or more starting with a small
    letter. A longer stretch of capitalised words is a list of names and offices rather than a
    headline (*Hacettepe Üniversitesi Çocuk Sağlığı ve Hastalıkları Ana Bilim Dalı Öğretim Üyesi …*).

    >>> in_title_case("Perakendeci Çevresel Baskılarda Gizli Tehlikeler Görüyor".split())
    True
    >>> in_title_case("Başkan Biden dün konuştu".split())
    False
    """
    words = [w for w in words if w[:1].isalpha()]
    return 3 <= len(words) <= TITLE_CASE_MAX_WORDS and not any(len(w) >= 4 and w[:1].islower() for w in words)


# A run of capitalised words is set in capitals (a headline or subhead written in capitals: "RUSYA'NIN
# STRATEJİK HEDEFİ") rather than being acronyms ("BM NATO AB", "AFP TCMB") when it has two
# words or more and one of them at least this many letters: acronyms are short.
SHOUTED_MIN_LETTERS = 6


def _all_capitals(token: Token) -> bool:
    base = token.base
    return base.isupper() and len(base) > 1 and base.isalpha()


def shouted_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """``(start, end)`` index ranges of the runs of words set in capitals in one sentence's tokens:
    two or more consecutive all-capital words, one of at least :data:`SHOUTED_MIN_LETTERS` letters."""
    capitals = [_all_capitals(t) for t in tokens]
    spans: list[tuple[int, int]] = []
    if sum(capitals) < 2:  # most sentences: no run possible
        return spans
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and capitals[j] and (j == i or tokens[j].position == tokens[j - 1].position + 1):
            j += 1
        if j - i >= 2 and max(len(t.base) for t in tokens[i:j]) >= SHOUTED_MIN_LETTERS:
            spans.append((i, j))
        i = max(j, i + 1)
    return spans


def written_in_capitals(text: str) -> frozenset[str]:
    """The all-capital words ``text`` also writes outside the runs of words set in capitals
    (``ABD'nin``, ``PKK ile``): acronyms, which :func:`unshout` leaves as they are."""
    out: set[str] = set()
    sentence: list[Token] = []

    def collect() -> None:
        inside = {k for start, end in shouted_spans(sentence) for k in range(start, end)}
        out.update(t.base for k, t in enumerate(sentence) if k not in inside and _all_capitals(t))
        sentence.clear()

    for tok in iter_tokens(text):  # one sentence in memory at a time (articles may be 20M characters)
        if sentence and tok.sentence != sentence[0].sentence:
            collect()
        sentence.append(tok)
    collect()
    return frozenset(out)


def unshout(tokens: list[Token], acronyms: frozenset[str] | Callable[[], frozenset[str]] = frozenset()) -> list[Token]:
    """The tokens of one sentence, with words set in capitals rewritten as a sentence start is.

    A word in a run of :func:`shouted_spans` is capitalised for emphasis, so its capitals say
    nothing about it being a name or an acronym: it becomes a title-cased word at position 0
    (``RUSYA'NIN`` → ``Rusya'nın``, ``STRATEJİK`` → ``Stratejik``), which lemma choice and casing
    treat like a sentence-initial word. Words in ``acronyms`` (or in what the function given
    returns, called only if a run is found; see :func:`written_in_capitals`) stay as written.
    The list is returned as it is when nothing is set in capitals. A rewritten token keeps its
    offsets but not the text at them (``surface`` is restyled): it is for lemma choice only,
    never for the token table.
    """
    spans = shouted_spans(tokens)
    if not spans:
        return tokens
    keep = acronyms() if callable(acronyms) else acronyms
    out = list(tokens)
    for start, end in spans:
        for k in range(start, end):
            t = out[k]
            if t.base in keep:
                continue
            surface, base, suffix = _restyled(t.base, t.suffix)
            out[k] = replace(t, surface=surface, base=base, suffix=suffix, position=0)
    return out


def _restyled(base: str, suffix: str) -> tuple[str, str, str]:
    """(surface, base, suffix) of a word set in capitals, written as a sentence start is."""
    base, suffix = turkish_title(base), turkish_lower(suffix)
    return (base + "'" + suffix if suffix else base), base, suffix


def read_as(surface: str) -> tuple[str, ...]:
    """Every surface lemma choice may read a word written ``surface`` as: itself and, for a
    word in capitals, what :func:`unshout` makes of it in a run set in capitals."""
    if not surface[:1].isupper():
        return (surface,)
    token = next(iter_tokens(surface), None)
    if token is None or token.surface != surface or not _all_capitals(token):
        return (surface,)
    return surface, _restyled(token.base, token.suffix)[0]
