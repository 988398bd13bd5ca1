"""Collect news articles from RSS/Atom feeds, (news) sitemaps and article pages, politely and
incrementally, into a folder that :func:`toolkit.load_corpus` reads.

A collection folder holds:

- ``articles.jsonl``: one article per line (``id, source, date, title, text, url, fetched_at,
  sha256``, and ``duplicate_of``/``similarity`` for copies of an earlier article), appended,
  flushed and synced to disk one article at a time;
- ``pages/``: every article page as served, gzip-compressed, named by the SHA-256 of its bytes
  (``pages/<sha256>.html.gz``; the ``sha256`` field names it);
- ``state.sqlite``: every address seen, with its status, and the ETag/Last-Modified of feeds
  and sitemaps, committed after each one; a rerun fetches only addresses it has not finished.

Requests follow the rules of :mod:`toolkit.fetch`; sources are read by :mod:`toolkit.listings`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from toolkit.corpus import InputError, decode_bytes
from toolkit.duplicates import DuplicateIndex
from toolkit.fetch import FetchError, Fetcher, Options, Response, RobotsError
from toolkit.listings import Source, parse_listing, read_sources

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_DEPTH = 3

# --- the collection folder ----------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,          -- article | listing
    status TEXT NOT NULL,        -- collected | skipped | failed | listed
    reason TEXT,
    article_id TEXT,
    etag TEXT,
    last_modified TEXT,
    updated_at TEXT NOT NULL
);
"""
#: Statuses after which an article address is not fetched again ("failed" ones are retried).
_FINAL = ("collected", "skipped")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _slug(text: str) -> str:
    from toolkit.text import turkish_lower

    ascii_ = turkish_lower(text).translate(str.maketrans("çğıöşüâîû", "cgiosuaiu"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-") or "article"


class Collection:
    """The folder: articles.jsonl (append-only), pages/, state.sqlite."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        (self.folder / "pages").mkdir(parents=True, exist_ok=True)
        self.articles_path = self.folder / "articles.jsonl"
        state = self.folder / "state.sqlite"
        self.db = sqlite3.connect(state)
        try:
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            self.db.close()
            raise InputError(f"{state}: not a readable state database; delete it and collect again "
                             "(it is rebuilt from articles.jsonl; only feed validators are lost).") from None
        self.index = DuplicateIndex()
        self.ids: set[str] = set()
        self._reopen()

    def _reopen(self) -> None:
        """Read what is already collected (cutting a last line a crash left unfinished), mark
        its addresses collected, and index its texts for duplicates."""
        if self.articles_path.exists():
            data = self.articles_path.read_bytes()
            if data and not data.endswith(b"\n"):
                with open(self.articles_path, "r+b") as f:
                    f.truncate(data.rfind(b"\n") + 1)
                data = data[: data.rfind(b"\n") + 1]
            for lineno, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    raise InputError(f"{self.articles_path}:{lineno}: not valid JSON; fix or remove that line, "
                                     "then collect again.") from None
                if not isinstance(record, dict) or "id" not in record:
                    raise InputError(f"{self.articles_path}:{lineno}: not an article record with an 'id'; "
                                     "fix or remove that line, then collect again.")
                if record["id"] in self.ids:
                    continue
                self.ids.add(record["id"])
                self.index.add(record["id"], record.get("text", ""), original=record.get("duplicate_of") or record["id"])
                if record.get("url"):
                    self.mark(record["url"], "article", "collected", article_id=record["id"], commit=False)
            self.db.commit()
        self._out = open(self.articles_path, "a", encoding="utf-8")

    def status(self, url: str) -> tuple[str, str | None, str | None] | None:
        """``(status, etag, last_modified)`` of an address seen before, else None."""
        return self.db.execute("SELECT status, etag, last_modified FROM urls WHERE url = ?", (url,)).fetchone()

    def mark(self, url: str, kind: str, status: str, *, reason: str | None = None, article_id: str | None = None,
             etag: str | None = None, last_modified: str | None = None, commit: bool = True) -> None:
        self.db.execute(
            "INSERT INTO urls VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET kind=excluded.kind, "
            "status=excluded.status, reason=excluded.reason, article_id=COALESCE(excluded.article_id, article_id), "
            "etag=excluded.etag, last_modified=excluded.last_modified, updated_at=excluded.updated_at",
            (url, kind, status, reason, article_id, etag, last_modified, _now()))
        if commit:
            self.db.commit()

    def keep_page(self, body: bytes) -> str:
        """Store the page as served; its SHA-256 (hex), which names the file."""
        digest = hashlib.sha256(body).hexdigest()
        path = self.folder / "pages" / f"{digest}.html.gz"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(gzip.compress(body))
            os.replace(tmp, path)
        return digest

    def append(self, record: dict) -> None:
        """One article line, on disk (flushed and synced) before this returns."""
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._out.flush()
        os.fsync(self._out.fileno())
        self.ids.add(record["id"])

    def unique_id(self, base: str) -> str:
        n, candidate = 1, base
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def close(self) -> None:
        self._out.close()
        self.db.close()


# --- collecting ---------------------------------------------------------------------------------

@dataclass
class Summary:
    """What one run did: new article ids, addresses already collected, and one line per problem."""

    collected: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    already: int = 0
    not_modified: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    requests: int = 0

    def lines(self) -> list[str]:
        """The summary as printed by ``toolkit collect``."""
        out = [f"collected {len(self.collected)} new article{'s' if len(self.collected) != 1 else ''}"
               f" ({len(self.duplicates)} marked as copies of earlier ones); {self.already} already collected; "
               f"{self.requests} requests"]
        out += [f"not modified since last run: {u}" for u in self.not_modified]
        out += [f"skipped: {p}" for p in self.problems]
        return out


def _decode_page(r: Response) -> str:
    charset = re.search(r"charset=([\w-]+)", r.headers.get("content-type", ""), re.I)
    if not charset:
        charset = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", r.body[:4096], re.I)
    name = charset.group(1) if charset else None
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    if name:
        try:
            return r.body.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(r.body, r.url)


class Collector:
    """Runs the sources into a :class:`Collection`."""

    def __init__(self, collection: Collection, options: Options, fetcher: Fetcher | None = None,
                 log: Callable[[str], None] = lambda line: None) -> None:
        self.collection = collection
        self.options = options
        self.fetcher = fetcher or Fetcher(options)
        self.log = log
        self.summary = Summary()
        self._to_retry = 0
        self._visited: set[str] = set()

    def _problem(self, url: str, reason: str) -> None:
        self.summary.problems.append(f"{url}: {reason}")
        self.log(f"skipped {url}: {reason}")

    def _too_old(self, date: str | None) -> bool:
        return bool(self.options.since and date and date < self.options.since)

    def run(self, sources: Iterable[Source]) -> Summary:
        for source in sources:
            self.source(source)
        self.summary.requests = self.fetcher.requests
        return self.summary

    def source(self, source: Source, depth: int = 0) -> None:
        """One feed, sitemap (index) or article address (each address once per run)."""
        if source.url in self._visited:
            return
        self._visited.add(source.url)
        seen = self.collection.status(source.url)
        if seen and seen[0] in _FINAL:
            self.summary.already += 1
            return
        headers = {}
        if seen and seen[1]:
            headers["If-None-Match"] = seen[1]
        if seen and seen[2]:
            headers["If-Modified-Since"] = seen[2]
        try:
            r = self.fetcher.get(source.url, headers)
        except FetchError as e:
            self._fail(source.url, e, given=depth == 0)
            return
        if r.status == 304:
            self.summary.not_modified.append(source.url)
            return
        body = self._gunzip(r)
        if body is None:
            return
        xml = body.lstrip()[:5] == b"<?xml"
        listing = parse_listing(body, r.url) if xml or not r.content_type.startswith(_HTML_TYPES) else None
        if listing is None:
            self._article(source, r)
            return
        kind, entries = listing
        self.log(f"{kind} {source.url}: {len(entries)} entries")
        retries_before = self._to_retry
        for entry in entries:
            if self._too_old(entry.date) or entry.url in self._visited:
                continue
            if depth < _MAX_DEPTH:
                self.source(Source(entry.url, source.outlet), depth + 1)
            else:
                self._problem(entry.url, f"listed by feeds or sitemaps nested more than {_MAX_DEPTH} deep; not followed")
        # The validators are kept only once every entry has been handled, and none is to be
        # retried: otherwise the next run reads the whole listing again instead of getting
        # "not modified", and so reaches the entries it has not finished.
        done = self._to_retry == retries_before
        self.collection.mark(source.url, "listing", "listed", reason=f"{kind} with {len(entries)} entries",
                             etag=r.headers.get("etag") if done else None,
                             last_modified=r.headers.get("last-modified") if done else None)

    def _fail(self, url: str, error: FetchError, given: bool = False) -> None:
        """Record a failed address; ``given`` ones (named by the user) are tried on every run."""
        if not error.final and not isinstance(error, RobotsError):
            self._to_retry += 1
        final = error.final and not given
        self.collection.mark(url, "article", "skipped" if final else "failed", reason=str(error))
        self._problem(url, str(error))

    def _gunzip(self, r: Response) -> bytes | None:
        """The body, uncompressed when it is a gzip file (``sitemap.xml.gz``); None (and the
        address listed) when that file is broken or larger than the size limit uncompressed."""
        if not r.body.startswith(b"\x1f\x8b"):
            return r.body
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(r.body)) as f:
                body = f.read(self.options.max_bytes + 1)
        except (OSError, EOFError):
            self._fail(r.url, FetchError("a broken gzip file", final=True))
            return None
        if len(body) > self.options.max_bytes:
            self._fail(r.url, FetchError(f"larger than the size limit uncompressed ({self.options.max_bytes:,} bytes)",
                                         final=True))
            return None
        return body

    def _article(self, source: Source, r: Response) -> None:
        url = source.url
        html_type = r.content_type.startswith(_HTML_TYPES) or (not r.content_type and r.body.lstrip()[:1] == b"<")
        if not html_type:
            self.collection.mark(url, "article", "skipped", reason=f"not HTML ({r.content_type or 'no type'})")
            self._problem(url, f"not HTML ({r.content_type or 'no type'}), not collected")
            return
        import trafilatura

        try:
            html = _decode_page(r)
        except InputError:
            self.collection.mark(url, "article", "skipped", reason="undecodable page")
            self._problem(url, "the page's text encoding cannot be recognised")
            return
        doc = trafilatura.bare_extraction(html, url=r.url, with_metadata=True, include_comments=False)
        text = (doc.text or "") if doc is not None else ""
        if not text.strip():
            self.collection.mark(url, "article", "skipped", reason="no article text")
            self._problem(url, "no article text found in the page")
            return
        date = doc.date
        if self._too_old(date):
            self.collection.mark(url, "article", "skipped", reason=f"dated {date}, before --since")
            return
        outlet = source.outlet or doc.sitename or urlsplit(r.url).hostname
        digest = self.collection.keep_page(r.body)
        url_hash = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
        article_id = self.collection.unique_id(f"{_slug(outlet)}-{(date or 'undated').replace('-', '')}-{url_hash}")
        copy = self.collection.index.add(article_id, text)
        record = {"id": article_id, "source": outlet, "date": date, "title": doc.title or "", "text": text,
                  "url": url, "fetched_at": _now(), "sha256": digest}
        if r.url != url:
            record["final_url"] = r.url
        if copy is not None:
            record.update(duplicate_of=copy.duplicate_of, similarity=copy.similarity)
            self.summary.duplicates.append(article_id)
        self.collection.append(record)
        self.collection.mark(url, "article", "collected", article_id=article_id)
        if r.url != url:
            self.collection.mark(r.url, "article", "collected", article_id=article_id)
        self.summary.collected.append(article_id)
        self.log(f"collected {article_id}" + (f" (copy of {copy.duplicate_of})" if copy else ""))


def collect(sources: Iterable[str], out: str | Path, options: Options | None = None,
            log: Callable[[str], None] = lambda line: None) -> Summary:
    """Collect articles from ``sources`` (URLs or sources files) into the folder ``out``.

    Returns a :class:`Summary`; problems with single sources are listed in it, never raised.
    An interrupted run keeps every article written before the interruption; rerunning continues.
    """
    options = options or Options()
    problems: list[str] = []
    resolved = [s for item in sources for s in read_sources(str(item), problems)]
    collection = Collection(out)
    try:
        collector = Collector(collection, options, log=log)
        collector.summary.problems.extend(problems)
        return collector.run(resolved)
    finally:
        collection.close()
