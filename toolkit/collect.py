"""Collect news articles from RSS/Atom feeds, (news) sitemaps and article pages, politely and
incrementally, into a folder that :func:`toolkit.load_corpus` reads.

A collection folder holds:

- ``articles.jsonl``: one article per line (``id, source, date, title, text, url, fetched_at,
  sha256``, and ``duplicate_of``/``similarity`` for copies of an earlier article), appended,
  flushed and synced to disk one article at a time;
- ``pages/``: every article page exactly as served, gzip-compressed, named by the SHA-256 of
  its bytes (``pages/<sha256>.html.gz``; the ``sha256`` field names it);
- ``state.sqlite``: every address seen, with its status, and the ETag/Last-Modified of feeds
  and sitemaps, committed after each one; a rerun fetches only addresses it has not finished.

Rules followed for every request: http(s) only; hosts that resolve to a non-public address are
refused unless ``allow_private_hosts``; robots.txt obeyed (its Crawl-delay too); one request at
a time, at least ``delay`` seconds apart per host; a User-Agent naming the toolkit; timeouts;
retries with exponential backoff on 429 and 5xx, honouring ``Retry-After``; at most
``max_bytes`` per response; at most ``max_redirects`` redirects, each target checked again.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import ipaddress
import json
import os
import re
import socket
import sqlite3
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from toolkit import __version__
from toolkit.corpus import InputError, decode_bytes
from toolkit.duplicates import DuplicateIndex

#: The name robots.txt rules are matched against.
ROBOTS_NAME = "toolkit"
USER_AGENT = f"toolkit/{__version__} (Turkish news framing toolkit; collects public news pages, obeys robots.txt)"
_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_DEPTH = 3


@dataclass
class Options:
    """How to fetch. Times in seconds, sizes in bytes."""

    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 120.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private_hosts: bool = False
    since: str | None = None


class FetchError(Exception):
    """An address could not be used; the message says why, in a few words.

    ``final`` is True when trying again later would not help (too large, gone, not a page);
    False when a later run should retry (server or network trouble, robots.txt, refused host).
    """

    def __init__(self, message: str, final: bool = False) -> None:
        super().__init__(message)
        self.final = final


class RobotsError(FetchError):
    """robots.txt forbids the address (checked again whenever its feed or sitemap changes)."""


@dataclass
class Response:
    """A final answer: its address (after redirects), status, headers (lower-case names), body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()  # ok: ASCII header


def check_public(url: str) -> None:
    """Raise :class:`FetchError` unless ``url`` is http(s) and its host resolves only to public
    addresses (no loopback, private, link-local, reserved or multicast ranges)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not an http(s) address", final=True)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"host {parts.hostname} not found") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global:
            raise FetchError(f"host {parts.hostname} is a non-public address ({ip}); "
                             "pass --allow-private-hosts to collect from it")


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), None if absent/unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Fetcher:
    """One request at a time; per host, requests at least ``delay`` s apart (more if robots.txt asks)."""

    def __init__(self, options: Options, sleep: Callable[[float], None] = time.sleep) -> None:
        import urllib3

        self.options = options
        self.sleep = sleep
        self._urllib3 = urllib3
        self.http = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=options.timeout, read=options.timeout))
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        #: Number of requests sent (robots.txt included).
        self.requests = 0

    def _host(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _wait_turn(self, host: str) -> None:
        delay = self.options.delay
        robots = self._robots.get(host)
        if robots is not None:
            delay = max(delay, float(robots.crawl_delay(ROBOTS_NAME) or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)

    def _request_once(self, url: str, headers: dict[str, str]) -> Response:
        host = self._host(url)
        self._wait_turn(host)
        self.requests += 1
        try:
            r = self.http.request("GET", url, headers={**_HEADERS, **headers}, redirect=False, preload_content=False)
        except self._urllib3.exceptions.HTTPError as e:
            self._last[host] = time.monotonic()
            reason = "timed out" if isinstance(e, self._urllib3.exceptions.TimeoutError) or "timed out" in str(e) else "could not connect"
            raise FetchError(reason) from None
        try:
            length = r.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > self.options.max_bytes:
                raise FetchError(f"larger than the size limit ({int(length):,} > {self.options.max_bytes:,} bytes)", final=True)
            chunks, size = [], 0
            for chunk in r.stream(65536):
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise FetchError(f"larger than the size limit ({self.options.max_bytes:,} bytes)", final=True)
                chunks.append(chunk)
        except self._urllib3.exceptions.HTTPError:
            raise FetchError("timed out while reading") from None
        finally:
            r.release_conn()
            self._last[host] = time.monotonic()
        return Response(url, r.status, {k.lower(): v for k, v in r.headers.items()}, b"".join(chunks))  # ok: ASCII

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        """One address, retried on connection errors, 429 and 5xx."""
        attempt = 0
        while True:
            try:
                r = self._request_once(url, headers)
            except FetchError as e:
                if attempt >= self.options.retries or e.final:
                    raise
                self.sleep(min(self.options.max_wait, self.options.backoff * 2 ** attempt))
                attempt += 1
                continue
            if r.status != 429 and r.status < 500:
                return r
            if attempt >= self.options.retries:
                raise FetchError(f"HTTP {r.status} after {attempt + 1} attempts")
            wait = _retry_after(r.headers.get("retry-after"))
            if wait is None:
                wait = self.options.backoff * 2 ** attempt
            if wait > self.options.max_wait:
                raise FetchError(f"HTTP {r.status}; the server asks to wait {wait:.0f} s, more than --max-wait")
            self.sleep(wait)
            attempt += 1

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The robots.txt rules of ``url``'s host (fetched once per run). A missing robots.txt
        (4xx) allows everything; an unreachable one (5xx, network error) allows nothing."""
        host = self._host(url)
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser(host + "/robots.txt")
            try:
                r = self._follow(host + "/robots.txt", {}, check_robots=False)
                if r.status == 200:
                    parser.parse(r.body.decode("utf-8", "replace").splitlines())
                elif r.status in (401, 403):
                    parser.disallow_all = True
                else:
                    parser.allow_all = True
            except FetchError:
                parser.disallow_all = True
            self._robots[host] = parser
        return self._robots[host]

    def _follow(self, url: str, headers: dict[str, str], check_robots: bool = True) -> Response:
        for _ in range(self.options.max_redirects + 1):
            if not self.options.allow_private_hosts:
                check_public(url)
            elif urlsplit(url).scheme not in ("http", "https"):
                raise FetchError("not an http(s) address", final=True)
            if check_robots and not self.robots(url).can_fetch(ROBOTS_NAME, url):
                raise RobotsError("robots.txt forbids it")
            r = self._request(url, headers)
            if r.status not in _REDIRECTS:
                return r
            location = r.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {r.status} redirect without a Location", final=True)
            url = urljoin(url, location)
        raise FetchError(f"more than {self.options.max_redirects} redirects", final=True)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The final response for ``url`` (2xx or 304), after redirects and retries.

        Raises :class:`FetchError` for everything else: refused host, robots.txt, HTTP errors,
        timeouts, too many redirects, too large.
        """
        r = self._follow(url, headers or {})
        if r.status == 304 or 200 <= r.status < 300:
            return r
        raise FetchError(f"HTTP {r.status}", final=400 <= r.status < 500 and r.status not in (408, 429))


# --- reading feeds and sitemaps -----------------------------------------------------------------

@dataclass
class Entry:
    """An address listed by a feed or sitemap, with the date it gives (``YYYY-MM-DD``) if any."""

    url: str
    date: str | None = None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_listing(body: bytes, base_url: str) -> tuple[str, list[Entry]] | None:
    """``(kind, entries)`` for an RSS/Atom feed (``"feed"``), a sitemap (``"sitemap"``) or a
    sitemap index (``"index"``, entries are sitemaps); None when ``body`` is none of them.

    Dates come from ``pubDate``/``published``/``updated``/``dc:date`` in feeds and
    ``news:publication_date`` or ``lastmod`` in sitemaps. The XML parser resolves no entities
    and fetches nothing.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    kind = _local(root.tag)

    def child_text(el, *names: str) -> str | None:
        for c in el.iter():
            if _local(c.tag) in names and c.text and c.text.strip():
                return c.text.strip()
        return None

    entries: list[Entry] = []
    if kind in ("urlset", "sitemapindex"):
        item = "url" if kind == "urlset" else "sitemap"
        for el in root:
            if _local(el.tag) == item:
                loc = child_text(el, "loc")
                if loc:
                    entries.append(Entry(urljoin(base_url, loc), _iso_date(child_text(el, "publication_date", "lastmod"))))
        return ("sitemap" if kind == "urlset" else "index"), entries
    if kind in ("rss", "RDF"):
        for el in root.iter():
            if _local(el.tag) == "item":
                link = child_text(el, "link")
                if link:
                    entries.append(Entry(urljoin(base_url, link), _iso_date(child_text(el, "pubDate", "date"))))
        return "feed", entries
    if kind == "feed":
        for el in root:
            if _local(el.tag) != "entry":
                continue
            links = [c for c in el if _local(c.tag) == "link" and c.get("href")]
            best = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
            if best is not None:
                entries.append(Entry(urljoin(base_url, best.get("href")), _iso_date(child_text(el, "published", "updated"))))
        return "feed", entries
    return None


# --- sources ------------------------------------------------------------------------------------

@dataclass
class Source:
    """One address to start from, and the outlet name to give its articles (None: from the page)."""

    url: str
    outlet: str | None = None


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def read_sources(item: str, problems: list[str]) -> list[Source]:
    """The sources one command-line item names: a URL, or a sources file.

    A ``.txt`` sources file has one source a line, ``URL`` or ``URL  Outlet name`` (whitespace
    between); ``#`` starts a comment. A ``.yaml``/``.yml`` file is a list of ``{url, outlet}``
    mappings, or a mapping ``outlet name: [url, …]``. Each unusable line adds one message to
    ``problems``.
    """
    if _is_url(item):
        return [Source(item)]
    path = Path(item)
    if not path.is_file():
        problems.append(f"{item}: neither an http(s) address nor a sources file; check it.")
        return []
    try:
        text = decode_bytes(path.read_bytes(), path)
    except (InputError, OSError) as e:
        problems.append(str(e) if isinstance(e, InputError) else f"{path}: cannot be read ({e}).")
        return []
    suffix = path.suffix.lower()  # ok: ASCII file extension
    if suffix in (".yaml", ".yml"):
        return _yaml_sources(path, text, problems)
    sources = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("http") else re.sub(r"\s+#.*$", "", line).strip()
        if not line:
            continue
        url, _, outlet = line.partition(" ")
        if not _is_url(url):
            problems.append(f"{path}:{lineno}: {url!r} is not an http(s) address; write 'URL  Outlet name'.")
            continue
        sources.append(Source(url, outlet.strip() or None))
    return sources


def _yaml_sources(path: Path, text: str, problems: list[str]) -> list[Source]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", None)
        problems.append(f"{path}{f':{line + 1}' if line is not None else ''}: not valid YAML; "
                        "write a list of 'url:'/'outlet:' entries.")
        return []
    pairs: list[tuple[object, object]] = []
    if isinstance(data, dict):
        for outlet, urls in data.items():
            pairs.extend((u, outlet) for u in (urls if isinstance(urls, list) else [urls]))
    elif isinstance(data, list):
        for entry in data:
            pairs.append((entry.get("url"), entry.get("outlet")) if isinstance(entry, dict) else (entry, None))
    else:
        problems.append(f"{path}: expected a list of 'url:'/'outlet:' entries or 'outlet: [urls]'.")
        return []
    sources = []
    for url, outlet in pairs:
        if not isinstance(url, str) or not _is_url(url):
            problems.append(f"{path}: {url!r} is not an http(s) address; fix that entry.")
            continue
        sources.append(Source(url, str(outlet) if outlet else None))
    return sources


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
