"""Our crawler next to Scrapy on 8 local news sites that answer like remote servers (50 ms per request).

Run: .venv/bin/python bench/crawl.py [--articles 150] [--memory 20000]
Each site lives on its own loopback address (127.0.0.11 … 127.0.0.18). Both crawlers run in a child process,
politely (one request at a time per site, no extra delay), with the same concurrency, following the same
same-site links from the home page. The physical limit is sites ÷ latency requests per second.
Printed per crawler: articles/s, share of the request limit reached (over the whole run, and while crawling:
first request to last response, without start-up and exit), CPU seconds per 1,000 requests, peak memory (PSS of
the process tree). A bare loop of requests over every page (nothing parsed or stored) runs alongside, as the
ceiling of the client side on these servers.
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
        rules = [Rule(LinkExtractor(allow_domains=allowed_domains), callback="parse_page", follow=True)]
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


def start_sites(articles: int, latency: float, print_versions: bool = True) -> list[LocalSite]:
    sites = []
    for host in HOSTS:
        site = LocalSite(host=host, port=80, latency=latency)  # no port in URLs: Scrapy's offsite filter wants that
        site.routes.update(build_routes(site.base_url, articles, print_versions=print_versions))
        sites.append(site.start())
    return sites


@dataclass(frozen=True)
class Served:
    requests: int
    articles: int
    active: float  # first request's arrival to the last response


class SiteServers:
    """The sites, served from a process of their own. In the benchmark's process, the sampling of the crawler's
    CPU and memory (psutil reading /proc: about 10 ms per sample, ten samples a second) would hold the GIL the
    servers' threads need, and delay responses as no remote server would."""

    def __init__(self, articles: int, latency: float, print_versions: bool = True):
        self._conn, theirs = multiprocessing.Pipe()
        self._process = multiprocessing.Process(target=_serve_sites, args=(theirs, articles, latency, print_versions),
                                                daemon=True)
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


def _serve_sites(conn, articles: int, latency: float, print_versions: bool) -> None:
    sites = start_sites(articles, latency, print_versions)
    conn.send(([site.url("/") for site in sites], [[site.url(path) for path in site.routes] for site in sites]))
    while (command := conn.recv()) != "stop":
        if command == "reset":
            for site in sites:
                site.log.clear()
            conn.send(None)
        else:
            log = [r for site in sites for r in site.requested()]
            arrivals = [r.at for r in log]
            conn.send(Served(len(log), sum(1 for r in log if r.path.endswith(".html")),
                             max(arrivals) + latency - min(arrivals) if arrivals else 0.0))
    for site in sites:
        site.stop()


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
    wall: float
    cpu: float
    peak: int
    active: float

    def row(self, limit: float) -> tuple[float, float, float, float, float]:
        return (self.articles / self.wall, self.requests / self.wall / limit, self.cpu / self.requests * 1000,
                self.peak / 2**20, self.requests / self.active / limit)


def crawl_once(command: list[str], env: dict, sites: SiteServers) -> Run:
    sites.reset()
    wall, cpu, peak, _ = run_child(command, env)
    served = sites.served()
    return Run(served.articles, served.requests, wall, cpu, peak, served.active)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=150, help="articles per site")
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5, help="alternating runs of each crawler; medians shown")
    parser.add_argument("--memory", type=int, default=0, help="also crawl this many articles, sampling memory")
    args = parser.parse_args()
    if args.rounds:
        compare(args)
    if args.memory:
        memory_run(args)


def compare(args) -> None:
    """Both crawlers (and the bare requests loop), alternating, on the same sites; per-round lines, then medians
    and paired ratios."""
    sites = SiteServers(args.articles, args.latency)
    seeds = sites.seeds
    limit = len(seeds) / args.latency
    print(f"{len(seeds)} sites × {args.articles} articles, {args.latency * 1000:.0f} ms per request, "
          f"concurrency {args.concurrency}; limit {limit:.0f} requests/s; {args.rounds} alternating rounds")
    runs: dict[str, list[Run]] = {"scraper": [], "scrapy": [], "requests loop": []}
    with tempfile.TemporaryDirectory() as tmp:
        spider, loop, pages = Path(tmp) / "spider.py", Path(tmp) / "loop.py", Path(tmp) / "pages.json"
        spider.write_text(SCRAPY_SPIDER)
        loop.write_text(REQUESTS_LOOP)
        pages.write_text(json.dumps(sites.pages))
        for n in range(args.rounds):
            ours = [sys.executable, "-m", "scraper", "crawl", *seeds, "--db", f"{tmp}/bench{n}.db", "--delay", "0",
                    "--concurrency", str(args.concurrency), "--quiet", "--max-depth", "50"]
            runs["scraper"].append(crawl_once(ours, {}, sites))
            runs["scrapy"].append(crawl_once([sys.executable, str(spider), *seeds],
                                             {"CONCURRENCY": str(args.concurrency)}, sites))
            runs["requests loop"].append(crawl_once([sys.executable, str(loop), str(pages)], {}, sites))
            a, b = runs["scraper"][-1].row(limit), runs["scrapy"][-1].row(limit)
            print(f"  round {n + 1}: articles/s {a[0]:.1f} vs {b[0]:.1f} ({a[0] / b[0]:.2f}×), of limit {a[1]:.2f} vs "
                  f"{b[1]:.2f} (while crawling {a[4]:.2f} vs {b[4]:.2f}),"
                  f" CPU ms/request {a[2]:.2f} vs {b[2]:.2f} ({a[2] / b[2]:.2f}×), memory {a[3]:.0f} vs "
                  f"{b[3]:.0f} MB; a bare requests loop: {runs['requests loop'][-1].row(limit)[1]:.2f} of the limit")
    sites.stop()
    print(f"{'median':13} {'articles/s':>10} {'of limit':>8} {'while crawling':>14} {'CPU s/1000 req':>14} "
          f"{'peak memory MB':>14}")
    for name, done in runs.items():
        rate, share, cpu, rss, steady = [statistics.median(run.row(limit)[i] for run in done) for i in range(5)]
        print(f"{name:13} {rate:10.1f} {share:8.2f} {steady:14.2f} {cpu:14.2f} {rss:14.0f}   "
              f"({done[0].articles} articles, {done[0].requests} requests per run)")
    pairs = [(a.row(limit), b.row(limit)) for a, b in zip(runs["scraper"], runs["scrapy"])]
    speed = statistics.median(a[0] / b[0] for a, b in pairs)
    cpu = statistics.median(a[2] / b[2] for a, b in pairs)
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
