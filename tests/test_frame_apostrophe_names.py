"""A capitalised cue word with an apostrophe suffix is a name (toolkit.matching.named_by_apostrophe)."""

from __future__ import annotations

import toolkit
from toolkit.matching import named_by_apostrophe


def test_a_capitalised_word_with_an_apostrophe_suffix_is_a_name():
    a = toolkit.analyze("Dün Savaş'ın annesi geldi. Dün savaşın sonu geldi. SAVAŞ'IN SONU geldi. "
                        "Dün Ceza'nın cezası bitti.", cache=False)
    hits = a.frame_hits()
    flagged = dict(zip(hits["surface"], hits["in_name"]))
    assert flagged["Savaş'ın"] and flagged["Ceza'nın"]
    assert not flagged["savaşın"] and not flagged["SAVAŞ'IN"] and not flagged["cezası"]
    conflict = a.frames(by="corpus").set_index("frame").loc["conflict"]
    assert (conflict["hits"], conflict["names"]) == (2, 1)


def test_the_test_itself():
    assert named_by_apostrophe("Barış'ın") and named_by_apostrophe("Ceza’ya")
    assert not named_by_apostrophe("barışın") and not named_by_apostrophe("Barış")
    assert not named_by_apostrophe("ABD'nin") and not named_by_apostrophe("1990'da")
