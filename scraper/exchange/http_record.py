"""A stored page as the HTTP exchange a WARC file records: the status line and header lines it came with."""
from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlsplit

from scraper.models import Response

DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
"""The body is kept decoded (gunzipped, unchunked), so the lines that described its wire form would lie;
Content-Length is written anew for the body as stored."""
STORED_STATUS = 200
"""A stored body was a 200 when it came; a later 304 that refreshed it changes `pages.status`, not the body."""


def status_line(status: int | None) -> str:
    code = status if status is not None and status != 304 else STORED_STATUS
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Unknown"


def response_headers(page: Response) -> list[tuple[str, str]]:
    """The header lines we kept, or for pages fetched before they were kept, the ones the `pages` row holds."""
    kept = page.headers or tuple((name, value) for name, value in (
        ("Content-Type", page.content_type), ("ETag", page.etag), ("Last-Modified", page.last_modified)) if value)
    lines = [(name, value) for name, value in kept if name.lower() not in DROPPED_HEADERS]
    return [*lines, ("Content-Length", str(len(page.body or b"")))]


def request_line(url: str) -> tuple[str, list[tuple[str, str]]]:
    """The GET that fetched the page (we keep no request headers beyond what the URL says)."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"GET {target} HTTP/1.1", [("Host", parts.netloc)]
