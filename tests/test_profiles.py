"""Site profiles: CSS selectors as hints, loaded from data, and cheap to ask on pages they do not fit."""
from __future__ import annotations

import pytest

from scraper import extract
from scraper.errors import ProfileError
from scraper.extract.dom import raw_length, raw_text
from scraper.extract.page import parse_page
from scraper.extract.profiles import profile_from_dict
from test_extract_rules import PARAGRAPH, page


def test_named_profile_applies_without_matching():
    html = page("<div class='x-body'><p>" + PARAGRAPH + "</p></div><div class='ArticleBody'><p>Đoạn riêng của hồ sơ, "
                "chỉ lấy khi hồ sơ được chọn theo tên trong cấu hình của trang.</p></div>")
    forced = extract(html, "http://a.vn/x-1234.html", profile_name="dotnetnuke-news")
    assert forced.body.startswith("Đoạn riêng của hồ sơ")


PROFILE = profile_from_dict({"name": "t", "selectors": {
    "title": [".headline h1", "#story-title"],
    "author": ["span[itemprop=author]", ".byline"],  # a bare attribute value: no word to look for
    "category": ["a:not(.home)"],  # matches by absence: never skipped
    "body": ["article"],
}})


@pytest.mark.parametrize("field, markup, expected", [
    ("title", "<div class='headline'><h1>Tiêu đề</h1></div>", ["Tiêu đề"]),
    ("title", "<h2 id='story-title'>Tiêu đề</h2>", ["Tiêu đề"]),
    ("title", "<h1 class='other'>Tiêu đề</h1>", []),
    ("author", "<span itemprop='author'>Ann Lee</span>", ["Ann Lee"]),
    ("category", "<a href='/x'>Thời sự</a>", ["Thời sự"]),
    ("body", "<article><p>Nội dung</p></article>", ["Nội dung"]),
])
def test_a_selector_finds_its_elements_and_the_word_precheck_never_hides_one(field, markup, expected):
    found = PROFILE.select(parse_page(page(markup), "http://a.vn/x"), field)
    assert [raw_text(e) for e in found] == expected


def test_selector_words_are_required_only_when_every_alternative_names_one():
    """Each alternative needs all its words ('.headline h1' needs the class 'headline'); an attribute's value
    ('[itemprop=author]') is looked for in the source, a class or id among the page's markers."""
    assert PROFILE.selector_words["title"] == (((True, "headline"),), ((True, "story-title"),))
    assert PROFILE.selector_words["author"] == (((False, "author"),), ((True, "byline"),))
    assert "category" not in PROFILE.selector_words and "body" not in PROFILE.selector_words


def test_a_profile_is_ruled_out_only_when_no_alternative_has_all_its_words_in_the_page():
    """A class word only in a script or a text is no class on the page: the markers are what is searched."""
    profile = profile_from_dict({"name": "wp", "match_any": ["article.post .entry-content"]})
    with_both = parse_page(page("<article class='post'><div class='entry-content'><p>x</p></div></article>"),
                           "http://a.vn/x")
    post_only = parse_page(page("<article class='post'><div class='content'><p>x entry-content</p></div>"
                                "<script>var c = 'entry-content';</script></article>"), "http://a.vn/x")
    assert profile.hints == (((True, "entry-content"), (True, "post")),)
    assert profile.matches(with_both) and not profile.matches(post_only)


def test_an_invalid_selector_is_a_profile_error():
    with pytest.raises(ProfileError, match="invalid selector"):
        profile_from_dict({"name": "bad", "selectors": {"title": ["h1[["]}})


def test_raw_length_counts_characters_as_python_does():
    tree = parse_page(page("<div>Ảnh: <b>TTXVN</b> — 日本語 😀<p>x</p></div>"), "http://a.vn/x").tree
    for element in tree.iter():
        assert raw_length(element) == len(raw_text(element))
