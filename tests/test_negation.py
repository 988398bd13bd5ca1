"""Negation rules one by one (toolkit.negation), on sentences written to probe each, with the
cases each rule must leave alone."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.lexicon import Lexicon

LEXICON = Lexicon.from_dict({
    "light_verbs": ["et-", "duy-", "uygula-", "ol-"],
    "frames": {"f": {"cues": [
        {"cue": "endişe", "derivations": ["endişeli", "endişelen-"], "sIz_negates": True},
        {"cue": "kaygı", "derivations": ["kaygılan-"]},
        "kriz", "tehdit", "yaptırım", "inkar et-", "terör", "sorun",
    ]}},
})


def negations(text: str) -> list[tuple[str, str]]:
    hits = toolkit.analyze(text, cache=False).frame_hits(LEXICON)
    assert list(hits["negated"]) == [bool(n) for n in hits["negation"]]
    return list(zip(hits["surface"], hits["negation"]))


@pytest.mark.parametrize("text, expected", [
    # verb: -mA- on the cue's verb, its light verb, or a derived verb
    ("Endişe duymuyoruz dedi.", [("Endişe duymuyoruz", "verb")]),
    ("Endişelenmiyoruz dedi.", [("Endişelenmiyoruz", "verb")]),
    # abilitative: -(y)AmA-
    ("Yaptırımları uygulayamaz.", [("Yaptırımları uygulayamaz", "abilitative")]),
    ("İnkar edemeyeceklerini söyledi.", [("İnkar edemeyeceklerini", "abilitative")]),
    # değil after the cue or its phrase
    ("Bu bir kriz değildir.", [("kriz", "değil")]),
    ("Tehdit söz konusu değil.", [("Tehdit", "değil")]),
    ("Bu yüzyıl krizlerin değil barışın yüzyılı olacak.", [("krizlerin", "değil")]),
    # ... and through a coordinated word: both are negated
    ("Durum kaygı ve telaş verici değildir.", [("kaygı", "değil")]),
    ("Bu bir kriz ve tehdit değildir.", [("kriz", "değil"), ("tehdit", "değil")]),
    ("Ülke hiçbir tehdide maruz değildir.", [("tehdide", "değil")]),            # değil after maruz
    # yok, gerek yok, hiç(bir) … yok
    ("Yeni bir yaptırım yok.", [("yaptırım", "yok")]),
    ("Endişe için bir neden yok.", [("Endişe", "yok")]),
    ("Endişeye gerek yok.", [("Endişeye", "gerek yok")]),
    ("Endişelenmeye gerek yok.", [("Endişelenmeye", "gerek yok")]),
    ("Endişeye mahal yok.", [("Endişeye", "gerek yok")]),                  # "no cause for"
    ("Hiçbir endişemiz yok.", [("endişemiz", "hiç…yok")]),
    # the same with the copula, as formal news writes it (yoktur is yok, not a verb *yokmak*)
    ("Endişeye gerek yoktur.", [("Endişeye", "gerek yok")]),
    ("Yeni bir yaptırım yoktu.", [("yaptırım", "yok")]),
    ("Hiçbir endişemiz yoktur.", [("endişemiz", "hiç…yok")]),
    # -sIz where the entry says so
    ("Endişesiz bir bekleyiş başladı.", [("Endişesiz", "-sIz")]),
    # -mAdAn / -mAksIzIn "without" on the light verb
    ("Halk endişe duymadan bekliyor.", [("endişe duymadan", "verb")]),
    # the negative imperative -mA on a light or derived verb at its clause's end
    ("Bu kadar basit, hiç endişelenme!", [("endişelenme", "verb")]),
    ("Endişe etme, her şey yoluna girecek.", [("Endişe etme", "verb")]),
    ("Kaygılanma, geçer.", [("Kaygılanma", "verb")]),
    ("Sakın endişelenme, seni korurum.", [("endişelenme", "verb")]),
    # refrain: a verb of refraining right after the cue in the ablative
    ("Hükümet yaptırım uygulamaktan vazgeçti.", [("yaptırım uygulamaktan", "refrain")]),
    ("Ülke krizden kaçındı.", [("krizden", "refrain")]),
])
def test_each_rule_negates_and_names_itself(text, expected):
    assert negations(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Endişe duyuyoruz.", [("Endişe duyuyoruz", "")]),
    # the verbal noun in -mA goes on in its clause; a noun cue that reads as an imperative is the noun
    ("Endişelenme hakkı herkesindir.", [("Endişelenme", "")]),
    ("Bakan endişe etme ve korkma dedi.", [("endişe etme", "")]),
    ("Halkın derin endişe duyma, kaygılanma hakkı var.", [("endişe duyma", ""), ("kaygılanma", "")]),  # a list
    ("Yaptırımları uygulayabilir.", [("Yaptırımları uygulayabilir", "")]),
    # tag question and "not only" are no negation
    ("Bu bir kriz değil mi?", [("kriz", "")]),
    ("Sadece kriz değil, fırsat da var.", [("kriz", "")]),
    # değil after other words negates them; yok after a genitive negates its head
    ("Füzeler kimseye karşı tehdit değil.", [("tehdit", "değil")]),
    ("Tehdit kimseye karşı değil.", [("Tehdit", "")]),
    ("Krizin sonu yok.", [("Krizin", "")]),
    ("Halk krizden kaçıyor.", [("krizden", "")]),
    ("Ülke tehdide maruz kaldı.", [("tehdide", "")]),
    ("Kriz ve onun sonuçları değil.", [("Kriz", "")]),
    # nor does yok after a cue in the locative or the accusative, which is not what is missing
    ("Krizde bir değişiklik yoktur.", [("Krizde", "")]),
    ("Sorunumuzu çözeceğinize şüphe yoktur.", [("Sorunumuzu", "")]),
    # nor after a cue in the dative, the complement of the noun that is missing
    ("Teröre tahammülü yoktu.", [("Teröre", "")]),
    # yok as part of a verb, or in another clause
    ("Terörü yok edeceğiz.", [("Terörü", "")]),
    ("Kriz var ama savaş yok.", [("Kriz", "")]),
    ("Kriz, yok diyenler yanıldı.", [("Kriz", "")]),
    ("Kriz yoksa sorun yok.", [("Kriz", ""), ("sorun", "yok")]),
    # a word the lemma model gives the lemma yok must also be spelled yok (yoğunlaştı "intensified")
    ("Kriz giderek yoğunlaştı.", [("Kriz", "")]),
    # a marker after the clause's verb negates nothing before it
    ("Kriz büyüdü ve tehdit yok.", [("Kriz", ""), ("tehdit", "yok")]),
    # the noun çatışma-like form: a reading without negation wins
    ("Gelişmelerden endişelendi.", [("endişelendi", "")]),
    # a negated verb of refraining affirms; refraining from something else negates nothing here
    ("Ülke krizden kaçınmadı.", [("krizden", "")]),
    ("Krize rağmen yorum yapmaktan kaçındı.", [("Krize", "")]),
])
def test_what_the_rules_leave_alone(text, expected):
    assert negations(text) == expected


def test_derived_cues_follow_the_entry():
    # kaygılan- is listed for kaygı: kaygılanıyoruz counts; without the listing it would not
    assert negations("Kaygılanıyoruz.") == [("Kaygılanıyoruz", "")]
    bare = Lexicon.from_dict({"frames": {"f": {"cues": ["kaygı", "endişe"]}}})
    a = toolkit.analyze("Kaygılanıyoruz. Endişesiz bekliyoruz. Endişelenmiyoruz.", cache=False)
    assert a.frame_hits(bare).empty
    # -sIz is not negation unless the entry says so: only listed derivations count then
    plain = Lexicon.from_dict({"frames": {"f": {"cues": [{"cue": "endişe", "derivations": True}]}}})
    hits = a.frame_hits(plain)
    assert dict(zip(hits["surface"], hits["negation"])) == {"Endişesiz": "", "Endişelenmiyoruz": "verb"}


def test_shipped_lexicon_counts_derived_concern_negated():
    a = toolkit.analyze("Endişelenmiyoruz dedi. Gelişmelerden endişelendi. Kaygılanıyoruz.", cache=False)
    counts = a.frames(by="corpus").set_index("frame").loc["concern_alarm"]
    assert (counts["hits"], counts["negated"]) == (2, 1)


def test_a_noun_cue_that_also_reads_as_a_negative_imperative_is_the_noun():
    """*çatışma* at a sentence's end is "clash", not "don't clash" (shipped lexicon: çatışma and çatış-)."""
    hits = toolkit.analyze("Sınırda yeni bir çatışma.", cache=False).frame_hits()
    assert list(zip(hits["surface"], hits["negation"])) == [("çatışma", "")]
