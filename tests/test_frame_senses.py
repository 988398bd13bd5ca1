"""Frame cues and the lemmas analyze() gives: verbal nouns, verb cues, light verbs and sense
words in every form, and the senses of the shipped lexicon (cases that must count and must not)."""

from __future__ import annotations

import pytest

import toolkit


def frames_of(text: str) -> list[tuple[str, str, str]]:
    hits = toolkit.analyze(text, cache=False).frame_hits()
    hits = hits[~hits["in_name"]]
    return list(zip(hits["frame"], hits["surface"], hits["negation"]))


@pytest.mark.parametrize("text, hit", [
    ("Liderler görüşmeyi sürdürdü.", ("diplomacy_cooperation", "görüşmeyi", "")),
    ("Putin Kim ile görüştü.", ("diplomacy_cooperation", "görüştü", "")),
    ("Ülkenin savunması güçlendirildi.", ("security_threat", "savunması", "")),
    ("Sözcü suçlamaları kesinlikle reddetti.", ("denial", "reddetti", "")),        # suçlama as a verbal noun
    ("Batı İran'ı cezalandırdı.", ("sanctions_pressure", "cezalandırdı", "")),      # ceza + -lAn + -DIr
    ("Halk endişe yaşamadığını söyledi.", ("concern_alarm", "endişe yaşamadığını", "verb")),  # a participle
    ("Taraflar müzakere etmeyeceklerini açıkladı.", ("diplomacy_cooperation", "müzakere etmeyeceklerini", "verb")),
])
def test_cues_match_the_lemmas_analyze_gives(text, hit):
    assert hit in frames_of(text)


@pytest.mark.parametrize("text, frame", [
    ("Taraflar arasında görüş birliğine varıldı.", "diplomacy_cooperation"),   # görüş "opinion", not görüş-
    ("Bakanın görüşü farklı.", "diplomacy_cooperation"),
    ("Avukat müvekkilinin savunmasını yaptı.", "security_threat"),             # a plea in court
])
def test_cues_do_not_match_another_word(text, frame):
    assert frame not in {f for f, _, _ in frames_of(text)}


def test_verbal_noun_lemmas_in_the_token_table():
    t = toolkit.analyze("Ülkenin savunması güçlendirildi. Bakanlığın açıklamasına göre görüş birliği var.",
                        cache=False).tokens
    lemmas = dict(zip(t["surface"], t["lemma"]))
    assert (lemmas["savunması"], lemmas["açıklamasına"], lemmas["görüş"]) == ("savunma", "açıklama", "görüş")
