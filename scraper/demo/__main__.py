"""`make demo`: serve the bundled news site on 127.0.0.1, crawl it into data/archive.db, show stats and a search.

No internet needed. Run it twice to see an incremental recrawl (conditional requests, nothing new).
"""
from __future__ import annotations

import os
import sys

from click.testing import CliRunner

from scraper.cli import cli
from scraper.demo.server import LocalSite
from scraper.demo.site import build_routes

DEMO_PORT = 8765


def start_site() -> LocalSite:
    """The fixed port keeps URLs stable between demo runs; a busy port falls back to a free one."""
    try:
        site = LocalSite(port=DEMO_PORT)
    except OSError:
        site = LocalSite()
    site.routes.update(build_routes(site.base_url))
    return site.start()


def main() -> int:
    db = os.environ.get("SCRAPER_DB", "data/archive.db")
    site = start_site()
    runner = CliRunner()
    try:
        steps = [
            ["crawl", site.url("/"), "--db", db, "--delay", "0.05", "--concurrency", "2"],
            ["stats", "--db", db],
            ["search", "nong thon moi", "--db", db, "--limit", "3"],
        ]
        for args in steps:
            print(f"\n$ scraper {' '.join(args)}", flush=True)
            result = runner.invoke(cli, args, catch_exceptions=False)
            print(result.output, end="", flush=True)
            if result.exit_code:
                return result.exit_code
    finally:
        site.stop()
    print(f"\nThe archive is {db}: browse, search and chart it with `.venv/bin/scraper serve --db {db}`, or open "
          "it with sqlite3, sqlite-utils, pandas or DuckDB (README: For analysts).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
