"""Where the crawler may connect: a public page must not steer us to loopback, private or link-local addresses.

A crawler that follows any link or redirect is a ready tool for reaching internal services (SSRF). Private
destinations are allowed only when the seed itself lives there (an intranet portal, a test server).
"""
from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from scraper.errors import InvalidURL, TransientError

Resolver = Callable[..., list]


def is_internal_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified)


class CachedResolver:
    """getaddrinfo with answers kept for `ttl` seconds. The destination check runs before every request, and
    a lookup each time would add one per page on top of the connection pool's (which resolves only to open a
    connection): a round trip to the DNS server per page where no local cache answers. Failures are not kept."""

    def __init__(self, resolve: Resolver = socket.getaddrinfo, ttl: float = 60.0, size: int = 4096):
        self.resolve = resolve
        self.ttl = ttl
        self.size = size
        self._answers: dict[tuple, tuple[float, list]] = {}

    def __call__(self, host, port, *args, **kwargs) -> list:
        key = (host, port, args, tuple(sorted(kwargs.items())))
        now = time.monotonic()
        known = self._answers.get(key)
        if known is not None and known[0] > now:
            return known[1]
        answer = self.resolve(host, port, *args, **kwargs)
        if len(self._answers) >= self.size:  # a crawl meets far fewer hosts; this only bounds a pathological one
            self._answers.clear()
        self._answers[key] = (now + self.ttl, answer)
        return answer


def resolve_addresses(url: str, resolve: Resolver = socket.getaddrinfo) -> list[str]:
    """The host's addresses. A failed lookup is transient (a resolver down, a domain lapsed for a day): the
    URL itself may be fine, and is tried again like any connection failure."""
    host = urlsplit(url).hostname or ""
    try:
        return [info[4][0] for info in resolve(host, None, proto=socket.IPPROTO_TCP)]
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise TransientError(url, f"cannot resolve host {host!r}: {e}") from None


def is_internal_url(url: str, resolve: Resolver = socket.getaddrinfo) -> bool:
    return any(is_internal_address(a) for a in resolve_addresses(url, resolve))


def check_destination(url: str, allow_internal: bool, resolve: Resolver = socket.getaddrinfo) -> None:
    """Raise InvalidURL when the URL's host resolves to an internal address and that is not allowed."""
    if allow_internal:
        return
    if is_internal_url(url, resolve):
        raise InvalidURL(f"refusing {url[:200]}: host resolves to a loopback, private or link-local address")
