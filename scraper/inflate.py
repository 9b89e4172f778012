"""Bounded inflation: gzip and deflate never yield more than a cap, so a compression bomb stops there.

Shared by HTTP bodies (fetch) and gzipped sitemaps (discover), and free of the HTTP stack, since the parsing
processes read sitemaps too.
"""
from __future__ import annotations

import zlib

from scraper.errors import FetchError

GZIP_OR_ZLIB = 47  # zlib's wbits for "gzip or zlib header, detected"


class BoundedInflater:
    """gzip/deflate inflated with a bound on output, so a compression bomb stops at the cap; identity passes
    through. Raises FetchError (with `url`) for an unknown encoding or a corrupt stream."""

    def __init__(self, encoding: str, url: str):
        encoding = encoding.lower().strip()
        if encoding in ("", "identity"):
            self._inflate = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._inflate = zlib.decompressobj(GZIP_OR_ZLIB)
        else:
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        self.url = url

    def feed(self, data: bytes, room: int) -> bytes:
        """At most room + 1 bytes out: one more than the room tells the caller the cap is passed."""
        if self._inflate is None:
            return data
        try:
            return self._inflate.decompress(data, room + 1)
        except zlib.error as e:
            raise FetchError(self.url, f"corrupt compressed body: {e}") from None


def inflate_capped(data: bytes, url: str, cap: int) -> bytes:
    """Gunzip a whole document that starts with the gzip magic, refusing past the cap."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    out = BoundedInflater("gzip", url).feed(data, cap)
    if len(out) > cap:
        raise FetchError(url, f"decompressed document exceeds {cap} bytes (compression bomb?)")
    return out
