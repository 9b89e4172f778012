"""`scraper serve` without a browser: its JSON API, its refusal to write, and a crawl writing while it serves."""
from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request

import pytest

from browser import served
from scraper.models import Article
from scraper.store import Archive


@pytest.fixture(scope="module")
def server(demo_archive):
    with served(demo_archive) as url:
        yield url


def api_rows(url: str, query: str) -> list:
    with urllib.request.urlopen(f"{url}/archive/articles.json?_shape=array&_size=max&{query}", timeout=10) as r:
        return json.load(r)


def test_the_json_api_searches_too_and_a_word_in_no_article_finds_none(server, demo_archive):
    assert api_rows(server, "_search=xyzzy") == []
    found = api_rows(server, "_search=%C3%90a+khoa")  # Ða with the eth, as legacy converters write Đ
    assert found and all("Đa khoa" in row["title"] for row in found)


def test_nothing_can_be_written(server):
    request = urllib.request.Request(f"{server}/archive/captions_mentioning?word=x", data=b"word=x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405


def test_what_a_crawl_writes_while_serving_shows_at_once(demo_archive, tmp_path):
    live = tmp_path / "archive.db"
    shutil.copy(demo_archive, live)
    with served(live) as url:
        before = len(api_rows(url, ""))
        with Archive(live) as archive:
            archive.save(Article(url="https://baotinh.example.vn/tin-moi-a1.html", title="Tin mới",
                                 published="2024-06-01T08:00:00+07:00", body="Một đoạn tin vừa được lưu."))
        assert len(api_rows(url, "")) == before + 1
