"""A crawl into PostgreSQL gives the records a crawl into SQLite gives, and search ranks them alike."""
from __future__ import annotations

import re

import pytest

from newssite import build_demo_archive
from scraper.store.backend import open_archive, search
from scraper.store.queries import Filters
from test_store_contract import rows

SEARCHES = ["benh vien da khoa", "cong nhan", "hội nghị tổng kết", '"hội nghị"', "cong an tinh",
            "giao thong OR van hoa", "ảnh", "cong an NOT khanh", "giao*", '"hoi nghi" OR (cong NOT an)', "4",
            "lan thu"]


LOCAL_SITE = re.compile(r"http://127\.0\.0\.1:\d+")


def portless(row: dict) -> dict:
    """Each crawl serves the demo site on a port of its own."""
    return {key: LOCAL_SITE.sub("SITE", value) if isinstance(value, str) else value for key, value in row.items()}


def records(archive) -> dict:
    """What an analyst reads, keyed by URL, ids and ports left out (each backend numbers its own rows)."""
    articles = rows(archive, "SELECT a.url, a.title, a.published, a.author, a.body, a.version, "
                             "a.deleted_at IS NOT NULL AS gone FROM articles a ORDER BY a.url")
    return {
        "articles": [{**row, "gone": bool(row["gone"])} for row in articles],
        "aliases": rows(archive, "SELECT u.url, a.url AS article, u.reason FROM url_aliases u "
                                 "JOIN articles a ON a.id = u.article_id ORDER BY u.url"),
        "captions": rows(archive, "SELECT a.url, c.position, c.image_url, c.caption, c.credit FROM captions c "
                                  "JOIN articles a ON a.id = c.article_id ORDER BY a.url, c.position"),
        "related": rows(archive, "SELECT a.url, r.position, r.url AS link, t.url AS target FROM related_links r "
                                 "JOIN articles a ON a.id = r.article_id LEFT JOIN articles t "
                                 "ON t.id = r.target_article_id ORDER BY a.url, r.position"),
        "versions": rows(archive, "SELECT a.url, v.version, v.title, v.body FROM article_versions v "
                                  "JOIN articles a ON a.id = v.article_id ORDER BY a.url, v.version"),
    }


@pytest.fixture(scope="module")
def both(tmp_path_factory, postgres_server):
    sqlite_path = build_demo_archive(str(tmp_path_factory.mktemp("demo") / "archive.db"))
    postgres_url = build_demo_archive(postgres_server.database())
    with open_archive(sqlite_path) as lite, open_archive(postgres_url) as server:
        yield lite, server


def test_the_same_crawl_makes_the_same_records_on_both(both):
    lite, server = both
    expected, got = ({part: [portless(row) for row in found] for part, found in records(archive).items()}
                     for archive in (lite, server))
    assert len(expected["articles"]) >= 30 and expected["versions"] and expected["aliases"]
    for part in expected:
        assert got[part] == expected[part], part


@pytest.mark.parametrize("query", SEARCHES)
def test_search_ranks_the_same_articles_alike_on_both(both, query):
    """The same bm25 on the same words: every match with the same score, so the same order. Articles that tie
    (the demo's are built from one template) have no order of their own: each engine lists them by id, and the
    two crawls gave them different ids, so each tie is compared as a set."""
    lite, server = both
    expected, got = (_by_score(search(archive, query, Filters(), 1000, None)) for archive in (lite, server))
    assert expected, query
    assert [score for score, _ in got] == pytest.approx([score for score, _ in expected], rel=1e-12)
    assert [urls for _, urls in got] == [urls for _, urls in expected]


def _by_score(hits: list[dict]) -> list[tuple[float, set[str]]]:
    groups: list[tuple[float, set[str]]] = []
    for hit in hits:
        if not groups or hit["rank"] != groups[-1][0]:
            groups.append((hit["rank"], set()))
        groups[-1][1].add(portless(hit)["url"])
    return groups


def test_the_jsonl_export_gives_the_same_records_on_both(both):
    from scraper.store.queries import export_rows
    lite, server = both
    expected, got = ([portless({**row, "captions": str(row["captions"]), "related": str(row["related"])})
                      for row in export_rows(archive)] for archive in (lite, server))
    assert len(got) == len(expected) > 30
    for mine, theirs in zip(sorted(got, key=_by_url), sorted(expected, key=_by_url)):
        assert _lasting(mine) == _lasting(theirs)


MOMENTS = {"first_seen", "last_seen", "last_changed", "deleted_at", "content_hash"}
"""When each crawl ran, and the hash (its image URLs hold each crawl's port)."""


def _lasting(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in MOMENTS}


def _by_url(record: dict) -> str:
    return record["url"]


def test_parquet_and_warc_exports_hold_the_same_articles_on_both(both, tmp_path):
    import duckdb
    from scraper.exchange.parquet import export_parquet
    from scraper.exchange.warc_export import export_warc
    lite, server = both
    counts = []
    for name, archive in (("lite", lite), ("server", server)):
        export_parquet(archive, tmp_path / name)
        counts.append(duckdb.sql(f"SELECT site, month, count(*) FROM read_parquet('{tmp_path / name}/**/*.parquet', "
                                 "hive_partitioning = true) GROUP BY ALL ORDER BY ALL").fetchall())
        counts.append(export_warc(archive, tmp_path / f"{name}.warc.gz"))
    assert counts[0] and counts[1] > 30
    assert [LOCAL_SITE.sub("SITE", str(c)) for c in counts[:2]] == [LOCAL_SITE.sub("SITE", str(c)) for c in counts[2:]]


def test_a_server_with_the_first_schema_is_migrated_and_its_articles_searchable_anew(postgres_server):
    """An archive made before search ranked as SQLite's: the migration adds the word counts and makes every
    article's vector again in SQLite's words (the old parser kept `4/5` as one word, so `5` found nothing)."""
    import psycopg
    from scraper.store.postgres.schema import MIGRATIONS
    url = postgres_server.database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE scraper_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL "
                     "DEFAULT now())")
        name, first = MIGRATIONS[0]
        first(conn)
        conn.execute("INSERT INTO scraper_migrations(name) VALUES (%s)", [name])
        conn.execute("INSERT INTO articles(url, site, title, body, content_hash, first_seen, last_seen) VALUES "
                     "('https://a.vn/1', 'a.vn', 'Họp ngày 4/5', 'Covid-19 giảm.', 'h', 'now', 'now')")
        conn.execute("UPDATE articles SET search = to_tsvector('simple', scraper_fold(title || ' ' || body))")
    with open_archive(url) as archive:
        assert archive.schema_version() == len(MIGRATIONS)
        assert [hit["url"] for hit in search(archive, "5 covid 19", Filters(), 10, None)] == ["https://a.vn/1"]
        assert next(archive.query("SELECT search_words FROM articles"))["search_words"] == 7


def test_queries_become_tsqueries_with_each_phrase_guarded_by_its_or_branch():
    from scraper.errors import QueryError
    from scraper.store.postgres.search import TsQuery, parse
    grouped = TsQuery(parse('giao thong OR "van hoa"*'), [["giao"], ["thong"], ["van", "hoa"]])
    left, right = "( ( giao ) & ( thong ) )", "( ( van <-> hoa:* ) )"
    assert grouped.text == f"{left} | {right}" and grouped.guards == [left, left, right]
    plain = TsQuery(parse("cong an NOT khanh"), [["cong"], ["an"], ["khanh"]])
    assert plain.text == "( ( cong ) & ( an ) & ! ( khanh ) )" and plain.guards == [None, None, None]
    for broken in ("NOT khanh", "cong OR", "(cong an", "cong)"):
        with pytest.raises(QueryError):
            TsQuery(parse(broken), [["w"]] * 2)
