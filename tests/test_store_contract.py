"""The store contract, once for each backend: the same records on SQLite and on a real PostgreSQL server.

Dedup (canonical URL, aliases, print versions by content), versions, related-link targets, pages and their
validators, gone articles, atomic batches, migrations from an empty database, and the frontier's claims.
"""
from __future__ import annotations

import dataclasses
import json
import time

import pytest

from helpers import FIXTURES, fixture_case
from scraper import extract
from scraper.pipeline import reparse
from test_store import fixture_article
from scraper.config import CrawlConfig
from scraper.errors import StoreError
from scraper.models import Response
from scraper.store import Outcome
from scraper.models import Caption
from scraper.store.backend import open_archive, open_frontier, search
from scraper.store.queries import Filters

NOW = "2024-06-03T00:00:00+00:00"
LATER = "2024-06-05T00:00:00+00:00"


@pytest.fixture
def store(store_target):
    with open_archive(store_target) as opened:
        yield opened


def rows(store, sql: str, params=()) -> list[dict]:
    """A query's rows as dicts on either backend (`?` placeholders)."""
    if store.engine == "postgresql":
        cursor = store.conn.execute(sql.replace("?", "%s"), params)
    else:
        cursor = store.db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def count(store, table: str) -> int:
    return rows(store, f"SELECT count(*) AS n FROM {table}")[0]["n"]


def test_one_article_per_canonical_url_and_unchanged_only_moves_last_seen(store):
    article = fixture_article("vn-modern-news")
    first, second = store.save(article, now=NOW), store.save(article, now=LATER)
    assert (first.outcome, second.outcome) == (Outcome.NEW, Outcome.UNCHANGED)
    row = rows(store, "SELECT version, first_seen, last_seen, title, body FROM articles")[0]
    assert (row["version"], row["first_seen"], row["last_seen"]) == (1, NOW, LATER)
    assert (row["title"], row["body"]) == (article.title, article.body)
    assert (count(store, "articles"), count(store, "captions"), count(store, "related_links")) == (
        1, len(article.captions), len(article.related))


def test_changed_content_keeps_the_old_state_as_a_version(store):
    article = fixture_article("vn-modern-news")
    store.save(article, now=NOW)
    edited = dataclasses.replace(article, body=article.body + "\n\nĐoạn bổ sung.", captions=article.captions[:1])
    assert store.save(edited, now=LATER).outcome == Outcome.CHANGED
    assert rows(store, "SELECT version, last_changed FROM articles") == [{"version": 2, "last_changed": LATER}]
    old = rows(store, "SELECT version, body, captions, seen_at, replaced_at FROM article_versions")[0]
    assert (old["version"], old["body"], old["seen_at"], old["replaced_at"]) == (1, article.body, NOW, LATER)
    assert [c["caption"] for c in json.loads(old["captions"])] == [c.caption for c in article.captions]
    assert count(store, "captions") == 1


def test_a_print_version_is_an_alias_of_its_article_by_content(store):
    original, printed = fixture_article("tinhuy-old-portal"), fixture_article("vn-print-version")
    expected = json.loads((FIXTURES / "vn-print-version.json").read_text())["duplicate_of"]
    store.save(original)
    assert store.save(printed).outcome == Outcome.ALIAS and count(store, "articles") == 1
    assert store.article_id_for(printed.url) == store.article_id_for(expected)
    assert store.save(printed).outcome == Outcome.ALIAS  # an alias's content never overwrites its article


def test_redirects_are_aliases_and_same_title_other_text_is_new(store):
    article = fixture_article("en-news-article")
    saved = store.save(article, other_urls=["https://www.example-herald.com/short/123", article.url])
    assert store.article_id_for("https://www.example-herald.com/short/123") == saved.article_id
    other = dataclasses.replace(article, url=article.url + "-2", body="Something else entirely. " * 40)
    assert store.save(other).outcome == Outcome.NEW and count(store, "url_aliases") == 1


def test_related_links_point_to_archived_targets_in_either_order(store):
    article = fixture_article("vn-modern-news")
    first_target, second_target = article.related[0].url, article.related[1].url
    early = store.save(dataclasses.replace(article, url=first_target, title="Bài đích", related=(),
                                           body="Nội dung khác hẳn. " * 30)).article_id
    store.save(article)
    store.alias_all([second_target], early, "print-version")
    links = rows(store, "SELECT url, target_article_id FROM related_links")
    targets = {r["url"]: r["target_article_id"] for r in links}
    assert targets[first_target] == early and targets[second_target] == early


def test_a_refreshed_related_box_is_rewritten_in_place_without_a_version(store):
    article = fixture_article("vn-modern-news")
    store.save(article, now=NOW)
    refreshed = dataclasses.replace(article, related=article.related[1:])
    assert store.save(refreshed, now=LATER).outcome == Outcome.UNCHANGED
    assert [r["url"] for r in rows(store, "SELECT url FROM related_links ORDER BY position")] == \
        [link.url for link in article.related[1:]]
    assert count(store, "article_versions") == 0 and rows(store, "SELECT version FROM articles") == [{"version": 1}]


def test_pages_keep_bytes_and_validators_and_a_304_touches_them(store):
    page = Response(url="https://a.vn/x", final_url="https://a.vn/x", status=200, content_type="text/html",
                    charset="utf-8", etag='"v1"', last_modified="Mon, 03 Jun 2024 00:00:00 GMT",
                    body=b"<html>hello</html>", headers=(("ETag", '"v1"'),))
    with store.batch():
        first = store.record_page(page)
        assert store.record_page(page) == first  # the same bytes again refresh the row
    assert store.validators("https://a.vn/x") == ('"v1"', "Mon, 03 Jun 2024 00:00:00 GMT")
    assert store.touch_page("https://a.vn/x") == first
    assert rows(store, "SELECT status FROM pages") == [{"status": 304}]
    [(page_id, stored)] = list(store.stored_pages())
    assert (page_id, stored.body, stored.headers) == (first, page.body, page.headers)


def test_reparse_rewrites_articles_in_place_from_their_stored_pages(store):
    data, expected, meta = fixture_case(FIXTURES / "vn-modern-news.html")
    page_id = store.record_page(Response(url=meta["url"], final_url=meta["url"], status=200, body=data))
    store.save(dataclasses.replace(extract(data, meta["url"]), title="Old extractor title"), page_id)
    assert reparse(store) == {Outcome.CHANGED: 1}
    assert rows(store, "SELECT title, version FROM articles") == [{"title": expected["title"], "version": 1}]
    assert count(store, "article_versions") == 0


def test_a_gone_article_is_marked_not_erased(store):
    article = fixture_article("en-news-article")
    store.save(article)
    assert store.mark_gone(article.url, now=LATER) and not store.mark_gone("https://nowhere.example/x")
    assert rows(store, "SELECT deleted_at FROM articles") == [{"deleted_at": LATER}]


def test_a_failing_batch_rolls_back_whole_as_a_store_error(store):
    article = fixture_article("en-news-article")
    with pytest.raises(StoreError):
        with store.batch():
            store.save(article)
            store.record_page(Response(url=None, body=b"x"))  # url is NOT NULL
    assert count(store, "articles") == 0 and count(store, "pages") == 0


def test_an_empty_database_is_migrated_and_reopening_changes_nothing(store_target):
    with open_archive(store_target) as first:
        first.save(fixture_article("en-news-article"))
    with open_archive(store_target) as again:
        assert count(again, "articles") == 1


def test_search_weighs_title_over_captions_over_body_and_folds_accents(store):
    """One word in the title, in a caption's credit, in the body only: found in that order on both engines,
    accent-insensitively (`duong` finds `Đường`, with the eth look-alike too)."""
    base = fixture_article("en-news-article")
    filler = "Nothing here is about the matter at hand. " * 30
    placed = {"title": dataclasses.replace(base, url=base.url + "-t", title="Đường mới", body=filler, captions=()),
              "caption": dataclasses.replace(base, url=base.url + "-c", title="Other news", body=filler,
                                             captions=(Caption("https://x.example/1.jpg", "A road", "Ðường Văn"),)),
              "body": dataclasses.replace(base, url=base.url + "-b", title="More news", captions=(),
                                          body=filler + " The đường opened today.")}
    for article in placed.values():
        store.save(article)
    hits = search(store, "duong", Filters(), 10, None)
    assert [hit["url"] for hit in hits] == [placed[where].url for where in ("title", "caption", "body")]
    assert [c["credit"] for c in hits[1]["captions"]] == ["Ðường Văn"]


def frontier_rows(*urls: str, site: str = "a.vn") -> list[dict]:
    return [{"url": url, "site": site, "kind": "article", "depth": 1, "priority": 1, "found_on": None}
            for url in urls]


def test_the_frontier_claims_due_urls_once_and_remembers_their_state(store):
    frontier = open_frontier(store, [], CrawlConfig(delay=0.0))
    try:
        now = time.time()
        run = frontier.start_run({"sites": ["a.vn"]}, 1, now)
        with store.batch():
            assert frontier.add(frontier_rows("https://a.vn/1", "https://a.vn/2")) == 2
            assert frontier.add(frontier_rows("https://a.vn/1")) == 0
        first = frontier.next_for("a.vn", now)
        assert first.url == "https://a.vn/1"
        assert frontier.next_for("a.vn", now, exclude={first.url}).url == "https://a.vn/2"
        with store.batch():
            frontier.finish(first.url, "done", now, run)
        frontier.finish_run(run, {"fetched": 1}, 0, now)
        assert {r["url"]: r["state"] for r in rows(store, "SELECT url, state FROM frontier")} == {
            "https://a.vn/1": "done", "https://a.vn/2": "pending"}
        assert rows(store, "SELECT fetched, exit_status FROM crawl_runs") == [{"fetched": 1, "exit_status": 0}]
    finally:
        frontier.close()
