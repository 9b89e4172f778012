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
