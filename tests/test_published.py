"""Published times: zones the page states elsewhere, stated days and their shown moments, other systems' stamps,
update stamps, and how long ago a byline says."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import ENGLISH, NOW, article_body, page

_NAIVE_LD = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
             "\"datePublished\": \"2024-05-01 10:00:00\"}</script>")


def test_a_published_time_stated_without_a_zone_takes_the_zone_shown_beside_the_same_clock_time():
    head = "<meta property='article:published_time' content='2024-05-01T10:00:00'>"
    for shown, expected in [("1 May 2024, 10:00 CEST", "2024-05-01T10:00:00+02:00"),
                            ("1 May 2024, 11:00 CEST", "2024-05-01T10:00:00")]:  # another moment: no evidence
        html = page(f"<h1>Bus network grows again</h1><p class='date'>{shown}</p>" + article_body(ENGLISH), head=head,
                    lang="en")
        assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


@pytest.mark.parametrize("evidence, expected", [
    ("<meta property='article:published_time' content='2024-05-01T10:00:00+02:00'>", "2024-05-01T10:00:00+02:00"),
    ("<meta name='pubdate' content='2024-05-01T08:00:00Z'>", "2024-05-01T10:00:00+02:00"),
    ("<meta name='pubdate' content='2024-05-01T08:17:00Z'>", "2024-05-01T10:00:00"),  # no whole hour: another moment
])
def test_a_published_time_stated_without_a_zone_takes_it_from_another_stated_time(evidence: str, expected: str):
    html = page("<h1>Bus network grows again</h1>" + article_body(ENGLISH), head=_NAIVE_LD + evidence, lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


@pytest.mark.parametrize("head, shown, expected", [
    ("<meta property='article:published_time' content='2024-05-01'>", "<p class='date'>1 May 2024, 10:00</p>",
     "2024-05-01T10:00:00"),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-05-01\"}</script>",
     "<time datetime='2024-05-01T10:00:00+02:00'>1 May 2024</time>", "2024-05-01T10:00:00+02:00"),
    ("<meta property='article:published_time' content='2024-05-01'>", "<p class='date'>2 May 2024, 10:00</p>",
     "2024-05-01T00:00:00"),  # another day: the stated day stays
    ("", "<div class='article-meta'><span>Published</span> <span>01.05.2024</span> <span>10:00</span></div>",
     "2024-05-01T10:00:00"),  # dotted: the day first, on an English page too
])
def test_a_stated_day_takes_the_moment_shown_on_it_and_dotted_dates_put_the_day_first(head, shown, expected):
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


@pytest.mark.parametrize("head, shown, expected", [
    ("<meta name='cXenseParse:recs:publishtime' content='2024-05-01T10:00:00+02:00'>", "", "2024-05-01T10:00:00+02:00"),
    ("<meta name='citation_publication_date' content='2024/05/01'>", "", "2024-05-01T00:00:00"),
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"dateCreated\": \"2024-05-01T10:00:00Z\"}"
     "</script>", "", "2024-05-01T10:00:00+00:00"),
    ("<meta name='publication_date' content='2024-04-30T10:00:00+02:00'>",
     "<time datetime='2024-05-01T10:00:00+02:00'>1 May</time>", "2024-05-01T10:00:00+02:00"),
])
def test_the_publication_stamps_of_other_systems_are_read_where_nothing_else_dates_the_page(head, shown, expected):
    """cXense, Google Scholar and JSON-LD's creation time date a page that states no usual stamp; what the page
    shows comes first."""
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


def test_a_byline_that_opens_with_the_update_gives_the_published_part():
    shown = "<p class='byline'>Updated May 3, 2024 · Published May 1, 2024 10:00 AM</p>"
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == "2024-05-01T10:00:00"


@pytest.mark.parametrize("said, expected", [
    ("By Ann Lee · 2 hours ago", "2024-06-30T22:00:00+00:00"),
    ("Ann Lee · vor 3 Stunden", "2024-06-30T21:00:00+00:00"),
    ("3 giờ trước", "2024-06-30T21:00:00+00:00"),
    ("By Ann Lee · 12 days ago", None),  # older than a week: a site writes the date; no guess
])
def test_a_byline_saying_how_long_ago_dates_the_story_from_the_fetch(said: str, expected: str | None):
    html = page(f"<h1>Bus network grows again</h1><p class='byline'>{said}</p>" + article_body(ENGLISH), lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


def test_a_stated_date_comes_before_how_long_ago_and_a_stored_page_is_dated_from_its_fetch():
    from scraper.models import Response
    from scraper.parse import extract_response
    html = page("<h1>Bus network grows again</h1><p class='byline'>By Ann Lee · 2 hours ago</p>"
                + article_body(ENGLISH), lang="en")
    stored = Response("https://n.com/bus-network-grows-again", status=200, body=html.encode(),
                      fetched_at="2023-03-01T12:00:00+00:00")
    assert extract_response(stored).published == "2023-03-01T10:00:00+00:00"
    dated = html.replace("2 hours ago", "2 hours ago</p><p class='date'>1 May 2024, 10:00")
    assert extract(dated, "https://n.com/bus-network-grows-again", now=NOW).published == "2024-05-01T10:00:00"


@pytest.mark.parametrize("stamp, lang", [
    ("Aktualisiert: 02.05.2024, 10:00 Uhr", "de"), ("Stand: 02.05.2024, 10:00", "de"),
    ("Mis à jour le 02/05/2024 à 10h00", "fr"), ("Last updated 2 May 2024, 10:00", "en"),
    ("Actualizado: 02/05/2024 10:00", "es"), ("Dernière mise à jour le 02/05/2024 à 10h00", "fr"),
])
def test_an_update_stamp_in_other_languages_is_not_the_published_time(stamp: str, lang: str):
    shown = f"<p class='date'>{stamp}</p><p class='date'>01.05.2024, 08:00</p>"
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), lang=lang)
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == "2024-05-01T08:00:00"


@pytest.mark.parametrize("time_element, expected", [
    ("<time datetime='2024-05-01T08:00:00.000Z'>May 1, 2024 at 4:00 a.m. EDT</time>", "2024-05-01T04:00:00-04:00"),
    ("<time datetime='2024-05-01T08:00:00Z'>1 May 2024, 10:00</time>", "2024-05-01T10:00:00+02:00"),
    ("<time datetime='2024-05-01T08:00:00Z'>1 May 2024</time>", "2024-05-01T08:00:00+00:00"),  # no clock shown
])
def test_a_time_elements_utc_value_takes_the_offset_its_text_shows(time_element: str, expected: str):
    """With no stated published time in the head, a `<time>` whose value is UTC and whose text shows the local
    clock dates the story in the page's offset, as a stated UTC time does."""
    html = page(f"<h1>Bus network grows again</h1><p>By Ann Lee {time_element}</p>" + article_body(ENGLISH),
                lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


def test_a_video_pages_upload_date_dates_it_when_nothing_else_does():
    """A video page states when its video went up (schema.org's uploadDate) and often nothing else; a date the
    page shows comes first (an embedded clip may be older than the story)."""
    video = ("<script type='application/ld+json'>{\"@type\": \"VideoObject\", \"name\": \"Bus network grows\", "
             "\"uploadDate\": \"2024-04-20T09:00:00+02:00\"}</script>")
    html = page("<h1>Bus network grows again</h1>" + article_body(ENGLISH), head=video, lang="en")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == "2024-04-20T09:00:00+02:00"
    shown = page("<h1>Bus network grows again</h1><p class='byline'>By Ann Lee, May 1, 2024 10:00</p>"
                 + article_body(ENGLISH), head=video, lang="en")
    assert extract(shown, "https://n.com/bus-network-grows-again", now=NOW).published == "2024-05-01T10:00:00"


def test_a_modified_time_stated_in_utc_is_given_in_the_offset_the_published_time_is_shown_in():
    """Both stamps stated in UTC, the byline showing the local clock: the change is told on the same clock as the
    publication, so that an analyst compares like with like."""
    stated = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": "
              "\"2024-05-01T08:05:00+00:00\", \"dateModified\": \"2024-05-01T09:30:00+00:00\"}</script>")
    html = page("<h1>Bus network grows again</h1><p class='date'>01/05/2024 15:05</p>" + article_body(), head=stated)
    article = extract(html, "https://a.vn/bus-network-grows-again-1234.html", now=NOW)
    assert (article.published, article.modified) == ("2024-05-01T15:05:00+07:00", "2024-05-01T16:30:00+07:00")
