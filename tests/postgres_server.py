"""A real PostgreSQL server for the tests, from the machine's own binaries (Debian's `postgresql` package).

`initdb` into a temporary folder as an unprivileged user (PostgreSQL refuses to run as root), a free port on
127.0.0.1, trust authentication, durability off (a test server loses nothing worth keeping). Each test asks for
a database of its own, made from the server's template in milliseconds.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

START_TIMEOUT_S = 30
UNPRIVILEGED_USERS = ("postgres", "nobody")
_DATABASES = itertools.count()


def binaries() -> Path | None:
    """The folder holding `initdb` and `postgres`: on PATH, else Debian's versioned folder (newest first)."""
    if found := shutil.which("initdb"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name), reverse=True)
    return next((Path(f) for f in folders if (Path(f) / "initdb").exists()), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One server for the test session; `database()` gives each test an empty database's URL."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="scraper-pg-"))
        self.port = _free_port()
        self.process: subprocess.Popen | None = None
        self.user = None
        if os.geteuid() == 0:
            self.user = next(u for u in UNPRIVILEGED_USERS if _exists(u))
            os.chown(self.folder, pwd.getpwnam(self.user).pw_uid, pwd.getpwnam(self.user).pw_gid)

    @property
    def url(self) -> str:
        return f"postgresql://scraper@127.0.0.1:{self.port}/postgres"

    def start(self) -> Server:
        data = self.folder / "data"
        subprocess.run([self.bin_dir / "initdb", "-D", data, "-U", "scraper", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True, user=self.user)
        self.process = subprocess.Popen(
            [self.bin_dir / "postgres", "-D", data, "-p", str(self.port), "-k", self.folder,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=60"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, user=self.user)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        import psycopg
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                psycopg.connect(self.url, connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"PostgreSQL did not start in {self.folder}") from None
                time.sleep(0.1)

    def database(self) -> str:
        """A new empty database (from template0, so no extension leaks between tests) and its URL."""
        import psycopg
        name = f"test_{os.getpid()}_{next(_DATABASES)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: clients are cut off, not waited for
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.process = None


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False
