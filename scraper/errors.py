"""One error root, so callers can catch everything we raise on purpose and nothing else."""
from __future__ import annotations


class ScraperError(Exception):
    """Base of every error raised on purpose."""


class InvalidURL(ScraperError, ValueError):
    """A URL we refuse to fetch: malformed, non-HTTP, overlong, or pointing where it must not."""


class ExtractionError(ScraperError):
    """The document cannot be read as HTML at all (empty, binary)."""


class FetchError(ScraperError):
    """A fetch that failed for good; keeps the URL, reason and HTTP status for the record."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class TransientError(FetchError):
    """Worth retrying (connection trouble, 429, 5xx); may carry the server's Retry-After in seconds."""

    def __init__(self, url: str, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(url, reason, status)
        self.retry_after = retry_after


class StoreError(ScraperError):
    """The archive could not be written (disk full, read-only); the transaction was rolled back."""


class LockHeld(ScraperError):
    """Another crawl holds this database's lock."""
