"""Senses of the security_threat, diplomacy_cooperation and sanctions_pressure cues in the shipped
lexicon: for every restriction a sentence whose cue it removes and one whose cue it keeps.

A removed cue is absent from ``frame_hits()`` altogether, not merely ``out_of_context``: the
frame's public-actor rule cannot be what removes it (the sentences name an actor all the same)."""

from __future__ import annotations

import pytest

import toolkit


def cues_of(text: str, frame: str) -> list[str]:
    """The cues of ``frame`` found in ``text`` and counted: not in a name, not out of context."""
    hits = toolkit.analyze(text, cache=False).frame_hits()
    hits = hits[(hits["frame"] == frame) & ~hits["in_name"] & ~hits["out_of_context"]]
    return list(hits["cue"])


def all_cues_of(text: str, frame: str) -> list[str]:
    """The cues of ``frame`` found in ``text`` in their sense, counted or not."""
    hits = toolkit.analyze(text, cache=False).frame_hits()
    return list(hits.loc[hits["frame"] == frame, "cue"])


REMOVED = [
    # security_threat
    ("Bakan, yolcuların can güvenliği için sürücüleri uyardı.", "security_threat", "güvenlik"),
    ("Hükümet, tekne kazasında insanların güvenliği sağlanmalı dedi.", "security_threat", "güvenlik"),
    ("Bakanlık, güvenlik hizmetleri veren bir şirketle sözleşme yaptı.", "security_threat", "güvenlik"),
    ("Türkiye'de bazı gençler askere gitmiyor.", "security_threat", "asker"),
    ("Bakanın dediğine göre seçmenler terhis olan askerler gibi dağıldı.", "security_threat", "asker"),
    ("Bakan, askeri hakimlerin atamasını onayladı.", "security_threat", "askeri"),
    ("Bakan, kanser tehdidine karşı uyardı.", "security_threat", "tehdit"),
    ("Hükümet, obezitenin halk sağlığını tehdit ettiğini açıkladı.", "security_threat", "tehdit et-"),
    ("Bakanlıkta yangın tatbikatı yapıldı.", "security_threat", "tatbikat"),
    ("Bakan, takımın savunmasının zayıf olduğunu söyledi.", "security_threat", "savunma"),
    # diplomacy_cooperation
    ("Hükümetin tezkeresi Genel Kurul'da görüşüldü.", "diplomacy_cooperation", "görüş-"),
    ("Bakan, tasarının komisyonda görüşüleceğini söyledi.", "diplomacy_cooperation", "görüş-"),
    ("Bakan, şirketin bir satış anlaşması imzaladığını söyledi.", "diplomacy_cooperation", "anlaşma"),
    ("Hükümet yetkilisi, bankanın kredi anlaşmasını açıkladı.", "diplomacy_cooperation", "anlaşma"),
    ("Bakan, cezaevindeki tutukluları ziyaret etti.", "diplomacy_cooperation", "ziyaret"),
    ("Hükümet, bayramda aile ziyaretlerine izin verdi.", "diplomacy_cooperation", "ziyaret"),
    ("Bakan, iki şirketin ortaklığını onayladı.", "diplomacy_cooperation", "ortaklık"),
    ("Maliye Bakanı vergi barışını açıkladı.", "diplomacy_cooperation", "barış"),
    ("Hükümet imar barışı getirdi.", "diplomacy_cooperation", "barış"),
    ("Bakan, iş görüşmesine giden gençlerle konuştu.", "diplomacy_cooperation", "görüşme"),
    ("Türk takımı ligde zirveye yükseldi.", "diplomacy_cooperation", "zirve"),
    ("Bakan, kariyerinin zirvesinde görevi bıraktı.", "diplomacy_cooperation", "zirve"),
    ("Bakan, filmin diyaloglarını beğendiğini söyledi.", "diplomacy_cooperation", "diyalog"),
    ("Maliye Bakanlığı, vergi incelemesinde uzlaşma yolunu açtı.", "diplomacy_cooperation", "uzlaşma"),
    # sanctions_pressure
    ("Merkez Bankası'nın kararı hisseler üzerinde baskı yarattı.", "sanctions_pressure", "baskı"),
    ("Bakan, satış baskısının kura yansıdığını söyledi.", "sanctions_pressure", "baskı"),
    ("Hükümet, hak yasaklarını kaldırdı.", "sanctions_pressure", "yasak"),
    ("Bakanlık, hak yasaklamalarının süresini kısalttı.", "sanctions_pressure", "yasakla-"),
    ("Hükümet, hürriyeti bağlayıcı cezaları yeniden düzenledi.", "sanctions_pressure", "ceza"),
    ("Bakan, trafik cezalarının arttığını söyledi.", "sanctions_pressure", "ceza"),
    ("Bakan, suç işleyen memurların cezalandırılacağını söyledi.", "sanctions_pressure", "cezalandır-"),
    ("Savcı, bakanın cezalandırılması gerektiğini söyledi.", "sanctions_pressure", "cezalandır-"),
    ("Türk takımına hakem ceza verdi.", "sanctions_pressure", "ceza"),
    ("Bakanlık, binalarda ısı izolasyonunu zorunlu kıldı.", "sanctions_pressure", "izolasyon"),
]

KEPT = [
    # security_threat
    ("Hükümet sınırda güvenlik denetimlerini artırdı.", "security_threat", "güvenlik"),
    ("İsrail, ülkenin güvenliği için sınırı kapattı.", "security_threat", "güvenlik"),
    ("Askerler sınırda nöbet tutuyor.", "security_threat", "asker"),
    ("Ordu, sınıra asker gönderdi.", "security_threat", "asker"),
    ("Ordu, Irak'a askeri operasyon başlattı.", "security_threat", "askeri"),
    ("Bakan, terör tehdidine karşı uyardı.", "security_threat", "tehdit"),
    ("Rusya, Ukrayna'yı tehdit etti.", "security_threat", "tehdit et-"),
    ("Ordu, sınırda tatbikat yaptı.", "security_threat", "tatbikat"),
    ("Ülkenin savunması güçlendirildi.", "security_threat", "savunma"),
    # diplomacy_cooperation
    ("Bakan, İranlı mevkidaşıyla görüştü.", "diplomacy_cooperation", "görüş-"),
    ("Liderler Kıbrıs sorununu görüştü.", "diplomacy_cooperation", "görüş-"),
    ("Türkiye ile Irak bir ticaret anlaşması imzaladı.", "diplomacy_cooperation", "anlaşma"),
    ("Başbakan Bağdat'ı ziyaret etti.", "diplomacy_cooperation", "ziyaret"),
    ("Türkiye ile Azerbaycan arasındaki ortaklık güçleniyor.", "diplomacy_cooperation", "ortaklık"),
    ("Hükümet, Ortadoğu'da barış için çalışıyor.", "diplomacy_cooperation", "barış"),
    ("Liderler görüşmeye başladı.", "diplomacy_cooperation", "görüşme"),
    ("Liderler zirvede bir araya geldi.", "diplomacy_cooperation", "zirve"),
    ("İki lider diyalog çağrısı yaptı.", "diplomacy_cooperation", "diyalog"),
    ("Taraflar uzlaşma sağladı.", "diplomacy_cooperation", "uzlaşma"),
    # sanctions_pressure
    ("ABD, İran üzerindeki baskısını artırdı.", "sanctions_pressure", "baskı"),
    ("Rusya, AB ürünlerine ithalat yasağı getirdi.", "sanctions_pressure", "yasak"),
    ("Hükümet gösterileri yasakladı.", "sanctions_pressure", "yasakla-"),
    ("AB Rusya'ya ceza verdi.", "sanctions_pressure", "ceza"),
    ("Batı İran'ı cezalandırdı.", "sanctions_pressure", "cezalandır-"),
    ("Uluslararası izolasyon sürüyor.", "sanctions_pressure", "izolasyon"),
]


@pytest.mark.parametrize("text, frame, cue", REMOVED)
def test_a_restriction_removes_the_cue_in_another_sense(text, frame, cue):
    assert cue not in all_cues_of(text, frame)


@pytest.mark.parametrize("text, frame, cue", KEPT)
def test_a_restriction_keeps_the_cue_in_the_frames_sense(text, frame, cue):
    assert cue in cues_of(text, frame)



def test_a_political_party_is_a_public_actor():
    """Turkish parties (AKP, CHP …) are organisations of the gazetteer, so they make a meeting
    between leaders named only by their names diplomatic."""
    assert cues_of("Erdoğan, Bush ile görüştüğünde AKP seçimi yeni kazanmıştı.", "diplomacy_cooperation") == ["görüş-"]
    assert cues_of("Erdoğan, Bush ile görüştüğünde seçimi yeni kazanmıştı.", "diplomacy_cooperation") == []


def test_security_alone_needs_an_actor_but_security_forces_do_not():
    """*güvenlik* counts only with a public actor in its sentence (a firm's garden safety has none);
    *güvenlik güçleri* and *güvenlik önlemleri* are about a country's security alone."""
    assert cues_of("Bahçe düzeni bile güvenliği sağlayacak şekilde planlanmış.", "security_threat") == []
    assert cues_of("Hükümet sınırda güvenliği artırdı.", "security_threat") == ["güvenlik"]
    assert cues_of("Güvenlik güçleri bölgede operasyon başlattı.", "security_threat") == ["güvenlik güçleri"]
    assert cues_of("Kentte güvenlik önlemleri artırıldı.", "security_threat") == ["güvenlik önlemi"]
    assert cues_of("Fabrikada iş güvenliği önlemleri artırıldı.", "security_threat") == []


@pytest.mark.parametrize("text, frame, cue, counted", [
    ("NATO ordusu Karadeniz'de tatbikat yaptı.", "security_threat", "tatbikat", True),
    ("Kanunun tatbikatından iyi neticeler alındı.", "security_threat", "tatbikat", False),   # "application"
    ("Rusya, Karadeniz'de tatbikat düzenledi.", "security_threat", "tatbikat", True),
    ("Teslihat programımızın tatbikatı muvaffakiyetle ilerliyor.", "security_threat", "tatbikat", False),
    ("Teşebbüsün tatbikatına başlandığını bizzat gördüm.", "security_threat", "tatbikat", False),
    ("Türkiye ile AB arasındaki müzakereler sürüyor.", "diplomacy_cooperation", "müzakere", True),
    ("Meclis tasarının müzakeresine başladı.", "diplomacy_cooperation", "müzakere", False),  # a bill debated
    ("AB, Rusya'ya ağır bir ceza verdi.", "sanctions_pressure", "ceza", True),
    ("Sanıkların ceza süresi sonunda tahliye edilmesi bekleniyor.", "sanctions_pressure", "ceza", False),
    ("Haklarında kovuşturma açılması ve kanuni cezalarının verilmesi istendi.", "sanctions_pressure", "ceza", False),
    ("ABD, İran üzerindeki baskıyı artırdı.", "sanctions_pressure", "baskı", True),
    ("Hükümet vergi baskısını azaltacağını açıkladı.", "sanctions_pressure", "baskı", False),  # the tax burden
    ("Ordumuz askeriyede yeni bir düzen kurdu.", "security_threat", "askeriye", True),
    ("Erdoğan ile Putin arasındaki görüşme iki saat sürdü.", "diplomacy_cooperation", "görüşme", True),
    ("TBMM Genel Kurulu'nda bütçe görüşmeleri başladı.", "diplomacy_cooperation", "görüşme", False),
    ("Kanun teklifinin görüşmelerine yarın devam edilecek.", "diplomacy_cooperation", "görüşme", False),
    ("Meclis'te bütçe müzakereleri sürüyor.", "diplomacy_cooperation", "müzakere", False),
    ("Türkiye ile ABD işbirliği yapacak.", "diplomacy_cooperation", "işbirliği", True),
    ("Düşman ile işbirliği yapanlar yargılanacak.", "diplomacy_cooperation", "işbirliği", False),
    ("Karşılık vermekte tereddüt etmeyeceğiz.", "security_threat", "tereddüt et-", True),
    ("ABD yeni yaptırımlar uygulamakta tereddüt etmeyeceğini açıkladı.", "security_threat", "tereddüt et-", True),
    ("Onlar istedikleri kadar tereddüt edebilirler.", "security_threat", "tereddüt et-", False),
    ("İlerleme yolunda katiyen tereddüt etmeyin.", "security_threat", "tereddüt et-", False),
    # a hyphenated izafet is matched on its head
    ("Bu, vicdan-ı millînin sesidir.", "morality", "vicdan", True),
    ("Hükümet bir tedbir-i kâfi almadı.", "responsibility", "tedbir", True),
    ("Devlet tehlike-i inkısam karşısındadır.", "security_threat", "tehlike", True),
])
def test_older_parliamentary_and_collaborator_senses_and_izafet_heads(text, frame, cue, counted):
    assert (cue in all_cues_of(text, frame)) is counted


@pytest.mark.parametrize("text", [
    "Vatanın güvenliği her şeyden önce gelir.",                 # vatan: the homeland, a state word
    "Hükûmet sınırdaki güvenliği artırdı.",                     # hükûmet, written with its circumflex
    "Sorun bir Türk-Fransız dostane anlaşmasıyla çözüldü.",     # a hyphenated pair of nationality words
])
def test_older_state_words_and_hyphenated_nationalities_are_public_actors(text):
    hits = toolkit.analyze(text, cache=False).frame_hits()
    hits = hits[hits["frame"].isin(["security_threat", "diplomacy_cooperation"])]
    assert len(hits) == 1 and not hits["out_of_context"].any()


def test_a_capitalised_izafet_is_a_name_with_the_word_after_it():
    hits = toolkit.analyze("Mücadele-i Milliye esnasında donanma toplanamadı.", cache=False).frame_hits()
    assert list(hits["in_name"]) == [True]
    hits = toolkit.analyze("Vicdan-ı millîyi temsil etmeyen haberler geldi.", cache=False).frame_hits()
    assert list(hits["in_name"]) == [False]


@pytest.mark.parametrize("text, counted", [
    ("Sadist bir yönetici, çalışanlarına sürekli baskı uyguluyordu.", ["baskı uygula-"]),
    ("Çeteler köylüleri yıllarca baskı altında tuttu.", ["baskı altında tut-"]),
    ("Bu malzeme yoğun baskı altında bile formunu korur.", []),       # the noun alone still needs an actor
    ("Kitabın ikinci baskısı dün çıktı.", []),
])
def test_one_side_pressing_another_counts_without_a_public_actor(text, counted):
    assert cues_of(text, "sanctions_pressure") == counted

