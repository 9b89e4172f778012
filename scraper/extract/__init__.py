"""extract(): one page's bytes or text in, one Article out. Pure: no I/O, no clock unless none is given.

The extractor (lxml, the rules, the site profiles) loads on the first call rather than on import: every
command imports this package through `scraper`, and those that only read the archive (search, stats, export)
start in a third of the time without it.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scraper.extract.page import Page, parse_page
    from scraper.extract.profiles import Profile
    from scraper.models import Article

__all__ = ["extract", "parse_page", "Page", "Profile"]
_LAZY = {"parse_page": "scraper.extract.page", "Page": "scraper.extract.page", "Profile": "scraper.extract.profiles"}


def extract(document: str | bytes, url: str | None = None, **options) -> Article:
    """Parse a page into an Article. Raises ExtractionError only for input that is not HTML at all.

    Options (keyword only): encoding, timezone_name, profiles, now, with_links, profile_name; see
    scraper.extract.article.extract."""
    from scraper.extract.article import extract as extract_article
    return extract_article(document, url, **options)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
