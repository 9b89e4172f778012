"""Bounded reading of a response body: size (after inflation), total time and a minimum rate, checked while
the bytes arrive."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import urllib3

from scraper.errors import FetchError, TransientError
from scraper.inflate import BoundedInflater
from scraper.fetch.transport import connection_problem

CHUNK = 65_536
SLOW_RETRY_AFTER = 600.0  # a trickling page is tried again after this, not at once: it would trickle again


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int
    total_seconds: float
    min_rate: float  # bytes per second, averaged from the first byte on
    grace: float  # seconds before the rate is held against the response


def read_body(url: str, response: urllib3.BaseHTTPResponse, limits: ReadLimits, started: float,
              clock: Callable[[], float] = time.monotonic) -> bytes:
    """Read chunk by chunk, checking size (after decompression), the total deadline and the minimum rate between
    reads. A slow body is a TransientError whose retry comes late (SLOW_RETRY_AFTER): at once, it would trickle
    again and hold the site's connection as long."""
    inflater = BoundedInflater(response.headers.get("Content-Encoding", ""), url)
    parts, size, received = [], 0, 0
    try:
        while chunk := response.read1(CHUNK, decode_content=False):
            received += len(chunk)
            data = inflater.feed(chunk, limits.max_bytes - size)
            size += len(data)
            if size > limits.max_bytes:
                raise FetchError(url, f"body exceeds the {limits.max_bytes} byte cap")
            parts.append(data)
            _check_time(url, limits, clock() - started, received)
    except (urllib3.exceptions.HTTPError, OSError) as e:
        raise TransientError(url, f"connection broke while reading: {connection_problem(e)}") from None
    return b"".join(parts)


def _check_time(url: str, limits: ReadLimits, elapsed: float, received: int) -> None:
    if elapsed > limits.total_seconds:
        raise TransientError(url, f"response took longer than {limits.total_seconds:.0f} s",
                             retry_after=SLOW_RETRY_AFTER)
    if elapsed > limits.grace and received < limits.min_rate * elapsed:
        raise TransientError(url, f"response slower than {limits.min_rate:.0f} bytes/s ({received} bytes in "
                             f"{elapsed:.1f} s); cut", retry_after=SLOW_RETRY_AFTER)
