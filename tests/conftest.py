"""Shared fixtures. Tests never touch the user's real cache or network."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "kim-putin-davet.txt"
DEMO = ROOT / "data" / "news_demo" / "articles.jsonl"


@pytest.fixture(scope="session")
def seed_analysis():
    import toolkit

    return toolkit.analyze(toolkit.load_corpus(SEED))
