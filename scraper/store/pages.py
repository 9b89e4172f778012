"""The `pages` table: every fetch's raw bytes (compressed) or its error, the validators of conditional requests,
and the stored bodies that reparse reads back."""
from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator

from sqlite_utils import Database

from scraper.models import Response
from scraper.store.database import batch, utcnow
from scraper.urls import site_of

COMPRESSION_LEVEL = 3  # zlib: half the CPU of the default 6 on real pages, for about an eighth more bytes


def fetch_row(page: Response) -> tuple[str | None, dict]:
    """The digest of a fetch's bytes and the `pages` columns a re-fetch of the same bytes refreshes."""
    digest = hashlib.sha256(page.body).hexdigest() if page.body is not None else None
    return digest, {
        "url": page.url, "final_url": page.final_url, "status": page.status, "fetched_at": page.fetched_at or utcnow(),
        "etag": page.etag, "last_modified": page.last_modified, "content_type": page.content_type,
        "encoding": page.charset, "error": page.error,
        "headers": json.dumps(page.headers, ensure_ascii=False) if page.headers else None,
    }


def stored_body(page: Response, digest: str | None) -> dict:
    """The columns of a new `pages` row beyond fetch_row's: the body compressed, its size and digest."""
    return {"sha256": digest, "size": len(page.body) if page.body is not None else None,
            "body": zlib.compress(page.body, COMPRESSION_LEVEL) if page.body is not None else None}


def record_page(db: Database, page: Response) -> int:
    """A new row when the content changed; a re-fetch of the same bytes (or error) refreshes the existing row."""
    digest, row = fetch_row(page)
    with batch(db):
        existing = db.execute("SELECT id FROM pages WHERE url = ? AND sha256 IS ? ORDER BY id DESC LIMIT 1",
                              [page.url, digest]).fetchone()
        if existing:
            db.table("pages").update(existing[0], row)
            return existing[0]
        row.update(stored_body(page, digest))
        cursor = db.execute(f"INSERT INTO pages({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
        return cursor.lastrowid


def _latest_stored(db: Database, url: str, columns: str):
    """The newest `pages` row of a URL that holds a body: the one conditional requests and 304s refer to."""
    return db.execute(f"SELECT {columns} FROM pages WHERE url = ? AND body IS NOT NULL "
                      "ORDER BY fetched_at DESC, id DESC LIMIT 1", [url]).fetchone()


def validators(db: Database, url: str) -> tuple[str | None, str | None]:
    """ETag and Last-Modified of the latest stored body of a URL, for a conditional request."""
    row = _latest_stored(db, url, "etag, last_modified")
    return (row[0], row[1]) if row else (None, None)


def touch_page(db: Database, url: str) -> int | None:
    """A 304: the stored body is still current; only its fetch time moves."""
    with batch(db):
        row = _latest_stored(db, url, "id")
        if row:
            db.execute("UPDATE pages SET fetched_at = ?, status = 304 WHERE id = ?", [utcnow(), row[0]])
            db.execute("UPDATE articles SET last_seen = ? WHERE page_id = ?", [utcnow(), row[0]])
        return row[0] if row else None


LATEST_BODIES_SQL = ("SELECT p.* FROM pages p JOIN (SELECT url, max(id) AS id FROM pages WHERE body IS NOT NULL "
                     "GROUP BY url) latest ON latest.id = p.id ORDER BY p.id")
"""The latest stored body of every URL, in the SQL both engines read."""


def stored_pages(db: Database, site: str | None = None) -> Iterator[tuple[int, Response]]:
    """The latest stored body of every URL (decompressed), for reparse, with the id of its row."""
    return pages_of_site(db.query(LATEST_BODIES_SQL), site)


def pages_of_site(rows: Iterable[dict], site: str | None) -> Iterator[tuple[int, Response]]:
    """`pages` rows (of one site, or all) as (id, Response)."""
    for row in rows:
        if not site or site_of(row["final_url"] or row["url"]) == site:
            yield row["id"], page_from_row(row)


def page_from_row(row: dict) -> Response:
    """A `pages` row that holds a body as the Response it was stored from, body decompressed."""
    return Response(url=row["url"], final_url=row["final_url"], status=row["status"],
                    content_type=row["content_type"], charset=row["encoding"], etag=row["etag"],
                    last_modified=row["last_modified"], body=zlib.decompress(row["body"]),
                    fetched_at=row["fetched_at"], headers=stored_headers(row["headers"]))


def stored_headers(text: str | None) -> tuple[tuple[str, str], ...]:
    """The header lines of a `pages` row; none for pages stored before headers were kept."""
    return tuple((name, value) for name, value in json.loads(text)) if text else ()
