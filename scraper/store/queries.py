"""Read-side queries for search, export, history and stats. User text only ever travels as bound parameters."""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from scraper.errors import QueryError
from scraper.similarity import fold
from scraper.store.archive import Archive
from scraper.store.contracts import ArchiveStore
from scraper.store.schema import fold_letters

SNIPPET_CHARS = 160



@dataclass(frozen=True)
class Filters:
    site: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self, alias: str = "a") -> tuple[str, dict]:
        clauses, params = [], {}
        if self.site:
            clauses.append(f"{alias}.site = :site")
            params["site"] = self.site.lower().removeprefix("www.")
        if self.since:
            clauses.append(f"{alias}.published >= :since")
            params["since"] = self.since
        if self.until:
            clauses.append(f"{alias}.published < :until")
            params["until"] = self.until
        return (" AND " + " AND ".join(clauses)) if clauses else "", params


def _terms(query: str) -> list[str]:
    return [t for t in re.findall(r"\w+", fold(query)) if t.upper() not in ("AND", "OR", "NOT", "NEAR")]


def snippet(body: str, query: str) -> str:
    """A window of the original text around the first matched term, found accent-insensitively."""
    folded = fold(body)
    terms = _terms(query)
    hits = [i for i in (folded.find(t) for t in terms) if i >= 0]
    start = max(0, min(hits) - SNIPPET_CHARS // 3) if hits else 0
    text = " ".join(body[start:start + SNIPPET_CHARS].split())
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(body) else "")


class Hits(list):
    """Ranked rows. `ranked_newest` is set when the query matched more articles than that: only the newest
    matches (by archive order) were ranked, the price of answering a very broad query in milliseconds."""
    ranked_newest: int | None = None


RANK_NEWEST = 10_000


def search(archive: Archive, query: str, filters: Filters = Filters(), limit: int = 20,
           rank_newest: int | None = RANK_NEWEST) -> Hits:
    """Ranked full-text search. Without filters the index ranks and cuts first, so only the top rows are joined.

    Why `rank_newest`: accent folding makes some short queries match half the archive (`cho` is chợ, chờ, chở
    and chó), and bm25 over 100,000 rows takes half a second. Such queries rank the newest `rank_newest`
    matches only; None ranks every match."""
    where, params = filters.where()
    params = {**params, "query": fold_letters(query), "limit": limit}
    hits = Hits()
    try:
        floor = _rank_floor(archive, where, params, rank_newest) if rank_newest else None
        params["floor"] = floor if floor is not None else -1
        if where:
            sql = ("SELECT a.id, a.url, a.site, a.title, a.published, a.body, articles_fts.rank AS rank "
                   "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH :query "
                   f"AND articles_fts.rowid > :floor{where} ORDER BY articles_fts.rank LIMIT :limit")
        else:
            sql = ("SELECT a.id, a.url, a.site, a.title, a.published, a.body, hit.rank AS rank FROM "
                   "(SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :query AND rowid > :floor "
                   "ORDER BY rank LIMIT :limit) hit JOIN articles a ON a.id = hit.rowid ORDER BY hit.rank")
        hits.extend(archive.db.query(sql, params))
    except sqlite3.OperationalError as e:
        raise QueryError(f"cannot search for {query!r}: {e}. Quote phrases with \"...\"; "
                         "operators are AND, OR, NOT, NEAR.") from None
    hits.ranked_newest = rank_newest if floor is not None else None
    for row in hits:
        row["snippet"] = snippet(row.pop("body"), query)
        row["captions"] = matching_captions(archive, row["id"], query)
    return hits


def matching_captions(archive: ArchiveStore, article_id: int, query: str) -> list[dict]:
    """The article's captions in which a query term occurs (in the caption or its credit), accent-insensitively:
    a search that matched a photo says which one and whose it is (on either engine)."""
    rows = archive.query("SELECT image_url, caption, credit FROM captions WHERE article_id = ? ORDER BY position",
                         [article_id])
    terms = _terms(query)
    return [row for row in rows if any(t in fold(f"{row['caption']} {row['credit'] or ''}") for t in terms)]


def _rank_floor(archive: Archive, where: str, params: dict, newest: int) -> int | None:
    """The id just below the newest `newest` matches, or None when there are no more matches than that.
    Walking matches in rowid order costs no ranking, so this stays cheap even for the broadest query."""
    if where:
        sql = ("SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
               f"WHERE articles_fts MATCH :query{where} ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET :newest")
    else:
        sql = ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :query "
               "ORDER BY rowid DESC LIMIT 1 OFFSET :newest")
    row = archive.db.execute(sql, {**params, "newest": newest}).fetchone()
    return row[0] if row else None


CAPTION_FIELDS = ("image_url", "caption", "credit")


JSON_ARRAY_SQL = {
    "sqlite": "json_group_array(json_object({pairs}))",
    "postgresql": "coalesce(json_agg(json_build_object({pairs})), '[]')::text",
}
"""An ordered subquery's rows as one JSON array (as text), in each engine's words."""


def children_json_sql(table: str, fields: tuple[str, ...], engine: str = "sqlite") -> str:
    """An article's captions or related links (rows of `table` for `a.id`) as one JSON array, in page order."""
    pairs = ", ".join(f"'{name}', {name}" for name in fields)
    return (f"(SELECT {JSON_ARRAY_SQL[engine].format(pairs=pairs)} "
            f"FROM (SELECT * FROM {table} child WHERE child.article_id = a.id ORDER BY position) ordered)")


def export_sql(engine: str) -> str:
    return f"""
SELECT a.url, a.site, a.title, a.published, a.modified, a.author, a.category, a.language, a.body,
       {children_json_sql("captions", CAPTION_FIELDS, engine)} AS captions,
       {children_json_sql("related_links", ("url", "title"), engine)} AS related,
       1 AS is_article, a.version, a.first_seen, a.last_seen, a.last_changed, a.deleted_at, a.content_hash
FROM articles a WHERE 1 = 1{{where}} ORDER BY a.id
"""


def export_rows(archive: ArchiveStore, filters: Filters = Filters(), nested: bool = True) -> Iterator[dict]:
    """Streams rows from a cursor: memory stays flat however large the archive is."""
    where, params = filters.where()
    return _records(archive, where, params, nested)


def article_records(archive: ArchiveStore, ids: list[int]) -> Iterator[dict]:
    """The exported records of these articles (a WARC export's metadata records)."""
    params = {f"id{i}": article_id for i, article_id in enumerate(ids)}
    return _records(archive, f" AND a.id IN ({', '.join(':' + name for name in params)})", params, nested=True)


def _records(archive: ArchiveStore, where: str, params: dict, nested: bool) -> Iterator[dict]:
    for row in archive.query(export_sql(archive.engine).format(where=where), params):
        row["is_article"] = True
        if nested:
            row["captions"] = json.loads(row["captions"])
            row["related"] = json.loads(row["related"])
        yield row


def history(archive: ArchiveStore, url: str) -> list[dict]:
    """Every state of an article, oldest first, the current one last (on either engine)."""
    article_id = archive.article_id_for(url)
    if article_id is None:
        return []
    states = list(archive.query(
        "SELECT version, seen_at, title, body, content_hash FROM article_versions WHERE article_id = ? "
        "ORDER BY version", [article_id]))
    current = next(archive.query(
        "SELECT version, coalesce(last_changed, first_seen) AS seen_at, title, body, content_hash, url, deleted_at "
        "FROM articles WHERE id = ?", [article_id]))
    return states + [current]


def stats(archive: ArchiveStore) -> dict:
    """The archive at a glance, in SQL both engines read alike."""
    def scalar(sql: str) -> int:
        return next(iter(next(archive.query(sql)).values()))
    return {
        "schema_version": archive.schema_version(),
        "sites": list(archive.query(
            "SELECT site, count(*) AS articles, min(published) AS oldest, max(published) AS newest, "
            "sum(version - 1) AS edits, count(deleted_at) AS deleted FROM articles "
            "GROUP BY site ORDER BY articles DESC, site")),
        "articles": scalar("SELECT count(*) AS n FROM articles"),
        "versions": scalar("SELECT count(*) AS n FROM article_versions"),
        "aliases": scalar("SELECT count(*) AS n FROM url_aliases"),
        "pages_by_status": [{**row, "status": "error" if row["status"] is None else row["status"]}
                            for row in archive.query("SELECT status, count(*) AS pages FROM pages GROUP BY status "
                                                     "ORDER BY pages DESC")],
        "frontier": list(archive.query(
            "SELECT state, count(*) AS urls FROM frontier GROUP BY state ORDER BY urls DESC, state")),
        "last_runs": list(archive.query(
            "SELECT id, started_at, finished_at, fetched, new, changed, unchanged, failed, exit_status "
            "FROM crawl_runs ORDER BY id DESC LIMIT 5")),
    }
