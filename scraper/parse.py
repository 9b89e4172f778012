"""What the parsing step makes of a fetched page: its article, the links of a sitemap or feed, or the reason
it gave neither. Used by the crawl's parsing processes, by `fetch` and by `reparse`.

Apart from the crawler and the store so that those processes import the extractor and nothing of HTTP or SQLite:
they are up sooner, and cost less CPU, at the start of every crawl.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from scraper.discover import Discovered, is_xml_document, parse_discovery
from scraper.errors import ExtractionError
from scraper.extract import extract
from scraper.models import Article, Response


@dataclass(frozen=True)
class Parsed:
    """Exactly one of: the article (a listing is an Article too, with is_article False), the discovery links of
    a sitemap or feed, or the failure that says why the page gave nothing."""
    article: Article | None = None
    discovered: Discovered | None = None
    failure: str | None = None


def extract_response(response: Response, timezone_name: str | None = None, with_links: bool = False,
                     profile_name: str | None = None) -> Article:
    """The page's article; ExtractionError for a page that is not HTML at all (empty, a feed, binary)."""
    if not response.body:
        raise ExtractionError(f"{response.where}: empty body")
    if is_xml_document(response.body):
        raise ExtractionError(f"{response.where}: a feed or sitemap, not an article page")
    return extract(response.body, response.where, encoding=response.charset, timezone_name=timezone_name,
                   with_links=with_links, profile_name=profile_name, now=_fetch_time(response.fetched_at))


def _fetch_time(fetched_at: str | None) -> datetime | None:
    """When a stored or imported page was fetched: what its dates are judged against ("2 hours ago", nothing
    later than the fetch) when it is parsed again; a fresh fetch is now."""
    try:
        value = datetime.fromisoformat(fetched_at) if fetched_at else None
    except ValueError:
        return None
    return value if value is None or value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def analyse(response: Response, timezone_name: str | None, profile_name: str | None,
            with_links: bool = True) -> Parsed:
    """What a page gives: links of a sitemap or feed, or the article. Takes and returns only picklable values."""
    if is_xml_document(response.body or b""):
        return Parsed(discovered=parse_discovery(response.body, response.where))
    try:
        return Parsed(article=extract_response(response, timezone_name, with_links, profile_name))
    except ExtractionError as e:
        return Parsed(failure=str(e))
