"""Regression tests for each zeyrek 0.1.3 defect the wrapper fixes."""

import json
import logging
import os
import subprocess
import sys

import pytest

from toolkit.morphology import Morphology

WORDS = ["olup", "yapan", "olmak", "yapacak", "olup", "yapan", "yaptırımları", "bakanı", "içişleri",
         "yakından", "etti", "endişesiyle", "kaldırıp", "uygulamakta", "getirdi", "reddine", "hakkında"]


@pytest.fixture(scope="module")
def morph():
    return Morphology()


def verb_lemmas(readings):
    return {r.lemma for r in readings if r.root_pos == "Verb"}


def test_state_bug_olup_keeps_its_verb_reading_after_olmak(morph):
    raw = morph.analyzer.analyze  # below the memo: every call runs zeyrek's search again
    olup, yapan = raw("olup"), raw("yapan")
    raw("olmak")
    raw("yapacak")
    assert raw("olup") == olup and raw("yapan") == yapan
    assert verb_lemmas(morph.analyze("olup")) == {"olmak"}
    assert verb_lemmas(morph.analyze("yapan")) == {"yapmak"}


def test_results_do_not_depend_on_what_came_before(morph):
    forward = {w: morph.analyzer.analyze(w) for w in WORDS}
    backward = {w: morph.analyzer.analyze(w) for w in reversed(WORDS)}
    assert forward == backward


def test_readings_are_sorted_and_distinct(morph):
    readings = morph.analyze("yaptırımları")
    assert len(set(readings)) == len(readings) >= 2
    keys = [(len(r.morphemes), r.lemma, r.pos, r.morphemes, r.root) for r in readings]
    assert keys == sorted(keys)
    assert {r.lemma for r in readings} == {"yaptırım"}


_SCRIPT = """
import json, sys
from toolkit.morphology import Morphology
m = Morphology()
print(json.dumps({w: [[r.lemma, r.pos, list(r.morphemes)] for r in m.analyze(w)] for w in sys.argv[1:]}))
"""


def _run(seed: str, nltk_dir: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NLTK_DATA": nltk_dir}
    out = subprocess.run([sys.executable, "-c", _SCRIPT, *WORDS], env=env, capture_output=True, text=True, check=True)
    assert out.stderr == ""  # quiet: zeyrek's per-word WARNING lines do not reach the user
    return json.loads(out.stdout)


def test_same_readings_under_two_hash_seeds_without_nltk_data(tmp_path):
    # An empty NLTK_DATA: zeyrek's analyze() would raise LookupError('punkt_tab') here.
    first, second = _run("1", str(tmp_path)), _run("4242", str(tmp_path))
    assert first == second
    assert first["yapacak"]  # and the analysis did run
    # Root attributes applied in declaration order: ret (Voicing + Doubling) → redd, under any seed.
    assert "ret" in {lemma for lemma, _, _ in first["reddine"]}


def test_zeyrek_stays_quiet_in_process(morph, caplog):
    with caplog.at_level(logging.DEBUG):
        morph.analyze("görüşmelerinin")
    assert not [r for r in caplog.records if r.name.startswith("zeyrek")]


def test_each_form_is_analysed_once(morph, monkeypatch):
    morph.analyze("dostluklarına")
    monkeypatch.setattr(morph.analyzer, "analyze", lambda word: pytest.fail(f"re-analysed {word}"))
    assert morph.analyze("dostluklarına")


def test_unknown_and_non_words_have_no_readings(morph):
    assert morph.analyze("xqzvbnm") == ()
    assert morph.analyze("1948") == ()
    assert morph.analyze("") == ()


def test_readings_remembered_as_json_are_decoded_only_when_asked(morph, monkeypatch):
    from toolkit import morphology as m

    readings = morph.analyze("yaptırımları")
    other = Morphology()
    calls = []
    decode = m.readings_from_json
    monkeypatch.setattr(m, "readings_from_json", lambda text: calls.append(text) or decode(text))
    other.remember("yaptırımları", m.readings_to_json(readings))
    other.remember("hakkında", m.readings_to_json(morph.analyze("hakkında")))
    assert calls == []  # remembered, not decoded
    assert other.knows("hakkında") and not other.knows("yapan")
    assert other.known_json("hakkında") == m.readings_to_json(morph.analyze("hakkında"))  # handed on as text
    assert other.known_json("yapan") is None
    assert calls == []
    assert other.known("yaptırımları") == readings
    assert other.analyze("yaptırımları") == readings  # decoded once, then kept as readings
    assert len(calls) == 1
    assert not other.is_built  # nothing analysed


def test_a_form_analysed_without_keeping_is_not_kept():
    m = Morphology()
    readings = m.analyze("kitaplarımız", keep=False)
    assert readings and not m.knows("kitaplarımız")
    assert m.analyze("kitaplarımız") == readings and m.knows("kitaplarımız")


def test_decoded_readings_share_equal_strings_and_tuples():
    from toolkit.morphology import readings_from_json, readings_to_json

    text = readings_to_json(Morphology().analyze("kitaplarımız"))
    a, b = readings_from_json(text), readings_from_json(text)
    assert a == b
    assert all(x.morphemes is y.morphemes and x.lemma is y.lemma and x.pos is y.pos for x, y in zip(a, b))


def test_recording_collects_every_form_asked_in_the_block_only():
    m = Morphology()
    for form in ("kedi", "köpek", "kuş"):
        m.remember(form, ())
    m.analyze("kuş")
    with m.recording() as outer:
        m.analyze("kedi")
        with m.recording() as inner:
            m.analyze_many(["köpek", "kedi"])
    m.analyze("kuş")
    assert inner == {"köpek", "kedi"} and outer == {"kedi", "köpek"}
