"""What a fetch may cost and what a status means: limits, the retry policy and the classification that feeds it.

Kept apart from the transport so that the decisions (is this worth a retry, and when) read as data and are
tested without a socket.
"""
from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from datetime import timezone

from scraper import __version__, defaults
from scraper.errors import FetchError, TransientError

DEFAULT_USER_AGENT = f"scraper/{__version__} (news archiver; +https://github.com/scraper-archive/scraper)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
                        "application/x-gzip", "application/gzip", "application/octet-stream", "text/plain"})
# A body slower than this, once the grace period is over, is cut (as Apache's mod_reqtimeout MinRate cuts a
# slow client): a trickling server would otherwise hold a site's only connection for the whole total timeout.
MIN_BYTES_PER_SECOND = 1000.0
MIN_RATE_GRACE = 5.0


@dataclass(frozen=True)
class RetryPolicy:
    """Whether and when to retry; honours Retry-After, capped so a hostile header can't stall us."""
    max_attempts: int = 3
    statuses: frozenset[int] = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
    base_delay: float = 1.0
    max_delay: float = 600.0

    def should_retry(self, attempt: int) -> bool:
        return attempt < self.max_attempts

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        return min(self.base_delay * 2 ** max(attempt - 1, 0), self.max_delay)


@dataclass(frozen=True)
class FetchConfig:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = defaults.READ_TIMEOUT
    total_timeout: float = 60.0
    min_rate: float = MIN_BYTES_PER_SECOND
    min_rate_grace: float = MIN_RATE_GRACE
    max_body_bytes: int = 10_000_000
    max_redirects: int = 10
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against: the User-Agent's first word without its
        version ("scraper/0.1 (…)" → "scraper"), so a site's rules for us follow a --user-agent of our own."""
        return self.user_agent.split("/", 1)[0].split()[0] if self.user_agent.strip() else "*"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def check_response(url: str, status: int, headers, accept: frozenset[str], config: FetchConfig) -> None:
    """Raise the error a final (non-redirect) response stands for, before its body is read: retryable statuses
    as TransientError with the server's Retry-After, other failures, unwanted types and declared oversize
    bodies as FetchError."""
    if status in config.retry.statuses:
        raise TransientError(url, f"HTTP {status}", status, parse_retry_after(headers.get("Retry-After")))
    if status >= 400:
        raise FetchError(url, f"HTTP {status}", status)
    if status != 200 and status >= 300:
        raise FetchError(url, f"HTTP {status} without a usable redirect", status)
    kind = media_type(headers.get("Content-Type"))
    if kind and kind not in accept:
        raise FetchError(url, f"not HTML: Content-Type {kind}", status)
    declared = headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > config.max_body_bytes:
        raise FetchError(url, f"body of {declared} bytes exceeds the {config.max_body_bytes} byte cap", status)
