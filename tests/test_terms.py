"""Multiword terms: each unit rule of toolkit.terms, with the cases it must not join."""

import pandas as pd
import pytest

import toolkit
from conftest import SEED
from toolkit.terms import TermRules, default_rules, term_columns, unit_starts


def terms_of(text: str) -> list[tuple[str, str, str]]:
    """(surface, term, term_kind) of each word of ``text``."""
    t = toolkit.analyze(text).tokens
    return list(zip(t["surface"].astype(str), t["term"].astype(str), t["term_kind"].astype(str)))


def term_of(text: str, surface: str) -> tuple[str, str]:
    found = [(term, kind) for s, term, kind in terms_of(text) if s == surface]
    assert found, f"{surface!r} not a word of {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "surface", "term"), [
    ("Heyet dün Kuzey Kore'ye gitti.", "Kore'ye", "Kuzey Kore"),
    ("Heyet dün Kuzey Kore'ye gitti.", "Kuzey", "Kuzey Kore"),
    ("Lider Kim Jong Un'un açıklaması bekleniyor.", "Jong", "Kim Jong Un"),
    ("Lider Kim Jong Un'un açıklaması bekleniyor.", "Un'un", "Kim Jong Un"),
    ("Konuyu Birleşmiş Milletler ele aldı.", "Milletler", "Birleşmiş Milletler"),
    ("Saldırıyı El Kaide üstlendi.", "El", "El Kaide"),
    ("Dün Recep Tayyip Erdoğan'ın konuşması vardı.", "Tayyip", "Recep Tayyip Erdoğan"),
])
def test_proper_name_sequences_are_one_term_with_the_suffix_only_on_the_last_word(text, surface, term):
    assert term_of(text, surface) == (term, "name")


def test_a_suffix_before_the_last_word_ends_the_name():
    # "Kuzey'in Kore" is not the name Kuzey Kore; "Putin'i Kremlin" not one name either
    assert term_of("Dün Putin'i Kremlin ziyaret etti.", "Putin'i") == ("Putin", "name")
    assert term_of("Dün Putin'i Kremlin ziyaret etti.", "Kremlin") == ("Kremlin", "name")


def test_punctuation_between_capitalised_words_keeps_them_apart():
    assert term_of("Toplantıya Putin, Erdoğan ve Biden katıldı.", "Putin") == ("Putin", "name")
    assert term_of("Toplantıya Putin, Erdoğan ve Biden katıldı.", "Erdoğan") == ("Erdoğan", "name")


@pytest.mark.parametrize(("text", "surface", "term"), [
    ("Liderler biraraya geldi.", "biraraya", "bir araya gelmek"),
    ("Liderler bir araya geldi.", "araya", "bir araya gelmek"),
    ("Bir araya gelen liderler konuştu.", "Bir", "bir araya gelmek"),
    ("İki ülke işbirliğini artıracak.", "işbirliğini", "iş birliği"),
    ("İki ülke iş birliğini artıracak.", "iş", "iş birliği"),
    ("Rapor insan haklarını ele alıyor.", "haklarını", "insan hakları"),
    ("Bakan endişesini dile getirdi.", "getirdi", "dile getirmek"),
])
def test_fixed_expressions_have_one_spelling(text, surface, term):
    assert term_of(text, surface) == (term, "phrase")


def test_words_of_a_fixed_expression_apart_are_not_it():
    assert term_of("Bu ara geldi.", "geldi") == ("gelmek", "lemma")
    assert term_of("İşçiler iş için geldi.", "iş") == ("iş", "lemma")


@pytest.mark.parametrize(("text", "title", "name"), [
    ("Rusya Cumhurbaşkanı Putin konuştu.", "Cumhurbaşkanı", "Putin"),
    ("Dün Başbakan Erdoğan konuştu.", "Başbakan", "Erdoğan"),
    ("Başbakan Erdoğan konuştu.", "Başbakan", "Erdoğan"),
])
def test_titles_stay_apart_from_the_name(text, title, name):
    assert term_of(text, title) == (title.replace("C", "c").replace("B", "b"), "lemma")
    assert term_of(text, name) == (name, "name")


def test_sentence_start_capitals_do_not_glue_ordinary_words_into_names():
    rows = terms_of("Yeni kararlar açıklandı. Bazı Bakanlar itiraz etti.")
    assert all(kind == "lemma" for _, _, kind in rows)
    assert ("Yeni", "yeni", "lemma") in rows


def test_headlines_in_capitals_do_not_glue_ordinary_words_into_names():
    rows = terms_of("RUSYA'NIN STRATEJİK HEDEFİ BELLİ OLDU\nRusya yeni bir plan açıkladı.")
    by_surface = {s: (term, kind) for s, term, kind in rows}
    assert by_surface["STRATEJİK"] == ("stratejik", "lemma")
    assert by_surface["HEDEFİ"] == ("hedef", "lemma")
    assert by_surface["RUSYA'NIN"] == ("Rusya", "name")


def test_two_names_that_each_stand_alone_are_not_glued():
    text = "Dün Kim Putin'i davet etti. Kim'in mektubu geldi. Putin'in yanıtı bekleniyor."
    assert term_of(text, "Kim") == ("Kim", "name")
    assert term_of(text, "Putin'i") == ("Putin", "name")


def test_a_later_mention_by_part_of_the_name_counts_under_the_full_name():
    text = ("Lider Kim Jong Un dün konuştu. Konuşmada Kim Jong Un barış dedi. "
            "Kim'in sözleri yankı uyandırdı. Başkan Barack Obama yanıt verdi. Obama'nın yanıtı sertti.")
    assert term_of(text, "Kim'in") == ("Kim Jong Un", "name")
    assert term_of(text, "Obama'nın") == ("Barack Obama", "name")


def test_a_later_mention_is_not_taken_for_a_name_of_another_article():
    corpus = toolkit.Corpus([
        toolkit.Article(id="a", text="Lider Kim Jong Un dün konuştu. Konuşmada Kim Jong Un barış dedi."),
        toolkit.Article(id="b", text="Sonra Kim'in sözleri yankı uyandırdı."),
    ])
    t = toolkit.analyze(corpus).tokens
    row = t[t["surface"].astype(str) == "Kim'in"]
    assert row["term"].astype(str).tolist() == ["Kim"]


def test_a_word_shared_by_two_known_names_stays_as_written():
    text = "Kuzey Kore ile Güney Kore görüştü. Kore'de gerginlik sürüyor."
    assert term_of(text, "Kore'de") == ("Kore", "name")


def test_term_frequencies_count_a_unit_once_and_only_content_words(seed_analysis):
    f = seed_analysis.term_frequencies()
    assert list(f.columns) == ["term", "kind", "count", "per_10k", "documents"]
    rows = f.set_index("term")
    assert 20 <= rows.at["Kuzey Kore", "count"] <= 23
    assert rows.at["Kuzey Kore", "kind"] == "name"
    assert "Kim Jong Un" in rows.index
    assert not {"Jong", "Un", "Kuzey", "Vladimir"} & set(rows.index)
    assert {"endişe", "yaptırım"} <= set(rows.index)
    assert not {"yapmak", "vermek", "söylemek", "etmek", "gelmek"} & set(rows.index)  # verbs and light verbs


def test_term_frequencies_options(seed_analysis):
    names = seed_analysis.term_frequencies(kinds=["name"])
    assert set(names["kind"]) == {"name"}
    verbs = seed_analysis.term_frequencies(kinds=["lemma"], pos=["Verb"])
    assert "yapmak" not in set(verbs["term"])
    assert "yapmak" in set(seed_analysis.term_frequencies(kinds=["lemma"], pos=["Verb"], light_verbs=True)["term"])
    with pytest.raises(ValueError, match="Unknown term kind 'names'"):
        seed_analysis.term_frequencies(kinds=["names"])


def test_lemma_frequencies_are_unchanged_by_terms(seed_analysis):
    lemmas = seed_analysis.lemma_frequencies().set_index("lemma")
    assert {"Kuzey", "Kore", "Jong"} <= set(lemmas.index)


def test_term_columns_on_a_table_of_plain_strings_match_the_categorical_one(seed_analysis):
    t = seed_analysis.tokens
    texts = {a.id: a.content for a in seed_analysis.corpus}
    plain = t.astype({c: str for c in ["doc_id", "surface", "lemma"]})
    term, kind = term_columns(plain, texts)
    assert list(term.astype(str)) == list(t["term"].astype(str))
    assert list(kind.astype(str)) == list(t["term_kind"].astype(str))


def test_unit_starts_marks_the_first_word_of_each_unit():
    t = toolkit.analyze("Heyet Kuzey Kore'ye gitti.").tokens
    assert list(unit_starts(t)) == [True, True, False, True]


def test_rules_can_be_given():
    rules = default_rules()
    mine = TermRules(names={**rules.names, ("mavi", "ada"): ("Mavi Ada", "city")}, phrases=rules.phrases,
                     not_names=rules.not_names, light_verbs=rules.light_verbs)
    t = toolkit.analyze("Gemi dün Mavi Ada'ya vardı.").tokens
    term, kind = term_columns(t, rules=mine)
    assert list(pd.Series(term.astype(str))[[2, 3]]) == ["Mavi Ada", "Mavi Ada"]


def test_an_empty_table_gets_empty_term_columns():
    t = toolkit.analyze("!!! ...").tokens
    assert len(t) == 0 and {"term", "term_kind"} <= set(t.columns)


def test_a_name_of_several_words_is_written_as_in_the_text_without_the_last_suffix():
    assert term_of("Dün Türkiye Cumhuriyet Merkez Bankası'nın kararı açıklandı.", "Bankası'nın")[0].endswith(
        "Merkez Bankası")


def test_term_columns_are_the_same_from_the_cache_and_without_it(seed_analysis):
    fresh = toolkit.analyze(toolkit.load_corpus(SEED), cache=False)
    cached = toolkit.analyze(toolkit.load_corpus(SEED))
    for a in (fresh, cached):
        pd.testing.assert_series_equal(a.tokens["term"].astype(str), seed_analysis.tokens["term"].astype(str))
        pd.testing.assert_series_equal(a.tokens["term_kind"].astype(str), seed_analysis.tokens["term_kind"].astype(str))


def test_a_hyphenated_word_ends_a_name_but_never_opens_one():
    assert term_of("Dün Kim Jong-un konuştu. Sonra Kim Jong-un uyardı.", "Jong-un") == ("Kim Jong-un", "name")
    assert term_of("Dün Rusya-Kuzey Kore dostluğu övüldü.", "Rusya-Kuzey")[0] == "Rusya-Kuzey"


def test_a_capitalised_word_after_a_name_continues_it_but_not_a_title_or_a_headline_word():
    assert term_of("Dün Başkan Joe Biden yanıt verdi.", "Biden") == ("Joe Biden", "name")
    assert term_of("Dün Putin Cumhurbaşkanı olarak konuştu.", "Cumhurbaşkanı")[1] == "lemma"
    assert term_of("Dün Putin SERT BİR DİL KULLANDI", "SERT")[1] == "lemma"


def test_a_capitalised_word_after_a_title_is_a_name_unless_it_qualifies_the_title():
    assert term_of("Dün Başkan Obama konuştu.", "Obama") == ("Obama", "name")
    assert term_of("Dün Bakan Yardımcısı konuştu.", "Yardımcısı")[1] == "lemma"


@pytest.mark.parametrize(("text", "surface", "term"), [
    ("Türkiye, Yüksek Düzeyli Stratejik İşbirliği Konseyi'ne katıldı.", "İşbirliği",
     "Yüksek Düzeyli Stratejik İşbirliği Konseyi"),
    ("Dün Rusya Dışişleri Bakanlığı açıklama yaptı.", "Rusya", "Rusya Dışişleri Bakanlığı"),
    ("Merkez Bankası faizi artırdı.", "Merkez", "Merkez Bankası"),
    ("Avrupa Yatırım Bankası kredi verdi.", "Yatırım", "Avrupa Yatırım Bankası"),
])
def test_an_institution_is_one_name_up_to_its_head_word(text, surface, term):
    assert term_of(text, surface) == (term, "name")


def test_words_after_an_institution_head_are_not_part_of_it():
    text = "Dışişleri Bakanlığı Sözcüsü Maria Zaharova konuştu."
    assert term_of(text, "Bakanlığı") == ("Dışişleri Bakanlığı", "name")
    assert term_of(text, "Zaharova") == ("Maria Zaharova", "name")
    assert term_of(text, "Sözcüsü")[1] == "lemma"


@pytest.mark.parametrize(("text", "surface", "term"), [
    ("Dün Rusya Devlet Başkanı Vladimir Putin konuştu.", "Devlet", "devlet"),
    ("Toplantıya Maliye Bakanı Mehmet Şimşek katıldı.", "Maliye", "maliye"),
    ("Toplantıya Savunma Bakanı Hulusi Akar katıldı.", "Savunma", "savunma"),
])
def test_an_ordinary_word_before_a_title_names_the_office_not_a_person(text, surface, term):
    assert term_of(text, surface) == (term, "lemma")


def test_a_name_before_a_title_stays_a_name():
    assert term_of("Dün Rusya Devlet Başkanı Vladimir Putin konuştu.", "Rusya") == ("Rusya", "name")
    assert term_of("Dün Rusya Devlet Başkanı Vladimir Putin konuştu.", "Putin") == ("Vladimir Putin", "name")


def test_words_of_a_title_case_headline_are_no_names():
    text = "Kuzey Kore Lideri Kim Putin'i Davet Etti"
    assert term_of(text, "Davet") == ("davet", "lemma")
    assert term_of(text, "Etti")[1] == "lemma"
    assert term_of(text, "Kore")[0] == "Kuzey Kore"
