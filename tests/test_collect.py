"""The collector against a local news site (tests/collect_server.py): no network is used."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import warnings

import pytest

import toolkit
from toolkit.__main__ import main
from toolkit.collect import Collection, Collector, collect
from toolkit.fetch import USER_AGENT, FetchError, Fetcher, Options, check_public
from toolkit.listings import parse_listing, read_sources

from collect_server import NewsSite

FAST = ["--delay", "0", "--timeout", "2", "--retries", "2", "--backoff", "0.01", "--max-bytes", "1000000", "--allow-private-hosts"]


def fast_options(**kw) -> Options:
    return Options(**{"delay": 0, "timeout": 2, "retries": 2, "backoff": 0.01, "max_bytes": 1_000_000,
                      "allow_private_hosts": True, **kw})


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def site():
    with NewsSite() as s:
        yield s


def test_collect_feed_follows_every_rule_and_a_rerun_fetches_nothing_new(site, tmp_path, capsys):
    out = tmp_path / "news"
    assert main(["collect", site.url("/feed.rss"), "--out", str(out), *FAST]) == 0
    printed = capsys.readouterr()
    records = lines(out / "articles.jsonl")
    by_url = {r["url"].rsplit("/", 1)[-1]: r for r in records}
    # collected: three stories, the planted copy, a redirect, a 503-then-200 and a 429-then-200 page, a cp1254 page
    assert set(by_url) == {"a1", "a2", "copy-a1", "go-a3", "flaky", "busy", "tr1254"}
    assert site.hits["/flaky"] == 2 and site.hits["/busy"] == 2
    assert by_url["go-a3"]["final_url"].endswith("/news/a3")
    # robots.txt forbids /private/: never requested
    assert site.hits["/private/secret"] == 0
    assert "/private/secret: robots.txt forbids it" in printed.out
    # too big, not HTML, missing, redirect loop: listed, one line each, no traceback
    assert "/big: larger than the size limit" in printed.out
    assert "/doc.pdf: not HTML (application/pdf)" in printed.out
    assert "/missing: HTTP 404" in printed.out
    assert "/loop: more than 5 redirects" in printed.out
    assert "Traceback" not in printed.out + printed.err
    # the planted agency copy points at the original; no other article is a copy
    copy = by_url["copy-a1"]
    assert copy["duplicate_of"] == by_url["a1"]["id"] and 0.3 <= copy["similarity"] < 1
    assert [r["url"] for r in records if "duplicate_of" in r] == [copy["url"]]
    # the outlet comes from the page; Windows-1254 decoded into Turkish letters
    assert copy["source"] == "Kopya Gazete" and by_url["a1"]["source"] == "Yerel Haber"
    assert site.stories["tr"]["text"][:40] in by_url["tr1254"]["text"]
    # the raw page is kept, named by its SHA-256
    for r in records:
        raw = gzip.decompress((out / "pages" / f"{r['sha256']}.html.gz").read_bytes())
        assert hashlib.sha256(raw).hexdigest() == r["sha256"]
        assert r["fetched_at"] and r["id"] and r["date"]
    assert all(ua == USER_AGENT for ua in site.user_agents) and USER_AGENT.startswith(f"toolkit/{toolkit.__version__}")
    # load_corpus reads the collection, with duplicate_of in meta
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = toolkit.load_corpus(out / "articles.jsonl")
    assert len(corpus) == 7 and corpus.articles[2].meta["duplicate_of"] == by_url["a1"]["id"]

    before = dict(site.hits)
    assert main(["collect", site.url("/feed.rss"), "--out", str(out), *FAST]) == 0
    assert "not modified since last run" in capsys.readouterr().out
    new = {p: n - before.get(p, 0) for p, n in site.hits.items() if n != before.get(p, 0)}
    assert new == {"/robots.txt": 1, "/feed.rss": 1}  # a 304 for the feed, no page fetched again
    assert len(lines(out / "articles.jsonl")) == 7


def test_a_changed_feed_fetches_only_its_new_articles(site, tmp_path):
    out = tmp_path / "news"
    collect([site.url("/atom.xml")], out, fast_options())
    status, ctype, body = site.routes["/atom.xml"]
    entry = f'<entry><link href="{site.url("/news/a2")}"/><published>2026-12-04</published></entry></feed>'
    site.routes["/atom.xml"] = (status, ctype, body.replace(b"</feed>", entry.encode()))
    summary = collect([site.url("/atom.xml")], out, fast_options())
    records = lines(out / "articles.jsonl")
    assert [r["url"] for r in records if r["id"] in summary.collected] == [site.url("/news/a2")]
    assert site.hits["/news/b1"] == 1 and site.hits["/atom.xml"] == 2 and len(records) == 2


def test_an_entry_that_failed_is_retried_next_run_and_a_gone_one_is_not(site, tmp_path):
    out = tmp_path / "news"
    site.routes["/down"] = (503, "text/plain", b"down")
    site.routes["/list.rss"] = (200, "application/rss+xml", (
        f"<rss><channel><item><link>{site.url('/down')}</link></item>"
        f"<item><link>{site.url('/missing')}</link></item></channel></rss>").encode())
    first = collect([site.url("/list.rss")], out, fast_options(retries=0))
    assert first.collected == [] and len(first.problems) == 2
    site.routes["/down"] = site.routes["/news/a1"]
    second = collect([site.url("/list.rss")], out, fast_options(retries=0))
    assert len(second.collected) == 1 and site.hits["/down"] == 2  # the feed was read again, not "not modified"
    assert site.hits["/missing"] == 1  # a 404 is not asked for again
    third = collect([site.url("/list.rss")], out, fast_options(retries=0))
    assert third.not_modified == [site.url("/list.rss")] and site.hits["/down"] == 2


def test_feeds_listing_themselves_or_nesting_deep_end(site, tmp_path):
    for n in range(6):  # /nest0.rss lists itself and /nest1.rss, which lists /nest2.rss …
        links = [site.url(f"/nest{n}.rss"), site.url(f"/nest{n + 1}.rss")]
        site.routes[f"/nest{n}.rss"] = (200, "application/rss+xml", (
            "<rss><channel>" + "".join(f"<item><link>{u}</link></item>" for u in links) + "</channel></rss>").encode())
    summary = collect([site.url("/nest0.rss")], tmp_path / "n", fast_options())
    assert site.hits["/nest0.rss"] == 1 and site.hits["/nest3.rss"] == 1 and site.hits["/nest4.rss"] == 0
    assert summary.problems == [f"{site.url('/nest4.rss')}: listed by feeds or sitemaps nested more than 3 deep; not followed"]


def test_a_named_source_that_fails_is_tried_on_every_run(site, tmp_path):
    out = tmp_path / "news"
    collect([site.url("/missing")], out, fast_options())
    collect([site.url("/missing")], out, fast_options())
    assert site.hits["/missing"] == 2


def test_sitemap_index_news_sitemap_and_since(site, tmp_path):
    out = tmp_path / "news"
    summary = collect([site.url("/sitemap_index.xml")], out, fast_options(since="2026-01-01"))
    urls = sorted(r["url"].rsplit("/", 1)[-1] for r in lines(out / "articles.jsonl"))
    assert urls == ["s1", "s2"] and len(summary.collected) == 2
    assert site.hits["/news/old"] == 0  # dated 2020 in the sitemap: not even fetched
    summary = collect([site.url("/news/old")], tmp_path / "other", fast_options(since="2026-01-01"))
    assert summary.collected == [] and site.hits["/news/old"] == 1  # dated by its page: fetched, left out


def test_gzipped_sitemap_and_a_feed_served_as_html(site, tmp_path):
    body = site.routes["/news-sitemap.xml"][2]
    site.routes["/sitemap.xml.gz"] = (200, "application/x-gzip", gzip.compress(body))
    site.routes["/feed-as-html"] = (200, "text/html", site.routes["/atom.xml"][2])
    summary = collect([site.url("/sitemap.xml.gz"), site.url("/feed-as-html")], tmp_path / "n",
                      fast_options(since="2026-01-01"))
    got = sorted(r["url"].rsplit("/", 1)[-1] for r in lines(tmp_path / "n" / "articles.jsonl"))
    assert got == ["b1", "s1", "s2"] and summary.problems == []
    site.routes["/bomb.xml.gz"] = (200, "application/x-gzip", gzip.compress(b"<urlset>" + b" " * 2_000_000))
    summary = collect([site.url("/bomb.xml.gz")], tmp_path / "n", fast_options())
    assert summary.problems == [f"{site.url('/bomb.xml.gz')}: larger than the size limit uncompressed (1,000,000 bytes)"]


def test_a_damaged_collection_is_one_line_naming_file_and_line(site, tmp_path, capsys):
    out = tmp_path / "news"
    collect([site.url("/news/a1")], out, fast_options())
    with open(out / "articles.jsonl", "a", encoding="utf-8") as f:
        f.write("kırık satır\n")
    assert main(["collect", site.url("/news/a2"), "--out", str(out), *FAST]) == 1
    err = capsys.readouterr().err
    assert f"{out / 'articles.jsonl'}:2: not valid JSON" in err and "Traceback" not in err


def test_a_damaged_state_file_is_one_line_and_deleting_it_is_safe(site, tmp_path, capsys):
    out = tmp_path / "news"
    collect([site.url("/news/a1")], out, fast_options())
    (out / "state.sqlite").write_bytes(b"this is not sqlite" * 100)
    assert main(["collect", site.url("/news/a1"), "--out", str(out), *FAST]) == 1
    assert "state.sqlite: not a readable state database; delete it" in capsys.readouterr().err
    (out / "state.sqlite").unlink()
    assert main(["collect", site.url("/news/a1"), "--out", str(out), *FAST]) == 0
    assert site.hits["/news/a1"] == 1 and len(lines(out / "articles.jsonl")) == 1


def test_parse_listing_reads_rss_atom_sitemaps_and_rejects_html():
    rss = b"<rss><channel><item><link>http://x.tr/a</link><pubDate>Tue, 01 Dec 2026 10:00:00 +0300</pubDate></item></channel></rss>"
    assert parse_listing(rss, "http://x.tr/feed") == ("feed", [parse_listing(rss, "")[1][0]])
    assert parse_listing(rss, "")[1][0].date == "2026-12-01"
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="/f"/><entry><link rel="alternate" '
            b'href="/b"/><link rel="enclosure" href="/b.jpg"/><updated>2026-12-02T01:00:00Z</updated></entry></feed>')
    kind, entries = parse_listing(atom, "http://x.tr/f")
    assert kind == "feed" and [(e.url, e.date) for e in entries] == [("http://x.tr/b", "2026-12-02")]
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           b'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><link>http://x.tr/</link></channel>'
           b"<item><link>http://x.tr/c</link><dc:date>2026-12-03T10:00:00+03:00</dc:date></item></rdf:RDF>")
    kind, entries = parse_listing(rdf, "http://x.tr/")
    assert kind == "feed" and [(e.url, e.date) for e in entries] == [("http://x.tr/c", "2026-12-03")]
    assert parse_listing(b"<html><body>x</body></html>", "http://x.tr/") is None
    assert parse_listing(b"not xml at all", "http://x.tr/") is None
    entity = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset><url><loc>&e;</loc></url></urlset>'
    assert all("root:" not in e.url for e in (parse_listing(entity, "http://x.tr/") or ("", []))[1])


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.1.1", "[::1]", "0.0.0.0"])
def test_non_public_addresses_are_refused(address):
    with pytest.raises(FetchError, match="non-public"):
        check_public(f"http://{address}/news")


def test_public_addresses_and_schemes():
    check_public("http://93.184.216.34/news")  # an address literal: no lookup needed
    with pytest.raises(FetchError, match="http"):
        check_public("file:///etc/passwd")


def test_private_host_refused_without_the_flag_and_nothing_fetched(site, tmp_path, capsys):
    assert main(["collect", site.url("/feed.rss"), "--out", str(tmp_path / "n"), "--delay", "0"]) == 1
    out = capsys.readouterr().out
    assert "non-public address" in out and "--allow-private-hosts" in out and "Traceback" not in out
    assert sum(site.hits.values()) == 0


def test_every_redirect_target_is_checked_again(site, tmp_path, monkeypatch):
    import toolkit.fetch as fetch_module

    def only_localhost_name(url):  # "localhost" counts as public here; 127.0.0.1 does not
        if "127.0.0.1" in url:
            raise FetchError("host 127.0.0.1 is a non-public address")

    monkeypatch.setattr(fetch_module, "check_public", only_localhost_name)
    site.routes["/to-ip"] = (302, None, b"", {"Location": site.url("/news/a1")})
    fetcher = Fetcher(fast_options(allow_private_hosts=False))
    with pytest.raises(FetchError, match="non-public"):
        fetcher.get(f"http://localhost:{site.port}/to-ip")
    assert site.hits["/news/a1"] == 0 and site.hits["/to-ip"] == 1


def test_retry_after_is_honoured_and_capped(site):
    site.retry_after = "7"
    slept = []
    fetcher = Fetcher(fast_options(), sleep=slept.append)
    assert fetcher.get(site.url("/busy")).status == 200 and 7.0 in slept
    site.hits["/busy"] = 0
    with pytest.raises(FetchError, match="more than --max-wait"):
        Fetcher(fast_options(max_wait=5), sleep=slept.append).get(site.url("/busy"))


def test_backoff_on_5xx_and_giving_up(site):
    slept = []
    assert Fetcher(fast_options(backoff=0.5), sleep=slept.append).get(site.url("/flaky")).status == 200
    assert slept == [0.5]
    site.routes["/down"] = (503, "text/plain", b"down")
    with pytest.raises(FetchError, match="HTTP 503 after 3 attempts"):
        Fetcher(fast_options(backoff=0.5), sleep=slept.append).get(site.url("/down"))
    assert site.hits["/down"] == 3 and slept[1:] == [0.5, 1.0]


def test_timeout(site):
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(fast_options(timeout=0.2, retries=0)).get(site.url("/slow"))


def test_delay_between_requests_to_one_host(site):
    slept = []
    fetcher = Fetcher(fast_options(delay=30), sleep=slept.append)
    fetcher.get(site.url("/news/a1"))
    fetcher.get(site.url("/news/a2"))
    # robots.txt, then a1 after a wait, then a2 after a wait: never two requests without the delay
    assert len(slept) == 2 and all(20 < s <= 30 for s in slept)


def test_crawl_delay_from_robots_txt(site):
    site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: toolkit\nCrawl-delay: 60\n")
    slept = []
    fetcher = Fetcher(fast_options(delay=0), sleep=slept.append)
    fetcher.get(site.url("/news/a1"))
    fetcher.get(site.url("/news/a2"))
    # robots.txt first, then each page 60 s after the request before it
    assert len(slept) == 2 and all(s > 50 for s in slept)


def test_unreachable_robots_txt_allows_nothing(site):
    site.routes["/robots.txt"] = (500, "text/plain", b"oops")
    with pytest.raises(FetchError, match="robots.txt forbids"):
        Fetcher(fast_options(retries=0)).get(site.url("/news/a1"))
    assert site.hits["/news/a1"] == 0


def test_missing_robots_txt_allows_everything(site):
    del site.routes["/robots.txt"]
    assert Fetcher(fast_options()).get(site.url("/news/a1")).status == 200


def test_interrupted_run_keeps_what_was_written_and_the_next_run_continues(site, tmp_path):
    out = tmp_path / "news"
    written = []

    def stop_after_two(line):
        if line.startswith("collected"):
            written.append(line)
            if len(written) == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect([site.url("/feed.rss")], out, fast_options(), log=stop_after_two)
    assert len(lines(out / "articles.jsonl")) == 2
    # a crash in the middle of writing a line: the unfinished line is cut on the next run
    with open(out / "articles.jsonl", "a", encoding="utf-8") as f:
        f.write('{"id": "half')
    hits_a1 = site.hits["/news/a1"]
    summary = collect([site.url("/feed.rss")], out, fast_options())
    records = lines(out / "articles.jsonl")
    assert len(records) == 7 and len({r["id"] for r in records}) == 7 and len(summary.collected) == 5
    assert site.hits["/news/a1"] == hits_a1  # already collected before the interruption
    with sqlite3.connect(out / "state.sqlite") as db:
        assert db.execute("SELECT count(*) FROM urls WHERE status = 'collected' AND kind = 'article'").fetchone()[0] == 8


def test_article_written_but_state_lost_is_not_collected_twice(site, tmp_path):
    out = tmp_path / "news"
    collect([site.url("/news/a1")], out, fast_options())
    (out / "state.sqlite").unlink()
    summary = collect([site.url("/news/a1")], out, fast_options())
    assert summary.collected == [] and summary.already == 1 and len(lines(out / "articles.jsonl")) == 1


def test_sources_files_give_outlet_names_and_bad_lines_one_message_each(site, tmp_path, capsys):
    txt = tmp_path / "feeds.txt"
    txt.write_text(f"# outlets\n{site.url('/atom.xml')}   Atom Haber\nnot-a-url Bir Gazete\n\n{site.url('/news/a2')}\n",
                   encoding="utf-8")
    yml = tmp_path / "feeds.yaml"
    yml.write_text(f"- url: {site.url('/news/s1')}\n  outlet: Sitemap Gazetesi\n- url: ftp://x\n  outlet: Kötü\n",
                   encoding="utf-8")
    out = tmp_path / "news"
    status = main(["collect", str(txt), str(yml), str(tmp_path / "nope.txt"), "--out", str(out), *FAST, "--quiet"])
    printed = capsys.readouterr().out
    assert status == 0
    sources = {r["url"].rsplit("/", 1)[-1]: r["source"] for r in lines(out / "articles.jsonl")}
    assert sources == {"b1": "Atom Haber", "a2": "Yerel Haber", "s1": "Sitemap Gazetesi"}
    assert f"{txt}:3: 'not-a-url' is not an http(s) address" in printed
    assert f"{yml}: 'ftp://x' is not an http(s) address" in printed
    assert "nope.txt: neither an http(s) address nor a sources file" in printed
    assert "Traceback" not in printed


def test_yaml_mapping_of_outlets(tmp_path):
    yml = tmp_path / "s.yml"
    yml.write_text("Hürriyet:\n  - https://a.example/rss\n  - https://a.example/sitemap.xml\nSabah: https://b.example/rss\n",
                   encoding="utf-8")
    problems: list[str] = []
    got = [(s.url, s.outlet) for s in read_sources(str(yml), problems)]
    assert got == [("https://a.example/rss", "Hürriyet"), ("https://a.example/sitemap.xml", "Hürriyet"),
                   ("https://b.example/rss", "Sabah")] and problems == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("- url: [unclosed\n", encoding="utf-8")
    assert read_sources(str(bad), problems) == [] and problems[0].startswith(f"{bad}:")


def test_nothing_collected_and_problems_exits_1_without_traceback(site, tmp_path, capsys):
    status = main(["collect", site.url("/doc.pdf"), site.url("/missing"), "--out", str(tmp_path / "n"), *FAST])
    printed = capsys.readouterr()
    assert status == 1 and "not HTML" in printed.out and "HTTP 404" in printed.out
    assert "Traceback" not in printed.out + printed.err
    assert main(["collect", site.url("/news/a1"), "--out", str(tmp_path / "n"), *FAST, "--since", "1.1.2026"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_collection_reopened_indexes_its_articles_for_duplicates(site, tmp_path):
    out = tmp_path / "news"
    collect([site.url("/news/a1")], out, fast_options())
    collect([site.url("/news/copy-a1")], out, fast_options())
    first, copy = lines(out / "articles.jsonl")
    assert copy["duplicate_of"] == first["id"]
    collection = Collection(out)
    try:
        assert len(collection.index) == 2
        summary = Collector(collection, fast_options()).run([])
        assert summary.collected == []
    finally:
        collection.close()


@pytest.mark.notebook  # runs a notebook
def test_update_collects_then_writes_a_report_of_the_whole_collection(site, tmp_path, capsys):
    out, reports = tmp_path / "news", tmp_path / "reports"
    collect([site.url("/news/a1")], out, fast_options())  # yesterday's run
    status = main(["update", site.url("/news/copy-a1"), site.url("/news/a2"), "--out", str(out), "--report", str(reports),
                   "--title", "Günlük", "--no-input", *FAST])
    printed = capsys.readouterr().out
    assert status == 0 and "collected 2 new articles (1 marked as copies" in printed
    html = (reports / "Günlük.html").read_text(encoding="utf-8")
    assert "Agency copies" in html and "Stories appearing more than once: 1; copies of an earlier article: 1 of 3 articles." in html
    assert site.stories["a2"]["title"] in html and site.stories["a1"]["title"] in html
    assert (reports / "Günlük.xlsx").is_file()
