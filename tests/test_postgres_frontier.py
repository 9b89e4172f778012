"""The shared frontier between workers on one PostgreSQL server: leases, crash recovery, fleet-wide politeness.

Each "worker" is a PgFrontier with a name of its own on its own connections, as a process on another machine
would be; times are passed in, so lease expiry and delays are tested without waiting for them.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone

import pytest

from scraper.store.postgres import PgArchive, PgFrontier, connect

SITE = "a.vn"
T0 = 1_700_000_000.0


def rows(*urls: str, site: str = SITE) -> list[dict]:
    return [{"url": url, "site": site, "kind": "article", "depth": 1, "priority": 1, "found_on": None}
            for url in urls]


@pytest.fixture
def archive(postgres_url):
    with PgArchive(postgres_url) as opened:
        yield opened


def worker(archive: PgArchive, name: str, delay: float = 0.0, lease_s: float = 60.0) -> PgFrontier:
    return PgFrontier(connect(archive.url), connect(archive.url), delays={SITE: delay}, worker=name, lease_s=lease_s)


def test_two_workers_never_claim_one_url_nor_fetch_one_site_at_once(archive):
    one, two = worker(archive, "m1:1"), worker(archive, "m2:1")
    one.add(rows("https://a.vn/1", "https://a.vn/2"))
    two.add(rows("https://b.vn/1", site="b.vn"))
    claimed = one.next_for(SITE, T0)
    assert claimed.url == "https://a.vn/1"
    assert two.next_for(SITE, T0) is None  # the site is being fetched by the other worker
    assert two.next_for("b.vn", T0).url == "https://b.vn/1"  # other sites are free
    assert one.next_for(SITE, T0, exclude={claimed.url}).url == "https://a.vn/2"  # its holder chains on


def test_a_finished_site_waits_its_delay_before_another_workers_request(archive):
    one, two = worker(archive, "m1:1", delay=5.0), worker(archive, "m2:1", delay=5.0)
    one.add(rows("https://a.vn/1", "https://a.vn/2"))
    first = one.next_for(SITE, T0)
    with one.conn.transaction():
        one.finish(first.url, "done", T0 + 1, 1)
    assert two.next_for(SITE, T0 + 3) is None  # 2 s after the last request: too soon
    assert two.next_for(SITE, T0 + 6.5).url == "https://a.vn/2"


def test_a_killed_workers_urls_come_back_when_its_lease_runs_out(archive):
    one, two = worker(archive, "m1:1", lease_s=60.0), worker(archive, "m2:1")
    one.add(rows("https://a.vn/1"))
    assert one.next_for(SITE, T0).url == "https://a.vn/1"
    one.conn.close(), one.claims.close()  # the worker vanishes without a word
    assert two.next_for(SITE, T0 + 30) is None
    assert two.next_for(SITE, T0 + 61).url == "https://a.vn/1"  # fetched once more, never lost


def test_a_dead_process_of_this_machine_gives_its_claims_back_at_once(archive, postgres_url):
    """A crawl killed with kill -9 and started again on the same machine does not wait for the lease."""
    script = textwrap.dedent(f"""
        import time
        from scraper.store.postgres import PgArchive, PgFrontier, connect
        archive = PgArchive({postgres_url!r})
        frontier = PgFrontier(connect(archive.url), connect(archive.url))
        frontier.add([{{"url": "https://a.vn/1", "site": "a.vn", "kind": "article", "depth": 1, "priority": 1,
                       "found_on": None}}])
        assert frontier.next_for("a.vn", time.time()) is not None
        print("claimed", flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert child.stdout.readline().strip() == "claimed"
    child.kill()
    child.wait()
    restarted = PgFrontier(connect(archive.url), connect(archive.url))
    assert restarted.next_for(SITE, time.time()) is None  # still leased by the dead pid
    restarted.prepare_run(time.time(), {})
    assert restarted.next_for(SITE, time.time()).url == "https://a.vn/1"


def test_a_urls_state_commits_with_the_batch_and_only_then_its_lease_ends(archive):
    one, two = worker(archive, "m1:1"), worker(archive, "m2:1")
    one.add(rows("https://a.vn/1"))
    entry = one.next_for(SITE, T0)
    with pytest.raises(RuntimeError), one.conn.transaction():
        one.finish(entry.url, "done", T0 + 1, 1)
        raise RuntimeError("killed before the page was stored")
    state = two.conn.execute("SELECT state, lease_holder FROM frontier").fetchone()
    assert state == ("pending", "m1:1")  # still leased: it comes back after the lease, not at once twice


def test_a_worker_that_stops_gives_back_the_claims_it_took_ahead(archive):
    one, two = worker(archive, "m1:1"), worker(archive, "m2:1")
    one.add(rows("https://a.vn/1"))
    run = one.start_run({}, 1, T0)
    assert one.next_for(SITE, T0) is not None
    one.finish_run(run, {"fetched": 0}, 0, T0 + 1)
    assert two.next_for(SITE, T0 + 2).url == "https://a.vn/1"


def test_a_worker_looks_again_soon_at_a_busy_site_and_at_a_retry_when_it_is_due(archive):
    one, two = worker(archive, "m1:1"), worker(archive, "m2:1")
    one.add(rows("https://a.vn/1", "https://a.vn/2"))
    assert one.next_for(SITE, time.time()) is not None
    soon = datetime.fromisoformat(two.soonest_retry(SITE)).timestamp()
    assert 0 < soon - time.time() <= 2  # a due URL waits only for the site's holder
    with one.conn.transaction():
        one.finish("https://a.vn/1", "pending", time.time(), 1, error="503", next_attempt_at=time.time() + 600)
    with two.conn.transaction():
        two.conn.execute("UPDATE frontier SET state = 'done' WHERE url = 'https://a.vn/2'")
    later = datetime.fromisoformat(two.soonest_retry(SITE)).replace(tzinfo=timezone.utc).timestamp()
    assert 590 < later - time.time() <= 600  # nothing due: not before the retry
