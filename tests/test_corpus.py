"""Reading articles: the seed .txt, the demo .jsonl, folders, and clear errors."""

import pytest

import toolkit
from toolkit.corpus import InputError

from conftest import DEMO, ROOT, SEED


def test_seed_article_loads_with_its_title():
    corpus = toolkit.load_corpus(SEED)
    assert len(corpus) == 1
    art = corpus[0]
    assert art.id == "kim-putin-davet"
    assert art.title == "Kim Putin'i Kuzey Kore'ye davet etti"  # ’ read as '
    assert art.content == art.text  # the body starts with the title: not repeated


def test_demo_corpus_has_50_articles_from_two_outlets():
    corpus = toolkit.load_corpus(DEMO)
    assert len(corpus) == 50
    frame = corpus.to_frame()
    assert frame["source"].value_counts().to_dict() == {"Milliyet": 25, "Sözcü": 25}
    assert {"license", "origin"} <= set(frame.columns)  # extra fields kept as metadata
    assert all(a.content.startswith(a.title) for a in corpus)


def test_folder_loads_articles_but_not_its_readme():
    corpus = toolkit.load_corpus(ROOT / "data" / "news_demo")
    assert len(corpus) == 50


def test_missing_path_names_it(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        toolkit.load_corpus(tmp_path / "nope.txt")


def test_malformed_jsonl_line_is_named_with_its_line_number(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Bir metin."}\n{"id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: "):
        toolkit.load_corpus(bad, strict=True)
    with pytest.warns(toolkit.SkippedInputWarning, match=r"bad.jsonl:2: "):
        corpus = toolkit.load_corpus(bad)
    assert [a.id for a in corpus] == ["a"] and corpus.skipped[0].startswith(f"{bad}:2: ")


def test_duplicate_ids_are_refused():
    a = toolkit.Article(id="x", text="Bir.")
    with pytest.raises(InputError, match="'x'"):
        toolkit.Corpus([a, toolkit.Article(id="x", text="İki.")])
