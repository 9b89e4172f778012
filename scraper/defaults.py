"""The crawl's default settings, defined once: CrawlConfig and FetchConfig take them, and the CLI shows them in
--help without importing the HTTP stack (every command imports the CLI; search and stats must start fast)."""
from __future__ import annotations

DELAY = 1.0  # seconds between two requests to one site
CONCURRENCY = 4  # sites fetched at once
MAX_DEPTH = 5  # links followed from a seed
RECRAWL_AFTER = "1d"  # article pages fetched longer ago than this are revisited
READ_TIMEOUT = 20.0  # seconds without a byte before a request fails
LEASE = 300.0  # seconds a shared frontier's claim lasts: longer than any fetch; a dead worker's URLs return then
