"""`scraper export --format warc`: every stored raw page as a WARC/1.1 response record, with the request that
fetched it and a metadata record holding the article read from it (warcio writes, digests and compresses)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from scraper import __version__
from scraper.exchange.http_record import request_line, response_headers, status_line
from scraper.models import Response
from scraper.store.contracts import ArchiveStore
from scraper.store.pages import page_from_row
from scraper.store.queries import article_records
from scraper.urls import site_of

PAGES_SQL = """
SELECT p.id, p.url, p.final_url, p.status, p.fetched_at, p.etag, p.last_modified, p.content_type, p.encoding,
       p.body, p.headers, (SELECT a.id FROM articles a WHERE a.page_id = p.id) AS article_id
FROM pages p WHERE p.body IS NOT NULL ORDER BY p.id
"""
METADATA_TYPE = "application/json"


def _warcio():
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    return StatusAndHeaders, WARCWriter


def _pages(archive: ArchiveStore, site: str | None) -> Iterator[tuple[Response, int | None]]:
    for row in archive.query(PAGES_SQL):
        if site is not None and site_of(row["final_url"] or row["url"]) != site:
            continue
        yield page_from_row(row), row["article_id"]


def warc_date(fetched_at: str) -> str:
    """WARC-Date is UTC with a Z; the archive writes +00:00."""
    return fetched_at.replace("+00:00", "Z")


def export_warc(archive: ArchiveStore, path: Path, site: str | None = None) -> int:
    """Write the pages (of one site, or all) to `path`, gzipped per record when it ends in .gz; returns how many."""
    StatusAndHeaders, WARCWriter = _warcio()
    count = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz", warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(path.name, {
            "software": f"scraper {__version__}", "format": "WARC File Format 1.1",
            "description": "Pages of a scraper archive; metadata records hold the article read from each"}))
        for page, article_id in _pages(archive, site):
            uri, date = page.where, warc_date(page.fetched_at)
            response = writer.create_warc_record(
                uri, "response", payload=BytesIO(page.body), length=len(page.body),
                http_headers=StatusAndHeaders(status_line(page.status), response_headers(page), protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": date})
            response_id = response.rec_headers.get_header("WARC-Record-ID")
            line, headers = request_line(uri)
            request = writer.create_warc_record(
                uri, "request", http_headers=StatusAndHeaders(line, headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id})
            writer.write_record(response)
            writer.write_record(request)
            if article_id is not None:
                writer.write_record(_metadata(writer, archive, article_id, uri, date, response_id))
            count += 1
    return count


def _metadata(writer, archive: ArchiveStore, article_id: int, uri: str, date: str, response_id: str):
    record = json.dumps(next(article_records(archive, [article_id])), ensure_ascii=False).encode()
    return writer.create_warc_record(uri, "metadata", payload=BytesIO(record), length=len(record),
                                     warc_content_type=METADATA_TYPE,
                                     warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": response_id})
