"""``QuietAnalyzer`` gives exactly the readings of zeyrek's own ``RuleBasedAnalyzer``.

The reference is stock zeyrek code (its ``analyze``/``search``/``advance``, logging and all)
with only the state bug removed: no attribute set shared between calls or paths is ever
changed. ``calculate_phonetic_attributes`` returns a fresh set each call (zeyrek changes the
``lru_cache``'s own), and a search path hands out a copy of its attribute set each time it is
read (zeyrek changes the path's own set when a suffix consumes the rest of the word — which
is the stem transition's set for a bare stem — where Zemberek, which zeyrek ports, copies
it). Both analyzers run on the same morphotactics graph.
"""

import logging

import pytest
import zeyrek.morphotactics as morphotactics_module
import zeyrek.rulebasedanalyzer as stock
from zeyrek.morphotactics import SearchPath

from toolkit.tokens import distinct_forms
from toolkit.corpus import load_corpus
from toolkit.morphology import _build_analyzer
from toolkit.zeyrek_search import QuietAnalyzer, as_reading

from conftest import DEMO

# Words the state bug, the stem-attribute bug or an irregular stem once broke.
TRICKY = ["olup", "yapan", "olmak", "yapacak", "adı", "gözü", "kapan", "kayıp", "kurun", "ödün",
          "bana", "sana", "diyor", "yiyor", "içeri", "birbirine", "çoğu", "hakkı", "şehre", "gitti"]


def word_list(n: int = 300) -> list[str]:
    """``n`` varied word forms: the tricky ones, then an even sample of the demo corpus's alphabetic forms."""
    forms = sorted({f for a in load_corpus(DEMO) for f in distinct_forms(a.content) if f.isalpha()} - set(TRICKY))
    step = len(forms) / (n - len(TRICKY))
    return TRICKY + [forms[int(i * step)] for i in range(n - len(TRICKY))]


class CopyOnReadPath(SearchPath):
    """A zeyrek search path whose attribute set cannot be changed through what it hands out."""

    @property
    def phonetic_attributes(self):
        return set(self._attributes)

    @phonetic_attributes.setter
    def phonetic_attributes(self, value):
        self._attributes = value


@pytest.fixture(scope="module")
def morphotactics():
    return _build_analyzer().morphotactics


def readings(analyses) -> set:
    return {as_reading(a) for a in analyses}


def test_quiet_analyzer_equals_stock_zeyrek_without_the_state_bug(morphotactics, monkeypatch):
    words = word_list()
    assert len(set(words)) == len(words) == 300
    shared = stock.calculate_phonetic_attributes
    monkeypatch.setattr(stock, "calculate_phonetic_attributes", lambda w, p=None: set(shared(w, p)))
    monkeypatch.setattr(stock, "SearchPath", CopyOnReadPath)
    monkeypatch.setattr(morphotactics_module, "SearchPath", CopyOnReadPath)
    monkeypatch.setattr(stock.logger, "disabled", True)  # its f-strings are still built, as shipped
    reference = stock.RuleBasedAnalyzer(morphotactics)
    quiet = QuietAnalyzer(morphotactics)
    expected = {w: readings(reference.analyze(w)) for w in words}
    got = {w: readings(quiet.analyze(w)) for w in words}
    assert {w for w in words if got[w] != expected[w]} == set()
    assert sum(1 for w in words if got[w]) > 250  # the comparison covered analysed words, not misses


def test_quiet_analyzer_results_do_not_depend_on_order(morphotactics):
    words = word_list()[:120]
    forward = {w: readings(QuietAnalyzer(morphotactics).analyze(w)) for w in words}
    analyzer = QuietAnalyzer(morphotactics)
    backward = {w: readings(analyzer.analyze(w)) for w in reversed(words)}
    assert forward == backward


def stem_families() -> list[str]:
    """The demo corpus's alphabetic forms that start like some very productive stems (many
    forms share each search path), with words that end on a ``HasTail`` transition (an
    adjective, a numeral or a pronoun read bare or with suffixes)."""
    forms = {f for a in load_corpus(DEMO) for f in distinct_forms(a.content) if f.isalpha()}
    starts = ("yap", "ol", "kar", "ver", "de", "bak", "iki", "gü", "ba", "ön")
    family = {f for f in forms if f.startswith(starts)}
    return sorted(family | set(TRICKY) | {"güzel", "güzeller", "güzelim", "iki", "ikiler", "ikisi", "ben", "bende",
                                          "bendeki", "o", "onlar", "onlardaki", "ha", "ya"})


def test_searching_words_together_gives_each_word_its_own_readings(morphotactics):
    words = stem_families()
    assert len(words) > 700
    analyzer = QuietAnalyzer(morphotactics)
    alone = {w: readings(analyzer.analyze(w)) for w in words}
    together = QuietAnalyzer(morphotactics).analyze_many(words)
    assert set(together) == set(words)
    assert {w for w in words if readings(together[w]) != alone[w]} == set()
    assert sum(1 for w in words if alone[w]) > 0.9 * len(words)
    # in any batch, in any order: a word's readings do not depend on the others searched with it
    shuffled = sorted(words, key=lambda w: w[::-1])[:400]
    mixed = analyzer.analyze_many(shuffled)
    assert {w for w in shuffled if readings(mixed[w]) != alone[w]} == set()


def test_a_batch_zeyrek_fails_on_is_analysed_word_by_word(morphotactics, monkeypatch):
    analyzer = QuietAnalyzer(morphotactics)
    words = TRICKY[:8]
    expected = {w: readings(analyzer.analyze(w)) for w in words}

    def fails(batch):
        raise ValueError("a surface zeyrek cannot make")

    monkeypatch.setattr(analyzer, "_analyze_together", fails)
    got = analyzer.analyze_many(words)
    assert {w: readings(a) for w, a in got.items()} == expected


def test_the_transitions_that_read_the_rest_of_the_word_are_found(morphotactics):
    """The batch search tries a ``HasTail`` transition apart for words that end and words that go
    on; that needs ``_reads_tail`` to find the condition inside zeyrek's combined conditions."""
    from toolkit.zeyrek_search import _reads_tail

    # every suffix state of this morphotactics graph: those its stems lead to, and onwards
    stems = morphotactics.stem_transitions
    todo = [t.to_ for t in stems.single_stems.values()] + [t.to_ for ts in stems.multi_stems.values() for t in ts]
    states = {}
    while todo:
        state = todo.pop()
        if id(state) not in states:
            states[id(state)] = state
            todo.extend(t.to_ for t in state.outgoing)
    assert len(states) > 200
    found = {(t.from_.id_, t.to_.id_) for state in states.values() for t in state.outgoing if _reads_tail(t.condition)}
    assert {("adjectiveRoot_ST", "adjZeroDeriv_S"), ("nom_ST", "nounZeroDeriv_S"),
            ("numeralRoot_ST", "numZeroDeriv_S"), ("pDat_ST", "pronZeroDeriv_S")} <= found
    assert len(found) < 40  # a handful, not every transition
