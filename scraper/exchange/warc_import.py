"""`scraper import-warc`: WARC and ARC files made by any tool (wget, Heritrix, browsertrix, our own export)
into the archive, each HTML response read and deduplicated as a crawl would. A damaged record is reported and
skipped: the reader moves on to the next record that starts cleanly."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from scraper.config import SiteConfig
from scraper.errors import ScraperError
from scraper.extract.encoding import charset_from_content_type
from scraper.fetch.policy import HTML_TYPES, media_type
from scraper.models import Response
from scraper.pipeline import analyse_as_configured, ingest
from scraper.store.archive import Archive
from scraper.urls import canonicalize

ERROR_CHARS = 120
SCAN_CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b\x08"
RECORD_STARTS = (b"WARC/1.", b"filedesc://")
"""Where a clean record can start again after a damaged one: a gzip member (record-at-a-time compression),
else a WARC header line or an ARC file's first line."""


@dataclass
class ImportSummary:
    responses: int = 0
    articles: int = 0
    skipped: int = 0  # not an HTML 200 response (requests, metadata, images, redirects, revisits)
    damaged: list[str] = field(default_factory=list)  # "file at byte N: why", one per record given up

    def line(self) -> str:
        return (f"imported {self.responses} response(s), {self.articles} article(s); skipped {self.skipped} "
                f"other record(s); {len(self.damaged)} damaged record(s) skipped")


def _find(stream: BinaryIO, markers: tuple[bytes, ...], start: int) -> int | None:
    """The offset of the first marker at or after `start`, read a chunk at a time (a WARC can be gigabytes)."""
    overlap = max(len(marker) for marker in markers) - 1
    position = start
    while True:
        stream.seek(position)
        chunk = stream.read(SCAN_CHUNK)
        found = [i for i in (chunk.find(marker) for marker in markers) if i >= 0]
        if found:
            return position + min(found)
        if len(chunk) < SCAN_CHUNK:
            return None
        position += SCAN_CHUNK - overlap


def _next_start(stream: BinaryIO, damaged_at: int, compressed: bool) -> int | None:
    """The offset of the record after the damaged one that begins at or just after `damaged_at`, or None."""
    markers = (GZIP_MAGIC,) if compressed else RECORD_STARTS
    own = _find(stream, markers, damaged_at)
    return _find(stream, markers, own + 1) if own is not None else None


def describe(error: Exception) -> str:
    """One short printable line: warcio quotes the bytes it could not read, which can be binary."""
    text = " ".join(str(error).split()).encode("ascii", "replace").decode()
    return f"{type(error).__name__}: {text[:ERROR_CHARS]}"


def records(stream: BinaryIO, where: str, damaged: Callable[[str], None]) -> Iterator:
    """Every readable record of a WARC or ARC stream; each damaged stretch reported once and stepped over."""
    from warcio.archiveiterator import ArchiveIterator
    compressed = stream.read(3) == GZIP_MAGIC
    start: int | None = 0
    while start is not None:
        stream.seek(start)
        reader = ArchiveIterator(stream, arc2warc=True, check_digests="raise")
        position = start  # where the record being read begins
        try:
            for record in reader:
                yield record, _read_payload(record)
                position = reader.get_record_offset() + reader.get_record_length()
            return
        except Exception as error:  # warcio and zlib raise many kinds; any of them means this record is lost
            damaged(f"{where} at byte {position}: {describe(error)}")
            start = _next_start(stream, position, compressed)


def _read_payload(record) -> bytes | None:
    """The decoded payload of an HTTP response record; None for every other record. A record shorter than its
    header says is damage, whatever its type."""
    if record.rec_type is None:  # warcio's reading of headers that stop short (a file cut inside them)
        raise ScraperError("record headers without a WARC-Type")
    payload = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise ScraperError(f"record ends {record.raw_stream.limit} bytes early")
    return payload if record.rec_type == "response" and record.http_headers is not None else None


def to_response(record, body: bytes) -> Response | None:
    """A 200 HTML response record as the archive's Response; None for anything else."""
    headers = record.http_headers
    content_type = headers.get_header("Content-Type")
    if headers.get_statuscode() != "200" or media_type(content_type) not in HTML_TYPES:
        return None
    url = canonicalize(record.rec_headers.get_header("WARC-Target-URI"))
    date = record.rec_headers.get_header("WARC-Date") or ""
    return Response(url=url, final_url=url, status=200, content_type=content_type,
                    charset=charset_from_content_type(content_type), etag=headers.get_header("ETag"),
                    last_modified=headers.get_header("Last-Modified"), body=body,
                    fetched_at=date.replace("Z", "+00:00") or None, headers=tuple(headers.headers))


def import_warc(archive: Archive, paths: list[Path], sites: list[SiteConfig] = ()) -> ImportSummary:
    summary = ImportSummary()
    configured = {config.key: config for config in sites}
    for path in paths:
        with path.open("rb") as stream:
            for record, body in records(stream, str(path), summary.damaged.append):
                response = to_response(record, body) if body is not None else None
                if response is None:
                    summary.skipped += 1
                    continue
                done = ingest(archive, response, analyse_as_configured(response, configured))
                summary.responses += 1
                summary.articles += done.article is not None and done.article.is_article
    return summary
