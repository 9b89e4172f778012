"""Text normalization shared by extraction and storage: NFC, one kind of space, no invisible characters."""
from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Collapse whitespace (incl. &nbsp;) and compose tone marks, so equal text compares equal."""
    if not text:
        return ""
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text)).strip()


def word_count(text: str) -> int:
    return len(text.split())
