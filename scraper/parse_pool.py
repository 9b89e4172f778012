"""Parsing on the other cores: the crawl's fetch threads hand pages to worker processes and wait for the result.

Why processes: extraction is about half of a crawl's CPU and holds the GIL, so in one process the fetch threads
queue behind it and hosts sit idle between requests. Workers come from a fork server (or spawn) rather than a
plain fork, so they inherit no open files: above all not the run lock, which must die with the crawl.
A worker that crashes (a libxml2 fault, the OOM killer) or is still busy with one page after `timeout` seconds
(a page that sends the extractor into a pathological case) is replaced, and fails only the page it held, as a
ParseFailure: the page is kept with that reason rather than fetched again, since it would only crash or stall
a worker once more; an unattended crawl must not wait forever on one page. Workers ignore SIGINT/SIGTERM (the
crawl decides when to stop) and leave on their own when the crawl is killed outright.
"""
from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import queue
import signal
import sys
import threading
import time
import types
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

from scraper.errors import ParseFailure

log = logging.getLogger("scraper.parse_pool")
T = TypeVar("T")
ORPHAN_CHECK_SECONDS = 1.0
DEFAULT_TIMEOUT = 60.0  # pages parse in milliseconds; a 5 MB page in about a second
CRAWL_PRELOAD = ("scraper.parse", "scraper.extract.article")  # what the crawl's workers run: the extractor


class _Stuck(Exception):
    """The worker did not answer in time."""


def default_processes() -> int:
    """One core stays with the crawl process (HTTP, SQLite); the rest parse. On a single core still one worker:
    it then adds no speed, but a page that crashes or hangs the extractor costs only that page."""
    return max((os.cpu_count() or 1) - 1, 1)


def server_preload(preload: tuple[str, ...]) -> list[str]:
    """What the fork server imports once for all its workers: the modules they run, and the hook that keeps a
    worker orphaned by a kill -9 of its crawl from printing a traceback (scraper.forkserver_quiet)."""
    return ["scraper.forkserver_quiet", *preload]


def _context(preload: tuple[str, ...]):
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(server_preload(preload))  # imported once in the server, not once per worker
    return context


def start_server(preload: tuple[str, ...]) -> None:
    """Start the fork server now, before the caller's own imports and set-up: its imports (the extractor's) then
    run on another core meanwhile, and the first pages do not wait for the workers (a crawl's home pages waited
    70-90 ms). Nothing to do where there is no fork server; the first worker's start does the same otherwise."""
    if _context(preload).get_start_method() == "forkserver":
        with _main_not_inherited():
            multiprocessing.forkserver.ensure_running()


_START_LOCK = threading.Lock()


@contextmanager
def _main_not_inherited():
    """A worker started by multiprocessing first re-imports the parent's main script, so that functions defined
    there can be unpickled. Under the `scraper` console script that script imports the whole CLI (click,
    sqlite-utils, requests: +0.1 s per worker start and their memory in every worker), and the worker needs none
    of it: what it runs lives in scraper.parse_pool and the modules it is sent. So the worker is started while
    `__main__` is a bare module, which multiprocessing leaves alone."""
    with _START_LOCK:
        real = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = real


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


class _Worker:
    """One parsing process and our end of its pipe."""

    def __init__(self, context, crawl_pid: int):
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, crawl_pid), daemon=True, name="scraper-parse")
        with _main_not_inherited():
            self.process.start()
        theirs.close()
        self.conn = ours

    def call(self, fn: Callable, args: tuple, timeout: float):
        self.conn.send((fn, args))
        if not self.conn.poll(timeout):
            raise _Stuck
        ok, value = self.conn.recv()
        if not ok:
            raise value
        return value

    def stop(self, wait: float = 5.0) -> None:
        self.conn.close()  # the worker reads end-of-file and leaves
        self.process.join(timeout=wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _serve(conn, crawl_pid: int) -> None:
    """The worker's loop: (fn, args) in, (True, result) or (False, exception) out, until the pipe closes."""
    _worker_setup(crawl_pid)
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, fn(*args))
        except Exception as e:  # the caller re-raises it in its own thread
            reply = (False, _crossing(e))
        try:
            conn.send(reply)
        except (TypeError, AttributeError, pickle.PicklingError) as e:  # nothing was sent: pickling comes first
            conn.send((False, RuntimeError(f"reply would not pickle: {e}"[:500])))
        except OSError:  # the crawl process is gone (killed mid-page): nobody to answer, and nothing to say
            return


def _crossing(error: Exception) -> Exception:
    """The error itself when it survives the trip through the pipe, else a RuntimeError that names it: an
    exception that pickles but cannot be rebuilt would raise in the crawl process's reading thread instead."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 (any failure to rebuild means: send a plain description)
        return RuntimeError(f"{type(error).__name__}: {error}"[:500])
    return error


class ParsePool:
    """`call(fn, *args)` runs fn in a worker process once `start()` was called, or inline when processes is 0,
    before `start()`, or when the workers cannot be started (no timeout then); thread-safe.

    One pipe per worker, and the calling thread waits on it directly. Why not ProcessPoolExecutor: its manager
    and feeder threads cost 0.23 ms of the crawl process's CPU per call against 0.06 ms here (measured), and
    each of their hand-offs waits for the GIL on the crawl's critical path."""

    def __init__(self, processes: int = 0, preload: tuple[str, ...] = (), timeout: float = DEFAULT_TIMEOUT):
        self.processes = processes
        self.preload = preload
        self.timeout = timeout
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._settled = threading.Event()  # start-up has ended, with the workers up or not
        self._started = False
        self._closed = False

    def call(self, fn: Callable[..., T], *args) -> T:
        if self.processes <= 0 or not self._started or self._closed:
            return fn(*args)
        # while the workers come up, a page waits for them rather than being parsed here, where a page that hangs
        # the extractor would hang the crawl with it (the first pages of a run, a site's home page, included)
        self._settled.wait()
        if not self._ready.is_set():  # they could not be started: parse here
            return fn(*args)
        worker = self._idle.get()
        if worker is None:  # a worker died and could not be restarted: its turn is parsed here
            self._idle.put(None)
            return fn(*args)
        try:
            return worker.call(fn, args, self.timeout)
        except (EOFError, OSError):
            worker = self._replace(worker)
            raise ParseFailure(f"{_describe(args)}: the parsing process died while this page was in it") from None
        except _Stuck:
            worker = self._replace(worker, wait=0.0)
            raise ParseFailure(f"{_describe(args)}: parsing took longer than {self.timeout:g} s; "
                               "the parsing process was stopped") from None
        finally:
            self._idle.put(worker)

    def start(self) -> None:
        """Start the workers in the background now, while the crawl reads robots.txt, rather than on the first
        page: the fork server imports the extractor first, which takes a few hundred ms."""
        if self.processes > 0:
            self._started = True
            threading.Thread(target=self._warm_up, name="parse-pool-start", daemon=True).start()

    def _warm_up(self) -> None:
        try:
            for _ in range(self.processes):
                worker = self._spawn()
                worker.call(int, (), self.timeout)
                self._idle.put(worker)
            self._ready.set()
        except Exception as e:  # noqa: BLE001 (whatever stops the workers, the crawl parses in-process)
            if not self._closed:  # a crawl that ended before its workers were up is no news
                log.warning("parsing processes unavailable (%s); parsing in the crawl process", e)
        finally:
            self._settled.set()

    def _spawn(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("parse pool closed")
            worker = _Worker(_context(self.preload), os.getpid())
            self._workers.append(worker)
            return worker

    def _replace(self, dead: _Worker, wait: float = 5.0) -> _Worker | None:
        with self._lock:
            if dead in self._workers:  # close() may have taken the list already
                self._workers.remove(dead)
        dead.stop(wait)
        try:
            return self._spawn()
        except (OSError, RuntimeError) as e:
            log.warning("could not restart a parsing process (%s)", e)
            return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _describe(args: tuple) -> str:
    """The page's URL when the first argument carries one, for the error record."""
    first = args[0] if args else None
    return getattr(first, "final_url", None) or str(first)[:200]
