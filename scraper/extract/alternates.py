"""Print versions among a page's links: the same article in another layout, which a crawler should not fetch
as one more article. Recognized from the link itself, never from a site's name: the anchor's words (or its
title, for an icon), rel="alternate" media="print", a print call in onclick or a javascript: href, and URL
shapes (print=1, view=print, /print/) that urls.is_print_url knows."""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.dom import text_of
from scraper.extract.page import Page
from scraper.urls import is_print_url, try_canonicalize

PRINT_WORDS = re.compile(
    r"^\W*(in|in bài|in tin|in tin bài|in bài viết|in trang|bản in|print|print (this )?(article|page|story|post)|"
    r"printer[- ]friendly( version| page)?|print(able)? version|print preview|drucken|druckversion|imprimer|"
    r"version imprimable|imprimir|versión para imprimir|stampa)\W*$", re.IGNORECASE)
PRINT_CALL = re.compile(r"\bprint\w*\s*\(", re.IGNORECASE)  # window.print(), printArticle('/in/5'), ...
_QUOTED_PATH = re.compile(r"""['"]((?:https?://|/)[^'"\s]+)['"]""")
_STRING = etree.XPath("string()")  # the raw text, in C: no normalization until it is short enough to matter
MAX_LABEL_CHARS = 40  # an anchor's whole text is a print label only when short; prose that mentions print is not


def _label(anchor) -> str:
    """The anchor's short text, or its title for an icon; "" when too long to be a label (checked on the raw
    text first: normalizing every anchor of a page would cost as much as finding its links)."""
    raw = _STRING(anchor)
    if len(raw) > MAX_LABEL_CHARS * 4:
        return ""
    text = text_of(anchor)
    return text if text else (anchor.get("title") or anchor.get("aria-label") or "")


def _target(anchor, base_url: str | None) -> str | None:
    """The print version's URL: the href, or the URL quoted inside a javascript: print call."""
    href = (anchor.get("href") or "").strip()
    if href.lower().startswith("javascript:"):
        quoted = _QUOTED_PATH.search(href) if PRINT_CALL.search(href) else None
        return try_canonicalize(quoted.group(1), base_url) if quoted else None
    return try_canonicalize(href, base_url) if href else None


def _named_print(anchor) -> bool:
    """By a print call or by its words: the cheap checks first, as most anchors are no print link."""
    if PRINT_CALL.search(anchor.get("onclick") or "") or PRINT_CALL.search(anchor.get("href") or ""):
        return True
    label = _label(anchor)
    return len(label) <= MAX_LABEL_CHARS and bool(PRINT_WORDS.match(label))


def _print_target(anchor, base_url: str | None) -> str | None:
    """The anchor's print version: named so, or a URL shaped like one (canonicalized only when the href says
    'print' at all, since canonicalizing every anchor would double the cost of finding the page's links)."""
    if _named_print(anchor):
        return _target(anchor, base_url)
    if "print" in (anchor.get("href") or "").lower():
        url = _target(anchor, base_url)
        return url if url and is_print_url(url) else None
    return None


def print_links(page: Page) -> list[str]:
    """Canonical URLs of the page's print versions, in page order, once."""
    found: dict[str, None] = {}
    for link in page.tree.iterfind(".//link[@rel][@href]"):
        if "alternate" in link.get("rel").lower().split() and "print" in (link.get("media") or "").lower():
            if url := try_canonicalize(link.get("href"), page.base_url):
                found.setdefault(url, None)
    for anchor in page.tree.iter("a"):
        if url := _print_target(anchor, page.base_url):
            found.setdefault(url, None)
    return list(found)
