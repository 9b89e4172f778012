"""The archive: pages, articles and their children, versions and aliases. Every write is one transaction.

Deduplication rules (DESIGN.md): one article per canonical URL; other URLs of the same article (redirects,
requested URLs, print versions and mirrors recognised by content) become url_aliases; changed content at the
same URL becomes a new version; unchanged content only moves last_seen.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scraper.errors import StoreError
from scraper.models import Article, Response
from scraper.store import pages
from scraper.store.database import batch, open_database, utcnow
from scraper.similarity import is_near_duplicate
from scraper.store.schema import fts_row_sql, migrate, schema_version
from scraper.urls import site_of

BULK_BATCH = 5000


class Outcome(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ALIAS = "alias"
    NOT_ARTICLE = "not-article"


@dataclass(frozen=True)
class Saved:
    outcome: Outcome
    article_id: int | None


VERSIONED_FIELDS = ("title", "published", "modified", "author", "category", "language", "body", "content_hash")


def article_fields(article: Article) -> dict:
    """The columns of an article's current state that a new version replaces (and keeps in article_versions)."""
    return {name: getattr(article, name) for name in VERSIONED_FIELDS}


def changed_state(current: dict, article: Article, page_id: int | None, in_place: bool, now: str) -> dict | None:
    """The columns an update of the article's row writes, or None when its content is unchanged (then only
    last_seen moves). A reparse (`in_place`) rewrites the state without making a version."""
    if current["content_hash"] == article.content_hash:
        return None
    changes = {**article_fields(article), "last_seen": now, "deleted_at": None}
    if page_id is not None:
        changes["page_id"] = page_id
    if not in_place:
        changes.update(version=current["version"] + 1, last_changed=now)
    return changes


def related_differs(stored: Iterable, article: Article) -> bool:
    """The stored related links (url, title rows in order) are not the article's: the box is to be rewritten."""
    return [tuple(row) for row in stored] != [(link.url, link.title) for link in article.related]


def version_children(captions: Iterable, related: Iterable) -> dict:
    """A replaced state's captions and related links, as the JSON columns of article_versions hold them."""
    return {"captions": json.dumps([dict(image_url=r[0], caption=r[1], credit=r[2]) for r in captions],
                                   ensure_ascii=False),
            "related": json.dumps([dict(url=r[0], title=r[1]) for r in related], ensure_ascii=False)}


class Archive:
    """The SQLite archive; owns its transactions (`batch()`), so callers never touch the connection."""

    engine = "sqlite"

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.db = open_database(path)
            migrate(self.db)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open archive {path}: {e}") from e

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def batch(self) -> contextlib.AbstractContextManager:
        """One transaction for everything inside (a savepoint when nested): see store/database.py."""
        return batch(self.db)

    def query(self, sql: str, params: Iterable | dict = ()) -> Iterator[dict]:
        """Rows as dicts, `?` or `:name` placeholders: the SQL the read side shares with the PostgreSQL archive."""
        return self.db.query(sql, params if isinstance(params, dict) else list(params))

    def schema_version(self) -> int:
        return schema_version(self.db)

    def optimize(self) -> None:
        """Merge the full-text index into one segment and refresh planner statistics: worth it after a bulk
        import, when many small index segments slow searches down."""
        with self.batch():
            self.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
        self.db.execute("PRAGMA optimize")

    # -- pages ---------------------------------------------------------------------------------------------------

    def record_page(self, page: Response) -> int:
        return pages.record_page(self.db, page)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        return pages.validators(self.db, url)

    def touch_page(self, url: str) -> int | None:
        return pages.touch_page(self.db, url)

    def stored_pages(self, site: str | None = None) -> Iterator[tuple[int, Response]]:
        return pages.stored_pages(self.db, site)

    # -- articles ------------------------------------------------------------------------------------------------

    def article_id_for(self, url: str) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE url = ? UNION ALL "
                              "SELECT article_id FROM url_aliases WHERE url = ? LIMIT 1", [url, url]).fetchone()
        return row[0] if row else None

    def save(self, article: Article, page_id: int | None = None, other_urls: Iterable[str] = (),
             in_place: bool = False, now: str | None = None) -> Saved:
        """Article, children, previous version and aliases commit together: kill -9 leaves no half record.

        `other_urls` are the URLs this content was reached by (requested, after redirects); `in_place` (reparse)
        rewrites the current state without making a version.
        """
        with self.batch():
            return self._save_one(article, page_id, other_urls, in_place, now or utcnow())

    def save_many(self, articles: Iterable[Article], now: str | None = None,
                  batch_size: int = BULK_BATCH) -> list[Saved]:
        """Bulk import (no pages), same rules as save(), one transaction per `batch_size` articles read lazily
        from `articles`. Why batches of thousands: each transaction adds a full-text index segment that later
        has to be merged; 5,000 per batch imports about a third faster than 1,000."""
        now = now or utcnow()
        saved: list[Saved] = []
        iterator = iter(articles)
        while batch := list(itertools.islice(iterator, batch_size)):
            saved += self._save_batch(batch, now)
        return saved

    def _save_batch(self, articles: list[Article], now: str) -> list[Saved]:
        """Articles that are plainly new (URL unknown, no same-title article on the site, not repeated in the
        batch) go in with one statement per table; the rest take save()'s path. The full-text index is written
        once for the batch instead of by a trigger per row; readers never see the gap."""
        with self.batch():
            self.db.execute("INSERT INTO fts_deferred(since) VALUES (?)", [now])
            known_urls, known_titles = self._known(articles)
            saved: list[Saved | None] = []
            fresh: list[tuple[int, Article]] = []
            indexed: set[int] = set()  # articles that existed before: their old index rows go first
            for article in articles:
                site = site_of(article.url) if article.url else None
                key = (site, article.title) if site else None
                if article.is_article and key and article.url not in known_urls and key not in known_titles:
                    fresh.append((len(saved), article, site))
                    saved.append(None)
                else:
                    self._insert_many(fresh, saved, now)
                    fresh = []
                    saved.append(self._save_one(article, None, (), False, now))
                    indexed.add(saved[-1].article_id)
                known_urls.add(article.url)
                known_titles.add(key)
            self._insert_many(fresh, saved, now)
            ids = json.dumps(sorted({s.article_id for s in saved if s.article_id is not None}))
            stale = json.dumps(sorted(indexed - {None}))
            self.db.execute("DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?))", [stale])
            self.db.execute(fts_row_sql("SELECT value FROM json_each(?)"), [ids])
            self.db.execute("DELETE FROM fts_deferred")
            return saved

    def _known(self, articles: list[Article]) -> tuple[set, set]:
        """URLs and (site, title) pairs of the batch that the archive already holds, in two indexed queries."""
        urls = json.dumps([a.url for a in articles if a.url])
        pairs = json.dumps([[site_of(a.url), a.title] for a in articles if a.url and a.title])
        known_urls = {r[0] for r in self.db.execute(
            "SELECT url FROM articles WHERE url IN (SELECT value FROM json_each(?1)) UNION "
            "SELECT url FROM url_aliases WHERE url IN (SELECT value FROM json_each(?1))", [urls])}
        known_titles = {(r[0], r[1]) for r in self.db.execute(
            "SELECT a.site, a.title FROM json_each(?) AS pair JOIN articles a "
            "ON a.site = json_extract(pair.value, '$[0]') AND a.title = json_extract(pair.value, '$[1]')", [pairs])}
        return known_urls, known_titles

    def _insert_many(self, fresh: list[tuple[int, Article, str]], saved: list, now: str) -> None:
        if not fresh:
            return
        self.db.execute("PRAGMA defer_foreign_keys = ON")
        first = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
        rows = [{"id": first + n, "url": a.url, "site": site, **article_fields(a), "version": 1,
                 "first_seen": now, "last_seen": now, "page_id": None} for n, (_, a, site) in enumerate(fresh)]
        self.db.conn.executemany(
            f"INSERT INTO articles({', '.join(rows[0])}) VALUES ({', '.join(':' + k for k in rows[0])})", rows)
        pairs = [(first + n, article) for n, (_, article, _) in enumerate(fresh)]
        self._write_captions_rows(pairs)
        self._write_related_rows(pairs)
        for n, (position, _, _) in enumerate(fresh):
            saved[position] = Saved(Outcome.NEW, first + n)
        self.db.conn.executemany(
            "UPDATE related_links SET target_article_id = ? WHERE url = ? AND target_article_id IS NULL",
            [(article_id, article.url) for article_id, article in pairs])

    def _save_one(self, article: Article, page_id: int | None, other_urls: Iterable[str], in_place: bool,
                  now: str) -> Saved:
        if not article.is_article or not article.url:
            return Saved(Outcome.NOT_ARTICLE, None)
        current_id = self.article_id_for(article.url)
        outcome = Outcome.NEW
        if current_id is not None and self._is_alias(article.url):
            self.db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [now, current_id])
            return Saved(Outcome.ALIAS, current_id)
        if current_id is None and (duplicate := self._duplicate_of(article)) is not None:
            current_id, outcome = duplicate, Outcome.ALIAS
            self._alias(article.url, current_id, "duplicate-content")
        elif current_id is not None:
            outcome = self._update(current_id, article, page_id, in_place, now)
        else:
            current_id = self._insert(article, page_id, now)
        for url in other_urls:
            if url and url != article.url:
                self._alias(url, current_id, "redirect" if outcome != Outcome.ALIAS else "duplicate-content")
        return Saved(outcome, current_id)

    def _is_alias(self, url: str) -> bool:
        """Content at an alias (a print version, a mirror) never overwrites the article it duplicates."""
        return self.db.execute("SELECT 1 FROM url_aliases WHERE url = ?", [url]).fetchone() is not None

    def mark_gone(self, url: str, now: str | None = None) -> bool:
        """A revisit answered 404/410: the article stays, marked deleted."""
        with self.batch():
            article_id = self.article_id_for(url)
            if article_id is not None:
                self.db.execute("UPDATE articles SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?",
                                [now or utcnow(), article_id])
            return article_id is not None

    def _duplicate_of(self, article: Article) -> int | None:
        if not article.title or not article.body:
            return None
        rows = self.db.execute(
            "SELECT id, body FROM articles WHERE site = ? AND title = ? LIMIT 20",
            [site_of(article.url), article.title]).fetchall()
        return next((row[0] for row in rows if is_near_duplicate(article.body, row[1])), None)

    def alias_all(self, urls: Iterable[str], article_id: int, reason: str) -> None:
        """Other URLs of an article known without fetching them (the print versions its page links)."""
        with self.batch():
            for url in urls:
                self._alias(url, article_id, reason)

    def _alias(self, url: str, article_id: int, reason: str) -> None:
        if self.db.execute("SELECT 1 FROM articles WHERE url = ?", [url]).fetchone():
            return
        self.db.execute("INSERT INTO url_aliases(url, article_id, reason) VALUES (?, ?, ?) "
                        "ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id", [url, article_id, reason])
        self._link_targets(url, article_id)

    def _insert(self, article: Article, page_id: int | None, now: str) -> int:
        """Captions go in before their article (foreign keys deferred to commit), so the article's insert trigger
        indexes title, body and captions in one FTS write instead of one rewrite per caption."""
        self.db.execute("PRAGMA defer_foreign_keys = ON")
        article_id = self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
        self._write_captions(article_id, article)
        row = {"id": article_id, "url": article.url, "site": site_of(article.url), **article_fields(article),
               "version": 1, "first_seen": now, "last_seen": now, "page_id": page_id}
        self.db.execute(f"INSERT INTO articles({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))
        self._write_related(article_id, article)
        self._link_targets(article.url, article_id)
        return article_id

    def _update(self, article_id: int, article: Article, page_id: int | None, in_place: bool, now: str) -> Outcome:
        current = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id]).fetchone()
        columns = [d[0] for d in self.db.execute("SELECT * FROM articles LIMIT 0").description]
        current = dict(zip(columns, current))
        changes = changed_state(current, article, page_id, in_place, now)
        if changes is None:
            self.db.execute("UPDATE articles SET last_seen = ?, page_id = coalesce(?, page_id), deleted_at = NULL "
                            "WHERE id = ?", [now, page_id, article_id])
            self._refresh_related(article_id, article)
            return Outcome.UNCHANGED
        if not in_place:
            self._keep_version(current, now)
        with self._indexed_once(article_id):
            self.db.execute("DELETE FROM captions WHERE article_id = ?", [article_id])
            self._write_captions(article_id, article)
            self.db.table("articles").update(article_id, changes)
        self._refresh_related(article_id, article)
        return Outcome.CHANGED

    @contextlib.contextmanager
    def _indexed_once(self, article_id: int) -> Iterator[None]:
        """The article's index row written once for all the writes inside, instead of by a trigger for every
        caption deleted, every caption inserted and the row itself (five times for an edit with two photos).
        Inside a bulk import, which defers the triggers already, the import's own index write covers it."""
        if self.db.execute("SELECT 1 FROM fts_deferred").fetchone():
            yield
            return
        self.db.execute("INSERT INTO fts_deferred(since) VALUES (?)", [utcnow()])
        yield
        self.db.execute("DELETE FROM fts_deferred")
        self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
        self.db.execute(fts_row_sql("?"), [article_id])

    def _keep_version(self, current: dict, now: str) -> None:
        article_id = current["id"]
        captions = self.db.execute(
            "SELECT image_url, caption, credit FROM captions WHERE article_id = ? ORDER BY position", [article_id])
        related = self.db.execute(
            "SELECT url, title FROM related_links WHERE article_id = ? ORDER BY position", [article_id])
        self.db.table("article_versions").insert({
            "article_id": article_id, "version": current["version"],
            "seen_at": current["last_changed"] or current["first_seen"], "replaced_at": now,
            **{k: current[k] for k in VERSIONED_FIELDS}, **version_children(captions, related),
        })

    def _write_captions(self, article_id: int, article: Article) -> None:
        self._write_captions_rows([(article_id, article)])

    def _write_captions_rows(self, pairs: list[tuple[int, Article]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO captions(article_id, position, image_url, caption, credit) VALUES (?, ?, ?, ?, ?)",
            [(article_id, i, c.image_url, c.caption, c.credit) for article_id, a in pairs
             for i, c in enumerate(a.captions)])

    def _refresh_related(self, article_id: int, article: Article) -> None:
        """Related boxes change without the article changing: kept current in place, no version."""
        stored = self.db.execute("SELECT url, title FROM related_links WHERE article_id = ? ORDER BY position",
                                 [article_id])
        if related_differs(stored, article):
            self.db.execute("DELETE FROM related_links WHERE article_id = ?", [article_id])
            self._write_related(article_id, article)

    def _write_related(self, article_id: int, article: Article) -> None:
        self._write_related_rows([(article_id, article)])

    def _write_related_rows(self, pairs: list[tuple[int, Article]]) -> None:
        self.db.conn.executemany(
            "INSERT INTO related_links(article_id, position, url, title, target_article_id) VALUES "
            "(:article, :position, :url, :title, (SELECT id FROM articles WHERE url = :url UNION ALL "
            "SELECT article_id FROM url_aliases WHERE url = :url LIMIT 1))",
            [{"article": article_id, "position": position, "url": link.url, "title": link.title}
             for article_id, a in pairs for position, link in enumerate(a.related)])

    def _link_targets(self, url: str, article_id: int) -> None:
        self.db.execute("UPDATE related_links SET target_article_id = ? WHERE url = ? AND target_article_id IS NULL",
                        [article_id, url])
