"""`scraper crawl --workers N`: N crawler processes on this machine against one PostgreSQL archive.

Each worker is an ordinary crawl (crawl/run.py) in a process of its own, joining the others through the shared
frontier's leases and host rows, exactly as a worker started on another machine would: nothing is coordinated
here but starting, stopping and reporting. SIGTERM and Ctrl-C reach every worker, which finishes its pages in
hand; a worker that dies leaves its claims to the others when its lease runs out.
"""
from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
from dataclasses import dataclass

from scraper.config import CrawlConfig, SiteConfig
from scraper.errors import LockHeld, ScraperError

log = logging.getLogger("scraper.crawl")
RESULT_WAIT_S = 1.0  # for a finished worker's result to come through the queue


@dataclass(frozen=True)
class WorkerResult:
    number: int
    exit_status: int
    line: str


def crawl_workers(db_path: str, sites: list[SiteConfig], config: CrawlConfig, workers: int,
                  log_level: int = logging.ERROR) -> list[WorkerResult]:
    """Run `workers` crawls at once and wait for all; each result says how its worker ended."""
    context = multiprocessing.get_context("spawn")  # no inherited threads, connections or locks
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(n, db_path, sites, config, log_level, results),
                                 name=f"scraper-crawl-{n}") for n in range(1, workers + 1)]
    for process in processes:
        process.start()
    previous = {sig: signal.signal(sig, lambda signum, frame: _stop(processes)) for sig in (signal.SIGTERM,
                                                                                            signal.SIGINT)}
    try:
        for process in processes:
            process.join()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    reported = {}
    for _ in processes:
        try:
            result = results.get(timeout=RESULT_WAIT_S)
        except queue.Empty:
            break  # the rest died before reporting
        reported[result.number] = result
    return [reported.get(n) or WorkerResult(n, 1, f"worker {n} died (exit code {p.exitcode})")
            for n, p in enumerate(processes, start=1)]


def _stop(processes: list) -> None:
    log.warning("stopping %d workers: each finishes its pages in hand", len(processes))
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker's own handler stops it gently


def _worker(number: int, db_path: str, sites: list[SiteConfig], config: CrawlConfig, log_level: int,
            results) -> None:
    from scraper.crawl.run import crawl
    logging.basicConfig(level=log_level, format=f"%(asctime)s %(levelname)s worker {number} %(name)s: %(message)s")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which asks each worker by SIGTERM
    try:
        summary = crawl(db_path, sites, config)
        results.put(WorkerResult(number, summary.exit_status, f"worker {number}: {summary.line()}"))
    except LockHeld as e:
        results.put(WorkerResult(number, 3, f"worker {number}: {e}"))
    except ScraperError as e:
        results.put(WorkerResult(number, 1, f"worker {number}: {e}"))
    except Exception as e:
        from scraper.store.postgres.connection import server_failure
        if (message := server_failure(e)) is None:
            raise
        results.put(WorkerResult(number, 1, f"worker {number}: {message}"))
