"""Text normalization shared by extraction and storage: NFC, one kind of space, no invisible characters."""
from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str | None) -> str:
    """Collapse whitespace (incl. &nbsp;) and compose tone marks, so equal text compares equal."""
    if not text:
        return ""
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def word_count(text: str) -> int:
    return len(text.split())
