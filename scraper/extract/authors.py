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
                         r"photographer|redakt\w*|korrespondent\w*|phóng viên|pv|ctv|nhóm|press|agency|wire|news)\b",
                         re.IGNORECASE)  # "press", "agency", "wire", "news": "Ann Lee, BBC News" names her employer
# a role set after the name without a comma ("Ann Lee Senior correspondent", a line break apart on the page)
_TRAILING_ROLE = re.compile(r"\s+((senior|chief|staff|special|political|foreign|business|sports?|deputy|managing)\s+)*"
                            r"(writer|reporter|correspondent|editor|columnist|journalist)$", re.IGNORECASE)
# who edited, translated or drew for the story is not its author ("Reporting by Ann Lee; Editing by Bob Tran")
_NOT_AUTHORSHIP = re.compile(r"^(editing|edited|compiled|translated|translation|graphics?|illustrations?|design)"
                             r"\s+by\b", re.IGNORECASE)
MAX_NAME_WORDS = 4
_DOMAIN = re.compile(r"[\w-]+(\.[a-z]{2,6})+", re.IGNORECASE)  # "NLD.COM.VN", "VCCorp.vn": a site, not a person


def reads_as_name(part: str) -> bool:
    words = part.split()
    return 2 <= len(words) <= MAX_NAME_WORDS and not _ROLE_WORDS.search(part) and \
        all(w[0].isupper() or not w[0].isalpha() for w in words)


def _letters(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


_NAMES_APART = re.compile(r",|\s[-–]\s")  # "Ann Lee, Bob Tran", "MINH KHANG - THU HÀ": when each part is a name


def split_authors(byline: str) -> list[str]:
    names: list[str] = []
    for part in (p.strip(" ,") for p in _JOINERS.split(byline)):
        pieces = [p.strip() for p in _NAMES_APART.split(part)]
        names += pieces if len(pieces) > 1 and all(reads_as_name(p) for p in pieces) else [part]
    return list(dict.fromkeys(n for n in names if n))


# "PV" alone ("reporter"), "Nhóm PV" ("a group of reporters"): no one's name
_ROLE_ABBREVIATION = re.compile(r"(nhóm\s+)?(pv|ctv|phóng viên|cộng tác viên)", re.IGNORECASE)
# "Theo TTXVN", "Nguồn: Báo Chính phủ": where the story came from, not who wrote it, unless a person is named
_SOURCE = re.compile(r"^(theo|nguồn\s*:)\s+(?=\S)", re.IGNORECASE)
# what follows a name and is not one: the employer or a note in brackets ("Minh Khang (TTXVN)", "Thu Hà (tổng
# hợp)"), an outlet after a slash ("Minh Khang / VOV-Tây Bắc")
_AFTER_NAME = re.compile(r"\s*\([^()]*\)$|\s+/\s*\S.*$")
_FUNCTION_WORDS = frozenset({"the", "to", "of", "for", "and", "a", "an"})  # "Letters To The Editor" is no name
_REPORTING_BY = re.compile(r"^(additional\s+)?reporting\s+by\s+", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(r"^\(?(ảnh|photos?|fotos?|bild(er)?|images?|pictures?)\s*:", re.IGNORECASE)
_LEADING_ROLE = re.compile(r"^(phóng viên|pv|ctv|nhóm phóng viên|reporter|correspondent|staff writer)\s*:?\s+"
                           r"(?=[A-ZÀ-Ỹ])", re.IGNORECASE)


_ACRONYM = re.compile(r"[A-Z]{2,5}")  # after a comma, the employer's initials: "Ann Lee, CNN"


def _without_roles(name: str) -> str:
    """A name without the role written before it ("Phóng viên Nguyễn Văn A"), after a comma ("Greg Beacham,
    AP Sports Writer", "Ann Lee, CNN") or after it alone ("Ann Lee Senior correspondent"): the role describes the
    person, it is not their name."""
    name = _LEADING_ROLE.sub("", _REPORTING_BY.sub("", name))
    if (bare := _AFTER_NAME.sub("", name)) != name and reads_as_name(bare):
        name = bare
    pieces = [piece.strip() for piece in name.split(",")]
    if len(pieces) > 1 and not _ROLE_WORDS.search(pieces[0]) and \
            all(_ROLE_WORDS.search(p) or _ACRONYM.fullmatch(p) for p in pieces[1:]):
        return pieces[0]
    role = _TRAILING_ROLE.search(name)
    before = name[:role.start()].split() if role else []
    return name[:role.start()] if before and before[-1].lower() not in _FUNCTION_WORDS else name


def normalize_authors(byline: str | None, publishers: tuple[str, ...] = ()) -> str | None:
    """The byline's people joined by "; ", without their roles, or None when it only names the publisher or a
    photographer: a name the page gives its publisher (og:site_name, structured data), a domain, a photo credit
    ("Ảnh: Văn B"). A name that merely resembles the host stays: a personal site is its author's (measured:
    one such page in a hundred)."""
    if not byline:
        return None
    if source := _SOURCE.match(byline):
        byline = byline[source.end():]
        if not all(map(reads_as_name, split_authors(byline))):
            return None
    named = {_letters(name) for name in publishers} - {""}
    people = [_without_roles(name) for name in split_authors(byline)
              if not _DOMAIN.fullmatch(name) and not _PHOTO_CREDIT.match(name) and _letters(name) not in named
              and not _NOT_AUTHORSHIP.match(name)]
    cleaned = (person.strip(" -–—|·") for person in people)  # a separator left where a date was cut
    return AUTHOR_SEPARATOR.join(p for p in cleaned if p and not _ROLE_ABBREVIATION.fullmatch(p)) or None
