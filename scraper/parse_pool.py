"""Parsing on the other cores: the crawl's fetch threads hand pages to worker processes and wait for the result.

Why processes: extraction is about half of a crawl's CPU and holds the GIL, so in one process the fetch threads
queue behind it and hosts sit idle between requests. Workers come from a fork server (or spawn) rather than a
plain fork, so they inherit no open files: above all not the run lock, which must die with the crawl.
A worker that crashes (a libxml2 fault, the OOM killer) fails only the pages it held, as transient errors that
the frontier retries, and the pool is replaced. Workers ignore SIGINT/SIGTERM (the crawl decides when to stop)
and leave on their own when the crawl is killed outright.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from scraper.errors import TransientError

log = logging.getLogger("scraper.parse_pool")
T = TypeVar("T")
ORPHAN_CHECK_SECONDS = 1.0


def default_processes() -> int:
    """One core stays with the crawl process (HTTP, SQLite); the rest parse. None spare: parse in-process."""
    return max((os.cpu_count() or 1) - 1, 0)


def _context(preload: tuple[str, ...]):
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))  # imported once in the server, not once per worker
    return context


def _worker_setup(crawl_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(crawl_pid,), daemon=True, name="orphan-watch").start()


def _exit_when_orphaned(crawl_pid: int) -> None:
    """A kill -9 of the crawl leaves workers blocked on their queue forever, and the fork server waits for them
    (they hold its liveness pipe); so each worker watches the crawl's pid itself."""
    while _alive(crawl_pid):
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # the pid now belongs to someone else's process
        return False
    return True


class ParsePool:
    """`call(fn, *args)` runs fn in a worker process, or inline when processes is 0; thread-safe."""

    def __init__(self, processes: int = 0, preload: tuple[str, ...] = ()):
        self.processes = processes
        self.preload = preload
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._ready = threading.Event()
        self._closed = False

    def call(self, fn: Callable[..., T], *args) -> T:
        if self.processes <= 0 or not self._ready.is_set():  # until the workers are up, parse here
            return fn(*args)
        pool = self._running()
        try:
            future: Future = pool.submit(fn, *args)
            return future.result()
        except BrokenProcessPool:
            self._replace(pool)
            raise TransientError(_describe(args), "a parsing process died while this page was in it") from None

    def start(self) -> None:
        """Start the workers in the background now, while the crawl reads robots.txt, rather than on the first
        page: the fork server imports the extractor first, which takes a few hundred ms."""
        if self.processes > 0:
            threading.Thread(target=self._warm_up, name="parse-pool-start", daemon=True).start()

    def _warm_up(self) -> None:
        try:
            pool = self._running()
            for future in [pool.submit(int) for _ in range(self.processes)]:
                future.result()
        except (BrokenProcessPool, OSError, RuntimeError) as e:  # RuntimeError: closed before it started
            log.warning("parsing processes unavailable (%s); parsing in the crawl process", e)
            return
        self._ready.set()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _running(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("parse pool closed")
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.processes, mp_context=_context(self.preload),
                                                 initializer=_worker_setup, initargs=(os.getpid(),))
            return self._pool

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


def _describe(args: tuple) -> str:
    """The page's URL when the first argument carries one, for the error record."""
    first = args[0] if args else None
    return getattr(first, "final_url", None) or str(first)[:200]
