"""Shared fixtures. Tests never touch the user's real cache or network."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "kim-putin-davet.txt"
DEMO = ROOT / "data" / "news_demo" / "articles.jsonl"


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory):
    """Every test (and every subprocess a test starts) uses a fresh analysis cache, never the user's."""
    before = os.environ.get("TOOLKIT_CACHE_DIR")
    os.environ["TOOLKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("toolkit-cache"))
    yield
    if before is None:
        os.environ.pop("TOOLKIT_CACHE_DIR", None)
    else:
        os.environ["TOOLKIT_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def seed_analysis():
    import toolkit

    return toolkit.analyze(toolkit.load_corpus(SEED))
