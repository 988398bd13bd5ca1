"""toolkit.names: the name runs frames (in_name) and terms (term_kind name) both read."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.names import capitalised, in_proper_name, name_runs


def runs_of(text: str) -> list[list[str]]:
    t = toolkit.analyze(text, cache=False).tokens
    run = name_runs(t, {d: text for d in set(t["doc_id"])})
    out: dict[int, list[str]] = {}
    for r, s in zip(run, t["surface"]):
        if r >= 0:
            out.setdefault(int(r), []).append(s)
    return list(out.values())


def test_capitalised_words_acronyms_and_headline_names():
    assert capitalised("Putin'i", "Putin") and capitalised("ABD'nin", "ABD") and capitalised("RUSYA'NIN", "Rusya")
    assert not capitalised("STRATEJİK", "stratejik") and not capitalised("putin", "Putin")
    assert not capitalised("1948'de", "1948")


def test_an_apostrophe_suffix_or_a_hyphen_ends_a_run():
    runs = runs_of("Bakan Putin'i Kuzey Kore'ye davet etti. Toplantıya Rusya-Kuzey Kore heyeti katıldı.")
    assert ["Kuzey", "Kore'ye"] in runs
    assert ["Bakan", "Putin'i", "Kuzey", "Kore'ye"] not in runs
    assert ["Rusya-Kuzey", "Kore"] not in runs


def test_a_sentence_start_joins_only_as_a_name_opener():
    runs = runs_of("Barış Manço şarkı söyledi. Dün Putin konuştu. Görüşmede Hillary Clinton konuştu. "
                   "Güvenlik Konseyi toplandı.")
    assert ["Barış", "Manço"] in runs                 # uninflected noun before a name
    assert ["Güvenlik", "Konseyi"] in runs            # ends in an institution word
    assert ["Putin"] in runs and ["Dün", "Putin"] not in runs   # an adverb opens no name
    assert ["Hillary", "Clinton"] in runs             # an inflected first word stays out


def test_a_verbs_action_noun_at_a_sentence_start_opens_a_name():
    runs = runs_of("Kurtuluş Savaşı yıllarında yazıldı. Görüşmede Savunma Bakanı konuştu.")
    assert ["Kurtuluş", "Savaşı"] in runs             # kurtul + -uş, uninflected
    assert not any(r[0] == "Görüşmede" for r in runs)  # görüş + -me + locative: inflected


def test_a_first_word_set_in_capitals_opens_a_name_like_any_first_word():
    runs = runs_of("ADALET ve Kalkınma Partisi toplandı. KRİZ BÜYÜYOR dedi.")
    assert ["ADALET", "ve", "Kalkınma", "Partisi"] in runs   # a column's opening word in capitals
    assert not any("KRİZ" in r for r in runs)                # a headline in capitals stays out
    hits = toolkit.analyze("ADALET ve Kalkınma Partisi toplandı.", cache=False).frame_hits()
    assert hits.loc[hits["frame"] == "morality", "in_name"].tolist() == [True]


def test_frames_and_terms_read_the_same_runs():
    text = "Savunma Bakanı Hulusi Akar açıklama yaptı. Ülkenin savunması güçlendirildi."
    a = toolkit.analyze(text, cache=False)
    t = a.tokens
    names = in_proper_name(t, {d: text for d in set(t["doc_id"])})
    assert list(t["surface"][names]) == ["Savunma", "Bakanı", "Hulusi", "Akar"]
    hits = a.frame_hits()
    assert list(zip(hits["surface"], hits["in_name"])) == [("Savunma", True), ("savunması", False)]
    assert dict(zip(t["surface"], t["term"]))["Akar"] == "Hulusi Akar"      # the title stays out of the term
    assert dict(zip(t["surface"], t["term_kind"]))["Bakanı"] == "lemma"


@pytest.mark.parametrize("text, word, inside", [
    # "ve" inside an institution's name (the words after it end on a head word) joins the name
    ("Ayrıca Ekonomik ve Sosyal Konsey toplandı.", "Ekonomik", True),
    ("Bakan, Aile ve Sosyal Politikalar Bakanlığı'nda konuştu.", "Aile", True),
    ("Yarın Ekonomi ve Dış Politika Araştırmalar Merkezi rapor yayımladı.", "Ekonomi", True),
    # two names joined by "ve" without an institution's head after them stay apart
    ("Dün Rusya ve Çin anlaştı.", "Rusya", False),
    ("Dün Ekonomi ve Siyaset konuşuldu.", "Ekonomi", False),
])
def test_ve_joins_the_words_of_an_institution(text, word, inside):
    tokens = toolkit.analyze(text, cache=False).tokens
    row = tokens.index[tokens["surface"].astype(str) == word][0]
    assert bool(in_proper_name(tokens)[row]) is inside, text


def test_a_title_case_headline_is_no_name_but_keeps_its_names_and_institutions():
    runs = runs_of("Perakendeci Çevresel Baskılarda Gizli Tehlikeler Görüyor")
    assert all(len(r) == 1 for r in runs), runs
    runs = runs_of("BM Güvenlik Konseyi Kuzey Kore'ye Yaptırım Kararı Aldı")
    assert ["BM", "Güvenlik", "Konseyi"] in runs
    assert not any("Yaptırım" in r for r in runs)
    # the same words in running text are one name run
    assert ["Perakendeci", "Çevresel", "Baskılarda"] in runs_of("Dün Perakendeci Çevresel Baskılarda konuştu.")


def test_title_case_headline_cues_count_and_names_inside_it_stay_apart():
    hits = toolkit.analyze("Perakendeci Çevresel Baskılarda Gizli Tehlikeler Görüyor", cache=False).frame_hits()
    assert set(hits["surface"]) == {"Baskılarda", "Tehlikeler"} and not hits["in_name"].any()
    hits = toolkit.analyze("BM Güvenlik Konseyi Kuzey Kore'ye Yaptırım Kararı Aldı", cache=False).frame_hits()
    assert hits.set_index("surface")["in_name"].to_dict() == {"Güvenlik": True, "Yaptırım": False}


@pytest.mark.parametrize("text, run", [
    ("Dün Rusya Dışişleri Bakanlığı açıklama yaptı.", ["Rusya", "Dışişleri", "Bakanlığı"]),
    ("Yaptırımları Avrupa Birliği Konseyi onayladı.", ["Avrupa", "Birliği", "Konseyi"]),
    ("Güvenlik Konseyi toplandı.", ["Güvenlik", "Konseyi"]),
    ("Birleşmiş Milletler Güvenlik Konseyi toplandı.", ["Birleşmiş", "Milletler", "Güvenlik", "Konseyi"]),
])
def test_a_sentence_start_opens_an_institution_only_as_a_plain_noun_or_adjective(text, run):
    assert run in runs_of(text)


def test_a_long_stretch_of_capitalised_words_is_a_list_of_names_not_a_headline():
    text = ("Hacettepe Üniversitesi Çocuk Sağlığı ve Hastalıkları Ana Bilim Dalı Öğretim Üyesi ve Pediatri "
            "Birliği Derneği Başkanı Ayşe Yılmaz")
    assert ["Hacettepe", "Üniversitesi", "Çocuk", "Sağlığı"] in runs_of(text)


def test_an_analysis_works_out_its_name_runs_once(monkeypatch):
    """The term columns and the frames' names read the same name runs: one pass, not one each."""
    import toolkit.names
    import toolkit.result
    import toolkit.terms

    calls = []
    real = toolkit.names.name_runs

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    for module in (toolkit.names, toolkit.terms, toolkit.result):
        monkeypatch.setattr(module, "name_runs", counting, raising=False)
    a = toolkit.analyze("İstanbul Adalet Sarayı önünde Kuzey Kore lideri Kim Jong Un için endişe duyuldu.", cache=False)
    assert "Kuzey Kore" in set(a.tokens["term"])
    assert a.frame_hits()["in_name"].any()
    assert len(calls) == 1
