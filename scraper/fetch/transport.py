"""Sending one GET and handing back the raw response, in the manner of requests' adapters: connection pools,
the environment's proxies, cookies, and the socket option that keeps keep-alive requests fast.

Why not a requests Session: its per-request layers (preparing, merging settings, hooks, the cookie policy on
every request) cost 0.3 ms of CPU per request, 2.5 times what urllib3 needs to send it and read the reply, all
of it on the crawl's critical path. requests still provides what it does well: the environment's proxies
(read once per origin, no_proxy applied), its CA bundle and its cookie jar, consulted only once a site has set
a cookie. .netrc credentials are never read: a crawler must not hand them to the sites it visits.
"""
from __future__ import annotations

import os
import re
import socket
import threading

import requests
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from scraper.errors import FetchError, TransientError
from scraper.urls import origin_of

PROXY_ORIGINS_KEPT = 4096
POOLS = 64  # hosts with a pool at once; a crawl has one connection per site in flight


def _quick_ack(sock: socket.socket | None) -> None:
    """Acknowledge the response's first segment at once instead of after the delayed-ACK timer (Linux: 40 ms).

    Many servers write the headers and the body in two writes; with Nagle's algorithm on (the default) the
    second waits until the first is acknowledged, and the client delays that acknowledgement: each keep-alive
    request then costs ~40 ms more. Quick-ack mode on our side releases the body one round trip after the
    headers; on a real network its cost is one small ACK packet per response."""
    if sock is not None and hasattr(socket, "TCP_QUICKACK"):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        except OSError:
            pass


class _QuickAck:
    """Mixed into urllib3's connections: quick-ack mode just before each response is read."""

    def getresponse(self):
        _quick_ack(self.sock)
        return super().getresponse()


class _QuickAckHTTP(_QuickAck, HTTPConnection):
    pass


class _QuickAckHTTPS(_QuickAck, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _QuickAckHTTP


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _QuickAckHTTPS


class _CookieRequest:
    """What requests' cookie helpers read of a request (its URL and headers), without building a requests one."""

    def __init__(self, url: str, headers: dict):
        self.url = url
        self.headers = headers


class Transport:
    """urllib3 connection pools, shared by the crawler's worker threads (each call takes its own connection)."""

    def __init__(self, connect_timeout: float, read_timeout: float):
        self.ca_bundle = (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
                          or requests.certs.where())
        self.cookies = requests.cookies.RequestsCookieJar()
        self._timeout = urllib3.Timeout(connect=connect_timeout, read=read_timeout)
        self._direct = self._pools()
        self._via_proxy: dict[str, urllib3.PoolManager] = {}
        self._proxied = any(key.lower().endswith("_proxy") for key in os.environ)
        self._proxies: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()

    def _pools(self, proxy: str | None = None) -> urllib3.PoolManager:
        options = dict(num_pools=POOLS, maxsize=POOLS, cert_reqs="CERT_REQUIRED", ca_certs=self.ca_bundle)
        if proxy is None:
            manager = urllib3.PoolManager(**options)
            manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
            return manager
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

    def send(self, url: str, headers: dict, reported_url: str) -> urllib3.BaseHTTPResponse:
        """GET `url` without following redirects or reading the body; failures name `reported_url` (the URL
        that was asked for, not the redirect hop)."""
        if len(self.cookies):  # the cookie policy costs a tenth of a ms: only once some site has set a cookie
            if cookie := requests.cookies.get_cookie_header(self.cookies, _CookieRequest(url, headers)):
                headers = {**headers, "Cookie": cookie}
        try:
            response = self._pools_for(url).urlopen("GET", url, headers=headers, redirect=False, retries=False,
                                                    preload_content=False, decode_content=False,
                                                    timeout=self._timeout)
        except (urllib3.exceptions.TimeoutError, urllib3.exceptions.NewConnectionError,
                urllib3.exceptions.ProtocolError, urllib3.exceptions.SSLError, urllib3.exceptions.ProxyError,
                OSError) as e:
            raise TransientError(reported_url, f"connection failed: {connection_problem(e)}") from None
        except (urllib3.exceptions.HTTPError, ValueError) as e:  # a URL or header urllib3 will not send
            raise FetchError(reported_url, f"request failed: {_short(e)}") from None
        if "Set-Cookie" in response.headers:
            requests.cookies.extract_cookies_to_jar(self.cookies, _CookieRequest(url, headers), response)
        return response

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
