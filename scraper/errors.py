"""One error root, so callers can catch everything we raise on purpose and nothing else.

Every class keeps its constructor's arguments in `args`, so an error raised in a parsing process crosses the
pipe back to the crawl (pickling rebuilds an exception as `cls(*args)`) with its URL, reason and status intact.
"""
from __future__ import annotations


class ScraperError(Exception):
    """Base of every error raised on purpose."""


class InvalidURL(ScraperError, ValueError):
    """A URL we refuse to fetch: malformed, non-HTTP, overlong, or pointing where it must not."""


class ConfigError(ScraperError):
    """A sites file or option that cannot be used; says which key and why."""


class ProfileError(ScraperError):
    """A profile file with unknown keys or an invalid selector: fail loudly at load, not silently per page."""


class QueryError(ScraperError):
    """A search the full-text index cannot parse."""


class ExtractionError(ScraperError):
    """The document cannot be read as HTML at all (empty, binary)."""


class ParseFailure(ExtractionError):
    """The parsing process died or was stopped with this page in it: the page is kept with this reason, and is
    not fetched again in this run (fetching it again would only crash or stall a parser once more)."""


class FetchError(ScraperError):
    """A fetch that failed for good; keeps the URL, reason and HTTP status for the record."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(url, reason, status)
        self.url = url
        self.reason = reason
        self.status = status

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


class TransientError(FetchError):
    """Worth retrying (connection trouble, DNS, 429, 5xx); may carry the server's Retry-After in seconds."""

    def __init__(self, url: str, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(url, reason, status)
        self.args = (url, reason, status, retry_after)
        self.retry_after = retry_after


class StoreError(ScraperError):
    """The archive could not be written (disk full, read-only); the transaction was rolled back."""


class LockHeld(ScraperError):
    """Another crawl holds this database's lock."""
