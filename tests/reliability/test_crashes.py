"""Faults and crashes: kill -9 at random moments, a full disk, an analyst reading during a crawl, hostile search
text. Afterwards the archive is intact and equals that of an uninterrupted crawl."""
from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newssite import NewsSite
from scraper.cli import cli
from scraper.config import CrawlConfig, sites_from_seeds
from scraper.crawl import crawl
from scraper.demo.server import LocalSite
from scraper.errors import QueryError, StoreError
from scraper.store import Archive, archive as archive_module
from scraper.store.queries import Filters, export_rows, search
from tally import TALLY

ROOT = Path(__file__).resolve().parents[2]
FAST = CrawlConfig(delay=0.0, concurrency=2, recrawl_after=0.0)
KILL_TRIALS = 10
MIDWAY: list[bool] = []


def snapshot(db_path: Path) -> dict:
    """What must survive: articles with their children, FTS rows, and the database's own integrity."""
    with Archive(db_path) as archive:
        db = archive.db
        return {
            "integrity": db.execute("PRAGMA integrity_check").fetchone()[0],
            "articles": sorted(db.execute(
                "SELECT a.url, a.content_hash, (SELECT count(*) FROM captions c WHERE c.article_id = a.id), "
                "(SELECT count(*) FROM related_links r WHERE r.article_id = a.id) FROM articles a")),
            "fts": db.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
            "aliases": sorted(r[0] for r in db.execute("SELECT url FROM url_aliases")),
        }


@pytest.fixture(scope="module")
def news_site():
    with LocalSite() as site:
        news = NewsSite(site)
        for route in site.routes.values():
            route.delay = 0.03  # a crawl of a second or two: kills can land anywhere in it
        yield news


@dataclass(frozen=True)
class ReferenceRun:
    """An uninterrupted crawl, as the killed ones are run: what they must end with, and how long it takes here."""
    db: Path
    seconds: float


@pytest.fixture(scope="module")
def reference_run(news_site, tmp_path_factory) -> ReferenceRun:
    path = tmp_path_factory.mktemp("reference") / "reference.db"
    started = time.monotonic()
    assert crawl_process(path, news_site.base + "/", subprocess.DEVNULL).wait(timeout=60) == 0
    return ReferenceRun(path, time.monotonic() - started)


@pytest.fixture(scope="module")
def reference(reference_run):
    return snapshot(reference_run.db)


def crawl_process(db: Path, seed: str, output) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scraper", "crawl", seed, "--db", str(db), "--delay", "0",
                             "--quiet"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=output, stderr=output)


def stored_pages(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.01) as conn:  # not 5 s behind a lock
            return conn.execute("SELECT count(*) FROM pages").fetchone()[0]
    except sqlite3.Error:  # no database, no schema or a write lock yet
        return 0


def wait_for_pages(db: Path, count: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    """Until the crawl has committed `count` pages (or ended): progress, not time, because how fast a crawl goes
    depends on the machine, not on the test."""
    deadline = time.monotonic() + timeout
    while stored_pages(db) < count and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_kill_9_at_a_random_moment_then_resume(trial, news_site, reference, reference_run, tmp_path, capfd):
    rng = random.Random(trial)
    db = tmp_path / "killed.db"
    total = stored_pages(reference_run.db)
    output = open(tmp_path / "output.txt", "w")
    for _ in range(1 + trial % 3):  # one to three kills before the final run
        process = crawl_process(db, news_site.base + "/", output)
        if trial % 2:  # half the trials kill once a random share of what is left has been stored
            before = stored_pages(db)
            wait_for_pages(db, before + rng.randint(1, max(1, int((total - before) * 0.7))), process)
        else:  # half at any moment of a run as long as the uninterrupted one, start-up included
            time.sleep(rng.uniform(0.2, 0.9) * reference_run.seconds)
        process.kill()
        process.wait()
    MIDWAY.append(db.exists() and _stopped_midway(db))  # a kill before the database existed tested nothing
    crawl(str(db), sites_from_seeds([news_site.base + "/"]), FAST, handle_signals=False)
    output.close()
    printed = (tmp_path / "output.txt").read_text() + "".join(capfd.readouterr())
    assert "Traceback" not in printed and "Error" not in printed, printed[-2000:]
    after = snapshot(db)
    expected = dict(reference)
    lost = len(set(expected["articles"]) - set(after["articles"]))
    duplicates = len(after["articles"]) - len(set(a[0] for a in after["articles"]))
    TALLY["rows_lost"] += lost
    TALLY["duplicates"] += duplicates
    assert after["integrity"] == "ok"
    assert after == expected
    TALLY["kill_trials"] += 1


def _stopped_midway(db) -> bool:
    """Pages stored and the run not finished: the kill landed mid-crawl."""
    with Archive(db) as archive:
        pages = archive.db.execute("SELECT count(*) FROM pages").fetchone()[0]
        unfinished = archive.db.execute("SELECT count(*) FROM crawl_runs WHERE finished_at IS NULL").fetchone()[0]
    return pages > 0 and unfinished > 0


def test_most_kills_landed_mid_crawl():
    """Guards the trials above against testing nothing: a kill before the first write or after the run ended."""
    assert len(MIDWAY) == KILL_TRIALS and sum(MIDWAY) >= KILL_TRIALS // 2


def full_after(pages: int):
    """open_database, then a page budget: SQLite answers 'database or disk is full' like a full disk would."""
    real = archive_module.open_database

    def opener(path):
        db = real(path)
        used = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {used + pages}")
        return db
    return opener


def test_disk_full_rolls_back_stops_with_exit_1_and_keeps_the_archive(news_site, tmp_path, monkeypatch):
    db = tmp_path / "full.db"
    runner = CliRunner()
    seed = news_site.base + "/"
    first = runner.invoke(cli, ["crawl", seed, "--db", str(db), "--delay", "0", "--quiet", "--max-pages", "8"])
    assert first.exit_code == 0
    before = snapshot(db)
    monkeypatch.setattr(archive_module, "open_database", full_after(2))
    result = runner.invoke(cli, ["crawl", seed, "--db", str(db), "--delay", "0", "--quiet"])
    monkeypatch.undo()
    assert result.exit_code == 1 and "full" in result.output and "rolled back" in result.output
    after = snapshot(db)
    assert after["integrity"] == "ok" and after["fts"] == len(after["articles"])
    assert set(before["articles"]) <= set(after["articles"])


def test_read_only_archive_fails_cleanly(news_site, tmp_path):
    db = tmp_path / "ro.db"
    Archive(db).close()
    with Archive(db) as archive:
        archive.db.execute("PRAGMA query_only = 1")
        from scraper.crawl import Crawler
        from scraper.store.frontier import Frontier
        crawler = Crawler(archive, Frontier(archive.db), sites_from_seeds([news_site.base + "/"]), FAST)
        with pytest.raises(StoreError):
            crawler.run()


READER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=1)
conn.execute("BEGIN")
first = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
time.sleep(float(sys.argv[2]))
again = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
conn.execute("COMMIT")
print(first, again)
"""


def test_analyst_long_read_while_the_crawl_writes(news_site, tmp_path):
    db = tmp_path / "shared.db"
    Archive(db).close()
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), "2.5"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    summary = crawl(str(db), sites_from_seeds([news_site.base + "/"]), FAST, handle_signals=False)
    out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0 and "locked" not in err
    first, again = map(int, out.split())
    assert first == again == 0  # the reader's snapshot is stable...
    assert summary.new > 0 and summary.failed <= 2  # ...and the writer was never blocked by it


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60))
def test_search_and_filters_take_any_text(text, tmp_path_factory):
    TALLY["hostile"] += 1
    path = tmp_path_factory.getbasetemp() / "search.db"
    with Archive(path) as archive:
        try:
            search(archive, text, Filters(site=text, since=text, until=text))
        except QueryError as e:
            assert "cannot search" in str(e)
        assert list(export_rows(archive, Filters(site=text, since=text))) == []
        tables = {r[0] for r in archive.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "articles" in tables


def test_sqlite_error_never_escapes_as_a_traceback(tmp_path):
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"this is not a database" * 100)
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 1 and "cannot open archive" in result.output
    assert not isinstance(result.exception, sqlite3.Error)
