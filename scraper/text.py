"""Text normalization shared by extraction and storage: NFC, one kind of space, no invisible characters."""
from __future__ import annotations

import html
import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Collapse whitespace (incl. &nbsp;) and compose tone marks, so equal text compares equal."""
    if not text:
        return ""
    text = " ".join(text.split())  # str.split() knows every Unicode space, &nbsp; included
    if not text.isprintable():  # invisible characters are not printable: most texts have none, and skip the regex
        text = " ".join(_INVISIBLE.sub("", text).split())
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean_markup_text(text: str | None) -> str:
    """For values from meta tags and JSON-LD, which sites often fill with still-escaped HTML (`&#8216;`)."""
    if text and "&" in text:
        text = html.unescape(text)
    return clean_text(text)
