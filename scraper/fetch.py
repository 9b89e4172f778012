"""HTTP for the crawler and for one-off fetches: limits, redirects, conditional requests, retry decisions.

fetch never parses articles. It decides whether a response is worth keeping and turns every way a server can
misbehave into a FetchError (permanent) or TransientError (worth retrying, maybe after Retry-After).
"""
from __future__ import annotations

import email.utils
import os
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timezone

import requests
import urllib3
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from scraper import __version__
from scraper.errors import FetchError, InvalidURL, TransientError
from scraper.extract.encoding import charset_from_content_type
from scraper.models import Response
from scraper.netguard import CachedResolver, Resolver, check_destination, is_internal_url
from scraper.urls import canonicalize, is_non_html, origin_of

PROXY_ORIGINS_KEPT = 4096
DEFAULT_USER_AGENT = f"scraper/{__version__} (news archiver; +https://github.com/scraper-archive/scraper)"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
                        "application/x-gzip", "application/gzip", "application/octet-stream", "text/plain"})
CHUNK = 65_536


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
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10_000_000
    max_redirects: int = 10
    retry: RetryPolicy = field(default_factory=RetryPolicy)


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


class _Decoder:
    """gzip/deflate decoded by us with a bound on output, so a compression bomb stops at the size cap."""

    def __init__(self, encoding: str, url: str):
        encoding = encoding.lower().strip()
        if encoding in ("", "identity"):
            self._inflate = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._inflate = zlib.decompressobj(47)
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        self.url = url

    def feed(self, data: bytes, room: int) -> bytes:
        if self._inflate is None:
            return data
        try:
            out = self._inflate.decompress(data, room + 1)
        except zlib.error as e:
            raise FetchError(self.url, f"corrupt compressed body: {e}") from None
        return out


class _CookieRequest:
    """What requests' cookie helpers read of a request (its URL and headers), without building a requests one."""

    def __init__(self, url: str, headers: dict):
        self.url = url
        self.headers = headers


class Fetcher:
    """urllib3 connection pools, shared by the crawler's worker threads (each call takes its own connection).

    Why not a requests Session: its per-request layers (preparing, merging settings, hooks, the cookie policy on
    every request) cost 0.3 ms of CPU per request, 2.5 times what urllib3 needs to send it and read the reply,
    all of it on the crawl's critical path. requests still provides what it does well: the environment's proxies
    (read once per origin, no_proxy applied), its CA bundle and its cookie jar, consulted only once a site has
    set a cookie. .netrc credentials are never read: a crawler must not hand them to the sites it visits."""

    def __init__(self, config: FetchConfig = FetchConfig(), resolve: Resolver = socket.getaddrinfo):
        self.config = config
        self.ca_bundle = (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
                          or requests.certs.where())
        self.headers = {"User-Agent": config.user_agent, "Accept-Encoding": "gzip, deflate",
                        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                        "Accept-Language": "vi,en;q=0.8"}
        self.cookies = requests.cookies.RequestsCookieJar()
        self._timeout = urllib3.Timeout(connect=config.connect_timeout, read=config.read_timeout)
        self._direct = self._pools()
        self._via_proxy: dict[str, urllib3.PoolManager] = {}
        self._proxied = any(key.lower().endswith("_proxy") for key in os.environ)
        self._proxies: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        self.resolve = CachedResolver(resolve)

    def _pools(self, proxy: str | None = None) -> urllib3.PoolManager:
        options = dict(num_pools=64, maxsize=64, cert_reqs="CERT_REQUIRED", ca_certs=self.ca_bundle)
        if proxy is None:
            return urllib3.PoolManager(**options)
        if proxy.lower().startswith("socks"):
            from urllib3.contrib.socks import SOCKSProxyManager  # needs PySocks, as requests does
            return SOCKSProxyManager(proxy, **options)
        user, password = requests.utils.get_auth_from_url(proxy)
        headers = urllib3.util.make_headers(proxy_basic_auth=f"{user}:{password}") if user else None
        return urllib3.ProxyManager(proxy, proxy_headers=headers, **options)

    def close(self) -> None:
        self._direct.clear()
        for pools in self._via_proxy.values():
            pools.clear()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              allow_internal: bool | None = None, accept: frozenset[str] = HTML_TYPES) -> Response:
        """GET with our limits. `allow_internal` None means: allowed only if this URL itself is internal."""
        url = canonicalize(url)
        if accept is HTML_TYPES and is_non_html(url):
            raise FetchError(url, "not an HTML page (by its file extension)")
        if allow_internal is None:
            allow_internal = is_internal_url(url, self.resolve)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        started = time.monotonic()
        current, redirects = url, []
        while True:
            check_destination(current, allow_internal, self.resolve)
            response = self._request(current, headers, url)
            location = response.get_redirect_location()  # False: no redirect; None: one without a Location
            if location:
                response.close()
                current = self._next_hop(url, current, location, redirects)
                continue
            try:
                return self._finish(url, current, response, redirects, accept, started)
            finally:
                response.close()  # a body read to its end has already gone back to the pool

    def _pools_for(self, url: str) -> urllib3.PoolManager:
        """The environment's proxy for this URL's scheme and host (no_proxy applied), looked up once per origin."""
        if not self._proxied:
            return self._direct
        origin = origin_of(url)
        with self._lock:
            if origin not in self._proxies:
                if len(self._proxies) >= PROXY_ORIGINS_KEPT:  # a crawl of a few sites never gets here
                    self._proxies.clear()
                self._proxies[origin] = requests.utils.get_environ_proxies(origin)
            proxy = requests.utils.select_proxy(url, self._proxies[origin])
            if not proxy:
                return self._direct
            if proxy not in self._via_proxy:
                self._via_proxy[proxy] = self._pools(proxy)
            return self._via_proxy[proxy]

    def _request(self, current: str, extra: dict, url: str) -> urllib3.BaseHTTPResponse:
        headers = {**self.headers, **extra}
        if len(self.cookies):  # the cookie policy costs a tenth of a ms: only once some site has set a cookie
            if cookie := requests.cookies.get_cookie_header(self.cookies, _CookieRequest(current, headers)):
                headers["Cookie"] = cookie
        try:
            response = self._pools_for(current).urlopen("GET", current, headers=headers, redirect=False,
                                                        retries=False, preload_content=False, decode_content=False,
                                                        timeout=self._timeout)
        except (urllib3.exceptions.TimeoutError, urllib3.exceptions.NewConnectionError,
                urllib3.exceptions.ProtocolError, urllib3.exceptions.SSLError, urllib3.exceptions.ProxyError,
                OSError) as e:
            raise TransientError(url, f"connection failed: {connection_problem(e)}") from None
        except (urllib3.exceptions.HTTPError, ValueError) as e:  # a URL or header urllib3 will not send
            raise FetchError(url, f"request failed: {_short(e)}") from None
        if "Set-Cookie" in response.headers:
            requests.cookies.extract_cookies_to_jar(self.cookies, _CookieRequest(current, headers), response)
        return response

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
        status = response.status
        headers = response.headers
        base = dict(url=url, final_url=current, status=status, content_type=headers.get("Content-Type"),
                    charset=charset_from_content_type(headers.get("Content-Type")), etag=headers.get("ETag"),
                    last_modified=headers.get("Last-Modified"), redirects=tuple(redirects))
        if status == 304:
            return Response(**base)
        if status in self.config.retry.statuses:
            raise TransientError(url, f"HTTP {status}", status, parse_retry_after(headers.get("Retry-After")))
        if status >= 400:
            raise FetchError(url, f"HTTP {status}", status)
        if status != 200 and status >= 300:
            raise FetchError(url, f"HTTP {status} without a usable redirect", status)
        kind = media_type(headers.get("Content-Type"))
        if kind and kind not in accept:
            raise FetchError(url, f"not HTML: Content-Type {kind}", status)
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.config.max_body_bytes:
            raise FetchError(url, f"body of {declared} bytes exceeds the {self.config.max_body_bytes} byte cap",
                             status)
        body = self._read_body(url, response, started)
        return Response(**base, body=body)

    def _read_body(self, url: str, response: urllib3.BaseHTTPResponse, started: float) -> bytes:
        """Read chunk by chunk, checking size (after decompression) and the total deadline between reads."""
        cap, deadline = self.config.max_body_bytes, started + self.config.total_timeout
        decoder = _Decoder(response.headers.get("Content-Encoding", ""), url)
        parts, size = [], 0
        try:
            while True:
                chunk = response.read1(CHUNK, decode_content=False)
                if not chunk:
                    break
                data = decoder.feed(chunk, cap - size)
                size += len(data)
                if size > cap:
                    raise FetchError(url, f"body exceeds the {cap} byte cap")
                parts.append(data)
                if time.monotonic() > deadline:
                    raise TransientError(url, f"response took longer than {self.config.total_timeout:.0f} s")
        except (urllib3.exceptions.HTTPError, OSError) as e:
            raise TransientError(url, f"connection broke while reading: {connection_problem(e)}") from None
        return b"".join(parts)


def _short(error: Exception) -> str:
    return str(error)[:300]


_HANG_UPS = {"reset by peer": "connection reset by peer",
             "closed connection without response": "server closed the connection without answering"}
_OS_MESSAGE = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")


def connection_problem(error: Exception) -> str:
    """What went wrong, in the words of the OS when it gave some ("Connection refused", "Name or service not
    known"): urllib3's nested wrappers repeat host and port three times and bury it in a cron log."""
    text = str(error)
    if found := _OS_MESSAGE.findall(text):  # first: urllib3's NewConnectionError is also a ConnectTimeoutError
        return found[-1].strip()
    if isinstance(error, urllib3.exceptions.ConnectTimeoutError):
        return "connect timed out"
    if isinstance(error, (urllib3.exceptions.TimeoutError, TimeoutError)):
        return "read timed out"
    for words, meaning in _HANG_UPS.items():
        if words in text:
            return meaning
    return _short(error)


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
