"""What the crawl's parsing processes run: a fetched page to its article, or to the links of a sitemap or feed.

Apart from the crawler and the store so that those processes import the extractor and nothing of HTTP or SQLite:
they are up sooner, and cost less CPU, at the start of every crawl.
"""
from __future__ import annotations

from scraper.discover import Discovered, is_xml_document, parse_discovery
from scraper.errors import ExtractionError
from scraper.extract import extract
from scraper.models import Article, Response


def extract_response(response: Response, timezone_name: str | None = None, with_links: bool = False,
                     profile_name: str | None = None) -> Article:
    if not response.body:
        raise ExtractionError(f"{response.final_url}: empty body")
    if is_xml_document(response.body):
        raise ExtractionError(f"{response.final_url}: a feed or sitemap, not an article page")
    return extract(response.body, response.final_url, encoding=response.charset, timezone_name=timezone_name,
                   with_links=with_links, profile_name=profile_name)


def analyse(response: Response, timezone_name: str | None, profile_name: str | None) -> Article | Discovered | None:
    """What the crawl needs of a page: links of a sitemap or feed, or the article (None if unreadable). Takes
    and returns only picklable values."""
    if is_xml_document(response.body or b""):
        return parse_discovery(response.body, response.final_url)
    try:
        return extract_response(response, timezone_name, with_links=True, profile_name=profile_name)
    except ExtractionError:
        return None
