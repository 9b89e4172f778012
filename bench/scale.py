"""Many crawler processes against one PostgreSQL: articles/s for 1, 2 and 4 workers, and what they must never do.

Run: .venv/bin/python bench/scale.py [--articles 200] [--workers 1 2 4]  (needs the machine's PostgreSQL
binaries, as the tests do, and the postgres extra)

16 loopback sites (127.0.0.21 … 127.0.0.36) answer with 50 ms per request, a few hundred articles each (the
crawl benchmark's sites: print links, short last pages of sections). A real PostgreSQL server runs in a
temporary folder. `scraper crawl --workers N` crawls every site into an empty database; each worker fetches
up to `--concurrency` sites at once, so the fleet's reach grows with N until every site is busy. Printed per
run: articles archived per second, the scaling factor against one worker, URLs fetched twice (robots.txt
aside, which each worker reads itself; must be 0 with no worker dying), politeness violations (a request that
arrived while the same site's previous one was still being answered; must be 0), CPU seconds of the crawlers'
process tree per 1,000 requests, the PostgreSQL server's CPU seconds, the share of the machine's cores busy
during the run (crawlers, server and the sites' own process), and the same crawl with one process into SQLite
as the reference.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT)]

from crawl import SiteServers, run_child  # noqa: E402
from postgres_server import Server, binaries  # noqa: E402

HOSTS = [f"127.0.0.{n}" for n in range(21, 37)]


def articles_in(target: str) -> int:
    return query(target, "SELECT count(*) AS n FROM articles")[0]["n"]


def machine_busy() -> float:
    """CPU seconds all cores have spent on anything but idling, since boot."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its children, live and ended (the PostgreSQL server's backends end with
    their connections, and the server reaps them)."""
    root = psutil.Process(pid)
    times = root.cpu_times()
    total = times.children_user + times.children_system
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def crawl_into(target: str, seeds: list[str], workers: int, concurrency: int, sites: SiteServers,
               server: Server) -> dict:
    sites.reset()
    busy_before, server_before = machine_busy(), tree_cpu(server.process.pid)
    command = [sys.executable, "-m", "scraper", "crawl", *seeds, "--db", target, "--delay", "0", "--concurrency",
               str(concurrency), "--quiet", "--max-depth", "50"]
    if workers > 1:
        command += ["--workers", str(workers)]
    wall, cpu, peak, _ = run_child(command, {})
    machine = (machine_busy() - busy_before) / (wall * psutil.cpu_count())
    server_cpu = tree_cpu(server.process.pid) - server_before
    served = sites.served()
    articles = articles_in(target)
    return {"articles": articles, "per_s": articles / wall, "wall": wall, "requests": served.requests,
            "doubles": served.doubles, "violations": served.overlaps, "cpu_per_1000": cpu / served.requests * 1000,
            "peak_mb": peak / 2**20, "server_cpu": server_cpu, "machine": machine}


def kill_run(target: str, seeds: list[str], workers: int, concurrency: int, lease: float,
             sites: SiteServers, expected_requests: int) -> str:
    """A crawl of `workers` processes, one of which is killed with SIGKILL halfway: everything must still be
    archived once, and only URLs the dead worker held when it died may be fetched twice."""
    import subprocess
    import time
    sites.reset()
    command = [sys.executable, "-m", "scraper", "crawl", *seeds, "--db", target, "--delay", "0", "--concurrency",
               str(concurrency), "--quiet", "--max-depth", "50", "--workers", str(workers), "--lease", str(lease)]
    fleet = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while sites.served().requests < expected_requests // 2:
        time.sleep(0.2)
    victim = next(p for p in fleet.children() if "spawn_main" in " ".join(p.cmdline()))
    victim.kill()
    held = len(query(target, "SELECT url FROM frontier WHERE lease_holder LIKE ?", [f"%:{victim.pid}"]))
    fleet.wait()
    served = sites.served()
    urls = [row["url"] for row in query(target, "SELECT url FROM articles")]
    return (f"kill -9 of one of {workers} workers halfway (lease {lease:g} s): {len(urls)} articles archived, "
            f"{len(set(urls))} distinct; {held} URLs leased by the dead worker, {served.doubles} fetched twice; "
            f"{served.overlaps} requests in flight together to one site")


def query(target: str, sql: str, params=()) -> list[dict]:
    from scraper.store.backend import open_archive
    from test_store_contract import rows
    with open_archive(target) as archive:
        return rows(archive, sql, params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200, help="articles per site")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=4, help="sites one worker fetches at once")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--kill-lease", type=float, default=10.0,
                        help="lease of the run in which a worker is killed (0: no such run)")
    args = parser.parse_args()
    if binaries() is None:
        sys.exit("no PostgreSQL server binaries (initdb) on this machine: apt install postgresql")
    sites = SiteServers(args.articles, args.latency, hosts=HOSTS)
    server = Server(binaries()).start()
    print(f"{len(HOSTS)} sites × {args.articles} articles, {args.latency * 1000:.0f} ms per request, "
          f"{args.concurrency} sites per worker; limit {len(HOSTS) / args.latency:.0f} requests/s")
    print("| store, workers | articles | seconds | articles/s | × 1 worker | requests | fetched twice | "
          "two in flight to a site | crawlers' CPU s/1000 req | PostgreSQL CPU s | machine CPU busy | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            runs = [("SQLite, 1 process", crawl_into(f"{tmp}/ref.db", sites.seeds, 1, args.concurrency, sites,
                                                     server))]
            runs += [(f"PostgreSQL, {n}", crawl_into(server.database(), sites.seeds, n, args.concurrency, sites,
                                                     server)) for n in args.workers]
        one = next((run for name, run in runs if name == "PostgreSQL, 1"), None)
        for name, run in runs:
            scaling = f"{run['per_s'] / one['per_s']:.2f}" if one else ""
            print(f"| {name} | {run['articles']} | {run['wall']:.1f} | {run['per_s']:.1f} | {scaling} | "
                  f"{run['requests']} | {run['doubles']} | {run['violations']} | {run['cpu_per_1000']:.2f} | "
                  f"{run['server_cpu']:.1f} | {run['machine']:.0%} | {run['peak_mb']:.0f} |")
        if args.kill_lease:
            print(kill_run(server.database(), sites.seeds, max(args.workers), args.concurrency, args.kill_lease,
                           sites, runs[0][1]["requests"]))
    finally:
        server.stop()
        sites.stop()


if __name__ == "__main__":
    main()
