"""Shared fixtures: a temporary archive, a CLI runner, the local test server, a sleep that only records."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FakeSleep


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def site():
    from scraper.demo.server import LocalSite
    with LocalSite() as running:
        yield running


@pytest.fixture
def fake_sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory) -> Path:
    """The demo site crawled twice with edits between (tests/newssite.py); read-only to the tests sharing it."""
    from newssite import build_demo_archive
    return build_demo_archive(tmp_path_factory.mktemp("demo") / "archive.db")


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session, from the machine's binaries; the PostgreSQL half of the store
    tests is skipped (and the summary says why) only when there are none."""
    from postgres_server import Server, binaries
    found = binaries()
    if found is None:
        pytest.skip("no PostgreSQL server binary (initdb) on this machine: apt install postgresql")
    pytest.importorskip("psycopg", reason="the postgres extra is not installed: pip install -e '.[postgres]'")
    server = Server(found).start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """An empty database of its own for each test."""
    return postgres_server.database()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path: Path) -> str:
    """Where a store contract test keeps its archive: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return request.getfixturevalue("postgres_url")
