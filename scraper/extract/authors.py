"""A byline as the record's author: several people as "Ann Lee; Bob Tran" in page order, without the
publisher's name (a site's name or domain is not a person).

Names are split at the words and marks that join them ("and", "und", "&", ";" and their kin in other
languages); at commas only when every part reads as a name, so "Greg Beacham, AP Sports Writer" stays whole.
"""
from __future__ import annotations

import re

from scraper.similarity import fold

AUTHOR_SEPARATOR = "; "
_JOINERS = re.compile(r"\s*;\s*|\s+(?:and|und|&|et|y|e|og|och|en|i|và|ve|и)\s+", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\b(writer|reporter|correspondent|editor|staff|contributor|columnist|journalist|"
                         r"photographer|redakt\w*|korrespondent\w*|phóng viên|pv|ctv|nhóm)\b", re.IGNORECASE)
MAX_NAME_WORDS = 4
_DOMAIN = re.compile(r"[\w-]+(\.[a-z]{2,6})+", re.IGNORECASE)  # "NLD.COM.VN", "VCCorp.vn": a site, not a person


def _reads_as_name(part: str) -> bool:
    words = part.split()
    return 2 <= len(words) <= MAX_NAME_WORDS and not _ROLE_WORDS.search(part) and \
        all(w[0].isupper() or not w[0].isalpha() for w in words)


def _letters(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def split_authors(byline: str) -> list[str]:
    names: list[str] = []
    for part in (p.strip(" ,") for p in _JOINERS.split(byline)):
        pieces = [p.strip() for p in part.split(",")]
        names += pieces if len(pieces) > 1 and all(_reads_as_name(p) for p in pieces) else [part]
    return list(dict.fromkeys(n for n in names if n))


def normalize_authors(byline: str | None, site_name: str | None) -> str | None:
    """The byline's people joined by "; ", or None when it only names the publisher: the site's own name
    (og:site_name) or a domain. A name that merely resembles the host stays: a personal site is its author's."""
    if not byline:
        return None
    publisher = _letters(site_name or "")
    people = [name for name in split_authors(byline) if not _DOMAIN.fullmatch(name)
              and not (publisher and _letters(name) == publisher)]
    return AUTHOR_SEPARATOR.join(people) or None
