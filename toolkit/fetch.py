"""Polite, safe HTTP for the collector: one request at a time, robots.txt, limits.

Rules followed for every request: http(s) only; hosts that resolve to a non-public address are
refused unless ``allow_private_hosts``; robots.txt obeyed (its Crawl-delay too); one request at
a time, at least ``delay`` seconds apart per host; a User-Agent naming the toolkit; timeouts;
retries with exponential backoff on 429 and 5xx, honouring ``Retry-After``; at most
``max_bytes`` per response; at most ``max_redirects`` redirects, each target checked again.
HTTP is urllib3's, with its own redirects and retries turned off so that every hop is checked.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urljoin, urlsplit

from toolkit import __version__

#: The name robots.txt rules are matched against.
ROBOTS_NAME = "toolkit"
USER_AGENT = f"toolkit/{__version__} (Turkish news framing toolkit; collects public news pages, obeys robots.txt)"
_HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass
class Options:
    """How to fetch (times in seconds, sizes in bytes); ``since`` (``YYYY-MM-DD``): the collector
    keeps no article dated earlier."""

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
