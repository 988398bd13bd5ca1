"""A local news site for the collector tests: 127.0.0.1, a random port, a thread.

Serves robots.txt, RSS and Atom feeds, a sitemap index with a news sitemap, article pages made
from the demo corpus (one of them a planted agency copy), and pages that fail, redirect, stall,
are too big, are not HTML, or are in Windows-1254. ``hits`` counts the requests per path.
"""

from __future__ import annotations

import hashlib
import html
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "data" / "news_demo" / "articles.jsonl"


def demo_articles() -> list[dict]:
    return [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]


def page(title: str, text: str, date: str, site: str = "Yerel Haber", charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split(". ") if p.strip())
    return (f'<!DOCTYPE html><html lang="tr"><head><meta charset="{charset}"><title>{html.escape(title)}</title>'
            f'<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}">'
            f'</head><body><nav><a href="/">Ana sayfa</a></nav><article><h1>{html.escape(title)}</h1>'
            f"{paragraphs}</article><footer>Tüm hakları saklıdır</footer></body></html>")


class NewsSite:
    """Start with ``with NewsSite() as site:``; ``site.url(path)`` is an address on it."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        #: The Retry-After header of the first answer to /busy (a 429).
        self.retry_after = "0"
        self.routes: dict[str, object] = {}
        demo = demo_articles()
        self.stories = {"a1": demo[0], "a2": demo[1], "a3": demo[2], "b1": demo[3], "s1": demo[4], "s2": demo[5],
                        "old": demo[6], "tr": demo[7], "flaky": demo[8], "busy": demo[9]}
        self.copy_text = self._agency_copy(demo[0]["text"])

    @staticmethod
    def _agency_copy(text: str) -> str:
        sentences = [s for s in text.split(". ") if s.strip()]
        kept = sentences[:-1] if len(sentences) > 3 else sentences
        return "ANKARA (AA) - " + ". ".join(kept)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _build(self) -> None:
        u = self.url
        s = self.stories
        r = self.routes
        for key in ("a1", "a2", "a3", "b1", "s1", "s2", "old"):
            r[f"/news/{key}"] = (200, "text/html; charset=utf-8",
                                 page(s[key]["title"], s[key]["text"],
                                      "2020-01-01" if key == "old" else "2026-12-0" + str(1 + len(key) % 3)).encode())
        r["/news/copy-a1"] = (200, "text/html; charset=utf-8",
                              page("Başka bir başlık: " + s["a1"]["title"], self.copy_text, "2026-12-03",
                                   site="Kopya Gazete").encode())
        r["/news/tr1254"] = (200, "text/html", page(s["tr"]["title"], s["tr"]["text"], "2026-12-02",
                                                    charset="windows-1254").encode("cp1254", "replace"))
        r["/private/secret"] = (200, "text/html", page("Gizli", s["a2"]["text"], "2026-12-01").encode())
        r["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        r["/doc.pdf"] = (200, "application/pdf", b"%PDF-1.4 not a news page")
        r["/big"] = (200, "text/html", b"<html><body><p>" + b"x" * 3_000_000 + b"</p></body></html>")
        r["/go-a3"] = (302, None, b"", {"Location": "/news/a3"})
        r["/loop"] = (302, None, b"", {"Location": "/loop"})
        r["/missing"] = (404, "text/html", b"<html>yok</html>")
        items = ["/news/a1", "/news/a2", "/news/copy-a1", "/private/secret", "/go-a3", "/flaky", "/busy",
                 "/big", "/doc.pdf", "/news/tr1254", "/missing", "/loop"]
        rss = "".join(f"<item><title>t</title><link>{u(p)}</link><pubDate>Tue, 01 Dec 2026 10:00:00 +0300</pubDate></item>"
                      for p in items)
        r["/feed.rss"] = (200, "application/rss+xml",
                          f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Yerel</title>'
                          f"<link>{u('/')}</link>{rss}</channel></rss>".encode())
        r["/atom.xml"] = (200, "application/atom+xml",
                          (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                           f'<link rel="self" href="{u("/atom.xml")}"/>'
                           f'<entry><title>b1</title><link rel="alternate" href="{u("/news/b1")}"/>'
                           f"<updated>2026-12-02T08:00:00Z</updated></entry></feed>").encode())
        r["/sitemap_index.xml"] = (200, "application/xml",
                                   (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                    f"<sitemap><loc>{u('/news-sitemap.xml')}</loc></sitemap></sitemapindex>").encode())
        r["/news-sitemap.xml"] = (200, "application/xml", (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            + "".join(f"<url><loc>{u(p)}</loc><news:news><news:publication_date>{d}</news:publication_date>"
                      f"<news:title>x</news:title></news:news></url>"
                      for p, d in (("/news/s1", "2026-12-02T09:00:00+03:00"), ("/news/s2", "2026-12-03"),
                                   ("/news/old", "2020-01-01")))
            + "</urlset>").encode())

    def respond(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        self.hits[path] += 1
        n = self.hits[path]
        extra: dict[str, str] = {}
        if path == "/flaky" and n == 1:
            status, ctype, body = 503, "text/plain", b"busy"
        elif path == "/busy" and n == 1:
            status, ctype, body, extra = 429, "text/plain", b"slow down", {"Retry-After": self.retry_after}
        elif path in ("/flaky", "/busy"):
            story = self.stories[path[1:]]
            status, ctype, body = 200, "text/html", page(story["title"], story["text"], "2026-12-01").encode()
        elif path == "/slow":
            time.sleep(0.6)
            status, ctype, body = 200, "text/html", b"<html>late</html>"
        elif path in self.routes:
            status, ctype, body, *rest = self.routes[path]
            extra = rest[0] if rest else {}
        else:
            status, ctype, body = 404, "text/plain", b"not found"
        if path.endswith((".rss", ".xml")) and status == 200:
            extra = {**extra, "ETag": f'"{hashlib.sha1(body).hexdigest()}"'}
            if handler.headers.get("If-None-Match") == extra["ETag"]:
                status, body = 304, b""
        handler.send_response(status)
        if ctype:
            handler.send_header("Content-Type", ctype)
        for k, v in extra.items():
            handler.send_header(k, v)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def __enter__(self) -> "NewsSite":
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.respond(self)

            def log_message(self, *args) -> None:
                pass

        self.user_agents: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._build()
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
