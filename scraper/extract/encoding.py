"""Bytes to text in the order browsers trust: HTTP charset, BOM, <meta> charset, then detection.

A declared charset that plainly does not fit the bytes (a lying server) is dropped for the next source; so is a
legacy single-byte one (a server's default ISO-8859-1) when the bytes are valid UTF-8 beyond ASCII.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG: these labels mean windows-1252 in every browser, and pages are written for browsers.
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "x-user-defined": "cp1252"}
SNIFF_BYTES = 4096


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = _BROWSER_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decoded(data: bytes, codec: str) -> str | None:
    """The text when the codec fits the bytes, else None. Utf-8 must decode cleanly; single-byte codecs always
    decode, so we only reject them for NULs. The text is kept: decoding a page twice costs as much as sniffing."""
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if codec.startswith("utf-16") or b"\x00" not in data[:SNIFF_BYTES] else None


@functools.lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """A legacy charset of one byte per character (windows-1252, windows-1258, iso-8859-x, koi8-r, ...)."""
    return not codec.startswith("utf") and len(bytes(range(256)).decode(codec, errors="replace")) == 256


def detect_encoding(data: bytes, declared: str | None = None) -> str:
    return _detected(data, declared)[0]


def _detected(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """The codec, and the text when finding the codec decoded it whole."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, None
    candidates = [_codec(declared)]
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    candidates.append(_codec(match.group(1).decode("ascii", "replace")) if match else None)
    if any(codec and _single_byte(codec) for codec in candidates) and not data.isascii() \
            and (text := _decoded(data, "utf-8")) is not None:
        return "utf-8", text  # text in a legacy single-byte charset is practically never also valid UTF-8
    for codec in [*filter(None, candidates), "utf-8"]:
        if (text := _decoded(data, codec)) is not None:
            return codec, text
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    return (best.encoding if best else "cp1252"), None


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (NFC text, codec used). Undecodable bytes become U+FFFD rather than an error: a page is never lost."""
    codec, text = _detected(data, declared)
    if text is None:
        text = data.decode(codec, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return (unicodedata.normalize("NFC", text) if _may_be_decomposed(data, codec) else text), codec


def _may_be_decomposed(data: bytes, codec: str) -> bool:
    """Whether the text can hold combining marks that NFC would fold into their letters. Windows-1258 writes
    Vietnamese tone marks apart; in UTF-8 the combining diacritics (U+0300-U+036F) start with byte 0xCC or
    0xCD, found at memory speed, while normalizing a document that is already composed costs a scan of every
    character in Python's unicodedata (a third of the time lxml takes to parse it)."""
    return codec != "utf-8" or b"\xcc" in data or b"\xcd" in data
