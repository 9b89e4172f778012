"""Print versions among a page's links: the same article in another layout, which a crawler should not fetch
as one more article. Recognized from the link itself, never from a site's name: the anchor's words (or its
title, for an icon), rel="alternate" media="print", a print call in onclick or a javascript: href, and URL
shapes (print=1, view=print, /print/) that urls.is_print_url knows."""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.page import Page
from scraper.text import clean_text
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
    text = clean_text(raw)
    return text if text else (anchor.get("title") or anchor.get("aria-label") or "")


def _target(href: str, base_url: str | None) -> str | None:
    """The print version's URL: the href, or the URL quoted inside a javascript: print call."""
    href = href.strip()
    if href.lower().startswith("javascript:"):
        quoted = _QUOTED_PATH.search(href) if PRINT_CALL.search(href) else None
        return try_canonicalize(quoted.group(1), base_url) if quoted else None
    return try_canonicalize(href, base_url) if href else None


def _print_target(anchor, base_url: str | None) -> str | None:
    """The anchor's print version: named so (a print call, its words), or a URL shaped like one. The cheap
    checks first, as most anchors are no print link: a print call or a print URL needs "print" in the href,
    and an href is canonicalized only then, since canonicalizing every anchor would double the cost of
    finding the page's links."""
    href = anchor.get("href") or ""
    says_print = "print" in href.lower()
    onclick = anchor.get("onclick")
    label = _label(anchor)
    if (says_print and PRINT_CALL.search(href)) or (onclick and PRINT_CALL.search(onclick)) or \
            (len(label) <= MAX_LABEL_CHARS and PRINT_WORDS.match(label)):
        return _target(href, base_url)
    if says_print:
        url = _target(href, base_url)
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
