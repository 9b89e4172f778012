"""Crawls of sites shaped like real ones: links across sites, print versions, short last pages of sections,
servers that write headers and body separately."""
from __future__ import annotations

import time

from scraper.config import sites_from_seeds
from scraper.crawl import crawl
from scraper.demo.server import LocalSite, Reply
from scraper.demo.site import build_routes, expected_articles
from scraper.fetch import Fetcher
from scraper.store import Archive

from test_crawl import FAST, archived


def test_an_article_first_linked_from_another_site_is_crawled_for_its_own_site(db_path):
    with LocalSite(host="127.0.0.41") as a, LocalSite(host="127.0.0.42") as b:
        a.routes.update(build_routes(a.base_url, 6))
        b.routes.update(build_routes(b.base_url, 6))
        hidden = "/kinh-te/bai-chi-duoc-lien-ket-tu-trang-khac-a900.html"
        b.routes[hidden] = b.routes[next(p for p in b.routes if p.endswith("-a3.html"))]
        a.routes["/"].body = a.routes["/"].body.replace(b"</main>", f"<a href='{b.url(hidden)}'>x</a></main>".encode())
        crawl(str(db_path), sites_from_seeds([a.url("/"), b.url("/")]), FAST, handle_signals=False)
        assert b.requested(hidden), "the link from the other site was dropped"


def test_print_versions_are_aliases_never_fetched_and_no_listing_is_an_article(db_path, site):
    site.routes.update(build_routes(site.base_url, 23))  # 23 articles in 3 sections of 5 a page: short last pages
    crawl(str(db_path), sites_from_seeds([site.url("/")]), FAST, handle_signals=False)
    expected = expected_articles(site.base_url, 23)
    assert set(archived(db_path)) == set(expected)  # no section page stored as an article
    assert not site.requested("/in/")
    with Archive(db_path) as archive:
        aliases = {r[0]: r[1] for r in archive.db.execute("SELECT url, reason FROM url_aliases")}
    assert {site.url(f"/in/{a.id}") for a in expected.values()} <= set(aliases)
    assert aliases[site.url("/in/1")] == "print-version"


def test_a_server_writing_headers_and_body_apart_costs_no_delayed_ack_wait(site):
    """Nagle's algorithm on the server holds the body until the headers are acknowledged; without quick-ack the
    client acknowledges 40 ms later, on every keep-alive request."""
    site.writes = "apart"
    site.routes["/a"] = Reply(200, b"<p>" + b"x" * 2000 + b"</p>")
    fetcher = Fetcher()
    fetcher.fetch(site.url("/a"))  # the connection is open from here on
    started = time.monotonic()
    for _ in range(20):
        fetcher.fetch(site.url("/a"))
    assert (time.monotonic() - started) / 20 < 0.02
