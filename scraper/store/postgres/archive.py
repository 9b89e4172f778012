"""The archive on PostgreSQL: the same deduplication rules and records as the SQLite archive (store/archive.py),
written for a server that many crawlers write at once.

Where it differs, and why: ids come from identity columns (`RETURNING`), never `max(id) + 1`, which two writers
would both take; a URL's article is taken with `ON CONFLICT`, so two workers saving the same canonical URL make
one article; the search vector is written by our code after the article and its captions, once per save.
"""
from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterable, Iterator

from scraper.errors import StoreError
from scraper.models import Article, Response
from scraper.similarity import is_near_duplicate
from scraper.store.archive import (VERSIONED_FIELDS, Outcome, Saved, article_fields, changed_state, related_differs,
                                   version_children)
from scraper.store.database import utcnow
from scraper.store.pages import LATEST_BODIES_SQL, fetch_row, pages_of_site, stored_body
from scraper.store.postgres.connection import batch, connect, redacted
from scraper.store.postgres.schema import SEARCH_VECTOR_SQL, migrate, schema_version
from scraper.urls import site_of

_NAMED = re.compile(r"(?<!:):(\w+)")  # SQLite's :name placeholders, not PostgreSQL's ::casts
_CURSORS = itertools.count()
DUPLICATE_CANDIDATES = 20  # same-site same-title articles compared by content, as on SQLite


class PgArchive:
    """The PostgreSQL archive; owns its transactions (`batch()`), so callers never touch the connection."""

    engine = "postgresql"

    def __init__(self, url: str):
        self.url = url
        self.conn = connect(url)
        try:
            migrate(self.conn)
        except Exception as e:  # noqa: BLE001 - any server refusal is the same one-line error
            self.conn.close()
            raise StoreError(f"cannot prepare the archive at {redacted(url)}: {e}") from None
        self.path = redacted(url)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PgArchive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def batch(self) -> contextlib.AbstractContextManager:
        return batch(self.conn)

    def optimize(self) -> None:
        """Planner statistics after a bulk import (the GIN index needs no merging)."""
        self.conn.execute("ANALYZE")

    def query(self, sql: str, params: Iterable | dict = ()) -> Iterator[dict]:
        """Rows as dicts, `?` or `:name` placeholders, as the SQLite archive's `query` (the read side shares its
        SQL), streamed from a server-side cursor: an export of millions of rows keeps its memory flat."""
        from psycopg.rows import dict_row
        if isinstance(params, dict):
            sql = _NAMED.sub(r"%(\1)s", sql)
        else:
            sql, params = sql.replace("?", "%s"), list(params)
        name = f"scraper_read_{next(_CURSORS)}"  # reads may nest (a row's children read while rows stream)
        with self.conn.transaction(), self.conn.cursor(name=name, row_factory=dict_row) as cursor:
            cursor.execute(sql, params)
            yield from cursor

    def schema_version(self) -> int:
        return schema_version(self.conn)

    def _one(self, sql: str, params=()):
        return self.conn.execute(sql, params).fetchone()

    # -- pages ---------------------------------------------------------------------------------------------------

    def record_page(self, page: Response) -> int:
        digest, row = fetch_row(page)
        with self.batch():
            existing = self._one("SELECT id FROM pages WHERE url = %s AND sha256 IS NOT DISTINCT FROM %s "
                                 "ORDER BY id DESC LIMIT 1", [page.url, digest])
            if existing:
                self.conn.execute(f"UPDATE pages SET {', '.join(f'{k} = %s' for k in row)} WHERE id = %s",
                                  [*row.values(), existing[0]])
                return existing[0]
            row.update(stored_body(page, digest))
            return self._one(f"INSERT INTO pages({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))}) "
                             "RETURNING id", list(row.values()))[0]

    def _latest_stored(self, url: str, columns: str):
        return self._one(f"SELECT {columns} FROM pages WHERE url = %s AND body IS NOT NULL "
                         "ORDER BY fetched_at DESC, id DESC LIMIT 1", [url])

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self._latest_stored(url, "etag, last_modified")
        return (row[0], row[1]) if row else (None, None)

    def touch_page(self, url: str) -> int | None:
        with self.batch():
            row = self._latest_stored(url, "id")
            if row:
                self.conn.execute("UPDATE pages SET fetched_at = %s, status = 304 WHERE id = %s", [utcnow(), row[0]])
                self.conn.execute("UPDATE articles SET last_seen = %s WHERE page_id = %s", [utcnow(), row[0]])
            return row[0] if row else None

    def stored_pages(self, site: str | None = None) -> Iterator[tuple[int, Response]]:
        """Read whole before reparse writes: its saves must commit one by one, not inside a read transaction."""
        from psycopg.rows import dict_row
        with self.conn.cursor(row_factory=dict_row) as cursor:
            yield from pages_of_site(cursor.execute(LATEST_BODIES_SQL).fetchall(), site)

    # -- articles ------------------------------------------------------------------------------------------------

    def article_id_for(self, url: str) -> int | None:
        row = self._one("SELECT id FROM articles WHERE url = %s UNION ALL "
                        "SELECT article_id FROM url_aliases WHERE url = %s LIMIT 1", [url, url])
        return row[0] if row else None

    def save(self, article: Article, page_id: int | None = None, other_urls: Iterable[str] = (),
             in_place: bool = False, now: str | None = None) -> Saved:
        with self.batch():
            return self._save_one(article, page_id, other_urls, in_place, now or utcnow())

    def save_many(self, articles: Iterable[Article], now: str | None = None) -> list[Saved]:
        now = now or utcnow()
        with self.batch():
            return [self._save_one(article, None, (), False, now) for article in articles]

    def _save_one(self, article: Article, page_id: int | None, other_urls: Iterable[str], in_place: bool,
                  now: str) -> Saved:
        if not article.is_article or not article.url:
            return Saved(Outcome.NOT_ARTICLE, None)
        if (alias := self._one("SELECT article_id FROM url_aliases WHERE url = %s", [article.url])) is not None:
            self.conn.execute("UPDATE articles SET last_seen = %s WHERE id = %s", [now, alias[0]])
            return Saved(Outcome.ALIAS, alias[0])  # a print version or mirror never overwrites its article
        current = self._one("SELECT id FROM articles WHERE url = %s", [article.url])
        if current is not None:
            article_id, outcome = current[0], self._update(current[0], article, page_id, in_place, now)
        elif (duplicate := self._duplicate_of(article)) is not None:
            article_id, outcome = duplicate, Outcome.ALIAS
            self._alias(article.url, article_id, "duplicate-content")
        else:
            article_id, outcome = self._insert(article, page_id, now)
        reason = "redirect" if outcome != Outcome.ALIAS else "duplicate-content"
        for url in other_urls:
            if url and url != article.url:
                self._alias(url, article_id, reason)
        return Saved(outcome, article_id)

    def _duplicate_of(self, article: Article) -> int | None:
        if not article.title or not article.body:
            return None
        rows = self.conn.execute("SELECT id, body FROM articles WHERE site = %s AND title = %s LIMIT %s",
                                 [site_of(article.url), article.title, DUPLICATE_CANDIDATES]).fetchall()
        return next((row[0] for row in rows if is_near_duplicate(article.body, row[1])), None)

    def _insert(self, article: Article, page_id: int | None, now: str) -> tuple[int, Outcome]:
        """A new article; when another worker saved the same URL a moment ago, this becomes an update of it."""
        row = {"url": article.url, "site": site_of(article.url), **article_fields(article), "version": 1,
               "first_seen": now, "last_seen": now, "page_id": page_id}
        inserted = self._one(f"INSERT INTO articles({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))}) "
                             "ON CONFLICT (url) DO NOTHING RETURNING id", list(row.values()))
        if inserted is None:
            article_id = self._one("SELECT id FROM articles WHERE url = %s", [article.url])[0]
            return article_id, self._update(article_id, article, page_id, False, now)
        article_id = inserted[0]
        self._write_children(article_id, article)
        self._link_targets(article.url, article_id)
        return article_id, Outcome.NEW

    def _update(self, article_id: int, article: Article, page_id: int | None, in_place: bool, now: str) -> Outcome:
        from psycopg.rows import dict_row
        with self.conn.cursor(row_factory=dict_row) as cursor:
            current = cursor.execute("SELECT * FROM articles WHERE id = %s FOR UPDATE", [article_id]).fetchone()
        changes = changed_state(current, article, page_id, in_place, now)
        if changes is None:
            self.conn.execute("UPDATE articles SET last_seen = %s, page_id = coalesce(%s, page_id), "
                              "deleted_at = NULL WHERE id = %s", [now, page_id, article_id])
            self._refresh_related(article_id, article)
            return Outcome.UNCHANGED
        if not in_place:
            self._keep_version(current, now)
        self.conn.execute(f"UPDATE articles SET {', '.join(f'{k} = %s' for k in changes)} WHERE id = %s",
                          [*changes.values(), article_id])
        self.conn.execute("DELETE FROM captions WHERE article_id = %s", [article_id])
        self.conn.execute("DELETE FROM related_links WHERE article_id = %s", [article_id])
        self._write_children(article_id, article)
        return Outcome.CHANGED

    def _keep_version(self, current: dict, now: str) -> None:
        article_id = current["id"]
        captions = self.conn.execute("SELECT image_url, caption, credit FROM captions WHERE article_id = %s "
                                     "ORDER BY position", [article_id]).fetchall()
        related = self.conn.execute("SELECT url, title FROM related_links WHERE article_id = %s ORDER BY position",
                                    [article_id]).fetchall()
        row = {"article_id": article_id, "version": current["version"],
               "seen_at": current["last_changed"] or current["first_seen"], "replaced_at": now,
               **{k: current[k] for k in VERSIONED_FIELDS}, **version_children(captions, related)}
        self.conn.execute(f"INSERT INTO article_versions({', '.join(row)}) VALUES ({', '.join(['%s'] * len(row))})",
                          list(row.values()))

    def _write_children(self, article_id: int, article: Article) -> None:
        """Captions and related links of the article's current state, then its search vector (which holds the
        captions)."""
        if article.captions:
            self.conn.execute("INSERT INTO captions(article_id, position, image_url, caption, credit) "
                              "SELECT %s, t.n - 1, t.image_url, t.caption, t.credit FROM unnest(%s::text[], "
                              "%s::text[], %s::text[]) WITH ORDINALITY AS t(image_url, caption, credit, n)",
                              [article_id, *map(list, zip(*((c.image_url, c.caption, c.credit)
                                                            for c in article.captions)))])
        self._write_related(article_id, article)
        self.conn.execute(SEARCH_VECTOR_SQL, [[article_id]])

    def _refresh_related(self, article_id: int, article: Article) -> None:
        """Related boxes change without the article changing: kept current in place, no version."""
        stored = self.conn.execute("SELECT url, title FROM related_links WHERE article_id = %s ORDER BY position",
                                   [article_id])
        if related_differs(stored, article):
            self.conn.execute("DELETE FROM related_links WHERE article_id = %s", [article_id])
            self._write_related(article_id, article)

    def _write_related(self, article_id: int, article: Article) -> None:
        """One statement for all of them (rows of arrays), each pointing at its target when it is archived."""
        if not article.related:
            return
        self.conn.execute(
            "INSERT INTO related_links(article_id, position, url, title, target_article_id) "
            "SELECT %s, t.n - 1, t.url, t.title, (SELECT id FROM articles WHERE url = t.url UNION ALL "
            "SELECT article_id FROM url_aliases WHERE url = t.url LIMIT 1) "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(url, title, n)",
            [article_id, [link.url for link in article.related], [link.title for link in article.related]])

    def alias_all(self, urls: Iterable[str], article_id: int, reason: str) -> None:
        with self.batch():
            for url in urls:
                self._alias(url, article_id, reason)

    def _alias(self, url: str, article_id: int, reason: str) -> None:
        if self._one("SELECT 1 FROM articles WHERE url = %s", [url]):
            return
        self.conn.execute("INSERT INTO url_aliases(url, article_id, reason) VALUES (%s, %s, %s) "
                          "ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id",
                          [url, article_id, reason])
        self._link_targets(url, article_id)

    def _link_targets(self, url: str, article_id: int) -> None:
        self.conn.execute("UPDATE related_links SET target_article_id = %s WHERE url = %s "
                          "AND target_article_id IS NULL", [article_id, url])

    def mark_gone(self, url: str, now: str | None = None) -> bool:
        with self.batch():
            article_id = self.article_id_for(url)
            if article_id is not None:
                self.conn.execute("UPDATE articles SET deleted_at = coalesce(deleted_at, %s) WHERE id = %s",
                                  [now or utcnow(), article_id])
            return article_id is not None
