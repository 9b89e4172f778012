"""Near-duplicate text detection: shingled-token Jaccard, for print versions and mirrors without a canonical link."""
from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"\w+", re.UNICODE)
DUPLICATE_THRESHOLD = 0.9


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def is_near_duplicate(text: str, other: str, threshold: float = DUPLICATE_THRESHOLD) -> bool:
    return jaccard(shingles(text), shingles(other)) >= threshold


def fold(text: str) -> str:
    """Lowercase, tone marks and đ removed, one character per character: positions map back to the original."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 127 else ch
        out.append("d" if base in "đĐ" else base.lower())
    return "".join(out)
