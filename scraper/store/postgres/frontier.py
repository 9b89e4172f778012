"""The shared frontier on PostgreSQL: many crawler processes, on one machine or many, claim from one table.

A claim is a lease: the row names its holder and an expiry. A worker killed with kill -9 (or a machine that
vanishes) gives its URLs back when the lease runs out; they are fetched once more, never lost. Claims take the
URL row with `FOR UPDATE SKIP LOCKED`, so two workers never wait on, or take, the same URL.

Politeness across the fleet: a `hosts` row per site names the worker fetching it and the time before which
nobody else may start (the site's delay after the holder's last fetch). It is taken with the claim, in the same
short transaction, so no two workers anywhere fetch one site at once. Inside one process the scheduler's Slot
spaces the holder's own requests, as on SQLite.

Two connections, and why: claims, leases, host rows and new links commit at once on a connection of their own
(`claims`), so other workers see them and no lock is held across the crawl loop's batch (a lock held there
would make two workers wait on each other). A URL's final state is written on the archive's connection, in the
batch that stores its page, and clears its lease there: a kill -9 before that commit leaves the URL leased,
and it comes back when the lease runs out.
"""
from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable
from datetime import datetime, timezone

from scraper import defaults
from scraper.store.frontier import FrontierEntry, stamp

HOST_POLL_S = 1.0  # how soon a worker looks again at a site another worker is fetching


def worker_name() -> str:
    """`host:pid`: unique across the fleet, and on this machine a dead pid gives its leases back at once."""
    return f"{socket.gethostname()}:{os.getpid()}"


class PgFrontier:
    """The FrontierStore of store/contracts.py on a shared server. `delays` are the sites' politeness delays
    (seconds between requests), which the hosts table enforces between workers."""

    def __init__(self, conn, claims, delays: dict[str, float] | None = None, worker: str | None = None,
                 lease_s: float = defaults.LEASE, joining: bool = False):
        self.conn = conn
        self.joining = joining
        self.claims = claims
        self.delays = delays or {}
        self.worker = worker or worker_name()
        self.lease_s = lease_s
        self._open: dict[str, set[str]] = {}  # site -> URLs this worker claimed and has not finished

    def close(self) -> None:
        self.claims.close()

    def add(self, rows: Iterable[dict]) -> int:
        """New URLs only, committed at once. Known ones are dropped by a plain read first: inserting a URL whose
        row this worker's own open batch has just updated would wait on that batch, which waits on us."""
        rows = list(rows)
        if not rows:
            return 0
        known = {row[0] for row in self.claims.execute("SELECT url FROM frontier WHERE url = ANY(%s)",
                                                       [[row["url"] for row in rows]])}
        rows = sorted((row for row in rows if row["url"] not in known), key=lambda row: row["url"])
        if not rows:
            return 0
        columns = [[row[key] for row in rows] for key in ("url", "site", "kind", "depth", "priority", "found_on")]
        with self.claims.transaction():
            self.claims.execute("INSERT INTO hosts(site) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                                [sorted({row["site"] for row in rows})])
            inserted = self.claims.execute(
                "INSERT INTO frontier(url, site, kind, depth, priority, found_on, state) SELECT *, 'pending' FROM "
                "unnest(%s::text[], %s::text[], %s::text[], %s::int[], %s::int[], %s::text[]) "
                "ON CONFLICT (url) DO NOTHING", columns)
            return max(inserted.rowcount, 0)

    def requeue(self, urls: Iterable[str], depth: int = 0) -> None:
        """Seeds revisited, once per crawl: a worker joining a running crawl leaves them as they are."""
        if self.joining:
            return
        self.claims.execute("UPDATE frontier SET state = 'pending', depth = least(depth, %s), next_attempt_at = NULL "
                            "WHERE url = ANY(%s) AND state != 'pending'", [depth, list(urls)])

    def prepare_run(self, now: float, recrawl_before: dict[str, float]) -> None:
        """As on SQLite (listings revisited, articles after their site's cutoff, failures when due), by the crawl's
        first worker only: a joining worker would have the others fetch again what they fetched already. And the
        leases of this machine's dead processes given back at once instead of after their expiry."""
        run = self.claims.execute
        with self.claims.transaction():
            self._release(self._dead_local_workers())
            if self.joining:
                return
            run("UPDATE frontier SET state = 'pending', next_attempt_at = NULL "
                "WHERE state = 'done' AND kind IN ('listing', 'feed', 'sitemap')")
            for site, before in recrawl_before.items():
                run("UPDATE frontier SET state = 'pending', next_attempt_at = NULL WHERE state IN ('done', 'gone') "
                    "AND kind = 'article' AND last_fetched_at < %s AND site = %s", [stamp(before), site])
            run("UPDATE frontier SET state = 'pending', attempts = 0 WHERE state = 'failed' "
                "AND (next_attempt_at IS NULL OR next_attempt_at <= %s)", [stamp(now)])

    def _dead_local_workers(self) -> list[str]:
        """Holders named after this machine whose process is gone (a crash, kill -9)."""
        prefix = socket.gethostname() + ":"
        holders = [row[0] for row in self.claims.execute(
            "SELECT DISTINCT holder FROM hosts WHERE holder LIKE %s UNION "
            "SELECT DISTINCT lease_holder FROM frontier WHERE lease_holder LIKE %s", [prefix + "%", prefix + "%"])]
        return [holder for holder in holders if holder != self.worker and not _alive(holder.rpartition(":")[2])]

    def next_for(self, site: str, now: float, exclude: set[str] = frozenset()) -> FrontierEntry | None:
        """Claim the site's most promising due URL, if no other worker is fetching the site and its delay since
        the last fetch anywhere has passed: the host row is locked for the claim's short transaction."""
        with self.claims.transaction():
            host = self.claims.execute("SELECT next_allowed_at, holder, held_until FROM hosts WHERE site = %s "
                                       "FOR UPDATE SKIP LOCKED", [site]).fetchone()
            if host is None or not self._may_fetch(host, now):
                return None  # another worker holds the site, or is claiming from it this instant
            row = self.claims.execute(
                "UPDATE frontier f SET lease_holder = %(me)s, lease_until = %(until)s FROM (SELECT url FROM frontier "
                "WHERE site = %(site)s AND state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= "
                "%(stamp)s) AND (lease_until IS NULL OR lease_until < %(now)s) AND url <> ALL(%(exclude)s) "
                "ORDER BY priority, depth, seq LIMIT 1 FOR UPDATE SKIP LOCKED) pick WHERE f.url = pick.url "
                "RETURNING f.url, f.site, f.kind, f.depth, f.attempts",
                {"me": self.worker, "until": now + self.lease_s, "site": site, "stamp": stamp(now), "now": now,
                 "exclude": sorted(exclude)}).fetchone()
            if row is None:
                return None
            self.claims.execute("UPDATE hosts SET holder = %s, held_until = %s WHERE site = %s",
                                [self.worker, now + self.lease_s, site])
        self._open.setdefault(site, set()).add(row[0])
        return FrontierEntry(*row)

    def _may_fetch(self, host: tuple, now: float) -> bool:
        next_allowed_at, holder, held_until = host
        if holder == self.worker:
            return True  # our own Slot spaces our requests
        if holder is not None and held_until is not None and held_until >= now:
            return False
        return next_allowed_at <= now

    def pending(self) -> int:
        return self.conn.execute("SELECT count(*) FROM frontier WHERE state = 'pending'").fetchone()[0]

    def soonest_retry(self, site: str) -> str | None:
        """When this worker may find something due at the site: a retry's time, a lease of another worker
        running out (its URLs come back), or soon when URLs are due but another worker is fetching the site."""
        now = datetime.now(timezone.utc).timestamp()
        row = self.claims.execute(
            "SELECT min(next_attempt_at), min(lease_until) FILTER (WHERE lease_holder != %s), "
            "count(*) FILTER (WHERE (lease_until IS NULL OR lease_until < %s) AND (next_attempt_at IS NULL OR "
            "next_attempt_at <= %s)) FROM frontier WHERE site = %s AND state = 'pending'",
            [self.worker, now, stamp(now), site]).fetchone()
        retry, lease_end, free = row
        times = [datetime.fromisoformat(retry).timestamp()] if retry else []
        if lease_end is not None:
            times.append(lease_end)
        if free:
            times.append(now + HOST_POLL_S)
        return stamp(min(times)) if times else None

    def finish(self, url: str, state: str, now: float, run_id: int, error: str | None = None,
               next_attempt_at: float | None = None, attempts: int | None = None, kind: str | None = None) -> None:
        """The URL's new state and the end of its lease, in the caller's batch; the site's host row let go at
        once when this worker holds no other claim there, with the site's delay before anyone's next request."""
        row = self.conn.execute(
            "UPDATE frontier SET state = %s, last_fetched_at = %s, last_run_id = %s, last_error = %s, "
            "next_attempt_at = %s, attempts = coalesce(%s, attempts), kind = coalesce(%s, kind), "
            "lease_holder = NULL, lease_until = NULL WHERE url = %s RETURNING site",
            [state, stamp(now), run_id, error, stamp(next_attempt_at) if next_attempt_at else None, attempts, kind,
             url]).fetchone()
        site = row[0] if row else None
        open_claims = self._open.get(site, set())
        open_claims.discard(url)
        if site is not None and not open_claims:
            self.claims.execute("UPDATE hosts SET holder = NULL, held_until = NULL, next_allowed_at = %s "
                                "WHERE site = %s AND holder = %s", [now + self.delays.get(site, 0.0), site,
                                                                    self.worker])

    def _release(self, holders: list[str]) -> None:
        """Claims of these workers given back: their URLs may be claimed again, their sites fetched."""
        self.claims.execute("UPDATE frontier SET lease_holder = NULL, lease_until = NULL "
                            "WHERE lease_holder = ANY(%s)", [holders])
        self.claims.execute("UPDATE hosts SET holder = NULL, held_until = NULL WHERE holder = ANY(%s)", [holders])

    def start_run(self, arguments: dict, pid: int, now: float) -> int:
        return self.claims.execute(
            "INSERT INTO crawl_runs(started_at, arguments, pid, host) VALUES (%s, %s, %s, %s) RETURNING id",
            [stamp(now), json.dumps(arguments, ensure_ascii=False, default=str), pid, socket.gethostname()]
        ).fetchone()[0]

    def finish_run(self, run_id: int, counts: dict, exit_status: int, now: float) -> None:
        """The run's row, and every claim this worker still holds (claimed ahead, never started) given back."""
        self._release([self.worker])
        self._open.clear()
        changes = {**counts, "finished_at": stamp(now), "exit_status": exit_status}
        self.claims.execute(f"UPDATE crawl_runs SET {', '.join(f'{k} = %s' for k in changes)} WHERE id = %s",
                          [*changes.values(), run_id])


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
