"""A crawl into PostgreSQL gives the records a crawl into SQLite gives, and search ranks them alike."""
from __future__ import annotations

import re

import pytest

from newssite import build_demo_archive
from scraper.store.backend import open_archive, search
from scraper.store.queries import Filters
from test_store_contract import rows

SEARCHES = ["benh vien da khoa", "cong nhan", "hội nghị tổng kết", '"hội nghị"', "cong an tinh",
            "giao thong OR van hoa", "ảnh", "cong an NOT khanh"]


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
def test_search_finds_the_same_articles_on_both(both, query):
    """Every match the same (ranking by weight is the contract tests' business: the demo's articles are built
    from one template, so their scores tie within a percent and their order is no measure)."""
    lite, server = both
    expected = [portless(hit)["url"] for hit in search(lite, query, Filters(), 1000, None)]
    got = [portless(hit)["url"] for hit in search(server, query, Filters(), 1000, None)]
    assert expected, query
    assert sorted(got) == sorted(expected)


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
