"""Every saved page gives exactly the record its JSON states (fixture README's comparison rules)."""
from __future__ import annotations

import pytest

from helpers import fixture_case, fixture_pages
from scraper import extract
from scraper.extract.encoding import charset_from_content_type
from scraper.text import clean_text

EXACT_FIELDS = ("url", "is_article", "title", "published", "modified", "author", "language", "article_links")


def _paragraphs(body: str) -> list[str]:
    return [clean_text(p) for p in body.split("\n\n")]


def _extract(page):
    data, expected, meta = fixture_case(page)
    article = extract(data, meta["url"], encoding=charset_from_content_type(meta.get("content_type")))
    return article.to_dict(), expected


@pytest.mark.parametrize("page", fixture_pages(), ids=lambda p: p.stem)
def test_fixture_fields(page):
    got, expected = _extract(page)
    for field in EXACT_FIELDS:
        if field in expected:
            assert got.get(field) == expected[field], field
    if expected.get("category") is not None:
        assert (got["category"] or "").lower() == expected["category"].lower()
    if "body" in expected:
        assert _paragraphs(got["body"]) == _paragraphs(expected["body"])


@pytest.mark.parametrize("page", fixture_pages(), ids=lambda p: p.stem)
def test_fixture_captions_and_related(page):
    got, expected = _extract(page)
    for field in ("captions", "related"):
        if field in expected:
            assert got[field] == expected[field], field


@pytest.mark.parametrize("page", fixture_pages(), ids=lambda p: p.stem)
def test_captions_never_in_body(page):
    got, _ = _extract(page)
    for caption in got["captions"]:
        assert caption["caption"] not in got["body"]


@pytest.mark.parametrize("page", fixture_pages(), ids=lambda p: p.stem)
def test_generic_path_without_profiles_keeps_body(page):
    """Profiles are hints: with none loaded, the generic heuristics still find the same body."""
    data, expected, meta = fixture_case(page)
    article = extract(data, meta["url"], encoding=charset_from_content_type(meta.get("content_type")), profiles=())
    if expected.get("body"):
        assert _paragraphs(article.body) == _paragraphs(expected["body"])
    assert article.published == expected.get("published", article.published)
