"""Near-duplicates (toolkit.duplicates) and load_corpus(duplicates=...)."""

from __future__ import annotations

import json

import pytest

import toolkit
from toolkit.duplicates import DuplicateIndex, clusters, find_duplicates, jaccard, shingles

from conftest import DEMO


def demo(n: int) -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()[:n]]


def test_shingles_are_turkish_lower_cased_and_ignore_punctuation():
    assert shingles("İSTANBUL'DA IRMAK, taştı!") == shingles("istanbul'da ırmak taştı")
    assert shingles("İSTANBUL'DA IRMAK taştı") != shingles("istanbul'da irmak taştı")  # ı and i stay apart
    assert shingles("hâlâ orada bekliyor") == shingles("hala orada bekliyor")
    assert jaccard(frozenset({"a b c"}), frozenset({"a b c", "b c d"})) == 0.5 and jaccard(frozenset(), frozenset()) == 0.0


def test_index_marks_copies_of_the_earliest_and_not_different_stories():
    stories = demo(6)
    index = DuplicateIndex()
    for s in stories:
        assert index.add(s["id"], s["text"]) is None  # six different stories: no copy among them
    text = stories[0]["text"]
    copy = index.add("copy", "ANKARA (AA) - " + text.replace(". ", ".\n", 3) + "\nKaynak: DHA")
    assert copy is not None and copy.duplicate_of == stories[0]["id"] and 0.3 <= copy.similarity < 1
    copy_of_copy = index.add("copy2", "Güncelleme: " + text)
    assert copy_of_copy.duplicate_of == stories[0]["id"]  # the cluster's original, not the copy it resembles
    assert index.add("short", "Kısa haber.") is None
    with pytest.raises(ValueError):
        index.add("copy", text)


def test_find_duplicates_takes_the_earliest_dated_article_as_original():
    from toolkit.corpus import Article

    base = demo(1)[0]["text"]
    later = Article("later", base, date="2026-12-05")
    earlier = Article("earlier", "DHA - " + base, date="2026-12-01")
    undated = Article("undated", base + " Son.", date=None)
    other = Article("other", demo(2)[1]["text"], date="2026-11-01")
    copies = find_duplicates([later, earlier, undated, other])
    assert set(copies) == {"later", "undated"} and {c.duplicate_of for c in copies.values()} == {"earlier"}
    table = clusters([later, earlier, undated, other])
    assert list(table["id"]) == ["earlier", "later", "undated"] and list(table["original"]) == [True, False, False]


@pytest.fixture
def corpus_with_copies(tmp_path):
    stories = demo(4)
    copy = dict(stories[0], id="copy", source="Kopya", date="2030-01-01", title="Başka başlık",
                text="ANKARA (AA) - " + stories[0]["text"])
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [copy, *stories]), encoding="utf-8")
    return path, stories


def test_load_corpus_duplicates_keep_first_drop(corpus_with_copies):
    path, stories = corpus_with_copies
    ids = [s["id"] for s in stories]
    assert [a.id for a in toolkit.load_corpus(path)] == ["copy", *ids]
    assert [a.id for a in toolkit.load_corpus(path, duplicates="keep")] == ["copy", *ids]
    # the copy is dated later than the story it copies: the story is kept, read first or not
    assert [a.id for a in toolkit.load_corpus(path, duplicates="first")] == ids
    assert [a.id for a in toolkit.load_corpus(path, duplicates="drop")] == ids[1:]
    with pytest.raises(ValueError, match="keep"):
        toolkit.load_corpus(path, duplicates="none")
