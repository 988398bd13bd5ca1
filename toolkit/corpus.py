"""Articles and corpora, and the readers that make them from files.

An :class:`Article` keeps its text normalised (:func:`toolkit.text.normalize`): every token
offset in the toolkit points into :attr:`Article.content`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from toolkit.text import normalize


class InputError(ValueError):
    """A user's input cannot be read. The message is one sentence naming the file (and line)."""


@dataclass
class Article:
    """One news article.

    ``text`` is the body; ``title`` the headline. ``date`` is an ISO date string
    (``YYYY-MM-DD``) or None. ``meta`` holds any other fields the input had.
    """

    id: str
    text: str
    title: str = ""
    source: str | None = None
    date: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = normalize(self.text)
        self.title = normalize(self.title or "").strip()

    @property
    def content(self) -> str:
        """What is analysed: the title and the body, the title once (some bodies repeat it)."""
        if not self.title or self.text.lstrip().startswith(self.title):
            return self.text
        return f"{self.title}\n\n{self.text}"


class Corpus:
    """An ordered collection of :class:`Article` with unique ids."""

    def __init__(self, articles: Iterable[Article] = (), skipped: Iterable[str] = ()) -> None:
        self.articles: list[Article] = []
        self.skipped: list[str] = list(skipped)
        seen: set[str] = set()
        for a in articles:
            if a.id in seen:
                raise InputError(f"Two articles share the id {a.id!r}: give each article a unique id.")
            seen.add(a.id)
            self.articles.append(a)

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __getitem__(self, i: int) -> Article:
        return self.articles[i]

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles)"

    def to_frame(self):
        """One row per article: id, source, date, title, url, n_chars, and any meta fields."""
        import pandas as pd

        rows = [
            {"id": a.id, "source": a.source, "date": a.date, "title": a.title, "url": a.url,
             "n_chars": len(a.content), **a.meta}
            for a in self.articles
        ]
        return pd.DataFrame(rows, columns=None if rows else ["id", "source", "date", "title", "url", "n_chars"])


def read_txt(path: Path) -> Article:
    """A plain-text article: the first non-empty line is the title, the whole file the text."""
    text = _read_text(path)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not title:
        raise InputError(f"{path}: the file is empty; add the article text or remove the file.")
    return Article(id=path.stem, text=text, title=title)


_FIELDS = ("id", "source", "date", "title", "text", "url")


def read_jsonl(path: Path) -> list[Article]:
    """One article per line, fields id, source, date, title, text, url; others kept in ``meta``."""
    articles = []
    for lineno, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{lineno}: not valid JSON ({e.msg}); fix or remove that line.") from None
        if not isinstance(record, dict) or not str(record.get("text") or "").strip():
            raise InputError(f"{path}:{lineno}: the record has no 'text'; every line needs an article text.")
        articles.append(_article_from_record(record, default_id=f"{path.stem}-{lineno}"))
    return articles


def _article_from_record(record: dict, default_id: str) -> Article:
    def opt(key: str) -> str | None:
        value = record.get(key)
        return None if value is None or value == "" else str(value)

    return Article(
        id=opt("id") or default_id,
        text=str(record["text"]),
        title=opt("title") or "",
        source=opt("source"),
        date=opt("date"),
        url=opt("url"),
        meta={k: v for k, v in record.items() if k not in _FIELDS},
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8.") from None


_READERS = {".txt": "txt", ".md": "txt", ".jsonl": "jsonl"}
_NOT_ARTICLES = ("readme", "license", "licence", "notice")


def _ext(path: Path) -> str:
    return path.suffix.lower()  # ok: ASCII file extension


def _is_article_file(path: Path) -> bool:
    return path.is_file() and _ext(path) in _READERS and not path.stem.lower().startswith(_NOT_ARTICLES)  # ok: ASCII


def load_corpus(path: str | Path) -> Corpus:
    """Read articles from a folder, a ``.txt``/``.md`` file or a ``.jsonl`` file.

    A folder is read in sorted path order, every supported file in it (recursively), except
    files named README, LICENSE or NOTICE (any extension), which describe data rather than hold it.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder; check the path.")
    files = sorted(p for p in path.rglob("*") if _is_article_file(p)) if path.is_dir() else [path]
    if path.is_file() and _ext(path) not in _READERS:
        raise InputError(f"{path}: unsupported file type {path.suffix!r}; use .txt, .md or .jsonl.")
    articles: list[Article] = []
    for f in files:
        kind = _READERS[_ext(f)]
        articles.extend([read_txt(f)] if kind == "txt" else read_jsonl(f))
    return Corpus(articles)
