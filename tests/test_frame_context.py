"""The frame-level context rule (``context: public_actors``): hits of diplomacy, sanctions and
security need a public actor in their sentence; the rest are kept apart as ``out_of_context``."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.errors import LexiconError
from toolkit.lexicon import Lexicon, public_actor_words

# sentence → (frame, first word of the hit, whether it must count)
CASES = [
    ("Annesi bizi içeriye davet etti.", "diplomacy_cooperation", "davet", False),
    ("Bakan heyeti Ankara'ya davet etti.", "diplomacy_cooperation", "davet", True),
    ("Vaktin varsa görüşelim.", "diplomacy_cooperation", "görüşelim", False),
    ("Dışişleri Bakanı mevkidaşıyla görüştü.", "diplomacy_cooperation", "görüştü", True),
    ("Bu evde barış hiç eksik olmadı.", "diplomacy_cooperation", "barış", False),   # vergi barışı: a sense (not_with)
    ("İki ülke arasında barış sağlandı.", "diplomacy_cooperation", "barış", True),
    ("İranlı yetkililerle anlaşma imzalandı.", "diplomacy_cooperation", "anlaşma", True),
    ("Annemle yaptığımız anlaşmayı unuttum.", "diplomacy_cooperation", "anlaşmayı", False),
    ("Annesinin baskısı sürüyor.", "sanctions_pressure", "baskısı", False),   # market pressure: a sense (not_with)
    ("ABD'nin baskısı sürüyor.", "sanctions_pressure", "baskısı", True),
    ("Arkadaşını savunmaya hazırlandı.", "security_threat", "savunmaya", False),
    ("Ordu savunmaya hazırlandı.", "security_threat", "savunmaya", True),
    ("Adam silahını çekti.", "security_threat", "silahını", False),
    ("NATO bölgeye silah gönderdi.", "security_threat", "silah", True),
    # exempt cues count alone; frames without the rule are untouched
    ("Ambargo uzatıldı.", "sanctions_pressure", "Ambargo", True),
    ("Ateşkes ilan edildi.", "diplomacy_cooperation", "Ateşkes", True),
    ("Yarın görüşmeler başlayacak.", "diplomacy_cooperation", "görüşmeler", True),
    ("Gidelim, birlikte saldıralım.", "conflict", "saldıralım", True),
]


@pytest.fixture(scope="module")
def analysis():
    # one article per case: the sentence before a hit is context too
    return toolkit.analyze([c[0] for c in CASES], cache=False)


def test_hits_without_a_public_actor_are_out_of_context(analysis):
    hits = analysis.frame_hits()
    for i, (text, frame, word, counts) in enumerate(CASES):
        row = hits[(hits["doc_id"] == f"text-{i + 1}") & (hits["frame"] == frame)]
        assert list(row["surface"].str.split().str[0]) == [word], text
        assert bool(row["out_of_context"].iloc[0]) is not counts, text


def test_frames_leave_them_out_and_count_them_apart(analysis):
    plain = analysis.frames(by="corpus").set_index("frame")
    every = analysis.frames(by="corpus", include_out_of_context=True).set_index("frame")
    for frame in ("diplomacy_cooperation", "sanctions_pressure", "security_threat"):
        dropped = sum(1 for _, f, _, counts in CASES if f == frame and not counts)
        assert plain.at[frame, "out_of_context"] == dropped
        assert every.at[frame, "hits"] + every.at[frame, "negated"] == \
            plain.at[frame, "hits"] + plain.at[frame, "negated"] + dropped
    assert plain.at["conflict", "out_of_context"] == 0
    kwic = analysis.kwic("diplomacy_cooperation")
    assert "out_of_context" in kwic.columns and kwic["out_of_context"].any() and not kwic["out_of_context"].all()


def test_exempt_cues_count_alone():
    lex = {"frames": {"deal": {"context": "public_actors", "context_exempt": ["ambargo"],
                               "cues": ["anlaşma", {"cue": "ambargo"}]}}}
    a = toolkit.analyze("Anlaşma yapıldı. Ambargo kalktı.", cache=False)
    hits = a.frame_hits(Lexicon.from_dict(lex))
    assert list(zip(hits["surface"], hits["out_of_context"])) == [("Anlaşma", True), ("Ambargo", False)]


def test_own_words_are_no_context_and_a_user_list_replaces_the_shipped_one():
    # "asker" is a public-actor word, but a cue is not its own context
    mine = Lexicon.from_dict({"frames": {"army": {"context": "public_actors", "cues": ["asker"]},
                                         "deal": {"context": ["şirket"], "cues": ["anlaşma"]}}})
    a = toolkit.analyze(["Asker geldi.", "Şirket anlaşma yaptı.", "Hükümet anlaşma yaptı."], cache=False)
    hits = a.frame_hits(mine)
    assert list(zip(hits["surface"], hits["out_of_context"])) == [
        ("Asker", True), ("anlaşma", False), ("anlaşma", True)]


def test_context_window_limits_the_search():
    lex = {"frames": {"deal": {"context": "public_actors", "context_window": 2, "cues": ["anlaşma"]}}}
    a = toolkit.analyze("Hükümet dün akşam uzun bir anlaşma yaptı. Hükümet anlaşma yaptı.", cache=False)
    hits = a.frame_hits(Lexicon.from_dict(lex))
    assert list(hits["out_of_context"]) == [True, False]


def test_the_shipped_list_is_read_and_names_need_a_capital():
    assert {"hükümet", "bakan", "ordu", "heyet", "taraf"} <= public_actor_words()
    a = toolkit.analyze("Dün mali sektörde baskı arttı. Dün Mali'de baskı arttı.", cache=False)
    hits = a.frame_hits()
    hits = hits[hits["frame"] == "sanctions_pressure"]
    assert list(hits["out_of_context"]) == [True, False]  # mali "financial" is no country
    # a sentence's first word is a country only when its lemma kept the capital
    for text, off in (("Mali Barış'tan yararlananlara ceza yok.", True), ("Mali'ye ceza verildi.", False)):
        hits = toolkit.analyze(text, cache=False).frame_hits()
        assert list(hits.loc[hits["frame"] == "sanctions_pressure", "out_of_context"]) == [off], text


@pytest.mark.parametrize("frame, line, message", [
    ({"context": "actors", "cues": ["x"]}, 3, "public_actors"),
    ({"context": ["iki kelime"], "cues": ["x"]}, 4, "list of single lemmas"),
    ({"context_window": 3, "cues": ["x"]}, 3, "no context"),
    ({"context": "public_actors", "context_window": 0, "cues": ["x"]}, 4, "whole number"),
    ({"context_exempt": ["x"], "cues": ["x"]}, 4, "no context"),
    ({"context": "public_actors", "context_exempt": ["y"], "cues": ["x"]}, 5, "not one of its cues"),
    ({"context_exempt_plural": ["x"], "cues": ["x"]}, 4, "context_exempt_plural but no context"),
    ({"context": "public_actors", "context_exempt_plural": ["y"], "cues": ["x"]}, 5,
     "context_exempt_plural of frame 'f' names 'y', which is not one of its cues"),
    ({"cues": [{"cue": "x", "context": False}]}, 5, "unknown key 'context'"),
    ({"context_except": ["vali"], "cues": ["x"]}, 4, "context_except but no context"),
    ({"context": "public_actors", "context_except": ["kedi"], "cues": ["x"]}, 5,
     "context_except of frame 'f' names 'kedi', which is not one of its context words"),
    ({"context": ["bakan"], "context_except": ["vali"], "cues": ["x"]}, 6, "names 'vali'"),
    ({"vouches": ["y"], "cues": ["x"]}, 4, "vouches of frame 'f' names 'y', which is not one of its cues"),
])
def test_bad_context_keys_name_the_line(frame, line, message):
    with pytest.raises(LexiconError, match=rf"<dict>:{line}: .*{message}"):
        Lexicon.from_dict({"frames": {"f": frame}})


def test_an_exempt_cue_vouches_for_the_others_of_its_sentence():
    a = toolkit.analyze("Barış görüşmeleri başladı. Nükleer silahlar arttı. Dün silahını çekti.", cache=False)
    hits = a.frame_hits()
    pairs = list(zip(hits["surface"], hits["out_of_context"]))
    assert ("Barış", False) in pairs and ("silahlar", False) in pairs  # görüşme, nükleer are exempt
    assert ("silahını", True) in pairs


# 0.19.0: baskı counts alone in the plural; the verb tehdit et- needs an actor (and since 0.23.0
# the noun tehdit too, see RULES_0_23); baskı altına al- is one side pressing another; memleket
# "country" is a public actor
RULES_0_19 = [
    ("Aktivist, baskılardan kurtulmak için yurtdışına sığındı.", "sanctions_pressure", "baskılardan", True),
    ("Yoğun baskılara rağmen ödün vermedi.", "sanctions_pressure", "baskılara", True),
    ("Aktivist, baskıdan kurtulmak için yurtdışına sığındı.", "sanctions_pressure", "baskıdan", False),
    ("Yönetici çalışanlarını baskı altına aldı.", "sanctions_pressure", "baskı", True),
    ("Patron işçileri tehdit etti.", "security_threat", "tehdit", False),
    ("Rusya komşularını tehdit etti.", "security_threat", "tehdit", True),
    ("Şartlarımızı kabul etmiş memleketlerle anlaşma yapıldı.", "diplomacy_cooperation", "anlaşma", True),
]


# 0.20.0: diplomacy's parties are states, governments, parties and envoys, not a governor, the
# police, soldiers, an army, militants or "the people" (context_except); other frames keep them
RULES_0_20 = [
    ("Valiyi valilikte ziyaret etti.", "diplomacy_cooperation", "ziyaret", False),
    ("Büyükelçiyi valilikte ziyaret etti.", "diplomacy_cooperation", "ziyaret", True),
    ("Bütün ordu arkadaşlarımızı davet etti.", "diplomacy_cooperation", "davet", False),
    ("Komutan halkı toplantıya davet etti.", "diplomacy_cooperation", "davet", False),
    ("Hükümet muhalefeti bayram kutlamasına davet etti.", "diplomacy_cooperation", "davet", True),
    ("Polis silah buldu.", "security_threat", "silah", True),
]

# 0.21.0: a war or an armed clash in the sentence (conflict's savaş, çatışma: vouches) vouches for
# the context-rule cues beside it; a savaş in another sense (against an illness) does not
RULES_0_21 = [
    ("Uzun bir savaştan sonra barışa kavuşuldu.", "diplomacy_cooperation", "barışa", True),
    ("Çatışmanın bittiği gün barış inşa edilebilir.", "diplomacy_cooperation", "barış", True),
    ("Çatışmalar sürerken izolasyona yöneldiler.", "sanctions_pressure", "izolasyona", True),
    ("Kansere karşı savaşta barış yok.", "diplomacy_cooperation", "barış", False),
    ("Bu yıl barış içinde geçti.", "diplomacy_cooperation", "barış", False),
]


# 0.23.0: the noun tehdit needs a public actor or a vouching cue, like the verb tehdit et-
RULES_0_23 = [
    ("Tehdit büyüyor.", "security_threat", "Tehdit", False),
    ("Yangın yüzünden bütün kasaba tehdit altındaydı.", "security_threat", "tehdit", False),
    ("Bakanlık tehdidin büyüdüğünü açıkladı.", "security_threat", "tehdidin", True),
]


def test_an_exempt_security_cue_vouches_for_the_threat_beside_it():
    hits = toolkit.analyze("Terör tehdidi büyüyor.", cache=False).frame_hits()
    assert list(zip(hits["surface"], hits["out_of_context"])) == [("Terör", False), ("tehdidi", False)]


@pytest.mark.parametrize("text, frame, word, counts", RULES_0_19 + RULES_0_20 + RULES_0_21 + RULES_0_23)
def test_each_context_rule_counts_its_sentence_or_leaves_it_out(text, frame, word, counts):
    hits = toolkit.analyze(text, cache=False).frame_hits()
    row = hits[hits["frame"] == frame]
    assert list(row["surface"].str.split().str[0]) == [word], text
    assert bool(row["out_of_context"].iloc[0]) is not counts, text


def test_context_except_drops_words_from_the_context_set():
    lex = Lexicon.from_dict({"frames": {"talks": {
        "context": "public_actors", "context_except": ["vali", "Polis"], "cues": ["ziyaret"]}}})
    assert lex["talks"].context == Lexicon.from_dict({"frames": {"talks": {
        "context": "public_actors", "cues": ["ziyaret"]}}})["talks"].context - {"vali", "polis"}
    assert lex["talks"].context_names


def test_a_cue_exempt_in_the_plural_counts_alone_there_and_vouches_for_nothing():
    lex = Lexicon.from_dict({"frames": {"press": {
        "context": "public_actors", "context_exempt_plural": ["baskı"], "cues": ["baskı", "silah"]}}})
    a = toolkit.analyze(["Baskılar arttı, silah da konuşuldu.", "Baskı arttı.", "Hükümetin baskısı arttı.",
                         "Baskılar arttı."], cache=False)
    hits = a.frame_hits(lex)
    assert list(zip(hits["doc_id"], hits["surface"], hits["out_of_context"])) == [
        ("text-1", "Baskılar", False), ("text-1", "silah", True), ("text-2", "Baskı", True),
        ("text-3", "baskısı", False), ("text-4", "Baskılar", False)]


def test_the_lexicon_table_says_which_cues_need_context():
    table = Lexicon.default().to_frame().set_index(["frame", "cue"])["context"]
    assert table["diplomacy_cooperation", "davet"] == "required"
    assert table["sanctions_pressure", "ambargo"] == "exempt"
    assert table["sanctions_pressure", "baskı"] == "exempt in the plural"
    assert table["conflict", "savaş"] == "vouches"
    assert table["conflict", "kriz"] == ""


def test_the_bar_chart_draws_them_apart(analysis):
    import matplotlib

    matplotlib.use("Agg")
    from toolkit import plots

    fig = plots.frame_bar_chart(analysis.frames(by="corpus"))
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "no public actor (not counted)" in labels
    assert any("no actor" in t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")))


@pytest.mark.parametrize("text, counts", [
    # a hyphenated pair with a country counts as naming it; a pair of given names does not
    ("Rusya-Ukrayna görüşmeleri yarın başlayacak.", True),
    ("Türkiye-AB anlaşması imzalandı.", True),
    ("Ahmet-Mehmet anlaşması bozuldu.", False),
    # a name the article gives an office title is a public actor in its other sentences too
    ("Dışişleri Bakanı Mevlüt Çavuşoğlu konuştu. Çavuşoğlu davetin kabul edildiğini söyledi.", True),
    ("Mevlüt geldi. Mevlüt davetin kabul edildiğini söyledi.", False),
])
def test_public_actors_by_hyphenated_pair_and_by_title(text, counts):
    hits = toolkit.analyze(text, cache=False).frame_hits()
    hit = hits[hits["frame"] == "diplomacy_cooperation"]
    assert len(hit) == 1, text
    assert bool(hit["out_of_context"].iloc[-1]) is not counts, text


@pytest.mark.parametrize("text, counts", [
    ("Bakan konuştu. Kendisiyle görüştüm.", True),           # the speaker named one sentence before
    ("Annesi geldi. Bizi içeriye davet etti.", False),        # no public actor in either sentence
    ("Bakan konuştu. Hava güzeldi. Kendisiyle görüştüm.", False),  # two sentences back is too far
])
def test_the_sentence_before_counts_as_context(text, counts):
    hits = toolkit.analyze(text, cache=False).frame_hits()
    hit = hits[hits["frame"] == "diplomacy_cooperation"]
    assert len(hit) == 1, text
    assert bool(hit["out_of_context"].iloc[0]) is not counts, text
