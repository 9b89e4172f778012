"""Titles as the page shows them and published times in the page's own offset, on pages written for each rule."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import ENGLISH, NOW, article_body, page


@pytest.mark.parametrize("meta, shown, expected", [
    ("<meta property='article:published_time' content='2020-05-02T02:54:29+00:00'>",
     "<p class='byline-date'>May 1, 2020 10:54 PM</p>", "2020-05-01T22:54:29-04:00"),
    ("<meta property='article:published_time' content='2020-05-02T02:54:29Z'>"
     "<meta itemprop='datePublished' content='2020-05-01T22:54:29-04:00'>", "", "2020-05-01T22:54:29-04:00"),
    ("<meta property='article:published_time' content='2020-05-02T02:54:29+00:00'>",
     "<p class='byline-date'>Updated May 2, 2020 3:24 AM</p>", "2020-05-02T02:54:29+00:00"),
    ("<meta property='article:published_time' content='2020-05-02T02:54:29+00:00'>",
     "<p class='byline-date'>May 2, 2020</p>", "2020-05-02T02:54:29+00:00"),
])
def test_a_utc_published_time_takes_the_offset_the_page_shows(meta, shown, expected):
    """Same instant, the page's own offset: analysts group by the day the page's readers saw. A shown time
    that is not a whole hour (or a real zone's fraction) away is some other moment, and a bare day no clock."""
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), head=meta, lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


def test_a_utc_published_time_on_a_vietnamese_page_is_given_in_vietnams_offset():
    meta = "<meta property='article:published_time' content='2024-05-10T16:30:00+00:00'>"
    html = page("<h1>Khánh thành cầu mới</h1>" + article_body(), head=meta)
    assert extract(html, "http://a.vn/x-1234.html", now=NOW).published == "2024-05-10T23:30:00+07:00"


@pytest.mark.parametrize("h1, og, expected", [
    ("Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last | Sport", "Chelsea beat Tottenham at last"),
    ("Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last-Sportㅣ한국일보",
     "Chelsea beat Tottenham at last"),
    ("Chelsea beat Tottenham at last", "Derby day: Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last"),
    ("Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last in a battling win",
     "Chelsea beat Tottenham at last"),
    ("Derby day", "Derby day: Chelsea beat Tottenham at last in a battling win over their rivals",
     "Derby day: Chelsea beat Tottenham at last in a battling win over their rivals"),
    ("Chelsea win the derby", "Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last"),
])
def test_the_headline_as_the_page_shows_it_without_what_og_title_adds(h1, og, expected):
    """The shown <h1> wins when og:title holds it whole around a section, kicker, site name or a longer social
    wording; an h1 that is a mere fragment (a kicker) or worded otherwise leaves og:title in place."""
    html = page(f"<h1>{h1}</h1>" + article_body(ENGLISH), head=f"<meta property='og:title' content='{og}'>",
                lang="en")
    assert extract(html, "https://n.com/chelsea-beat-tottenham", now=NOW).title == expected


@pytest.mark.parametrize("written, expected", [
    ("10/05/2024 11:05 tối", "2024-05-10T23:05:00+07:00"),
    ("10/05/2024 04:00 chiều", "2024-05-10T16:00:00+07:00"),
    ("10/05/2024 9:15 sáng", "2024-05-10T09:15:00+07:00"),
    ("10/05/2024 1:30 trưa", "2024-05-10T13:30:00+07:00"),
    ("10/05/2024 11:00 đêm", "2024-05-10T23:00:00+07:00"),
    ("10/05/2024 2:00 đêm", "2024-05-10T02:00:00+07:00"),
])
def test_vietnamese_parts_of_the_day_are_read(written, expected):
    html = page(f"<h1>Khánh thành cầu mới</h1><p class='date'>{written}</p>" + article_body())
    assert extract(html, "http://a.vn/x-1234.html", now=NOW).published == expected


def test_a_headline_with_entities_escaped_twice_comes_out_decoded():
    escaped = "Chi&amp;#7871;n l&amp;#432;&amp;#7907;c m&#7899;i cho t&amp;#7881;nh"
    html = page(f"<h1>{escaped}</h1>" + article_body(), head=f"<title>{escaped}</title>")
    assert extract(html, "http://a.vn/x-1234.html", now=NOW).title == "Chiến lược mới cho tỉnh"


@pytest.mark.parametrize("byline, expected", [
    ("Ann Lee and Bob Tran", "Ann Lee; Bob Tran"),
    ("Monika Bolliger und Anna Trechsel", "Monika Bolliger; Anna Trechsel"),
    ("Jasper Riemann, Barbara Schneider", "Jasper Riemann; Barbara Schneider"),
    ("Greg Beacham, AP Sports Writer", "Greg Beacham, AP Sports Writer"),
    ("Nguyễn Văn A và Trần Thị B", "Nguyễn Văn A; Trần Thị B"),
    ("NLD.COM.VN", None),
    ("Tin Tỉnh", None),
    ("Nld", "Nld"),
])
def test_several_bylines_are_joined_and_the_publisher_is_no_author(byline, expected):
    html = page("<h1>Khánh thành cầu mới</h1>" + article_body(),
                head=f"<meta name='author' content='{byline}'><meta property='og:site_name' content='Tin Tỉnh'>")
    assert extract(html, "https://nld.com.vn/x-1234.html", now=NOW).author == expected
