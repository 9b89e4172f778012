"""The commands on a PostgreSQL archive: a crawl of several workers, search, the errors a user can meet."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

from newssite import NewsSite
from scraper.cli import cli
from scraper.demo.server import LocalSite
from scraper.store.backend import open_archive
from scraper.store.postgres.schema import MIGRATIONS
from test_store_contract import rows

ROOT = Path(__file__).resolve().parent.parent


def article_requests(site: LocalSite) -> Counter:
    return Counter(r.path for r in site.requested() if r.path.endswith(".html"))


def page_requests(site: LocalSite) -> Counter:
    """Every page's requests (robots.txt is each worker's own to read)."""
    return Counter(r.path for r in site.requested() if r.path != "/robots.txt")


def in_flight_together(site: LocalSite) -> int:
    """Requests that arrived while another one to the site was still being answered."""
    spans = sorted((r.at, r.at + site.latency) for r in site.requested())
    return sum(1 for (_, end), (start, _) in zip(spans, spans[1:]) if start < end - 0.002)


@pytest.fixture
def slow_site():
    with LocalSite(latency=0.02) as running:
        yield running


def test_two_workers_archive_every_article_once_and_never_fetch_the_site_at_once(runner, slow_site, postgres_url):
    news = NewsSite(slow_site)
    result = runner.invoke(cli, ["crawl", news.base + "/", "--db", postgres_url, "--workers", "2", "--delay", "0",
                                 "--parse-processes", "0", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.count("worker ") == 2
    with open_archive(postgres_url) as archive:
        urls = {row["url"] for row in rows(archive, "SELECT url FROM articles")}
    assert set(news.articles) <= urls
    assert max(page_requests(slow_site).values()) == 1  # no URL fetched twice, listings neither
    assert in_flight_together(slow_site) == 0  # one request at a time to the site, across both workers


def test_search_stats_and_history_on_postgresql_from_the_command_line(runner, site, postgres_url):
    news = NewsSite(site)
    crawled = runner.invoke(cli, ["crawl", news.base + "/", "--db", postgres_url, "--delay", "0", "--quiet"])
    assert crawled.exit_code == 0
    title = next(iter(news.articles.values())).title
    result = runner.invoke(cli, ["search", title, "--db", postgres_url, "--json"])
    assert result.exit_code == 0 and title in result.output
    stats = json.loads(runner.invoke(cli, ["stats", "--db", postgres_url, "--json"]).output)
    assert stats["articles"] == len(news.articles) and stats["schema_version"] == len(MIGRATIONS)
    assert stats["last_runs"][0]["exit_status"] == 0 and {"done"} <= {r["state"] for r in stats["frontier"]}
    some_url = next(iter(news.articles))
    history = runner.invoke(cli, ["history", some_url, "--db", postgres_url])
    assert history.exit_code == 0 and "version 1" in history.output


def test_serve_reads_sqlite_only_and_says_so(runner, postgres_url):
    result = runner.invoke(cli, ["serve", "--db", postgres_url])
    assert result.exit_code == 1 and "reads SQLite archives only" in result.output
    assert "Traceback" not in result.output


def test_an_unreachable_server_is_a_one_line_error(runner):
    result = runner.invoke(cli, ["search", "x", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"])
    assert result.exit_code == 1 and "cannot connect to PostgreSQL at postgresql://nobody@127.0.0.1:1/none" \
        in result.output
    assert "secret" not in result.output and "Traceback" not in result.output


def test_several_workers_need_postgresql(runner, tmp_path):
    result = runner.invoke(cli, ["crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "a.db"), "--workers", "2"])
    assert result.exit_code == 2 and "needs a PostgreSQL archive" in result.output


def test_an_exclusive_crawl_refuses_to_join_a_running_one(postgres_url):
    from scraper.errors import LockHeld
    from scraper.store.postgres import CrawlLock
    with CrawlLock(postgres_url) as first:
        with pytest.raises(LockHeld, match="other crawls are running"):
            CrawlLock(postgres_url, exclusive=True).__enter__()
        with CrawlLock(postgres_url) as second:  # a second ordinary crawl joins the first
            assert (first.joined, second.joined) == (False, True)
    with CrawlLock(postgres_url, exclusive=True):
        with pytest.raises(LockHeld, match="an --exclusive crawl is running"):
            CrawlLock(postgres_url).__enter__()


CRAWLER = textwrap.dedent("""
    import sys
    from scraper.config import CrawlConfig, sites_from_seeds
    from scraper.crawl import crawl
    crawl(sys.argv[1], sites_from_seeds([sys.argv[2]]), CrawlConfig(delay=0.0, lease=float(sys.argv[3]),
          parse_processes=0, concurrency=2, recrawl_after=0.0))
""")


@pytest.mark.slow
def test_a_worker_killed_mid_crawl_loses_nothing_and_duplicates_nothing(postgres_url):
    """Two workers; one is killed with SIGKILL while it holds claims. The other finishes the crawl, taking the
    dead one's URLs when their lease runs out: every article archived once, and only URLs whose lease the dead
    worker held when it died (in hand, claimed ahead, or fetched in its uncommitted batch) are fetched twice."""
    with LocalSite(latency=0.05) as running:
        news = NewsSite(running, count=30)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-c", CRAWLER, postgres_url, news.base + "/", "3"]
        doomed = subprocess.Popen(command, env=env, cwd=ROOT)
        survivor = subprocess.Popen(command, env=env, cwd=ROOT)
        deadline = time.monotonic() + 30
        while len(article_requests(running)) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        doomed.kill()
        doomed.wait()
        with open_archive(postgres_url) as archive:
            held = {row["url"].removeprefix(news.base) for row in rows(
                archive, "SELECT url FROM frontier WHERE lease_holder LIKE ?", [f"%:{doomed.pid}"])}
        assert survivor.wait(timeout=120) == 0
        with open_archive(postgres_url) as archive:
            urls = [row["url"] for row in rows(archive, "SELECT url FROM articles")]
            states = Counter(row["state"] for row in rows(archive, "SELECT state FROM frontier"))
        assert set(news.articles) <= set(urls) and len(urls) == len(set(urls))
        assert states["pending"] == 0
        twice = [path for path, n in article_requests(running).items() if n > 1]
        assert set(twice) <= held  # only what the dead worker held: in hand, claimed ahead, or not yet committed


def test_a_server_lost_mid_crawl_is_a_one_line_error(postgres_server):
    """The server stops while a crawl writes to it: exit 1 and one line, no traceback."""
    from postgres_server import Server, binaries
    server = Server(binaries()).start()
    try:
        with LocalSite(latency=0.05) as running:
            news = NewsSite(running, count=30)
            crawl = subprocess.Popen([sys.executable, "-m", "scraper", "crawl", news.base + "/", "--db", server.url,
                                      "--delay", "0", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            deadline = time.monotonic() + 30
            while len(article_requests(running)) < 5 and time.monotonic() < deadline:
                time.sleep(0.05)
            server.stop()
            out, err = crawl.communicate(timeout=60)
    finally:
        server.stop()
    assert crawl.returncode == 1, (out, err)
    assert "Traceback" not in err and "PostgreSQL" in err and len(err.strip().splitlines()) <= 2, err
