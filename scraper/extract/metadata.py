"""Author, category, language and canonical URL: structured data first, then page markup (titles: titles.py)."""
from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from scraper.extract.authors import AUTHOR_SEPARATOR, normalize_authors, reads_as_name, split_authors
from scraper.extract.dates import parse_date
from scraper.extract.dom import (LINES_APART, in_comments, in_site_chrome, lines_of, marked, raw_text, shown_text,
                                 tag_of, text_of)
from scraper.extract.noise import is_reader_aid
from scraper.extract.page import Page, ld_text, ld_types
from scraper.extract.profiles import Profile
from scraper.text import clean_text
from scraper.urls import same_site, try_canonicalize

# "By" and its kin in the languages of news: "Bởi", "Von", "Par", "Por", "Di", "Door", "Av"
_PREFIX_WORDS = (r"((analysis|story|words|text|reporting|photos?|opinion|written) by|bài,? và ảnh|bài,\s*ảnh|"
                 r"thực hiện|by|bởi|tác giả|author|autor|auteur|autore|text|bài|©|von|par|por|di|door|av)")
_AUTHOR_PREFIX = re.compile(rf"^{_PREFIX_WORDS}\s*[:\-]?\s+(?=\w)", re.IGNORECASE)
_PREFIX_ALONE = re.compile(rf"^{_PREFIX_WORDS}\s*:?$", re.IGNORECASE)
_BREADCRUMB_LIST = etree.XPath("descendant-or-self::*[contains(@itemtype, 'BreadcrumbList')]")
_AUTHOR_MARKED = etree.XPath("descendant-or-self::*[@rel='author' or @itemprop='author']")
_AUTHOR_WORDS = ("author", "byline", "tac-gia", "tacgia", "writer", "reporter", "auteur", "autor")
_AUTHOR_TAGS = frozenset({"span", "div", "p", "a", "address", "strong"})
_HOME_WORDS = re.compile(r"^(trang chủ|home|homepage|trang nhất|accueil|start|startseite|portada|inicio|"
                         r"página inicial|strona główna|pagina iniziale|úvod|etusivu|forside|hjem|главная)$",
                         re.IGNORECASE)
_VIETNAMESE_CHARS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_ENGLISH_WORDS = re.compile(r"\b(the|and|of|to|in|that|with|for|was|is)\b", re.IGNORECASE)


def canonical_url(page: Page) -> str | None:
    """rel=canonical (then og:url) when it stays on the page's site; else the page's own URL."""
    own = try_canonicalize(page.url) if page.url else None
    declared = []
    for link in page.tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            declared.append(link.get("href"))
    if page.meta.get("og:url"):
        declared.append(page.meta["og:url"])
    for href in declared:
        candidate = try_canonicalize(href, page.base_url)
        if candidate and (own is None or same_site(candidate, own)):
            return candidate
    return own


def author(page: Page, profile: Profile | None) -> str | None:
    """The byline's people, "; "-joined; the publisher's name alone is no author."""
    byline = _byline(page, profile)
    return normalize_authors(_without_contacts(_without_dates(byline)) if byline else None, publisher_names(page))


def signed_author(page: Page, signature: str | None) -> str | None:
    """The signature under the text (a right-aligned "MINH KHANG - THU HÀ") read as a byline is."""
    return normalize_authors(signature, publisher_names(page)) if signature else None


def publisher_names(page: Page) -> tuple[str, ...]:
    """The names the page gives its publisher: og:site_name, the article's structured-data publisher, the web
    app's name. A byline that says one of them names the site, not a person ("VnExpress" on a page that has
    no og:site_name but states `"publisher": {"name": "VnExpress"}`)."""
    stated = (page.meta.get("og:site_name"), ld_text(page.article_ld.get("publisher")),
              page.meta.get("application-name"))
    return tuple(dict.fromkeys(name for name in stated if name))


def _byline(page: Page, profile: Profile | None) -> str | None:
    if name := ld_text(page.article_ld.get("author")):
        return _AUTHOR_PREFIX.sub("", name)
    for key in ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author",
                "dcterms.creator"):
        value = page.meta.get(key, "")
        if value and not value.startswith("http"):
            return _AUTHOR_PREFIX.sub("", value)
    elements = profile.select(page, "author") if profile else []
    elements += _AUTHOR_MARKED(page.tree)
    for element in elements:
        name_el = next(iter(element.xpath(".//*[@itemprop='name']")), element)
        text = _AUTHOR_PREFIX.sub("", text_of(name_el))
        if 0 < len(text) <= 80:
            return text
    for element in marked(page, _AUTHOR_WORDS):
        if tag_of(element) in _AUTHOR_TAGS and not in_site_chrome(element) and not in_comments(element):
            # measured before the dates go; a role under the name is a line of its own (<br><small>Editor</small>)
            text = _lines_as_people(_without_dates(_AUTHOR_PREFIX.sub("", _byline_lines(element))))
            if 0 < len(text) <= MAX_BYLINE_CHARS and _reads_as_byline(text):
                return text
    return None


def _byline_lines(element) -> str:
    """The byline's lines (a name, a role under it, the date) as parts that `_without_dates` tells apart; a
    line that is only "By" belongs to the next."""
    parts = lines_of(shown_text(element, apart=LINES_APART, spaced=True))
    if len(parts) > 1 and _PREFIX_ALONE.match(parts[0]):
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return LINES_APART.join(parts)


def _lines_as_people(byline: str) -> str:
    """Lines that each read as a name are people ("<p>Ann Lee</p><p>Bob Tran</p>"); otherwise the lines are one
    person's name and role, read as one text."""
    lines = byline.split(LINES_APART)
    return (AUTHOR_SEPARATOR if len(lines) > 1 and all(map(reads_as_name, lines)) else " ").join(lines)


MAX_BYLINE_CHARS = 60  # a class-marked element's text longer than this is a bio or a paragraph, not a byline
MAX_PERSON_WORDS = 6  # of one person's part of a byline, role included: "Greg Beacham, AP Sports Writer"
MAX_BYLINE_PEOPLE = 4


def _reads_as_byline(text: str) -> bool:
    """A few people of a few words each ("Ann Lee, Bob Tran and Cy Young"); a label with a list of topics or a
    link's words ("Rezept von Zum Profil von …") have a part too long for a name."""
    people = split_authors(text)
    return 0 < len(people) <= MAX_BYLINE_PEOPLE and all(len(person.split()) <= MAX_PERSON_WORDS for person in people)


_BYLINE_PARTS = re.compile(rf"\s+[·|•–—-]\s+|\s*[·|•{LINES_APART.strip()}]\s*")


# the time alone, once a dash has set it apart from its date ("Thứ hai, 07/12/2026 - 21:40")
_CLOCK = re.compile(r"^\d{1,2}[:h.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|sa|ch|\(?(?:GMT|UTC)\s*[+-]?\d{0,2}\)?)?$",
                    re.IGNORECASE)


def _without_dates(byline: str) -> str:
    """A byline often holds the date too ("Ann Lee · 4 March 2019", "Ann Lee | 10:15 12/05/2021", "By Jane Roe -
    11/18/19 11:04 PM EST"), in either order of day and month: which one is not for this test to know; and the
    reading time ("Ann Lee · 5 min read")."""
    parts = [part for part in _BYLINE_PARTS.split(byline) if part]
    kept = [part for part in parts if parse_date(part) is None and parse_date(part, day_first=False) is None
            and not is_reader_aid(part) and not _CLOCK.match(part)]
    return byline if len(kept) == len(parts) else " · ".join(kept)  # no date: the byline as the page wrote it


# an address (the Cloudflare-hidden one too) or a handle says how to reach someone, not who they are
_CONTACT = re.compile(r"\S+@\S+|\[email(?:\s|&#160;)protected\]|(?<!\S)@\w+")


def _without_contacts(byline: str) -> str:
    return clean_text(_CONTACT.sub("", byline)).strip(" ·|")


def _breadcrumb_links(page: Page) -> list:
    for element in marked(page, ("breadcrumb",)) + _BREADCRUMB_LIST(page.tree):
        links = [a for a in element.iter("a") if text_of(a)]
        if links:
            return links
    return []


def _mixed_case_twin(page: Page, link) -> str:
    """Breadcrumbs often SHOUT; the same link in the menu usually has the readable spelling."""
    text = text_of(link)
    if not text.isupper():
        return text
    for other in page.tree.iterfind(".//a[@href]"):
        if other.get("href") == link.get("href") and (twin := text_of(other)) and twin.lower() == text.lower() \
                and not twin.isupper():
            return twin
    return text


def _last_structured_crumb(page: Page, title: str) -> str | None:
    """The last step of a JSON-LD BreadcrumbList (by position) that is neither the home page nor the article (its
    own address, its title, or a name as long as a headline)."""
    for trail in (item for item in page.json_ld if "breadcrumblist" in ld_types(item)):
        steps = trail.get("itemListElement")
        steps = sorted((s for s in steps if isinstance(s, Mapping)), key=_position) if isinstance(steps, list) else []
        named = [name for step in steps if (name := _step_name(step)) and not _HOME_WORDS.match(name)
                 and name.lower() != title and len(name.split()) <= MAX_CATEGORY_WORDS
                 and _step_url(step, page.base_url) != page.url]
        if named and len(steps) >= 2:
            return named[-1]
    return None


MAX_CATEGORY_WORDS = 5  # a section's name ("Seguridad y justicia"); a longer last step is the article's headline


def _step_name(step: Mapping) -> str | None:
    item = step.get("item")
    return ld_text(step.get("name")) or (ld_text(item.get("name")) if isinstance(item, Mapping) else None)


def _step_url(step: Mapping, base_url: str | None) -> str | None:
    item = step.get("item")
    address = (item.get("@id") or item.get("url")) if isinstance(item, Mapping) else item
    return try_canonicalize(address, base_url) if isinstance(address, str) else None


def _position(step: Mapping) -> float:
    try:
        return float(step.get("position", 0))
    except (TypeError, ValueError):
        return 0.0


def category(page: Page, profile: Profile | None, article_title: str | None) -> str | None:
    section = page.article_ld.get("articleSection")
    if text := ld_text(section[0] if isinstance(section, list) and section else section):
        return text
    for key in ("article:section", "og:section", "section", "category", "parsely-section"):
        if page.meta.get(key):
            return page.meta[key]
    if profile:
        for element in profile.select(page, "category"):
            if text := text_of(element):
                return text
    title = (article_title or "").lower()
    if crumb := _last_structured_crumb(page, title):
        return crumb
    trail = _breadcrumb_links(page)
    links = [a for a in trail if not _HOME_WORDS.match(text_of(a)) and text_of(a).lower() != title]
    if len(links) >= 1 and len(trail) >= 2:
        return _mixed_case_twin(page, links[-1])
    return None


def _declared_locale(page: Page) -> list[str]:
    """The page's stated language tag split in parts ("en-GB" → ["en", "gb"]): lang (or XHTML's xml:lang, which
    the HTML parser keeps under its literal name), Content-Language, og:locale, JSON-LD, the first one stated."""
    root = page.tree
    declared = (root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang")
                or page.meta.get("content-language") or page.meta.get("og:locale")
                or ld_text(page.article_ld.get("inLanguage")))
    return re.split(r"[-_]", declared.strip().lower()) if declared else []


def day_first(page: Page, language_code: str | None) -> bool:
    """Whether 05/03/2019 is 5 March: everywhere but in US-style English (plain "en", en-US, en-CA, en-PH); a
    British, Australian or Indian English page writes the day first."""
    if language_code != "en":
        return True
    parts = _declared_locale(page)
    return len(parts) > 1 and parts[1] not in ("us", "ca", "ph")


def language(page: Page) -> str | None:
    """Declared first (lang, Content-Language, og:locale, JSON-LD); otherwise guessed from the text: Vietnamese
    by its letters, English by its commonest words."""
    parts = _declared_locale(page)
    if parts and re.fullmatch(r"[a-z]{2,3}", parts[0]):
        return parts[0]
    body = page.tree.find("body")
    sample = clean_text(raw_text(body)[:8000]) if body is not None else ""
    if len(_VIETNAMESE_CHARS.findall(sample)) > max(3, len(sample) // 100):
        return "vi"
    if len(_ENGLISH_WORDS.findall(sample)) > max(3, len(sample.split()) // 12):
        return "en"
    return None
