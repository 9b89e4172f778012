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
    """Equal texts first: a print version usually repeats the article word for word, and shingling two bodies
    costs the crawl's main thread a tenth of a millisecond."""
    return text == other or jaccard(shingles(text), shingles(other)) >= threshold


DOTTED_D = "đĐðÐ"
"""Đ and the look-alike eth (Ð, which legacy converters and keyboards put for it) fold to d: no Unicode
decomposition takes them there."""
PLAIN_D = "".join("D" if letter.isupper() else "d" for letter in DOTTED_D)
"""Each of DOTTED_D as the plain letter of its case, for folds that keep case (the full-text indexes')."""


def _fold_table() -> dict[int, str]:
    """Latin letters (with every Vietnamese tone and vowel mark) to their plain lowercase letter."""
    table = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if len(base) == 1 and base.isascii():
            table[code] = base
    for letter in DOTTED_D:
        table[ord(letter)] = "d"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lowercase, tone marks and đ removed, one character per character: positions map back to the original."""
    return text.translate(_FOLD)
