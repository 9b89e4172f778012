"""fetch → parse → archive: the one path a page takes into the archive, shared by `fetch`, `crawl` and
`reparse`. The raw page is kept first (so a later extractor can recover anything), then the article, its
aliases (the URLs it was reached by, its print versions) and its children, in one transaction."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from scraper.config import SiteConfig
from scraper.fetch import Fetcher, fetch_with_retries
from scraper.models import Article, Response
from scraper.parse import Parsed, analyse, extract_response
from scraper.store import Archive, Outcome, Saved
from scraper.urls import site_of


@dataclass(frozen=True)
class Ingested:
    page_id: int | None
    article: Article | None = None
    saved: Saved | None = None
    failure: str | None = None  # why the page gave no article: kept with the page, for the record


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


def ingest(archive: Archive, response: Response, parsed: Parsed, page_id: int | None = None,
           in_place: bool = False) -> Ingested:
    """Store what a fetched page gave. `page_id` names a page already stored (reparse: the same bytes again,
    whose row stays as it is, failure or not); `in_place` rewrites the article without a new version."""
    with archive.batch():
        if parsed.failure is not None:
            if page_id is None:
                page_id = archive.record_page(response.failed(parsed.failure))
            return Ingested(page_id, failure=parsed.failure)
        if page_id is None:
            page_id = archive.record_page(response)
        article = parsed.article
        if article is None:  # a sitemap or feed: the page is kept, its links went to the frontier
            return Ingested(page_id)
        reached_by = (response.url, response.final_url, *response.redirects)
        saved = archive.save(article, page_id, other_urls=reached_by, in_place=in_place)
        if saved.article_id is not None and saved.outcome != Outcome.ALIAS:
            archive.alias_all(article.print_links, saved.article_id, "print-version")
        return Ingested(page_id, article, saved)


def analyse_as_configured(response: Response, configured: dict[str, SiteConfig]) -> Parsed:
    """A page not fetched by this run (stored, or from a WARC file), read with its site's timezone and profile
    when the sites file (keyed by site) names them."""
    config = configured.get(site_of(response.where))
    return analyse(response, config.timezone if config else None, config.profile if config else None,
                   with_links=False)


def reparse(archive: Archive, site: str | None = None, sites: Iterable[SiteConfig] = ()) -> dict[Outcome, int]:
    """Re-extract every stored page with the current extractor, updating articles in place (no new versions).
    `sites` (the crawl's sites file) gives each site's timezone and profile, as the crawl applied them.
    Feeds and sitemaps, which the crawl stores too, are not pages to extract (the crawl never did)."""
    configured = {config.key: config for config in sites}
    counts: dict[Outcome, int] = {}
    for page_id, response in archive.stored_pages(site):
        parsed = analyse_as_configured(response, configured)
        if parsed.article is None:
            continue
        done = ingest(archive, response, parsed, page_id=page_id, in_place=True)
        counts[done.saved.outcome] = counts.get(done.saved.outcome, 0) + 1
    return counts

