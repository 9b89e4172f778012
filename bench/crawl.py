"""Our crawler next to Scrapy on 8 local news sites shaped like real ones, answering like remote servers.

Run: .venv/bin/python bench/crawl.py [--articles 152] [--rounds 3] [--memory 20000]
Each site lives on its own loopback address (127.0.0.11 … 127.0.0.18) with 50 ms per request; every article
links its print version ("In bài"), and sections end with a short last page (152 articles in 3 sections of 5 a
page leave pages of one and two teasers). The sites run twice: servers that write each response whole (nginx,
Apache) and servers that write headers and body apart with Nagle's algorithm on (Python's http.server, many app
servers). Both crawlers run in a child process, politely (one request at a time per site, no extra delay), with
the same concurrency, from the home pages. Scrapy runs with its broad-crawl settings and the one rule a Scrapy
user writes after a look at the site: skip the print links. The physical limit is sites ÷ latency requests/s.
Printed per crawler and server kind: articles/s, share of the request limit reached (all requests, and only the
useful ones: those that yield articles or links to them, i.e. not print versions), CPU seconds per 1,000
requests, peak memory (PSS of the process tree). A bare loop of requests over every page (nothing parsed or
stored, no print versions) runs alongside, as the ceiling of the client side on these servers.
`--memory N` also crawls N articles once with our crawler and samples its memory as it goes.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scraper.demo.server import LocalSite  # noqa: E402
from scraper.demo.site import build_routes  # noqa: E402

HOSTS = [f"127.0.0.{n}" for n in range(11, 19)]

SCRAPY_SPIDER = textwrap.dedent('''
    import sys
    from urllib.parse import urlsplit
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    seeds = sys.argv[1:]

    class News(CrawlSpider):
        name = "news"
        start_urls = seeds
        allowed_domains = [urlsplit(s).hostname for s in seeds]
        rules = [Rule(LinkExtractor(allow_domains=allowed_domains, deny=[r"/in/\\d+$"]), callback="parse_page",
                      follow=True)]
        pages = 0

        def parse_page(self, response):
            News.pages += 1
            yield {"url": response.url, "title": response.css("h1::text").get()}

    process = CrawlerProcess(settings={
        "CONCURRENT_REQUESTS": int(__import__("os").environ["CONCURRENCY"]),
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0, "RANDOMIZE_DOWNLOAD_DELAY": False,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "ROBOTSTXT_OBEY": True, "COOKIES_ENABLED": False, "RETRY_ENABLED": False, "REDIRECT_ENABLED": True,
        "LOG_LEVEL": "ERROR", "REACTOR_THREADPOOL_MAXSIZE": 20, "AJAXCRAWL_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False, "DEPTH_PRIORITY": 0, "ITEM_PIPELINES": {},
    })
    process.crawl(News)
    process.start()
''')

# The ceiling of a Python HTTP client on these servers: every page of each site fetched in a plain loop, one
# thread per site, URLs known in advance, nothing parsed or stored, no robots.txt.
REQUESTS_LOOP = textwrap.dedent('''
    import json, sys, threading
    import requests

    def fetch_all(urls):
        session = requests.Session()
        session.trust_env = False
        for url in urls:
            session.get(url).content

    threads = [threading.Thread(target=fetch_all, args=(urls,)) for urls in json.load(open(sys.argv[1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
''')


PRINT_PATH = "/in/"
WRITE_KINDS = {"whole": "write at once", "apart": "write headers, then body"}


def start_sites(articles: int, latency: float, print_versions: bool = True, writes: str = "whole",
                hosts: list[str] = HOSTS) -> list[LocalSite]:
    sites = []
    for host in hosts:
        # no port in URLs: Scrapy's offsite filter wants that
        site = LocalSite(host=host, port=80, latency=latency, writes=writes)
        site.routes.update(build_routes(site.base_url, articles, print_versions=print_versions))
        sites.append(site.start())
    return sites


@dataclass(frozen=True)
class Served:
    requests: int
    articles: int
    active: float  # first request's arrival to the last response
    useful: int  # requests that yield articles or links to them: all but print versions
    overlaps: int  # requests that arrived while the same site's previous one was still being answered
    doubles: int  # requests for a page of a site that was requested before in the same run


class SiteServers:
    """The sites, served from a process of their own. In the benchmark's process, the sampling of the crawler's
    CPU and memory (psutil reading /proc: about 10 ms per sample, ten samples a second) would hold the GIL the
    servers' threads need, and delay responses as no remote server would."""

    def __init__(self, articles: int, latency: float, print_versions: bool = True, writes: str = "whole",
                 hosts: list[str] = HOSTS):
        self._conn, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.Process(
            target=_serve_sites, args=(theirs, articles, latency, print_versions, writes, hosts), daemon=True)
        self._process.start()
        self.seeds, self.pages = self._conn.recv()  # home page and every page URL of each site

    def reset(self) -> None:
        self._conn.send("reset")
        self._conn.recv()

    def served(self) -> Served:
        self._conn.send("served")
        return self._conn.recv()

    def stop(self) -> None:
        self._conn.send("stop")
        self._process.join()


def _serve_sites(conn, articles: int, latency: float, print_versions: bool, writes: str, hosts: list[str]) -> None:
    sites = start_sites(articles, latency, print_versions, writes, hosts)
    conn.send(([site.url("/") for site in sites],
               [[site.url(path) for path in site.routes if not path.startswith(PRINT_PATH)] for site in sites]))
    while (command := conn.recv()) != "stop":
        if command == "reset":
            for site in sites:
                site.log.clear()
            conn.send(None)
        else:
            log = [r for site in sites for r in site.requested()]
            arrivals = [r.at for r in log]
            conn.send(Served(len(log), sum(1 for r in log if r.path.endswith(".html")),
                             max(arrivals) + latency - min(arrivals) if arrivals else 0.0,
                             sum(1 for r in log if not r.path.startswith(PRINT_PATH)),
                             sum(overlaps(site.requested(), latency) for site in sites),
                             sum(doubles(site.requested()) for site in sites)))
    for site in sites:
        site.stop()


OVERLAP_SLACK = 0.002  # seconds: the server's own clock reading and thread start between two requests


def doubles(log: list) -> int:
    """Pages requested again in the run; robots.txt is each crawler process's own to read."""
    pages = [r.path for r in log if r.path != "/robots.txt"]
    return len(pages) - len(set(pages))


def overlaps(log: list, latency: float) -> int:
    """Requests that arrived before the previous one to the same site could have been answered."""
    arrivals = sorted(r.at for r in log)
    return sum(1 for a, b in zip(arrivals, arrivals[1:]) if b < a + latency - OVERLAP_SLACK)


def run_child(command: list[str], env: dict, sample_every: float = 0.1) -> tuple[float, float, int, list[int]]:
    """Wall seconds, CPU seconds, peak memory bytes and memory samples of a child process and all descendants
    (our parsing processes, their fork server): wall ends when the child exits (not at the next sample); CPU is
    the last reading of each process; memory is the tree's sum of PSS (shared pages counted once across the tree;
    RSS where the OS has no PSS)."""
    started = time.perf_counter()
    child = psutil.Popen(command, env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.DEVNULL)
    ended: list[float] = []
    exited = threading.Event()  # set the moment the child exits, not at the next sample

    def wait_for_exit() -> None:
        child.wait()
        ended.append(time.perf_counter())
        exited.set()

    threading.Thread(target=wait_for_exit, daemon=True).start()
    cpu_by_pid: dict[int, float] = {}
    peak, samples = 0, []
    while not exited.is_set():
        rss = 0
        for process in [child, *_descendants(child)]:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    cpu_by_pid[process.pid] = max(cpu_by_pid.get(process.pid, 0.0), times.user + times.system)
                    rss += _memory(process)
            except psutil.Error:
                continue
        peak = max(peak, rss)
        samples.append(rss)
        exited.wait(sample_every)
    wall = ended[0] - started
    return wall, sum(cpu_by_pid.values()), peak, samples


def _memory(process: psutil.Process) -> int:
    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


def _descendants(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


@dataclass
class Run:
    articles: int
    requests: int
    useful: int
    wall: float
    cpu: float
    peak: int
    overlaps: int

    def row(self, limit: float) -> tuple[float, float, float, float, float]:
        """articles/s, share of the limit, useful share of the limit, CPU s per 1000 requests, peak MB."""
        return (self.articles / self.wall, self.requests / self.wall / limit, self.useful / self.wall / limit,
                self.cpu / self.requests * 1000, self.peak / 2**20)


COLUMNS = ("articles/s", "of limit", "useful of limit", "CPU s/1000 req", "peak memory MB")


def crawl_once(command: list[str], env: dict, sites: SiteServers) -> Run:
    sites.reset()
    wall, cpu, peak, _ = run_child(command, env)
    served = sites.served()
    return Run(served.articles, served.requests, served.useful, wall, cpu, peak, served.overlaps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=152, help="articles per site")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs of each crawler; medians shown")
    parser.add_argument("--writes", choices=sorted(WRITE_KINDS), action="append",
                        help="server kinds to run (default: both)")
    parser.add_argument("--memory", type=int, default=0, help="also crawl this many articles, sampling memory")
    args = parser.parse_args()
    for writes in (args.writes or list(WRITE_KINDS)) if args.rounds else ():
        compare(args, writes)
    if args.memory:
        memory_run(args)


def commands(tmp: str, round_number: int, seeds: list[str], concurrency: int) -> dict[str, tuple[list[str], dict]]:
    spider, loop, pages = Path(tmp) / "spider.py", Path(tmp) / "loop.py", Path(tmp) / "pages.json"
    ours = [sys.executable, "-m", "scraper", "crawl", *seeds, "--db", f"{tmp}/bench{round_number}.db", "--delay", "0",
            "--concurrency", str(concurrency), "--quiet", "--max-depth", "50"]
    return {"scraper": (ours, {}), "scrapy": ([sys.executable, str(spider), *seeds], {"CONCURRENCY": str(concurrency)}),
            "requests loop": ([sys.executable, str(loop), str(pages)], {})}


def compare(args, writes: str) -> None:
    """Both crawlers (and the bare requests loop), alternating, on the same sites; per-round lines, then medians
    and paired ratios."""
    sites = SiteServers(args.articles, args.latency, writes=writes)
    seeds = sites.seeds
    limit = len(seeds) / args.latency
    print(f"\nservers that {WRITE_KINDS[writes]}: {len(seeds)} sites × {args.articles} articles, "
          f"{args.latency * 1000:.0f} ms per request, concurrency {args.concurrency}; limit {limit:.0f} requests/s; "
          f"{args.rounds} alternating rounds")
    runs: dict[str, list[Run]] = {"scraper": [], "scrapy": [], "requests loop": []}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "spider.py").write_text(SCRAPY_SPIDER)
        (Path(tmp) / "loop.py").write_text(REQUESTS_LOOP)
        (Path(tmp) / "pages.json").write_text(json.dumps(sites.pages))
        for n in range(args.rounds):
            for name, (command, env) in commands(tmp, n, seeds, args.concurrency).items():
                runs[name].append(crawl_once(command, env, sites))
            a, b = runs["scraper"][-1].row(limit), runs["scrapy"][-1].row(limit)
            print(f"  round {n + 1}: articles/s {a[0]:.1f} vs {b[0]:.1f} ({a[0] / b[0]:.2f}×), of limit {a[1]:.2f} "
                  f"vs {b[1]:.2f} (useful {a[2]:.2f} vs {b[2]:.2f}), CPU ms/request {a[3]:.2f} vs {b[3]:.2f}, "
                  f"memory {a[4]:.0f} vs {b[4]:.0f} MB")
    sites.stop()
    print(f"| {writes} (median) | " + " | ".join(COLUMNS) + " | articles | requests | two in flight to a site |")
    for name, done in runs.items():
        medians = [statistics.median(run.row(limit)[i] for run in done) for i in range(len(COLUMNS))]
        print(f"| {name} | " + " | ".join(f"{m:.2f}" if m < 10 else f"{m:.1f}" for m in medians)
              + f" | {done[0].articles} | {done[0].requests} | {max(run.overlaps for run in done)} |")
    pairs = [(a.row(limit), b.row(limit)) for a, b in zip(runs["scraper"], runs["scrapy"])]
    speed = statistics.median(a[0] / b[0] for a, b in pairs)
    cpu = statistics.median(a[3] / b[3] for a, b in pairs)
    print(f"ours / Scrapy, median of the rounds' ratios (each round runs both back to back, so a machine that "
          f"speeds up or slows down between rounds cancels out): articles/s {speed:.2f}×, CPU per request {cpu:.2f}×")


def memory_run(args) -> None:
    per_site = args.memory // len(HOSTS)
    sites = SiteServers(per_site, 0.0, print_versions=False)
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "scraper", "crawl", *sites.seeds, "--db", f"{tmp}/mem.db",
                   "--delay", "0", "--concurrency", str(args.concurrency), "--quiet", "--max-depth", "5000"]
        wall, cpu, peak, samples = run_child(command, {}, sample_every=1.0)
    served = sites.served()
    quarters = [samples[min(len(samples) - 1, len(samples) * q // 4)] / 2**20 for q in (1, 2, 3, 4)] if samples else []
    print(f"memory run: {served.articles} article pages, {served.requests} requests in {wall:.0f} s; "
          f"memory (PSS) at 25/50/75/100%"
          f" of the run: {' / '.join(f'{m:.0f}' for m in quarters)} MB; peak {peak / 2**20:.0f} MB")
    sites.stop()


if __name__ == "__main__":
    main()
