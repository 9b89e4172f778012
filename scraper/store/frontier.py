"""The crawl frontier and run log in SQLite: a crawl stopped in any way resumes from here.

Methods here do not open transactions of their own: the crawler wraps a page's storage and its frontier update
in one transaction, so a kill between them cannot happen.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlite_utils import Database

from scraper.store.database import batch


def stamp(epoch: float) -> str:
    """Frontier times: UTC, milliseconds, one format so text order is time order."""
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class FrontierEntry:
    url: str
    site: str
    kind: str
    depth: int
    attempts: int


class Frontier:
    def __init__(self, db: Database):
        self.db = db

    def close(self) -> None:
        """Nothing to release: the frontier lives on the archive's connection."""

    def add(self, rows: Iterable[dict]) -> int:
        """New URLs only; a URL already known keeps its state (nothing is fetched twice in a run)."""
        before = self.db.conn.total_changes
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO frontier(url, site, kind, depth, priority, found_on, state) "
            "VALUES (:url, :site, :kind, :depth, :priority, :found_on, 'pending')", list(rows))
        return self.db.conn.total_changes - before

    def requeue(self, urls: Iterable[str], depth: int = 0) -> None:
        """Seeds are revisited every run, whatever state they ended in."""
        for url in urls:
            self.db.execute("UPDATE frontier SET state = 'pending', depth = min(depth, ?), next_attempt_at = NULL "
                            "WHERE url = ? AND state != 'pending'", [depth, url])

    def prepare_run(self, now: float, recrawl_before: dict[str, float]) -> None:
        """Listings and feeds are always revisited; a site's articles once fetched before its own cutoff
        (`recrawl_before[site]`, from the site's recrawl_after or the run's); failures when due."""
        with batch(self.db):
            self.db.execute("UPDATE frontier SET state = 'pending', next_attempt_at = NULL "
                            "WHERE state = 'done' AND kind IN ('listing', 'feed', 'sitemap')")
            for site, before in recrawl_before.items():
                self.db.execute(
                    "UPDATE frontier SET state = 'pending', next_attempt_at = NULL WHERE state IN ('done', 'gone') "
                    "AND kind = 'article' AND last_fetched_at < ? AND site = ?", [stamp(before), site])
            self.db.execute("UPDATE frontier SET state = 'pending', attempts = 0 WHERE state = 'failed' "
                            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", [stamp(now)])

    def next_for(self, site: str, now: float, exclude: set[str] = frozenset()) -> FrontierEntry | None:
        """The site's most promising due URL, skipping those already handed to a worker in this run."""
        row = self.db.execute(
            "SELECT url, site, kind, depth, attempts FROM frontier WHERE site = ? AND state = 'pending' "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND url NOT IN (SELECT value FROM json_each(?)) "
            "ORDER BY priority, depth, rowid LIMIT 1",
            [site, stamp(now), json.dumps(sorted(exclude))]).fetchone()
        return FrontierEntry(*row) if row else None

    def pending(self) -> int:
        return self.db.execute("SELECT count(*) FROM frontier WHERE state = 'pending'").fetchone()[0]

    def soonest_retry(self, site: str) -> str | None:
        row = self.db.execute("SELECT min(next_attempt_at) FROM frontier WHERE site = ? AND state = 'pending' "
                              "AND next_attempt_at IS NOT NULL", [site]).fetchone()
        return row[0] if row else None

    def finish(self, url: str, state: str, now: float, run_id: int, error: str | None = None,
               next_attempt_at: float | None = None, attempts: int | None = None, kind: str | None = None) -> None:
        """`kind` corrects the URL-shape guess once the page has been seen (a print page is an article)."""
        self.db.execute(
            "UPDATE frontier SET state = ?, last_fetched_at = ?, last_run_id = ?, last_error = ?, "
            "next_attempt_at = ?, attempts = coalesce(?, attempts), kind = coalesce(?, kind) WHERE url = ?",
            [state, stamp(now), run_id, error, stamp(next_attempt_at) if next_attempt_at else None, attempts, kind,
             url])

    def start_run(self, arguments: dict, pid: int, now: float) -> int:
        with batch(self.db):
            return self.db.table("crawl_runs").insert(
                {"started_at": stamp(now), "arguments": json.dumps(arguments, ensure_ascii=False, default=str),
                 "pid": pid}).last_pk

    def finish_run(self, run_id: int, counts: dict, exit_status: int, now: float) -> None:
        with batch(self.db):
            self.db.table("crawl_runs").update(run_id, {**counts, "finished_at": stamp(now),
                                                        "exit_status": exit_status})
