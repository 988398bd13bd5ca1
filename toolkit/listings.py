"""What the collector starts from: feeds, sitemaps and sources files, read into addresses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from toolkit.corpus import InputError, decode_bytes, file_extension

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
    suffix = file_extension(path)
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
