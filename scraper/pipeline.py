"""fetch → pages → extract → store: the one path a page takes, shared by `fetch`, `crawl` and `reparse`."""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scraper.config import SiteConfig
from scraper.discover import is_xml_document
from scraper.errors import ExtractionError
from scraper.extract import extract
from scraper.fetch import Fetcher, fetch_with_retries
from scraper.models import Article, Response
from scraper.parse import extract_response
from scraper.store import Archive, FetchedPage, Outcome, Saved
from scraper.urls import site_of


@dataclass(frozen=True)
class Ingested:
    page_id: int | None
    article: Article | None
    saved: Saved | None


def fetch_article(url: str, fetcher: Fetcher | None = None, sleep: Callable[[float], None] = time.sleep) -> Article:
    """One URL to one record, retrying transient failures; raises FetchError or ExtractionError with the reason."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        response = fetch_with_retries(fetcher, url, sleep=sleep)
    finally:
        if own:
            fetcher.close()
    return extract_response(response)


def page_record(response: Response) -> FetchedPage:
    return FetchedPage(url=response.url, final_url=response.final_url, status=response.status, etag=response.etag,
                       last_modified=response.last_modified, content_type=response.content_type,
                       encoding=response.charset, body=response.body)


def ingest(archive: Archive, response: Response, timezone_name: str | None = None) -> Ingested:
    """Keep the raw page first (so reparse can recover anything), then the article."""
    try:
        article = extract_response(response, timezone_name)
    except ExtractionError as e:
        return store_unparsable(archive, response, e)
    return store_article(archive, response, article)


def store_article(archive: Archive, response: Response, article: Article) -> Ingested:
    page_id = archive.record_page(page_record(response))
    saved = archive.save(article, page_id, other_urls=(response.url, response.final_url, *response.redirects))
    return Ingested(page_id, article, saved)


def store_unparsable(archive: Archive, response: Response, error: ExtractionError) -> Ingested:
    """A page that will not parse is kept with its error, so a later extractor can try again."""
    page = page_record(response)
    return Ingested(archive.record_page(dataclasses.replace(page, error=str(error))), None, None)



def reparse(archive: Archive, site: str | None = None, sites: Iterable[SiteConfig] = ()) -> dict[Outcome, int]:
    """Re-extract every stored page with the current extractor, updating articles in place (no new versions).
    `sites` (the crawl's sites file) gives each site's timezone and profile, as the crawl applied them.
    Feeds and sitemaps, which the crawl stores too, are not pages to extract (the crawl never did)."""
    configured = {config.key: config for config in sites}
    counts: dict[Outcome, int] = {}
    for row in archive.stored_pages(site):
        if is_xml_document(row["body"] or b""):
            continue
        url = row["final_url"] or row["url"]
        config = configured.get(site_of(url))
        try:
            article = extract(row["body"], url, encoding=row["encoding"],
                              timezone_name=config.timezone if config else None,
                              profile_name=config.profile if config else None)
        except ExtractionError:
            continue
        saved = archive.save(article, row["id"], in_place=True)
        counts[saved.outcome] = counts.get(saved.outcome, 0) + 1
    return counts
