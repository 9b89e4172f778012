"""Where the crawler may connect: a public page must not steer us to loopback, private or link-local addresses.

A crawler that follows any link or redirect is a ready tool for reaching internal services (SSRF). Private
destinations are allowed only when the seed itself lives there (an intranet portal, a test server).
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from scraper.errors import InvalidURL

Resolver = Callable[..., list]


def is_internal_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified)


def resolve_addresses(host: str, resolve: Resolver = socket.getaddrinfo) -> list[str]:
    try:
        return [info[4][0] for info in resolve(host, None, proto=socket.IPPROTO_TCP)]
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise InvalidURL(f"cannot resolve host {host!r}: {e}") from None


def is_internal_url(url: str, resolve: Resolver = socket.getaddrinfo) -> bool:
    host = urlsplit(url).hostname or ""
    return any(is_internal_address(a) for a in resolve_addresses(host, resolve))


def check_destination(url: str, allow_internal: bool, resolve: Resolver = socket.getaddrinfo) -> None:
    """Raise InvalidURL when the URL's host resolves to an internal address and that is not allowed."""
    if allow_internal:
        return
    if is_internal_url(url, resolve):
        raise InvalidURL(f"refusing {url[:200]}: host resolves to a loopback, private or link-local address")
