"""Shared fixtures: a temporary archive, a CLI runner, the local test server, a sleep that only records."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FakeSleep


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def site():
    from scraper.demo.server import LocalSite
    with LocalSite() as running:
        yield running


@pytest.fixture
def fake_sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    """The demo site crawled twice, with edits between the crawls and a page that fails: an archive with
    versions, related-link targets, captions, a failure and two runs, as analysts would have. Read-only to
    the tests that share it."""
    from newssite import NewsSite
    from scraper.config import CrawlConfig, sites_from_seeds
    from scraper.crawl import crawl
    from scraper.demo.server import LocalSite, Reply
    path = tmp_path_factory.mktemp("demo") / "archive.db"
    config = CrawlConfig(delay=0.0, concurrency=2, recrawl_after=0.0, parse_processes=0)
    with LocalSite() as running:
        news = NewsSite(running, count=30)
        for epoch in (1, 2):
            news.epoch(epoch)
            running.routes["/tin/bi-xoa-a9999.html"] = Reply(404, b"")
            running.routes["/"].body = running.routes["/"].body.replace(
                b"</main>", b"<a href='/tin/bi-xoa-a9999.html'>x</a></main>")
            crawl(str(path), sites_from_seeds([news.base + "/"]), config, handle_signals=False)
    return path
