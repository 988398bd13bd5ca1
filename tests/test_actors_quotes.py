"""Actors from name terms, and reported speech (direct quotes, -e göre), with what must not count."""

import pytest

import toolkit
from toolkit.quotes import QUOTE_COLUMNS


def test_actors_of_the_seed_are_names_with_kinds(seed_analysis):
    actors = seed_analysis.actors()
    assert list(actors.columns) == ["actor", "kind", "count", "documents"]
    rows = actors.set_index("actor")
    assert rows.at["Kuzey Kore", "kind"] == "country"
    assert rows.at["Kim Jong Un", "kind"] == "person"  # also mentioned as "Kim"
    assert rows.at["Vladimir Putin", "kind"] == "person"  # "Cumhurbaşkanı Vladimir Putin"
    assert rows.at["Moskova", "kind"] == "capital"
    assert rows.at["Kremlin", "kind"] == "organisation"
    assert not {"cumhurbaşkanı", "Cumhurbaşkanı", "Jong", "Un", "Kore Kuzey"} & set(rows.index)
    assert actors["count"].is_monotonic_decreasing


def test_titles_and_sentence_starts_are_not_actors():
    text = ("Başbakan Erdoğan yaptırım konusunda endişeli. Yeni kararlar açıklandı. "
            "Cumhurbaşkanı Putin ile görüştü.")
    names = set(toolkit.analyze(text).actors()["actor"])
    assert names == {"Erdoğan", "Putin"}


def test_actor_frames_uses_actors_by_default_and_finds_multiword_names():
    text = ("Lider Kim Jong Un yaptırımlardan endişe duyuyor. Kim Jong Un yaptırım tehdidine karşı uyardı. "
            "Putin ise iş birliği vurguladı.")
    a = toolkit.analyze(text)
    table = a.actor_frames(n_actors=2)
    assert set(table["actor"]) == {"Kim Jong Un", "Putin"}
    kim = table[table["actor"] == "Kim Jong Un"].set_index("frame")
    assert kim["contexts"].max() == 2  # two sentences, not one context per word of the name
    assert kim.at["concern_alarm", "hits"] >= 1


def test_quotes_finds_the_kcna_quote_in_the_seed(seed_analysis):
    q = seed_analysis.quotes()
    assert list(q.columns) == QUOTE_COLUMNS
    kcna = q[q["quote"].str.startswith("Resepsiyonun sonunda")]
    assert len(kcna) == 1
    row = kcna.iloc[0]
    assert row["kind"] == "direct" and "KCNA" in row["speaker"] and row["verb"] == "diye yazdı"
    text = seed_analysis.corpus[0].content
    assert text[row["start"]:row["end"]] == row["quote"] and row["quote"].endswith("teyit etti")
    assert "diplomacy_cooperation" in row["frames"].split("|")


@pytest.mark.parametrize(("text", "speaker", "verb", "quote"), [
    ('Bakan Çavuşoğlu, "Bu karar yanlıştır." dedi.', "Çavuşoğlu", "dedi", "Bu karar yanlıştır."),
    ('Dün konuşan Erdoğan, "Yaptırımlar işe yaramaz" diye konuştu.', "Erdoğan", "diye konuştu",
     "Yaptırımlar işe yaramaz"),
    ('Putin şu şekilde konuştu: "Biz barışçıl bir ülkeyiz."', "Putin", "konuştu", "Biz barışçıl bir ülkeyiz."),
    ('Rusya Devlet Başkanı, “İlişkilerimiz gelişiyor” açıklamasında bulundu.', "Rusya Devlet Başkanı",
     "açıklamasında bulundu", "İlişkilerimiz gelişiyor"),
])
def test_direct_quotes_with_a_speech_verb(text, speaker, verb, quote):
    q = toolkit.analyze(text).quotes()
    assert q[["kind", "speaker", "verb", "quote"]].values.tolist() == [["direct", speaker, verb, quote]]


@pytest.mark.parametrize("text", [
    'Erdoğan gelişmeleri "karalama kampanyası" olarak tanımladı.',  # scare quote, no speech verb
    '"YOLSUZLUK BİR TÜRK HASTALIĞI" başlıklı yazı dikkat çekti.',  # a headline in quotes
    'Erdoğan, "barış" dedi.',  # one word in quotes
    'Bakan "Bu iş bitti" cümlesini hatırladı. Sonra herkes dedi ki gidelim.',  # the verb is in the next sentence
])
def test_quotation_marks_without_speech_are_not_quotes(text):
    assert toolkit.analyze(text).quotes().query("kind == 'direct'").empty


def test_according_to_needs_a_name_or_a_source():
    q = toolkit.analyze("Kuzey Kore devlet ajansına göre Putin daveti kabul etti. "
                        "Buna göre toplantı yarın yapılacak. Plana göre askerler çekilecek.").quotes()
    assert q["kind"].tolist() == ["according_to"]
    assert q.iloc[0]["quote"] == "Putin daveti kabul etti"
    assert q.iloc[0]["speaker"] == "Kuzey Kore devlet ajansı"  # out of the dative, as a reader names it
    named = toolkit.analyze("Dün KCNA'ya göre Kim yeni bir füze denedi.").quotes()
    assert named[["speaker", "quote"]].values.tolist() == [["KCNA", "Kim yeni bir füze denedi"]]


@pytest.mark.parametrize("source, speaker", [
    ("İsrail basınına", "İsrail basını"), ("Gazeteye", "Gazete"), ("Diplomatik kaynaklara", "Diplomatik kaynaklar"),
    ("Edinilen bilgiye", "Edinilen bilgi"), ("Çin medyasının haberlerine", "Çin medyasının haberleri"),
    ("Yerel basına", "Yerel basın"), ("Resmi kaynağa", "Resmi kaynak"),
    # a headline in capitals that the text runs into the sentence is no part of the source
    ("İRAN PAKETİNİN DETAYLARINI ANLATTI Diplomatik kaynaklara", "Diplomatik kaynaklar"),
])
def test_the_source_of_according_to_is_named_out_of_the_dative(source, speaker):
    q = toolkit.analyze(f"{source} göre İran yeni bir teklif sundu.").quotes()
    assert q[["kind", "speaker", "quote"]].values.tolist() == [["according_to", speaker, "İran yeni bir teklif sundu"]]


def test_quotes_of_a_text_without_any():
    q = toolkit.analyze("Bugün hava güzel.").quotes()
    assert q.empty and list(q.columns) == QUOTE_COLUMNS


def test_a_speech_verb_of_two_words_is_given_whole():
    q = toolkit.analyze('Bakan Kim, ilişkiler konusunda "derin endişesini" dile getirdi.').quotes()
    assert q[["speaker", "verb"]].values.tolist() == [["Kim", "dile getirdi"]]
