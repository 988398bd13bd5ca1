"""Terms as a reader sees them: multiword names and fixed expressions over the token table.

:func:`term_columns` gives every row of the token table (one row per word) its ``term`` — the
canonical form of the unit the word belongs to, or its lemma — and ``term_kind``:

``name``
    a proper name, of one word or several: *Kuzey Kore'ye* → **Kuzey Kore**, *Kim Jong Un'un*
    → **Kim Jong Un**, *Birleşmiş Milletler*. Every word of the unit gets the whole name.
``phrase``
    a fixed expression of the shipped list (``resources/phrases_tr.txt``), one spelling per
    unit: *biraraya geldi* and *bir araya gelen* → **bir araya gelmek**.
``lemma``
    any other word: ``term`` is its lemma.

Rules, in the order they apply (docs/terms.md has them with examples):

1. *Institution names*: the words of a name run up to its last institution word (*Merkezi*,
   *Bakanlığı*, *Konseyi*: :data:`toolkit.names.INSTITUTION_HEADS`) are one name
   (*Yüksek Düzeyli Stratejik İşbirliği Konseyi*, *Rusya Dışişleri Bakanlığı*).
2. *Known names* (``resources/countries_tr.tsv``, generated from CLDR's Turkish territory
   names, and ``resources/names_tr.tsv``): the words as written, each capitalised, the case
   suffix only after the last one (``Kuzey Kore'ye``; ``Kuzey'in Kore`` is no match). A
   one-word known name counts only where lemma choice took the word for a proper noun.
3. *Fixed expressions*: consecutive lemmas of one sentence matching a pattern of the list.
4. *Name sequences*: consecutive words of one sentence whose lemma is capitalised (lemma choice
   has already decided that sentence-initial words, words opening quoted speech and words of
   all-capital headlines are ordinary words unless used as names elsewhere; titles such as
   *Cumhurbaşkanı* have lower-case lemmas, months and weekdays are never names), one space
   between them, no apostrophe suffix before the last word, and a hyphenated word only as the
   last (*Kim Jong-un*; *Rusya-Kuzey Kore* is not one name). A capitalised word right after a
   name word or a title (not a title itself, not set in capitals) is a name word even when
   lemma choice read it as a common word (*Barack Obama*, *Başkan Obama*, where *Obama* may
   be read as *oba* + *-ma*). A word that stands alone as
   a name elsewhere in the same article ends a name before the next word when that word also
   stands alone (*Kim Putin'i …* with *Kim'in* and *Putin'in* elsewhere: two names) or when
   the two words follow each other only once in the article (*Putin Vostoçni Uzay Üssü'nde*);
   *Kim Jong Un*, written so again and again, stays one name. A name of several words is
   written as in the text without the last word's suffix (*Merkez Bankası'nın* → *Merkez
   Bankası*); a one-word name is its lemma.
5. *Later mentions*: a one-word name that is the first or last word of a name of several words
   in the same article (*Kim* of *Kim Jong Un*, *Kore* of *Kuzey Kore*) is counted under it
   when there is one such name; when there are several, under the one mentioned most, if it is
   mentioned at least twice as often as the next — and never for known names, where two
   countries sharing a word (*Kuzey Kore*, *Güney Kore*) leave the word as it is.

Nothing here imports :mod:`toolkit.analysis`; it reads the token table's columns (``doc_id,
sentence, position, start, end, surface, lemma``) and the articles' texts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from toolkit.lemmas import titles
from toolkit.names import is_head, name_runs
from toolkit.text import turkish_lower

TERM_KINDS = ("name", "phrase", "lemma")
_NAME, _PHRASE, _LEMMA = range(3)  # codes of TERM_KINDS


def _resource_lines(name: str) -> list[str]:
    text = resources.files("toolkit").joinpath(f"resources/{name}").read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class TermRules:
    """The language data the unit rules use.

    ``names`` maps a known name's words (Turkish lower case) to ``(name, kind)``;
    ``phrases`` maps a lemma pattern (a tuple of lower-case lemmas) to its canonical form;
    ``not_names`` are lemmas never part of a name; ``light_verbs`` the reporting and light
    verbs :meth:`toolkit.Analysis.term_frequencies` leaves out unless asked.
    """

    names: Mapping[tuple[str, ...], tuple[str, str]]
    phrases: Mapping[tuple[str, ...], str]
    not_names: frozenset[str]
    light_verbs: frozenset[str]


@lru_cache(maxsize=1)
def default_rules() -> TermRules:
    """The shipped rules: ``resources/countries_tr.tsv``, ``names_tr.tsv``, ``phrases_tr.txt``,
    ``not_names_tr.txt`` and ``light_verbs_tr.txt``."""
    names: dict[tuple[str, ...], tuple[str, str]] = {}
    for file in ("countries_tr.tsv", "names_tr.tsv"):
        for line in _resource_lines(file):
            name, kind = line.split("\t")
            names[tuple(turkish_lower(name).split())] = (name, kind)
    phrases: dict[tuple[str, ...], str] = {}
    for line in _resource_lines("phrases_tr.txt"):
        canonical, patterns = (part.strip() for part in line.split("=", 1))
        for pattern in patterns.split("|"):
            phrases[tuple(pattern.split())] = canonical
    return TermRules(names, phrases, frozenset(_resource_lines("not_names_tr.txt")),
                     frozenset(_resource_lines("light_verbs_tr.txt")))


def light_verbs() -> frozenset[str]:
    """The shipped reporting and light verbs (``resources/light_verbs_tr.txt``), as lemmas."""
    return default_rules().light_verbs


def known_names() -> pd.DataFrame:
    """The shipped gazetteer: ``name, kind`` (country, capital, city, region, organisation)."""
    rows = sorted(set(default_rules().names.values()))
    return pd.DataFrame(rows, columns=["name", "kind"])


def _categories(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """(codes, categories) of a string column, categorical or not."""
    cat = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    return cat.cat.codes.to_numpy(), [str(c) for c in cat.cat.categories]


class _Table:
    """The token columns the rules read, as arrays, and per-category facts about words."""

    def __init__(self, tokens: pd.DataFrame, texts: Mapping[str, str] | None, rules: TermRules,
                 runs: np.ndarray | None = None) -> None:
        self.n = len(tokens)
        self.doc, self.doc_ids = _categories(tokens["doc_id"])
        self.sentence = tokens["sentence"].to_numpy()
        self.position = tokens["position"].to_numpy()
        self.start = tokens["start"].to_numpy()
        self.end = tokens["end"].to_numpy()
        self.s_code, surfaces = _categories(tokens["surface"])
        self.l_code, self.lemmas = _categories(tokens["lemma"])
        self.texts = texts
        self.bases = [s.split("'", 1)[0] for s in surfaces]
        self.surface_lower = [turkish_lower(s) for s in surfaces]
        self.base_lower = [s.split("'", 1)[0] for s in self.surface_lower]
        self.suffixed = np.array(["'" in s for s in surfaces], dtype=bool)
        self.hyphened = np.array(["-" in s for s in surfaces], dtype=bool)
        self.capital = np.array([s[:1].isupper() for s in surfaces], dtype=bool)
        self.all_capitals = np.array([len(b) > 1 and b.isupper() for b in self.bases], dtype=bool)
        self.titles = titles()
        self.not_names = rules.not_names
        self.lemma_lower = [turkish_lower(x) for x in self.lemmas]
        self.lemma_name = np.array([x[:1].isupper() and x not in rules.not_names for x in self.lemmas], dtype=bool)
        self.is_number = np.array([x[:1].isdigit() for x in self.lemmas], dtype=bool)
        # the name runs frames use too (toolkit.names)
        self.run = name_runs(tokens, texts) if runs is None else runs

    def adjacent(self, i: int) -> bool:
        """Token ``i + 1`` follows token ``i`` in the same sentence with one space between."""
        j = i + 1
        if j >= self.n or self.doc[j] != self.doc[i] or self.sentence[j] != self.sentence[i] \
                or self.start[j] - self.end[i] != 1:
            return False
        if self.texts is None:
            return True
        text = self.texts.get(self.doc_ids[self.doc[i]])
        return text is None or text[self.end[i]] == " "


def term_columns(tokens: pd.DataFrame, texts: Mapping[str, str] | None = None,
                 rules: TermRules | None = None, runs: np.ndarray | None = None) -> tuple[pd.Categorical, pd.Categorical]:
    """``(term, term_kind)`` for every row of ``tokens``, in its order (see the module's rules).

    ``tokens`` is a token table (rows of one article consecutive, in text order); ``texts``
    maps each ``doc_id`` to the article's text, to check that the words of a unit are separated
    by a space and nothing else (without it, by a gap of one character). Both results are
    categorical; ``term_kind`` takes the values :data:`TERM_KINDS`. ``runs``: the table's
    :func:`toolkit.names.name_runs`, when known (they are worked out otherwise).
    """
    rules = rules or default_rules()
    if len(tokens) == 0:
        return (pd.Categorical([], categories=[]), pd.Categorical([], categories=list(TERM_KINDS)))
    t = _Table(tokens, texts, rules, runs)
    kind = np.full(t.n, _LEMMA, dtype=np.int8)
    unit_of = np.full(t.n, -1, dtype=np.int64)  # the unit each token belongs to (index into units)
    units: list[list] = []  # [first, last, term, kind, known]

    def add_unit(first: int, last: int, term: str, k: int, known: bool) -> None:
        unit_of[first:last + 1] = len(units)
        kind[first:last + 1] = k
        units.append([first, last, term, k, known])

    _institutions(t, unit_of, add_unit)
    _known_names(t, rules, unit_of, add_unit)
    _phrases(t, rules, unit_of, add_unit)
    _name_runs(t, unit_of, add_unit)
    _later_mentions(t, units, unit_of)
    # Codes into the lemma categories, with the units' terms added: no string per row is made.
    categories = list(t.lemmas)
    code_of = {c: i for i, c in enumerate(categories)}
    codes = t.l_code.astype(np.int32)
    for first, last, term, _, _ in units:
        code = code_of.get(term)
        if code is None:
            code = code_of[term] = len(categories)
            categories.append(term)
        codes[first:last + 1] = code
    terms = pd.Categorical.from_codes(codes, categories=categories)
    terms = terms.reorder_categories(sorted(categories)).remove_unused_categories()
    return terms, pd.Categorical.from_codes(kind, categories=list(TERM_KINDS))


def _known_names(t: _Table, rules: TermRules, unit_of: np.ndarray, add_unit) -> None:
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in rules.names:
        by_first[words[0]].append(words)
    for words_list in by_first.values():
        words_list.sort(key=len, reverse=True)  # longest first
    first_word = np.array([b in by_first for b in t.base_lower], dtype=bool)
    i_list = np.flatnonzero((first_word & t.capital)[t.s_code])
    for i in i_list:
        if unit_of[i] >= 0:
            continue
        for words in by_first[t.base_lower[t.s_code[i]]]:
            last = i + len(words) - 1
            if _matches_name(t, i, words):
                if len(words) == 1 and not t.lemma_name[t.l_code[i]]:
                    continue
                name, kind = rules.names[words]
                add_unit(i, last, name, _NAME, True)
                break


def _matches_name(t: _Table, i: int, words: tuple[str, ...]) -> bool:
    for k, word in enumerate(words):
        j = i + k
        if k and not t.adjacent(j - 1):
            return False
        code = t.s_code[j]
        if not t.capital[code]:
            return False
        if k < len(words) - 1:
            if t.surface_lower[code] != word:
                return False
        elif t.base_lower[code] != word:
            return False
    return True


def _institutions(t: _Table, unit_of: np.ndarray, add_unit) -> None:
    """Institution names (rule 1): the words of a name run (:func:`toolkit.names.name_runs`) up to
    its last institution word (:func:`toolkit.names.is_head`) make one name when they are two
    words or more: *Yüksek Düzeyli Stratejik İşbirliği Konseyi'ne* → **Yüksek Düzeyli Stratejik
    İşbirliği Konseyi**; *Rusya Dışişleri Bakanlığı*, the Russian ministry, is one name too."""
    run = t.run
    heads = np.flatnonzero(run >= 0)
    if not len(heads):
        return
    memo: dict[tuple[int, int], bool] = {}
    for i in heads:
        key = (int(t.s_code[i]), int(t.l_code[i]))
        head = memo.get(key)
        if head is None:
            head = memo[key] = is_head(t.bases[t.s_code[i]], t.lemmas[t.l_code[i]])
        if not head or (i + 1 < t.n and run[i + 1] == run[i] and _later_head(t, run, i, memo)):
            continue
        first = i
        while first > 0 and run[first - 1] == run[i] and unit_of[first - 1] < 0:
            first -= 1
        if first < i and (unit_of[first:i + 1] < 0).all():
            add_unit(first, i, _name_of(t, list(range(first, i + 1))), _NAME, False)


def _later_head(t: _Table, run: np.ndarray, i: int, memo: dict) -> bool:
    """Whether an institution word follows token ``i`` in its name run."""
    j = i + 1
    while j < t.n and run[j] == run[i]:
        key = (int(t.s_code[j]), int(t.l_code[j]))
        if key not in memo:
            memo[key] = is_head(t.bases[t.s_code[j]], t.lemmas[t.l_code[j]])
        if memo[key]:
            return True
        j += 1
    return False


def _phrases(t: _Table, rules: TermRules, unit_of: np.ndarray, add_unit) -> None:
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for pattern in rules.phrases:
        by_first[pattern[0]].append(pattern)
    for patterns in by_first.values():
        patterns.sort(key=len, reverse=True)
    first_word = np.array([x in by_first for x in t.lemma_lower], dtype=bool)
    for i in np.flatnonzero(first_word[t.l_code]):
        if unit_of[i] >= 0:
            continue
        for pattern in by_first[t.lemma_lower[t.l_code[i]]]:
            last = i + len(pattern) - 1
            if last >= t.n or (unit_of[i:last + 1] >= 0).any():
                continue
            if all(t.lemma_lower[t.l_code[i + k]] == w and (k == 0 or _same_sentence(t, i + k - 1))
                   for k, w in enumerate(pattern)):
                add_unit(i, last, rules.phrases[pattern], _PHRASE, False)
                break


def _same_sentence(t: _Table, i: int) -> bool:
    """Token ``i + 1`` is the next word of token ``i``'s sentence."""
    j = i + 1
    return j < t.n and t.doc[j] == t.doc[i] and t.sentence[j] == t.sentence[i] and t.position[j] == t.position[i] + 1


def _name_runs(t: _Table, unit_of: np.ndarray, add_unit) -> None:
    """Name units from the name runs of :func:`toolkit.names.name_runs`: the words of a run that
    are name words, consecutive name words of one run making one name."""
    run = t.run
    in_run = run >= 0
    is_name = t.lemma_name[t.l_code] & in_run & (unit_of < 0)
    same_run = np.zeros(t.n, dtype=bool)  # token j is in the run of token j - 1
    same_run[1:] = in_run[1:] & (run[1:] == run[:-1])
    # A capitalised word right after a name word in its run, not a title, is the name's next
    # word even when lemma choice read it as a common word (Barack Obama: "oba" + -ma). So is
    # one right after a title (Başkan Obama, Başbakan Erdoğan).
    titled = np.array([x in t.titles for x in t.lemma_lower], dtype=bool)[t.l_code]
    not_name = np.array([x in t.titles or x in t.not_names for x in t.lemma_lower], dtype=bool)[t.l_code] \
        | np.array([x in t.not_names for x in t.lemmas], dtype=bool)[t.l_code]
    after = np.zeros(t.n, dtype=bool)
    after[1:] = is_name[:-1] | titled[:-1]
    is_name |= same_run & after & (unit_of < 0) & ~not_name
    idx = np.flatnonzero(is_name)
    if not len(idx):
        return
    linked = same_run[idx[1:]] & (np.diff(idx) == 1)
    runs: list[list[int]] = []
    current = [int(idx[0])]
    for k in range(1, len(idx)):
        if linked[k - 1]:
            current.append(int(idx[k]))
        else:
            runs.append(current)
            current = [int(idx[k])]
    runs.append(current)
    # Words that stand alone as a name somewhere in the article (or are known names there).
    alone: set[tuple[int, str]] = set()
    for run in runs:
        if len(run) == 1:
            alone.add((int(t.doc[run[0]]), t.lemmas[t.l_code[run[0]]]))
    pairs = Counter((int(t.doc[prev]), t.l_code[prev], t.l_code[cur]) for run in runs for prev, cur in zip(run, run[1:]))
    for run in runs:
        doc = int(t.doc[run[0]])
        parts: list[list[int]] = [[run[0]]]
        for prev, cur in zip(run, run[1:]):
            if (doc, t.lemmas[t.l_code[prev]]) in alone and (
                    (doc, t.lemmas[t.l_code[cur]]) in alone or pairs[doc, t.l_code[prev], t.l_code[cur]] < 2):
                parts.append([cur])
            else:
                parts[-1].append(cur)
        for k, part in enumerate(parts):
            if k and all(_common_word(t, i) for i in part):
                continue  # Rusya Devlet Başkanı: split off Rusya, devlet is an ordinary word
            add_unit(part[0], part[-1], _name_of(t, part), _NAME, False)


def _common_word(t: _Table, i: int) -> bool:
    """Token ``i`` is an ordinary word written with a capital: its lemma is lower case and is the
    word itself, without suffix (*Devlet*, not *Obama* read as *oba* + -ma)."""
    lemma = t.lemma_lower[t.l_code[i]]
    return not t.lemma_name[t.l_code[i]] and lemma == t.lemmas[t.l_code[i]] and lemma == t.base_lower[t.s_code[i]]


def _name_of(t: _Table, part: list[int]) -> str:
    """The canonical form of a name: a one-word name is its lemma; a longer one its words as
    written, without the suffix of the last (*Merkez Bankası'nın* → *Merkez Bankası*, where the
    lemma would be *Banka*), a word set in capitals given as lemma choice restyled it; a
    one-word name whose lemma lemma choice gave in lower case (*Obama* read as *oba*) as written."""
    if len(part) == 1:
        lemma = t.lemmas[t.l_code[part[0]]]
        return lemma if lemma[:1].isupper() else t.bases[t.s_code[part[0]]]
    words = []
    for i in part:
        base = t.bases[t.s_code[i]]
        words.append(t.lemmas[t.l_code[i]] if base.isupper() and len(base) > 1 and not
                     t.lemmas[t.l_code[i]].isupper() else base)
    return " ".join(words)


def _later_mentions(t: _Table, units: list[list], unit_of: np.ndarray) -> None:
    """One-word names counted under the longer name of the same article they shorten (rule 5)."""
    mentions: dict[int, Counter] = defaultdict(Counter)  # doc -> full name -> mentions
    known: dict[int, set[str]] = defaultdict(set)
    for first, last, term, k, is_known in units:
        if k == _NAME and last > first:
            mentions[int(t.doc[first])][term] += 1
            if is_known:
                known[int(t.doc[first])].add(term)
    for unit in units:
        first, last, term, k, is_known = unit
        if k != _NAME or last > first or is_known:
            continue
        doc = int(t.doc[first])
        full = [(n, name) for name, n in mentions.get(doc, {}).items()
                if name.split()[0] == term or name.split()[-1] == term]
        if not full:
            continue
        full.sort(reverse=True)
        if len(full) > 1 and (any(name in known[doc] for _, name in full) or full[0][0] < 2 * full[1][0]):
            continue
        unit[2] = full[0][1]


def unit_starts(tokens: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the rows that start a term: every ``lemma`` row, and the first word of
    each name or phrase (a row continues a unit when the row before it is the previous word of
    the same sentence with the same ``term`` and a kind other than ``lemma``)."""
    term = tokens["term"].cat.codes.to_numpy() if isinstance(tokens["term"].dtype, pd.CategoricalDtype) \
        else pd.factorize(tokens["term"])[0]
    unit = tokens["term_kind"].to_numpy() != "lemma"
    doc = tokens["doc_id"].cat.codes.to_numpy() if isinstance(tokens["doc_id"].dtype, pd.CategoricalDtype) \
        else pd.factorize(tokens["doc_id"])[0]
    sentence = tokens["sentence"].to_numpy()
    position = tokens["position"].to_numpy()
    cont = np.zeros(len(tokens), dtype=bool)
    if len(tokens) > 1:
        cont[1:] = (unit[1:] & unit[:-1] & (term[1:] == term[:-1]) & (doc[1:] == doc[:-1])
                    & (sentence[1:] == sentence[:-1]) & (position[1:] == position[:-1] + 1))
    return ~cont
