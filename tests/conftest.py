"""Shared fixtures: saved pages, a temporary archive, a CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_pages() -> list[Path]:
    return sorted(FIXTURES.glob("*.html"))


def fixture_case(page: Path) -> tuple[bytes, dict, dict]:
    """(bytes, expected record, served-with meta: url and content_type)."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    meta_file = page.with_suffix(".meta.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    meta.setdefault("url", expected["url"])
    return page.read_bytes(), expected, meta


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"
