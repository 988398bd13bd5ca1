"""Turkish text layer: casing, normalisation, apostrophes, sentences, tokens and offsets."""

import pytest

from toolkit.text import (
    normalize, sentences, strip_circumflex, tokenize, turkish_lower, turkish_title, turkish_upper, unshout,
    written_in_capitals,
)


@pytest.mark.parametrize(
    ("upper", "lower"),
    [("IĞDIR", "ığdır"), ("İSTANBUL", "istanbul"), ("ISPARTA", "ısparta"), ("İLGİLİ HABERLER", "ilgili haberler"), ("ŞÇÖÜĞ", "şçöüğ")],
)
def test_turkish_casing_round_trips(upper, lower):
    assert turkish_lower(upper) == lower
    assert turkish_upper(lower) == upper


def test_turkish_title_dots_the_capital_i():
    assert turkish_title("istanbul") == "İstanbul"
    assert turkish_title("ırak") == "Irak"


def test_plain_python_casing_would_be_wrong_here():
    # The reason the module exists: str.lower() turns İ into i + combining dot and I into i.
    assert "İ".lower() != turkish_lower("İ")
    assert "I".lower() != turkish_lower("I")


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "ʼ", "`", "´"])
def test_every_apostrophe_variant_reads_as_one(apostrophe):
    text = normalize(f"Putin{apostrophe}i")
    assert text == "Putin'i"
    (tok,) = tokenize(text)
    assert (tok.base, tok.suffix) == ("Putin", "i")


def test_normalize_is_nfc_and_idempotent():
    decomposed = "S\u0327o\u0308z\u0308cu\u0308"  # Şözcü with combining marks
    once = normalize(decomposed + "\r\nİ\u0307")
    assert once == normalize(once)
    assert "\r" not in once and "\u0327" not in once


def test_strip_circumflex():
    assert strip_circumflex("hâlâ kâğıt") == "hala kağıt"


@pytest.mark.parametrize(
    ("word", "base", "suffix"),
    [("Putin’i", "Putin", "i"), ("KCNA'ya", "KCNA", "ya"), ("Kremlin'den", "Kremlin", "den"),
     ("1948'de", "1948", "de"), ("Young-ho", "Young-ho", ""), ("yaptırımların", "yaptırımların", "")],
)
def test_apostrophe_suffix_is_split_off(word, base, suffix):
    (tok,) = tokenize(normalize(word))
    assert (tok.base, tok.suffix) == (base, suffix)


def test_offsets_map_back_to_the_text():
    text = normalize("Kim Young-ho, 10 Eylül 2023'te \"derin endişesini\" dile getirdi; ABD'den 3,5 milyon $ yardım.")
    toks = tokenize(text)
    assert [t.surface for t in toks] == [
        "Kim", "Young-ho", "10", "Eylül", "2023'te", "derin", "endişesini", "dile", "getirdi",
        "ABD'den", "3,5", "milyon", "yardım",
    ]
    assert all(text[t.start:t.end] == t.surface for t in toks)


def test_sentences_survive_abbreviations_and_numbers():
    text = "Dr. Ahmet Bey 1. Dünya Savaşı'nı anlattı. ABD ve BM yetkilileri 10.000 kişiyle görüştü. Sonra döndü."
    assert sentences(text) == [
        "Dr. Ahmet Bey 1. Dünya Savaşı'nı anlattı.",
        "ABD ve BM yetkilileri 10.000 kişiyle görüştü.",
        "Sonra döndü.",
    ]


def test_each_line_is_its_own_sentence():
    # Headlines carry no full stop.
    text = "Kim Putin'i davet etti\nBatı endişeli\n\nABD'den uyarı geldi."
    assert [t.sentence for t in tokenize(text)] == [0, 0, 0, 0, 1, 1, 2, 2, 2]


def test_positions_restart_in_each_sentence():
    toks = tokenize("Bir iki. Üç dört beş.")
    assert [(t.sentence, t.position) for t in toks] == [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)]


def test_punctuation_only_and_empty_texts_have_no_tokens():
    assert tokenize("") == []
    assert tokenize("... !!! ?? — «»") == []


def test_words_set_in_capitals_are_read_as_sentence_starts():
    tokens = tokenize("Milliyet yazdı. RUSYA'NIN STRATEJİK HEDEFİ MODERNLEŞME dedi")
    read = unshout([t for t in tokens if t.sentence == 1])
    assert [t.surface for t in read] == ["Rusya'nın", "Stratejik", "Hedefi", "Modernleşme", "dedi"]
    assert [t.base for t in read[:2]] == ["Rusya", "Stratejik"] and read[0].suffix == "nın"
    assert [t.position for t in read] == [0, 0, 0, 0, 4]
    assert [(t.start, t.end) for t in read] == [(t.start, t.end) for t in tokens[2:]]  # offsets kept


@pytest.mark.parametrize("text", [
    "BM NATO AB toplantısı",  # acronyms side by side: all short
    "ABD ve AB ile görüştü",  # acronyms between ordinary words
    "KAHİRE - Mısır",  # one word in capitals (a dateline, an acronym) is left alone
    "IRAK 10 HABER",  # a number breaks a run
])
def test_acronyms_and_single_capitalised_words_are_left_as_written(text):
    tokens = tokenize(text)
    assert unshout(tokens) == tokens


def test_acronyms_are_the_capitalised_words_written_outside_headline_runs():
    text = "ABD'DEN İRAN'A YENİ YAPTIRIM\nABD'nin kararı BM ve AB ile görüşüldü. KAHİRE - Mısır"
    assert written_in_capitals(text) == {"ABD", "BM", "AB", "KAHİRE"}
    first = [t for t in tokenize(text) if t.sentence == 0]
    assert [t.surface for t in unshout(first, written_in_capitals(text))] == ["ABD'DEN", "İran'a", "Yeni", "Yaptırım"]
    plain = tokenize("ABD'nin kararı")
    assert unshout(plain, lambda: pytest.fail("asked for acronyms without a run")) is plain
