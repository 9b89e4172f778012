"""The crawl's parsing processes: results come back, a crash costs only its page, and nothing outlives a kill."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.errors import FetchError, ParseFailure
from scraper.parse_pool import ParsePool, default_processes

ROOT = Path(__file__).resolve().parent.parent


def wait_ready(pool: ParsePool) -> None:
    pool.start()
    assert pool._ready.wait(30), "parsing processes did not start"


def test_inline_when_no_processes():
    with ParsePool(0) as pool:
        assert pool.call(os.getpid) == os.getpid()


def test_work_runs_in_another_process_once_started():
    with ParsePool(1, preload=("scraper.crawl",)) as pool:
        wait_ready(pool)
        assert pool.call(os.getpid) != os.getpid()
        assert pool.call(sorted, [3, 1, 2]) == [1, 2, 3]


MAIN_SCRIPT = """
import sys
from pathlib import Path
import click  # stands for what the `scraper` console script imports: the whole CLI
Path(sys.argv[1]).open("a").write("ran\\n")  # unguarded, as scripts often are
if __name__ == "__main__":
    from scraper.parse_pool import ParsePool
    with ParsePool(1) as pool:
        pool.start()
        print(pool.call(eval, "'click' in __import__('sys').modules"))
"""


def test_workers_do_not_rerun_the_main_script(tmp_path):
    """multiprocessing re-imports the parent's main script in a new worker: under the console script that is
    the whole CLI in every parsing process, and an unguarded user script would run again."""
    script, marker = tmp_path / "main.py", tmp_path / "runs.txt"
    script.write_text(MAIN_SCRIPT)
    done = subprocess.run([sys.executable, str(script), str(marker)], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"  # the worker never imported what only the script needs
    assert marker.read_text() == "ran\n"  # the script's top level ran once, in the parent only


def test_a_pool_never_started_parses_in_process():
    with ParsePool(1) as pool:
        assert pool.call(os.getpid) == os.getpid()


def test_once_started_the_first_pages_wait_for_the_workers_rather_than_parse_unprotected():
    """A site's home page comes before the workers are up; parsed in the crawl process, a page that hung the
    extractor would hang the whole crawl (and, holding the lock, every cron run after it)."""
    with ParsePool(1, preload=("scraper.crawl",)) as pool:
        pool.start()
        assert pool.call(os.getpid) != os.getpid()


def test_workers_that_cannot_start_leave_parsing_to_the_crawl_process(monkeypatch):
    def no_processes(self):
        raise OSError("fork refused")
    monkeypatch.setattr(ParsePool, "_spawn", no_processes)
    with ParsePool(1) as pool:
        pool.start()
        assert pool.call(os.getpid) == os.getpid()


def test_a_crashed_worker_fails_only_its_page_and_the_pool_recovers():
    with ParsePool(1) as pool:
        wait_ready(pool)
        with pytest.raises(ParseFailure, match="parsing process died"):
            pool.call(os._exit, 1)
        assert pool.call(abs, -4) == 4 and pool.call(os.getpid) != os.getpid()


def test_a_page_that_parses_too_long_is_given_up_and_its_process_replaced():
    with ParsePool(1, timeout=0.5) as pool:
        wait_ready(pool)
        stuck = pool.call(os.getpid)
        started = time.monotonic()
        with pytest.raises(ParseFailure, match="longer than 0.5 s"):
            pool.call(time.sleep, 3600)
        assert time.monotonic() - started < 10
        assert not _running(stuck)
        assert pool.call(abs, -4) == 4 and pool.call(os.getpid) not in (stuck, os.getpid())


def test_workers_ignore_ctrl_c_and_sigterm_the_crawl_decides_when_to_stop():
    with ParsePool(1) as pool:
        wait_ready(pool)
        worker = pool.call(os.getpid)
        os.kill(worker, signal.SIGINT)
        os.kill(worker, signal.SIGTERM)
        time.sleep(0.2)
        assert pool.call(os.getpid) == worker


ORPHAN_SCRIPT = """
import os, sys, time
from scraper.parse_pool import ParsePool, default_processes
pool = ParsePool(1)
pool.start()
pool._ready.wait(30)
print(pool.call(os.getpid), flush=True)
time.sleep(60)
"""


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its parent's bookkeeping is left


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process states from /proc")
def test_workers_of_a_crawl_killed_with_sigkill_exit_on_their_own():
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    worker = int(parent.stdout.readline())
    assert _running(worker)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(worker)


def test_errors_raised_in_a_worker_come_back_as_themselves():
    with ParsePool(1) as pool:
        wait_ready(pool)
        with pytest.raises(ValueError, match="invalid literal"):
            pool.call(int, "not a number")
        assert pool.call(int, "7") == 7


def test_when_a_dead_worker_cannot_be_replaced_pages_are_parsed_in_process(monkeypatch):
    with ParsePool(1) as pool:
        wait_ready(pool)
        monkeypatch.setattr(pool, "_spawn", lambda: (_ for _ in ()).throw(OSError("no more processes")))
        with pytest.raises(ParseFailure):
            pool.call(os._exit, 1)
        assert pool.call(os.getpid) == os.getpid()


def test_even_a_single_core_gets_one_parsing_process(monkeypatch):
    """Isolation (a crash or a hang costs one page) matters more than the memory of one process."""
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert default_processes() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert default_processes() == 7


def _raise_fetch_error(url: str) -> None:
    raise FetchError(url, "a reason only the worker knows", 418)


def test_an_error_raised_in_a_worker_arrives_with_its_real_reason():
    """FetchError's constructor needs a reason: an error that pickles but cannot be rebuilt would have raised
    in the crawl's thread instead of arriving."""
    with ParsePool(1) as pool:
        wait_ready(pool)
        with pytest.raises(FetchError) as raised:
            pool.call(_raise_fetch_error, "http://a.vn/x")
    assert (raised.value.url, raised.value.reason, raised.value.status) == ("http://a.vn/x",
                                                                            "a reason only the worker knows", 418)


EARLY_SERVER = """
import multiprocessing.forkserver, sys
from scraper.parse_pool import ParsePool, start_server
preload = ("json", "scraper.extract.article")
start_server(preload)
print(multiprocessing.forkserver._forkserver._forkserver_pid is not None)  # running before any worker asked
print("scraper.extract.article" in sys.modules)  # imported over there, not here
with ParsePool(1, preload=preload) as pool:
    pool.start()
    print(pool.call(eval, "'scraper.extract.article' in __import__('sys').modules"))  # a worker of that server
"""


def test_the_fork_server_starts_early_with_the_extractor_preloaded(tmp_path):
    done = subprocess.run([sys.executable, "-c", EARLY_SERVER], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False", "True"]


@pytest.mark.parametrize("error, printed", [("EOFError('Ran out of input')", False), ("ValueError('bad page')", True)])
def test_the_fork_server_prints_no_traceback_for_a_worker_whose_crawl_was_killed(error: str, printed: bool):
    """A kill -9 of the crawl while it hands a new worker its start-up data leaves the worker reading an empty
    pipe (EOFError): the fork server's preloaded hook keeps that quiet; any other error still prints."""
    from scraper.parse_pool import server_preload
    assert server_preload(("scraper.parse",))[0] == "scraper.forkserver_quiet"
    script = ("import sys, scraper.forkserver_quiet\n"
              f"try:\n    raise {error}\nexcept Exception:\n    sys.excepthook(*sys.exc_info())\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert ("Traceback" in run.stderr) == printed
