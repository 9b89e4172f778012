"""One GET with our rules: redirects followed by hand (each hop checked against the destination guard), a
conditional request when validators are known, the status classified, the body read within its limits.

fetch never parses articles. It decides whether a response is worth keeping and turns every way a server can
misbehave into a FetchError (permanent) or TransientError (worth retrying, maybe after Retry-After).
"""
from __future__ import annotations

import socket
import time
from collections.abc import Callable

import urllib3
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from scraper.errors import FetchError, InvalidURL, TransientError
from scraper.extract.encoding import charset_from_content_type
from scraper.fetch.limits import ReadLimits, read_body
from scraper.fetch.policy import HTML_TYPES, FetchConfig, check_response
from scraper.fetch.transport import Transport
from scraper.models import Response
from scraper.netguard import CachedResolver, Resolver, check_destination, is_internal_url
from scraper.urls import canonicalize, is_non_html


class Fetcher:
    """The transport plus the policies a crawler applies to every request; thread-safe."""

    def __init__(self, config: FetchConfig = FetchConfig(), resolve: Resolver = socket.getaddrinfo):
        self.config = config
        self.transport = Transport(config.connect_timeout, config.read_timeout)
        self.headers = {"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate",
                        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                        "Accept-Language": "vi,en;q=0.8"}
        self.limits = ReadLimits(config.max_body_bytes, config.total_timeout, config.min_rate, config.min_rate_grace)
        self.resolve = CachedResolver(resolve)

    def close(self) -> None:
        self.transport.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              allow_internal: bool | None = None, accept: frozenset[str] = HTML_TYPES) -> Response:
        """GET with our limits. `allow_internal` None means: allowed only if this URL itself is internal."""
        url = canonicalize(url)
        if accept is HTML_TYPES and is_non_html(url):
            raise FetchError(url, "not an HTML page (by its file extension)")
        if allow_internal is None:
            allow_internal = is_internal_url(url, self.resolve)
        headers = dict(self.headers)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        current, redirects = url, []
        while True:
            check_destination(current, allow_internal, self.resolve)
            response = self.transport.send(current, headers, url)
            location = response.get_redirect_location()  # False: no redirect; None: one without a Location
            if location:
                response.close()
                current = self._next_hop(url, current, location, redirects)
                continue
            try:
                return self._finish(url, current, response, redirects, accept, started)
            finally:
                response.close()  # a body read to its end has already gone back to the pool

    def _next_hop(self, url: str, current: str, location: str, redirects: list[str]) -> str:
        try:
            target = canonicalize(location, current)
        except InvalidURL as e:
            raise FetchError(url, f"redirect refused: {e}") from None
        if target in redirects or target == url:
            raise FetchError(url, f"redirect loop at {target}")
        redirects.append(target)
        if len(redirects) > self.config.max_redirects:
            raise FetchError(url, f"more than {self.config.max_redirects} redirects")
        return target

    def _finish(self, url: str, current: str, response: urllib3.BaseHTTPResponse, redirects: list[str],
                accept: frozenset[str], started: float) -> Response:
        headers = response.headers
        page = Response(url=url, final_url=current, status=response.status, content_type=headers.get("Content-Type"),
                        charset=charset_from_content_type(headers.get("Content-Type")), etag=headers.get("ETag"),
                        last_modified=headers.get("Last-Modified"), redirects=tuple(redirects),
                        headers=tuple(headers.iteritems()))
        if response.status == 304:
            return page
        check_response(url, response.status, headers, accept, self.config)
        return page.with_body(read_body(url, response, self.limits, started))


def fetch_with_retries(fetcher: Fetcher, url: str, sleep: Callable[[float], None] = time.sleep,
                       **options) -> Response:
    """One-off fetch: retry transient failures with backoff, honouring Retry-After (tenacity does the loop)."""
    policy = fetcher.config.retry

    def wait(state) -> float:
        error = state.outcome.exception()
        return policy.delay(state.attempt_number, getattr(error, "retry_after", None))

    retrying = Retrying(stop=stop_after_attempt(policy.max_attempts), retry=retry_if_exception_type(TransientError),
                        wait=wait, sleep=sleep, reraise=True)
    return retrying(fetcher.fetch, url, **options)
