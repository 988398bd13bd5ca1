"""Cues inside multiword proper names (toolkit.names.in_proper_name) are kept apart."""

from __future__ import annotations

import toolkit
from toolkit.lexicon import Lexicon

TEXT = ("Sanıklar İstanbul Adalet Sarayı önünde toplandı. Toplantıyı Ankara Kriz Masası yaptı. "
        "Barış Manço şarkı söyledi. Barış görüşmeleri başladı. Taraflar adalet istiyor. "
        "Güvenlik Konseyi toplandı.")


def test_cues_inside_names_are_flagged_and_left_out():
    a = toolkit.analyze(TEXT, cache=False)
    hits = a.frame_hits()
    flagged = dict(zip(zip(hits["surface"], hits["sentence"]), hits["in_name"]))
    assert flagged["Adalet", 0] and flagged["Kriz", 1] and flagged["Barış", 2] and flagged["Güvenlik", 5]
    assert not flagged["adalet", 4]  # "Taraflar adalet istiyor"
    assert not flagged["Barış", 3] and not flagged["görüşmeleri", 3]
    morality = a.frames(by="corpus").set_index("frame").loc["morality"]
    assert (morality["hits"], morality["names"]) == (1, 1)
    with_names = a.frames(by="corpus", include_names=True).set_index("frame").loc["morality"]
    assert with_names["hits"] == 2


def test_a_cue_written_as_a_name_counts_inside_it():
    mine = Lexicon.from_dict({"frames": {"security": {"cues": ["Güvenlik Konseyi", "güvenlik"]}}})
    a = toolkit.analyze("Güvenlik Konseyi toplandı. Bölgede güvenlik sağlandı.", cache=False)
    hits = a.frame_hits(mine)
    assert list(zip(hits["surface"], hits["in_name"])) == [("Güvenlik Konseyi", False), ("güvenlik", False)]
    assert a.frames(mine, by="corpus")["hits"].sum() == 2


def test_inflected_proper_noun_after_a_sentence_start_is_no_name():
    a = toolkit.analyze("Barış Putin'le konuşuldu. Görüşmede Hillary Clinton konuştu.", cache=False)
    hits = a.frame_hits()
    assert list(zip(hits["surface"], hits["in_name"])) == [("Barış", False), ("Görüşmede", False)]
