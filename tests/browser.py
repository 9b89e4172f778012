"""A real headless Chromium (Debian's package) driven by Playwright, and `scraper serve` in its own process:
what the serve tests and `make screenshots` look through."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("SCRAPER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""As root in a closed network: without the background-networking flags Chromium keeps dialling Google."""
START_TIMEOUT = 30


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (Debian package chromium; .ci/run installs it)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (the test extra)"
    return None


@contextlib.contextmanager
def served(db: Path, *options: str) -> Iterator[str]:
    """`scraper serve` on a free port; yields its base URL, stops it after."""
    process = subprocess.Popen([sys.executable, "-m", "scraper", "serve", "--db", str(db), "--port", "0", *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if "http://" not in line:
            raise RuntimeError(f"scraper serve did not start: {line}{process.stderr.read()}")
        yield line.split(" at ", 1)[1].split(" ", 1)[0].rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=START_TIMEOUT)


@contextlib.contextmanager
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
