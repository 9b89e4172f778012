"""Titles as the page shows them and published times in the page's own offset, rule by rule (more published times:
test_published.py)."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from scraper import extract
from scraper.extract.dates import parse_date
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
    ("<meta property='article:published_time' content='Sat, 02 May 2020 02:54:00 GMT'>",
     "<h6><a href='/city'>City</a> <span>5/1/2020 22:54</span></h6>", "2020-05-01T22:54:00-04:00"),
])
def test_a_utc_published_time_takes_the_offset_the_page_shows(meta, shown, expected):
    """Same instant, the page's own offset: analysts group by the day the page's readers saw. A shown time
    that is not a whole hour (or a real zone's fraction) away is some other moment, and a bare day no clock. The
    shown time may sit in an unmarked line by the headline."""
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
    ("Chelsea beat Spurs", "Chelsea beat Spurs » match report, all the goals and the players' ratings",
     "Chelsea beat Spurs"),
    ("<span class='dachzeile'>After the derby</span> Chelsea beat Tottenham at last",
     "Derby day: Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last"),
    ("<span class='kicker'>Derby day</span> Chelsea beat Tottenham at last",
     "Derby day - Chelsea beat Tottenham at last", "Derby day - Chelsea beat Tottenham at last"),
    ("Chelsea beat Tottenham at last in a battling win", "Chelsea beat Tottenham at last",
     "Chelsea beat Tottenham at last in a battling win"),
    ("<span>Chelsea beat Tottenham at last</span> <small class='article-subtitle'>The Blues are back</small>",
     "Chelsea beat Tottenham at last", "Chelsea beat Tottenham at last"),
])
def test_the_headline_as_the_page_shows_it_without_what_og_title_adds(h1, og, expected):
    """The shown <h1> wins when og:title holds it whole around a section, kicker, site name or a longer social
    wording, or when it goes on where og:title stops (unless the further words are a subtitle set apart inside
    it); an h1 that is a mere fragment (a kicker) or worded otherwise leaves og:title in place. A kicker
    inside the h1 is not the headline, unless og:title carries it too."""
    html = page(f"<h1>{h1}</h1>" + article_body(ENGLISH), head=f"<meta property='og:title' content='{og}'>",
                lang="en")
    assert extract(html, "https://n.com/chelsea-beat-tottenham", now=NOW).title == expected


@pytest.mark.parametrize("head, shown, expected", [
    ("<meta property='og:title' content='Council approves the new bridge - Die Neue Riverside Herald Zeitung'>", "",
     "Council approves the new bridge"),
    ("<meta name='headline' content='Council approves the new bridge'>"
     "<meta property='og:title' content='Council approves the new bridge-Local politics|Herald'>", "",
     "Council approves the new bridge"),
    ("<meta property='og:title' content=\"Council's new bridge - what it costs\">",
     "<h1>Council’s new bridge – what it costs</h1>", "Council’s new bridge – what it costs"),
    ("<title>市政府批准新桥建设计划-河畔日报</title>", "", "市政府批准新桥建设计划"),
    ("<title>市政府批准新桥建设计划-河畔日报</title>",
     "<p class='story-title'>市政府批准新桥建设计划</p><div class='share__title'>市政府批准新桥建设计划-河畔日报</div>",
     "市政府批准新桥建设计划"),
])
def test_the_site_name_leaves_the_title_however_it_is_joined(head, shown, expected):
    """A last part holding the host's name, a suffix that a shorter declared title gives away, an unspaced
    join in Chinese, also when a share box repeats the whole <title> for social networks (it is not the
    headline shown); and the shown heading's typographic quotes and dashes over metadata's plain ones."""
    html = page(shown + article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://www.riverside-herald.com/council-approves-bridge", now=NOW).title == expected


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


def test_a_utf8_page_written_with_combining_tone_marks_reads_like_a_composed_one():
    """Some Vietnamese editors save decomposed text (a letter, then its tone mark): the part of the day, the
    title and the related block's heading must read as they do in composed text."""
    related = "<div><b>Các tin khác:</b><br><a href='/tin/hoi-nghi-1.html'>Hội nghị sơ kết</a><br></div>"
    html = page("<h1>Khánh thành cầu mới</h1><p class='date'>10/05/2024 04:00 chiều</p>" + article_body() + related)
    record = extract(unicodedata.normalize("NFD", html).encode("utf-8"), "http://a.vn/x-1234.html", now=NOW)
    assert (record.title, record.published) == ("Khánh thành cầu mới", "2024-05-10T16:00:00+07:00")
    assert [r.title for r in record.related] == ["Hội nghị sơ kết"] and "Các tin khác" not in record.body


def test_a_headline_with_entities_escaped_twice_comes_out_decoded():
    escaped = "Chi&amp;#7871;n l&amp;#432;&amp;#7907;c m&#7899;i cho t&amp;#7881;nh"
    html = page(f"<h1>{escaped}</h1>" + article_body(), head=f"<title>{escaped}</title>")
    assert extract(html, "http://a.vn/x-1234.html", now=NOW).title == "Chiến lược mới cho tỉnh"


GERMAN = ("Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern: drei neue Linien und längere "
          "Abendfahrten, nach Monaten öffentlicher Anhörungen, Petitionen und einer langen Debatte über die Kosten.")


def test_a_utc_time_on_a_page_in_a_one_zone_language_is_shown_in_that_zone_and_a_naive_one_stays_naive():
    """German news is published in one zone: 23:30 UTC is the next morning for the page's readers. A time
    without a zone names no instant, and the language alone does not make it one."""
    utc = "<meta property='article:published_time' content='2018-12-31T23:30:00+00:00'>"
    html = page("<h1>Ins neue Jahr</h1>" + article_body(GERMAN), head=utc, lang="de")
    assert extract(html, "https://n.de/ins-neue-jahr", now=NOW).published == "2019-01-01T00:30:00+01:00"
    naive = "<meta property='article:published_time' content='2018-12-31T23:30:00'>"
    html = page("<h1>Ins neue Jahr</h1>" + article_body(GERMAN), head=naive, lang="de")
    assert extract(html, "https://n.de/ins-neue-jahr", now=NOW).published == "2018-12-31T23:30:00"


@pytest.mark.parametrize("lang, url, expected", [
    ("de", "https://n.de/meldungen/29-10-2021", "2021-10-29T00:00:00"),
    ("de", "https://n.de/meldungen/05-03-2021-neue-linien", "2021-03-05T00:00:00"),
    ("en-US", "https://n.com/news/05-03-2021/bus-network", "2021-05-03T00:00:00"),
    ("de", "https://n.de/meldungen/31-31-2021", None),
])
def test_a_date_with_the_year_last_in_the_url_is_read_in_the_pages_order(lang, url, expected):
    html = page("<p>Stadt</p>" + article_body(GERMAN if lang == "de" else ENGLISH), lang=lang)
    assert extract(html, url, now=NOW).published == expected


def test_when_the_headline_stands_apart_the_date_line_next_to_the_text_is_the_published_date():
    """The page's only <h1> titles a sidebar after the article: the date sits just above the article's text."""
    partners = "".join(f"<li>Partner {n}</li>" for n in range(50))
    html = page("<div class='news'><span>01.02.2022</span> <span>Kategorie: Sport</span>" + article_body(GERMAN, 8)
                + f"</div><div class='side'><h1>Unsere Partner</h1><ul>{partners}</ul></div>",
                head="<title>Unsere Partner - Verband</title>", lang="de")
    assert extract(html, "https://n.de/aktuelles/lesen?id=1", now=NOW).published == "2022-02-01T00:00:00"


def test_an_xhtml_page_in_british_english_writes_the_day_first():
    html = (f"<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='en-GB'><head><meta charset='utf-8'></head><body>"
            f"<h1>Bus network grows again</h1><p class='date'>05/03/2019</p>{article_body(ENGLISH)}</body></html>")
    assert extract(html, "https://n.co.uk/bus-network", now=NOW).published == "2019-03-05T00:00:00"


def test_escaped_entities_in_structured_data_are_decoded():
    head = ("<meta property='og:title' content='&amp;#8216;Tiêu đề&amp;#8217; &amp; more'>"
            "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"name\": \"Trần &amp; Lê\"}}"
            "</script>")
    article = extract(page(article_body(), head), "http://a.vn/x-1234.html")
    assert (article.title, article.author) == ("‘Tiêu đề’ & more", "Trần; Lê")  # two people


def test_a_date_widget_with_its_day_month_and_year_in_adjacent_spans_is_read():
    widget = ("<div class='date'><span class='month'>Apr</span> <span class='day'>04</span>"
              "<span class='year'>2013</span></div>")
    html = page("<h1>Ins neue Jahr</h1>" + widget + article_body(GERMAN), lang="de")
    assert extract(html, "https://n.de/ins-neue-jahr", now=NOW).published == "2013-04-04T00:00:00"


@pytest.mark.parametrize("state", [
    '<script>var shop = {"title": "Bohnen", "published_at": "2019-03-02T06:22:28+01:00"};</script>',
    '<div data-state="{&quot;publishedAt&quot;:&quot;2019-03-02T06:22:28+01:00&quot;}"></div>',
    '<script>window.__STATE__ = JSON.parse("{\\"datePublished\\":\\"2019-03-02T06:22:28+01:00\\"}");</script>',
])
def test_a_page_that_states_its_date_only_in_its_application_state_takes_it_from_there(state):
    html = page("<h1>Ins neue Jahr</h1>" + article_body(GERMAN) + state, lang="de")
    assert extract(html, "https://n.de/ins-neue-jahr", now=NOW).published == "2019-03-02T06:22:28+01:00"


def test_the_headline_is_the_articles_heading_not_a_breadcrumb_or_teaser_repeating_it():
    """A breadcrumb's last item and a 'most read' teaser show the title before the <h1>: the date is read next to
    the heading the article stands under, not next to the teaser's."""
    chrome = ("<nav class='crumbs'><a href='/'>Start</a> <span>Ins neue Jahr</span></nav>"
              "<aside><h2><a href='/ins-neue-jahr'>Ins neue Jahr</a></h2><p>03.02.2019</p></aside>")
    html = page(chrome + "<h1>Ins neue Jahr</h1><p>05.03.2020</p>" + article_body(GERMAN),
                head="<title>Ins neue Jahr</title>", lang="de")
    assert extract(html, "https://n.de/ins-neue-jahr", now=NOW).published == "2020-03-05T00:00:00"


def test_a_page_without_h1_whose_minor_heading_says_what_the_title_says_has_that_headline():
    """No <h1>, no og:title: a site-wide <h2> (the institution's name, longer than the headline) is no headline
    when an <h4> shows the <title>'s words by themselves."""
    html = page("<h2>Science News Service of the Universities</h2><div class='main'><h4>Bus batteries last longer</h4>"
                + article_body(ENGLISH) + "</div>", head="<title>Bus batteries last longer</title>", lang="en")
    assert extract(html, "https://n.org/news/4411", now=NOW).title == "Bus batteries last longer"


def test_a_heading_only_screen_readers_see_is_not_the_headline():
    """Accessible pages open with a visually hidden heading over their skip links: a reader never sees it, so it
    never is the headline."""
    html = page("<h2 class='sr-only'>Skip links and keyboard shortcuts of this site</h2>" + article_body(ENGLISH),
                head="<title>Library reopens - City Campus</title>", lang="en")
    assert extract(html, "https://n.org/campus/library", now=NOW).title == "Library reopens"


_DRAFT_LD = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
             "\"datePublished\": \"2022-01-04T07:29:00Z\"}</script>")


@pytest.mark.parametrize("head, shown, expected", [
    (_DRAFT_LD + "<meta property='article:published_time' content='2022-01-06T08:29:34+01:00'>",
     "<div class='article-info'>06.01.2022</div>", "2022-01-06T08:29:34+01:00"),
    (_DRAFT_LD + "<meta property='article:published_time' content='2022-01-06T08:29:34+01:00'>",
     "", "2022-01-04T08:29:00+01:00"),
    (_DRAFT_LD + "<meta name='date' content='2022-01-05'>",
     "<div class='issue-date'>Ausgabe vom 05.01.2022</div>", "2022-01-04T08:29:00+01:00"),
])
def test_when_stated_published_times_disagree_the_one_the_page_shows_wins(head, shown, expected):
    """A JSON-LD block left from a draft says one day, the article's tag and its byline another: the reader saw
    the byline's. Nothing shown: the first stated stays. A print edition's bare day never displaces a moment."""
    html = page("<h1>Bus network grows again</h1>" + shown + article_body(ENGLISH), head=head, lang="de")
    assert extract(html, "https://n.com/bus-network-grows-again", now=NOW).published == expected


@pytest.mark.parametrize("written, expected", [
    ("19 ноября 2019, 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19 листопада 2019, 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19 listopada 2019 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19. listopadu 2019 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19 Kasım 2019 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19. marraskuuta 2019 klo 15.30", datetime(2019, 11, 19, 15, 30)),
    ("19 Νοεμβρίου 2019, 15:30", datetime(2019, 11, 19, 15, 30)),
    ("19 noiembrie 2019, 15:30", datetime(2019, 11, 19, 15, 30)),
    ("3 Şubat 2020", datetime(2020, 2, 3)),
    ("3 Março 2020", datetime(2020, 3, 3)),
    ("١٩ نوفمبر ٢٠١٩", datetime(2019, 11, 19)),  # Arabic-Indic digits
    ("2019. november 19. 15:30", datetime(2019, 11, 19, 15, 30)),
    ("2019年11月19日 午後3時30分", datetime(2019, 11, 19, 15, 30)),
    ("2019년 11월 19일 오전 9:05", datetime(2019, 11, 19, 9, 5)),
    ("19.11.2019 um 15:30 Uhr MEZ", datetime(2019, 11, 19, 15, 30, tzinfo=timezone(timedelta(hours=1)))),
    ("11/19/2019 15:30", None),  # day-first: no 19th month
    ("الثلاثاء 19 نوفمبر 2019 10:30 م", datetime(2019, 11, 19, 22, 30)),  # evening
    ("19/11/2562 15:30", datetime(2019, 11, 19, 15, 30)),  # Thai pages count the Buddhist era
])
def test_dates_in_more_languages_and_scripts(written: str, expected: datetime | None):
    """Month names of Slavic, Turkic, Finnic, Greek, Romance and Arabic news, East Asian year-month-day with the
    half of the day before the time, Hungarian's year first, German zone abbreviations."""
    assert parse_date(written) == expected


def test_a_readers_comment_dated_by_a_date_classed_element_is_not_the_published_time():
    """The byline's date is unmarked; the comments under the article mark theirs: the story's is the byline's."""
    comments = "".join(f"<div class='comment-item'><b>Reader {n}</b><span class='comment-date'>12.03.2021, 2{n}:15"
                       "</span><p>I agree.</p></div>" for n in range(3))
    html = page("<h1>Bus network grows again</h1><div class='row'><span>12.03.2021, 09:40</span></div>"
                + article_body(ENGLISH) + f"<section id='comments'>{comments}</section>", lang="pl")
    assert extract(html, "https://n.pl/bus-network-grows-again", now=NOW).published == "2021-03-12T09:40:00"


@pytest.mark.parametrize("html_title, expected", [
    ("Council approves the new bridge - Local News - Riverside Herald", "Council approves the new bridge"),
    ("Council approves the new bridge | Video | The Daily Post", "Council approves the new bridge"),
    ("Council approves the new bridge - Riverside Herald | Latest news", "Council approves the new bridge"),
    ("Riverside Herald: Council approves the new bridge", "Council approves the new bridge"),
    ("Tỉnh phê duyệt dự án cầu mới - Tin tức - Cổng thông tin điện tử tỉnh Bình Phước",
     "Tỉnh phê duyệt dự án cầu mới"),
    ("Riverside Herald awards: Council approves the new bridge",
     "Riverside Herald awards: Council approves the new bridge"),  # a topic that names the brand is the headline's
])
def test_a_title_without_a_heading_loses_the_site_its_tagline_and_the_section_label(html_title: str, expected: str):
    """With only a <title>, the site's name goes wherever it stands (also a portal's self-description), and so do
    the tagline after it and the section's short label before it."""
    html = page(article_body(ENGLISH), head=f"<title>{html_title}</title><meta property='og:site_name' "
                "content='The Daily Post'>", lang="en")
    assert extract(html, "https://www.riverside-herald.com/news/council-approves-bridge", now=NOW).title == expected


@pytest.mark.parametrize("h1", [
    "Council approves<br>the new bridge",
    "<span class='sr-only'>Article title: </span>Council approves the new bridge",
    "Council approves the new bridge<button>Share</button>",
    "Council approves the new bridge <svg><title>Bookmark icon</title></svg>",
])
def test_the_headline_reads_as_shown_with_line_breaks_and_without_buttons_or_screen_reader_labels(h1: str):
    head = "<title>Council approves the new bridge | Herald</title>"
    html = page(f"<h1>{h1}</h1>" + article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://herald.example.com/council-approves-bridge", now=NOW).title \
        == "Council approves the new bridge"


def test_a_separator_escaped_twice_in_the_title_still_parts_the_headline_from_the_site():
    head = "<title>Council approves the new bridge &amp;#8211; Riverside Herald</title>"
    html = page(article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://herald.example.com/council-approves-bridge", now=NOW).title \
        == "Council approves the new bridge"


def test_a_part_spelling_the_hosts_name_is_the_site_even_where_og_site_name_says_otherwise():
    """A template that fills og:site_name with the headline would leave the site's name as the title."""
    head = ("<meta property='og:title' content='Council approves the new bridge | BBC'>"
            "<meta property='og:site_name' content='Council approves the new bridge'>")
    html = page(article_body(ENGLISH), head=head, lang="en")
    assert extract(html, "https://www.bbc.com/news/council-approves-bridge", now=NOW).title \
        == "Council approves the new bridge"


@pytest.mark.parametrize("steps, expected", [
    ('{"position": 1, "name": "Trang chủ", "item": "https://a.vn/"}, '
     '{"position": 3, "name": "Giao thông", "item": "https://a.vn/thoi-su/giao-thong.htm"}, '
     '{"position": 2, "name": "Thời sự", "item": "https://a.vn/thoi-su.htm"}', "Giao thông"),  # by position
    ('{"position": 1, "name": "Startseite", "item": "https://a.vn/"}, '
     '{"position": 2, "item": {"@id": "https://a.vn/panorama", "name": "Panorama"}}, '
     '{"position": 3, "name": "Bus network", "item": "https://a.vn/tin/bus-network-1234.html"}', "Panorama"),
    ('{"position": 1, "name": "Home"}, {"position": 2, "name": "Council approves the new bridge over the river"}',
     None),  # only the home page and a headline
])
def test_the_category_is_the_last_step_of_a_structured_breadcrumb_before_the_article(steps: str, expected):
    """A JSON-LD BreadcrumbList names the section where the page shows none: its last step that is neither the
    home page (in the site's language) nor the article itself (its address, or a name as long as a headline)."""
    head = ("<script type='application/ld+json'>{\"@type\": \"BreadcrumbList\", \"itemListElement\": [" + steps
            + "]}</script>")
    article = extract(page("<h1>Bus network</h1>" + article_body(), head=head),
                      "https://a.vn/tin/bus-network-1234.html")
    assert article.category == expected
