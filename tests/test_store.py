"""Archive rules: dedup, versions, aliases, FTS, export round-trip, reparse, migrations, atomicity."""
from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from helpers import fixture_case, FIXTURES
from scraper import extract
from scraper.errors import StoreError
from scraper.models import Caption, RelatedLink
from scraper.pipeline import reparse
from scraper.models import Response
from scraper.store import Archive, Outcome
from scraper.errors import QueryError
from scraper.store.queries import Filters, export_rows, history, search, stats
from scraper.store.schema import MIGRATIONS, m001_initial


def fixture_article(name: str):
    data, expected, meta = fixture_case(FIXTURES / f"{name}.html")
    return extract(data, meta["url"], encoding="windows-1258" if "cp1258" in name else None)


@pytest.fixture
def archive(db_path):
    with Archive(db_path) as opened:
        yield opened


def count(archive, table: str) -> int:
    return archive.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_one_article_per_canonical_url_and_unchanged_only_moves_last_seen(archive):
    article = fixture_article("vn-modern-news")
    first = archive.save(article, now="2024-06-03T00:00:00+00:00")
    second = archive.save(article, now="2024-06-04T00:00:00+00:00")
    assert (first.outcome, second.outcome) == (Outcome.NEW, Outcome.UNCHANGED)
    row = next(archive.db.query("SELECT * FROM articles"))
    assert (row["version"], row["first_seen"], row["last_seen"]) == (1, "2024-06-03T00:00:00+00:00",
                                                                     "2024-06-04T00:00:00+00:00")
    assert count(archive, "articles") == 1 and count(archive, "captions") == 2 and count(archive, "related_links") == 5


def test_changed_content_makes_a_version_with_the_old_state(archive):
    article = fixture_article("vn-modern-news")
    archive.save(article, now="2024-06-03T00:00:00+00:00")
    edited = dataclasses.replace(article, body=article.body + "\n\nĐoạn bổ sung.", captions=article.captions[:1])
    saved = archive.save(edited, now="2024-06-05T00:00:00+00:00")
    assert saved.outcome == Outcome.CHANGED
    row = next(archive.db.query("SELECT version, last_changed FROM articles"))
    assert row == {"version": 2, "last_changed": "2024-06-05T00:00:00+00:00"}
    old = next(archive.db.query("SELECT * FROM article_versions"))
    assert old["version"] == 1 and old["body"] == article.body and len(json.loads(old["captions"])) == 2
    assert count(archive, "captions") == 1
    states = history(archive, article.url)
    assert [s["version"] for s in states] == [1, 2]


def test_print_version_without_canonical_becomes_an_alias(archive):
    original = fixture_article("tinhuy-old-portal")
    printed = fixture_article("vn-print-version")
    expected = json.loads((FIXTURES / "vn-print-version.json").read_text())["duplicate_of"]
    archive.save(original)
    saved = archive.save(printed)
    assert saved.outcome == Outcome.ALIAS and count(archive, "articles") == 1
    alias = next(archive.db.query("SELECT * FROM url_aliases"))
    assert alias["url"] == printed.url and archive.article_id_for(printed.url) == archive.article_id_for(expected)


def test_same_title_different_text_is_a_new_article(archive):
    original = fixture_article("tinhuy-old-portal")
    other = dataclasses.replace(original, url=original.url + "-2", body="Một bài hoàn toàn khác. " * 40)
    archive.save(original)
    assert archive.save(other).outcome == Outcome.NEW


def test_redirect_and_tracking_urls_become_aliases(archive):
    article = fixture_article("en-news-article")
    archive.save(article, other_urls=["https://www.example-herald.com/short/123", article.url])
    assert archive.article_id_for("https://www.example-herald.com/short/123") == 1
    assert count(archive, "url_aliases") == 1


def test_related_links_point_to_archived_targets_either_order(archive):
    article = fixture_article("vn-modern-news")
    target_url = article.related[0].url
    archive.save(article)
    target = dataclasses.replace(article, url=target_url, title="Bài đích", body="Nội dung khác hẳn. " * 30,
                                 related=())
    target_id = archive.save(target).article_id
    row = next(archive.db.query("SELECT target_article_id FROM related_links WHERE url = ?", [target_url]))
    assert row["target_article_id"] == target_id


@pytest.mark.parametrize("query", ["cong nhan", "công nhân", "dang", "Đảng", "phó bí thư"])
def test_search_is_accent_insensitive(archive, query):
    archive.save(fixture_article("tinhuy-old-portal"))
    archive.save(fixture_article("en-news-article"))
    results = search(archive, query)
    assert [r["site"] for r in results] == ["tinhuy.example-province.gov.vn"]
    assert results[0]["snippet"]


def test_search_finds_captions_and_filters(archive):
    archive.save(fixture_article("vn-modern-news"))
    assert len(search(archive, '"cat bang"')) == 1
    assert search(archive, '"cat bang"', Filters(site="other.vn")) == []
    assert search(archive, '"cat bang"', Filters(since="2024-07-01")) == []
    assert len(search(archive, '"cat bang"', Filters(since="2024-06-01", until="2024-06-04"))) == 1


def archive_of_broad_matches(archive, count: int = 30) -> None:
    """Every article says "chợ"; the oldest says it most, so only a ranking of every match puts it first."""
    from scraper.models import Article
    archive.save_many(Article(url=f"https://{'a' if n % 2 else 'b'}.vn/tin/{n}.html", title=f"Tin số {n}",
                              body=("Chợ phiên. " * (20 if n == 0 else 1)) + f"Bài thứ {n} về đời sống.")
                      for n in range(count))


def test_a_very_broad_query_ranks_only_the_newest_matches_and_says_so(archive):
    archive_of_broad_matches(archive)
    ids = [r[0] for r in archive.db.execute("SELECT id FROM articles ORDER BY id")]
    newest = search(archive, "cho", limit=50, rank_newest=10)
    assert newest.ranked_newest == 10 and {r["id"] for r in newest} == set(ids[-10:])
    everything = search(archive, "cho", limit=50, rank_newest=None)
    assert everything.ranked_newest is None and len(everything) == 30 and everything[0]["id"] == ids[0]
    narrow = search(archive, "cho", limit=50, rank_newest=100)
    assert narrow.ranked_newest is None and len(narrow) == 30


def test_the_newest_matches_are_counted_within_the_filters(archive):
    archive_of_broad_matches(archive)
    on_a = [r[0] for r in archive.db.execute("SELECT id FROM articles WHERE site = 'a.vn' ORDER BY id")]
    hits = search(archive, "cho", Filters(site="a.vn"), limit=50, rank_newest=10)
    assert hits.ranked_newest == 10 and {r["id"] for r in hits} == set(on_a[-10:])


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "title:", "((("])
def test_malformed_fts_query_is_a_clear_error(archive, query):
    archive.save(fixture_article("vn-modern-news"))
    with pytest.raises(QueryError, match="cannot search"):
        search(archive, query)


def test_filters_never_reach_sql_as_text(archive):
    archive.save(fixture_article("vn-modern-news"))
    hostile = "x' OR 1=1; DROP TABLE articles; --"
    assert list(export_rows(archive, Filters(site=hostile))) == []
    assert count(archive, "articles") == 1


def test_export_round_trip_matches_the_record(archive):
    article = fixture_article("vn-modern-news")
    archive.save(article)
    [row] = list(export_rows(archive))
    record = article.to_dict()
    for field in ("url", "title", "published", "modified", "author", "category", "language", "body", "captions",
                  "related", "is_article"):
        assert row[field] == record[field], field
    assert row["site"] == "baotinh.example.vn" and row["version"] == 1


def test_reparse_updates_in_place_from_stored_pages(archive):
    data, expected, meta = fixture_case(FIXTURES / "vn-modern-news.html")
    page_id = archive.record_page(Response(url=meta["url"], final_url=meta["url"], status=200, body=data))
    stale = dataclasses.replace(extract(data, meta["url"]), title="Old extractor title")
    archive.save(stale, page_id)
    counts = reparse(archive)
    assert counts == {Outcome.CHANGED: 1}
    row = next(archive.db.query("SELECT title, version FROM articles"))
    assert row == {"title": expected["title"], "version": 1}
    assert count(archive, "article_versions") == 0


def test_reparse_applies_each_sites_configured_timezone(archive, tmp_path):
    """A naive page time is read in the site's zone from the sites file, as the crawl read it."""
    from scraper.config import load_sites
    page = (b"<html lang='en'><body><h1>Council approves the new bus routes</h1><p class='date'>March 5, 2024 2:20 pm"
            b"</p><div class='story'>" + b"<p>The council voted on Tuesday to expand the bus network, adding three "
            b"routes and extending evening service after months of hearings.</p>" * 4 + b"</div></body></html>")
    url = "https://gazette.example/2024/03/05/bus-routes"
    archive.save(extract(page, url), archive.record_page(Response(url=url, final_url=url, status=200, body=page)))
    sites_file = tmp_path / "sites.toml"
    sites_file.write_text("[[site]]\nname = 'Gazette'\nstart_urls = ['https://gazette.example/']\n"
                          "timezone = 'America/New_York'\n")
    assert next(archive.db.query("SELECT published FROM articles"))["published"] == "2024-03-05T14:20:00"
    assert reparse(archive, sites=load_sites(sites_file)) == {Outcome.CHANGED: 1}
    assert next(archive.db.query("SELECT published FROM articles"))["published"] == "2024-03-05T14:20:00-05:00"


def test_reparse_leaves_stored_feeds_and_sitemaps_alone(archive):
    """The crawl stores the feeds and sitemaps it read; they are not articles on a reparse either."""
    feed = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Báo Demo</title>"
            + "".join(f"<item><title>Tin số {i} về hội nghị tổng kết công tác năm của tỉnh</title>"
                      f"<link>http://a.vn/tin-{i}.html</link><description>Ủy ban nhân dân tỉnh tổ chức hội nghị tổng "
                      f"kết công tác năm, với sự tham dự của đại diện các sở, ban, ngành.</description></item>"
                      for i in range(20)) + "</channel></rss>").encode()
    sitemap = (b"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
               + b"".join(f"<url><loc>http://a.vn/tin-{i}.html</loc></url>".encode() for i in range(20)) + b"</urlset>")
    for url, body in (("http://a.vn/rss.xml", feed), ("http://a.vn/sitemap.xml", sitemap)):
        archive.record_page(Response(url=url, final_url=url, status=200, body=body,
                                        content_type="application/xml"))
    assert reparse(archive) == {} and count(archive, "articles") == 0


def test_pages_keep_compressed_raw_bytes_and_validators(archive):
    body = b"<html>" + b"a" * 10_000 + b"</html>"
    archive.record_page(Response(url="http://a.vn/x", status=200, body=body, etag='"e1"', last_modified="Mon"))
    archive.record_page(Response(url="http://a.vn/x", status=200, body=body, etag='"e1"', last_modified="Mon"))
    row = next(archive.db.query("SELECT size, length(body) AS stored, sha256 FROM pages"))
    assert count(archive, "pages") == 1 and row["size"] == len(body) and row["stored"] < len(body) // 10
    assert archive.validators("http://a.vn/x") == ('"e1"', "Mon")
    assert next(archive.stored_pages())[1].body == body


def test_gone_article_is_marked_not_erased(archive):
    article = fixture_article("vn-modern-news")
    archive.save(article)
    assert archive.mark_gone(article.url, now="2024-07-01T00:00:00+00:00")
    assert next(archive.db.query("SELECT deleted_at FROM articles"))["deleted_at"] == "2024-07-01T00:00:00+00:00"


def test_failed_write_rolls_back_everything(archive, monkeypatch):
    article = fixture_article("vn-modern-news")

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")
    monkeypatch.setattr(archive, "_write_related", broken)
    with pytest.raises(StoreError, match="rolled back"):
        archive.save(article)
    assert count(archive, "articles") == 0 and count(archive, "articles_fts") == 0


def test_read_only_database_gives_store_error_and_keeps_data(archive):
    archive.save(fixture_article("vn-modern-news"))
    archive.db.execute("PRAGMA query_only = 1")
    with pytest.raises(StoreError, match="cannot be written"):
        archive.save(fixture_article("en-news-article"))
    assert count(archive, "articles") == 1


def test_old_schema_is_migrated_without_data_loss(db_path):
    """A database made by an older release (only the first migration) opens and keeps its rows."""
    from sqlite_utils import Database
    db = Database(db_path)
    MIGRATIONS.ensure_migrations_table(db)
    with db.atomic():
        m001_initial(db)
        MIGRATIONS._record_applied(db, "m001_initial")
        db.execute("INSERT INTO articles(url, site, title, published, body, content_hash, first_seen, last_seen) "
                   "VALUES ('http://a.vn/x', 'a.vn', 'Cũ', '2018-05-31T23:30:00+07:00', 'Thân bài cũ ở Ðà Nẵng', "
                   "'h', 't', 't')")
    db.conn.close()
    with Archive(db_path) as archive:
        row = next(archive.db.query("SELECT title, published_month FROM articles"))
        assert row == {"title": "Cũ", "published_month": "2018-05"}, "the page's own month, not UTC's"
        assert [m.name for m in MIGRATIONS.applied(archive.db)] == [m.name for m in MIGRATIONS._migrations]
        assert len(search(archive, "than bai")) == 1
        assert len(search(archive, "da nang")) == len(search(archive, "Đà Nẵng")) == 1, "the eth folds like Đ"


def test_stats_counts(archive):
    archive.save(fixture_article("vn-modern-news"))
    result = stats(archive)
    assert result["articles"] == 1 and result["sites"][0]["site"] == "baotinh.example.vn"


def test_not_article_is_not_stored(archive):
    listing = fixture_article("vn-listing-page")
    assert archive.save(listing).outcome == Outcome.NOT_ARTICLE and count(archive, "articles") == 0


def test_children_and_fts_follow_caption_changes(archive):
    article = fixture_article("vn-modern-news")
    archive.save(article)
    edited = dataclasses.replace(article, captions=(Caption("https://x/y.jpg", "Chú thích mới toanh"),),
                                 related=(RelatedLink("https://baotinh.example.vn/a-1", "Một"),))
    archive.save(edited)
    assert len(search(archive, "toanh")) == 1 and search(archive, '"cat bang"') == []
    assert count(archive, "articles_fts") == count(archive, "articles") == 1, "one index row after the edit"


def test_save_many_applies_the_same_rules_as_save(archive):
    original = fixture_article("tinhuy-old-portal")
    printed = fixture_article("vn-print-version")
    modern = fixture_article("vn-modern-news")
    edited = dataclasses.replace(modern, body=modern.body + "\n\nThêm một đoạn.")
    results = archive.save_many([original, modern, printed, edited, fixture_article("vn-listing-page")])
    assert [r.outcome for r in results] == [Outcome.NEW, Outcome.NEW, Outcome.ALIAS, Outcome.CHANGED,
                                            Outcome.NOT_ARTICLE]
    assert count(archive, "articles") == 2 and count(archive, "article_versions") == 1
    assert count(archive, "articles_fts") == 2 and len(search(archive, '"cat bang"')) == 1
    assert count(archive, "captions") == 3 + 2 and count(archive, "fts_deferred") == 0


def page(url: str) -> Response:
    return Response(url=url, status=200, body=b"<p>x</p>")


def test_a_batch_holds_its_pages_until_it_ends_then_commits_them_together(archive, db_path):
    reader = sqlite3.connect(db_path)
    with archive.batch():
        for n in range(3):
            archive.record_page(page(f"https://a.vn/{n}"))  # each method's own batch is a savepoint inside
        assert reader.execute("SELECT count(*) FROM pages").fetchone()[0] == 0  # not visible before the commit
    assert reader.execute("SELECT count(*) FROM pages").fetchone()[0] == 3


def test_a_nested_batch_that_fails_rolls_back_only_itself_when_caught(archive):
    with archive.batch():
        archive.record_page(page("https://a.vn/kept"))
        with pytest.raises(sqlite3.OperationalError):
            with archive.batch():
                archive.record_page(page("https://a.vn/lost"))
                archive.db.execute("INSERT INTO no_such_table VALUES (1)")
    assert [r[0] for r in archive.db.execute("SELECT url FROM pages")] == ["https://a.vn/kept"]


def test_a_failing_batch_rolls_back_whole_as_a_store_error(archive):
    with pytest.raises(StoreError, match="rolled back"):
        with archive.batch():
            archive.record_page(page("https://a.vn/1"))
            with archive.batch():
                archive.db.execute("INSERT INTO no_such_table VALUES (1)")
    assert count(archive, "pages") == 0 and not archive.db.conn.in_transaction


def test_a_write_lock_held_elsewhere_is_a_store_error(archive, db_path):
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, e.g. a second tool on the same archive
    archive.db.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreError, match="cannot be written"), archive.batch():
            pass
    finally:
        other.execute("ROLLBACK")
    assert not archive.db.conn.in_transaction
