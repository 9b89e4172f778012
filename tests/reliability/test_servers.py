"""Servers that misbehave: robots.txt faults, endless URL spaces, trickling bodies. The crawl goes on, bounded."""
from __future__ import annotations

import dataclasses
import time

import pytest

from tally import TALLY
from newssite import NewsSite
from scraper.config import CrawlConfig, sites_from_seeds
from scraper.crawl import crawl
from scraper.demo.server import Reply
from scraper.errors import FetchError
from scraper.fetch import FetchConfig, Fetcher, RetryPolicy
from scraper.robots import RobotsCache
from scraper.store import Archive

FAST = CrawlConfig(delay=0.0, concurrency=2, recrawl_after=0.0, max_retry_wait=1.0,
                   fetch=FetchConfig(retry=RetryPolicy(max_attempts=2, base_delay=0.1), total_timeout=2,
                                     read_timeout=1))


def rules(site, reply: Reply):
    site.routes["/robots.txt"] = reply
    return RobotsCache(Fetcher(FAST.fetch)).rules_for(site.url("/x"), allow_internal=True)[0]


def test_robots_404_allows_everything(site):
    TALLY["hostile"] += 1
    assert rules(site, Reply(404)).allowed(site.url("/anything"))


@pytest.mark.parametrize("reply", [Reply(500), Reply(503), Reply(200, b"User-agent: *", delay=3)])
def test_robots_5xx_or_timeout_disallows_the_site_for_the_run(site, reply):
    TALLY["hostile"] += 1
    verdict = rules(site, reply)
    assert verdict.unreachable and not verdict.allowed(site.url("/a"))


@pytest.mark.parametrize("body", [b"User-agent: *\nDisallow: /private/\n" + b"# padding\n" * 200_000,
                                  bytes(range(256)) * 100])
def test_huge_or_binary_robots_is_capped_and_parsed(site, body):
    TALLY["hostile"] += 1
    verdict = rules(site, Reply(200, body, {"Content-Type": "text/plain"}))
    assert verdict.allowed(site.url("/public/a")) and not verdict.unreachable


def test_site_with_failing_robots_is_not_crawled_and_stays_pending(site, db_path):
    news = NewsSite(site)
    site.routes["/robots.txt"] = Reply(503)
    summary = crawl(str(db_path), sites_from_seeds([news.base + "/"]), FAST, handle_signals=False)
    assert summary.fetched == 0 and [r.path for r in site.log] == ["/robots.txt"]
    with Archive(db_path) as archive:
        assert archive.db.execute("SELECT state FROM frontier").fetchone()[0] == "pending"


def calendar(request):
    """An endless generated URL space: every day links to the next, and every link carries a new session id."""
    day = int(request.path.split("day=")[1].split("&")[0]) if "day=" in request.path else 0
    links = (f"<a href='/lich?day={day + 1}&sid={day * 7919}'>ngày sau</a>"
             f"<a href='/lich;jsessionid={day}?day={day}'>x</a>")
    return Reply(200, f"<html><body><h1>Lịch</h1>{links}</body></html>".encode())


def test_endless_url_space_is_bounded_by_depth_and_page_cap(site, db_path):
    TALLY["hostile"] += 1
    site.routes["/"] = Reply(200, b"<html><body><a href='/lich?day=0'>lich</a></body></html>")
    site.routes["/robots.txt"] = Reply(404)
    site.routes.update({f"/lich?day={d}": calendar for d in range(1000)})
    summary = crawl(str(db_path), sites_from_seeds([site.url("/")]), dataclasses.replace(FAST, max_depth=6),
                    handle_signals=False)
    assert summary.fetched <= 8
    capped_db = db_path.with_name("capped.db")
    capped = crawl(str(capped_db), sites_from_seeds([site.url("/")]),
                   dataclasses.replace(FAST, max_depth=10_000, max_pages=15), handle_signals=False)
    assert capped.fetched == 15
    with Archive(capped_db) as archive:
        urls = [r[0] for r in archive.db.execute("SELECT url FROM frontier")]
    assert not any("sid=" in u or "jsessionid" in u for u in urls)


def test_overlong_urls_are_not_queued(site, db_path):
    """One limit for every URL (urls.MAX_URL_LENGTH, the sitemap protocol's): a link past it is never queued."""
    from scraper.urls import MAX_URL_LENGTH
    TALLY["hostile"] += 1
    long_link = "/" + "a" * MAX_URL_LENGTH + "-12345.html"
    site.routes["/"] = Reply(200, f"<html><body><a href='{long_link}'>x</a></body></html>".encode())
    crawl(str(db_path), sites_from_seeds([site.url("/")]), FAST, handle_signals=False)
    assert not any(r.path == long_link for r in site.log)


def test_trickling_and_dead_pages_are_recorded_and_the_crawl_goes_on(site, db_path):
    news = NewsSite(site)
    paths = news.article_paths()
    slow = site.routes[paths[0]]
    site.routes[paths[0]] = Reply(200, slow.body, trickle=0.05)
    site.routes[paths[1]] = Reply(200, b"\x00\x01\x02" * 5000, {"Content-Type": "text/html"})
    site.routes[paths[2]] = Reply(200, b"", {"Content-Type": "text/html"})
    TALLY["hostile"] += 3
    patient = dataclasses.replace(FAST, fetch=dataclasses.replace(FAST.fetch, total_timeout=60))
    started = time.monotonic()
    summary = crawl(str(db_path), sites_from_seeds([news.base + "/"]), patient, handle_signals=False)
    with Archive(db_path) as archive:
        stored = {r[0] for r in archive.db.execute("SELECT url FROM articles")}
        errors = {r[0]: r[1] for r in archive.db.execute("SELECT url, error FROM pages WHERE error IS NOT NULL")}
        trickled = archive.db.execute("SELECT state, last_error, next_attempt_at, last_fetched_at FROM frontier "
                                      "WHERE url = ?", [news.base + paths[0]]).fetchone()
    # cut once its rate stayed under the floor past the grace period, long before the 60 s cap; tried again
    # much later (the next run), not at once: it would only trickle again
    assert time.monotonic() - started < 30 and len(site.requested(paths[0])) == 1
    assert news.base + paths[0] not in stored and trickled[0] == "pending" and "slower than" in trickled[1]
    assert trickled[2] > trickled[3]  # ISO stamps: the next attempt lies ahead
    assert news.base + paths[1] in errors and news.base + paths[2] in errors
    assert summary.new >= news.count - 3


def test_50_megabyte_page_is_refused_before_download(site):
    TALLY["hostile"] += 1
    site.routes["/huge.html"] = Reply(200, b"<p>" + b"x" * 50_000_000)
    with pytest.raises(FetchError, match="exceeds the 10000000 byte cap"):
        Fetcher(FAST.fetch).fetch(site.url("/huge.html"))
