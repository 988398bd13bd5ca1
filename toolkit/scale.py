"""Analysing corpora bigger than memory: :func:`analyze_to_parquet` streams a corpus to a
Parquet folder one batch of articles at a time.

The engines :func:`toolkit.analyze` uses live below it: worker processes in
:mod:`toolkit.pool` (``workers=``), a Dask cluster in :mod:`toolkit.dask_engine`
(``engine="dask"``); their names are also importable from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from toolkit.analysis import Analysis, analyze, as_corpus
from toolkit.corpus import Article, Corpus
from toolkit.dask_engine import encode_on_dask
from toolkit.pool import process_pool, simplemma_aside

__all__ = ["analyze_to_parquet", "encode_on_dask", "process_pool", "simplemma_aside"]


def analyze_to_parquet(
    data,
    path: str | os.PathLike,
    *,
    batch_articles: int = 500,
    **analyze_options,
) -> Path:
    """Analyse a corpus ``batch_articles`` articles at a time, writing one Parquet file per batch.

    ``path`` is a folder (created; ``part-00000.parquet``, ``part-00001.parquet``, …), readable
    whole with ``pandas.read_parquet(path)``; only one batch's token table is in memory at a
    time. ``data`` is anything :func:`toolkit.analyze` takes, or an iterable of
    :class:`~toolkit.corpus.Article`; ``analyze_options`` (``workers``, ``engine``, ``cache``,
    ``overrides`` …) are passed on. Returns ``path``.
    """
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    batch = []
    number = 0
    for article in _iter_articles(data):
        batch.append(article)
        if len(batch) == batch_articles:
            _write_batch(batch, out, number, analyze_options)
            batch, number = [], number + 1
    if batch or number == 0:
        _write_batch(batch, out, number, analyze_options)
    return out


def _iter_articles(data) -> Iterable[Article]:
    if isinstance(data, (str, Article)):
        yield from as_corpus(data)
        return
    for i, a in enumerate(data):
        yield a if isinstance(a, Article) else Article(id=f"text-{i + 1}", text=str(a))


def _write_batch(batch: list, out: Path, number: int, options: dict) -> None:
    analysis: Analysis = analyze(Corpus(batch), **options)
    analysis.to_parquet(out / f"part-{number:05d}.parquet")

