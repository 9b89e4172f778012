"""A site made of traps, crawled by the real command: it must cost bounded time and memory, and every trap is
recorded with its reason (no traceback anywhere in the output)."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from scraper.demo.server import LocalSite, Reply
from scraper.store import Archive
from tally import TALLY

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 60
MAX_TREE_MB = 300
PARAGRAPH = "Người dân địa phương phấn khởi vì con đường mới giúp việc đi lại, buôn bán thuận tiện hơn nhiều. " * 3


def traps() -> dict[str, Reply]:
    article = f"<html><body><h1>Bài viết bình thường</h1><p>{PARAGRAPH}</p></body></html>".encode()
    return {
        "/huge-undeclared-a1.html": Reply(200, b"<html><body>" + b"<p>x</p>" * 3_750_000, undeclared=True),  # 30 MB
        "/huge-declared-a2.html": Reply(200, b"<p>" + b"y" * 30_000_000),
        "/deep-dom-a3.html": Reply(200, b"<html><body>" + b"<div>" * 60_000 + PARAGRAPH.encode() + b"</div>" * 60_000),
        "/many-elements-a4.html": Reply(200, b"<html><body>" + b"<div><span>x</span></div>" * 380_000),  # 9.5 MB
        "/trickle-a5.html": Reply(200, article, trickle=0.2),
        "/bomb-a6.html": Reply(200, gzip.compress(b"<p>" + b"z" * 200_000_000), {"Content-Encoding": "gzip"}),
        "/fine-a7.html": Reply(200, article),
    }


def tree_rss(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    members, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in members} - members
        members |= more
        grew = bool(more)
    total = 0
    for pid in members:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to measure the process tree")
def test_a_site_of_traps_costs_bounded_time_and_memory(tmp_path):
    TALLY["hostile"] += len(traps())
    with LocalSite() as site:
        site.routes.update(traps())
        site.routes["/robots.txt"] = Reply(404)
        site.routes["/"] = Reply(200, "".join(f"<a href='{p}'>{p}</a>" for p in traps()).encode())
        db = tmp_path / "traps.db"
        started = time.monotonic()
        process = subprocess.Popen([sys.executable, "-m", "scraper", "crawl", site.url("/"), "--db", str(db),
                                    "--delay", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        peak = [0]

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], tree_rss(process.pid))
                time.sleep(0.05)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = process.communicate(timeout=MAX_SECONDS * 2)
        elapsed = time.monotonic() - started
        sampler.join()
    assert process.returncode == 0 and out.startswith("crawl: fetched") and "Traceback" not in out + err
    assert elapsed < MAX_SECONDS and peak[0] < MAX_TREE_MB * 2**20, (elapsed, peak[0] / 2**20)
    with Archive(db) as archive:
        errors = {r[0].rsplit("/", 1)[1]: r[1] for r in archive.db.execute(
            "SELECT url, coalesce(error, '') FROM pages WHERE error IS NOT NULL")}
        pending = {r[0].rsplit("/", 1)[1]: r[1] for r in archive.db.execute(
            "SELECT url, last_error FROM frontier WHERE state = 'pending' AND last_error IS NOT NULL")}
        titles = [r[0] for r in archive.db.execute("SELECT title FROM articles")]
    assert "byte cap" in errors["huge-undeclared-a1.html"] and "byte cap" in errors["huge-declared-a2.html"]
    assert "byte cap" in errors["bomb-a6.html"] and "slower than" in pending["trickle-a5.html"]
    assert "Bài viết bình thường" in titles
