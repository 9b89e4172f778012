"""A byline as the record's author: several people as "Ann Lee; Bob Tran" in page order, without the
publisher's name (a site's name or domain is not a person).

Names are split at the words and marks that join them ("and", "und", "&", ";" and their kin in other
languages); at commas only when every part reads as a name, so "Greg Beacham, AP Sports Writer" is one person
(whose role then goes).
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


_PHOTO_CREDIT = re.compile(r"^\(?(ảnh|photos?|fotos?|bild(er)?|images?|pictures?)\s*:", re.IGNORECASE)
_LEADING_ROLE = re.compile(r"^(phóng viên|pv|ctv|nhóm phóng viên|reporter|correspondent|staff writer)\s*:?\s+"
                           r"(?=[A-ZÀ-Ỹ])", re.IGNORECASE)


def _without_roles(name: str) -> str:
    """A name without the role written before it ("Phóng viên Nguyễn Văn A") or after a comma ("Greg Beacham,
    AP Sports Writer"): the role describes the person, it is not their name."""
    name = _LEADING_ROLE.sub("", name)
    pieces = [piece.strip() for piece in name.split(",")]
    if len(pieces) > 1 and not _ROLE_WORDS.search(pieces[0]) and all(_ROLE_WORDS.search(p) for p in pieces[1:]):
        return pieces[0]
    return name


def normalize_authors(byline: str | None, publishers: tuple[str, ...] = ()) -> str | None:
    """The byline's people joined by "; ", without their roles, or None when it only names the publisher or a
    photographer: a name the page gives its publisher (og:site_name, structured data), a domain, a photo credit
    ("Ảnh: Văn B"). A name that merely resembles the host stays: a personal site is its author's (measured:
    one such page in a hundred)."""
    if not byline:
        return None
    named = {_letters(name) for name in publishers} - {""}
    people = [_without_roles(name) for name in split_authors(byline)
              if not _DOMAIN.fullmatch(name) and not _PHOTO_CREDIT.match(name) and _letters(name) not in named]
    return AUTHOR_SEPARATOR.join(people) or None
