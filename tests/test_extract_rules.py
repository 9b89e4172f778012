"""The extractor's field rules on small pages written for each rule."""
from __future__ import annotations

import time
import unicodedata
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from helpers import cp1258_bytes
from scraper import ExtractionError, extract
from scraper.extract.dates import parse_date

NOW = datetime(2024, 7, 1, tzinfo=timezone.utc)
PARAGRAPH = ("Sáng ngày 10/5, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, với sự tham dự của "
             "đại diện các sở, ban, ngành và địa phương trong toàn tỉnh, cùng nhiều đại biểu khách mời.")
ENGLISH = ("The council voted on Tuesday to expand the bus network, adding three routes and extending evening "
           "service, after months of public hearings, petitions and a long debate about the cost to taxpayers.")


def page(body: str, head: str = "", lang: str = "vi") -> str:
    return f"<html lang='{lang}'><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def article_body(paragraph: str = PARAGRAPH, n: int = 4) -> str:
    return "<div class='content'>" + "".join(f"<p>{paragraph} ({i})</p>" for i in range(n)) + "</div>"


@pytest.mark.parametrize("text, expected", [
    ("11.5.2018 - 14:53", datetime(2018, 5, 11, 14, 53)),
    ("Thứ Năm, 21/02/2019 - 10:15", datetime(2019, 2, 21, 10, 15)),
    ("Ngày 15/08/2023 | 09:30", datetime(2023, 8, 15, 9, 30)),
    ("10:05 | 07/12/2026", datetime(2026, 12, 7, 10, 5)),  # the minutes are no day, "12/20" no year
    ("Ngày 07 tháng 12 năm 2026 lúc 16 giờ 05", datetime(2026, 12, 7, 16, 5)),  # a government portal's hour
    ("Senin, 07 Des 2026 10:05", datetime(2026, 12, 7, 10, 5)),  # Indonesian, Russian, Ukrainian abbreviations
    ("7 дек. 2026 10:05", datetime(2026, 12, 7, 10, 5)),
    ("07 груд. 2026, 10:05", datetime(2026, 12, 7, 10, 5)),
    ("ngày 10 tháng 5 năm 2018", datetime(2018, 5, 10)),
    ("Tue 5 Mar 2024 14.20 GMT", datetime(2024, 3, 5, 14, 20, tzinfo=timezone.utc)),
    ("March 5, 2024 2:20 pm", datetime(2024, 3, 5, 14, 20)),
    ("Tue, 05 Mar 2024 14:20:00 +0000", datetime(2024, 3, 5, 14, 20, tzinfo=timezone.utc)),
    ("2024-03-05T14:20:00Z", datetime(2024, 3, 5, 14, 20, tzinfo=timezone.utc)),
    ("publiziert am 25. September 2018", datetime(2018, 9, 25)),
    ("5 de setembro de 2018", datetime(2018, 9, 5)),
    ("12 février 2019 à 10h30", datetime(2019, 2, 12, 10, 30)),
    ("3. März 2020", datetime(2020, 3, 3)),
    ("14 Agustus 2020", datetime(2020, 8, 14)),
    ("Sunday, October 13th, 2019", datetime(2019, 10, 13)),
    ("November 19, 2019, 07:47 PM EST", datetime(2019, 11, 19, 19, 47, tzinfo=timezone(timedelta(hours=-5)))),
    ("Updated: Jun 4, 2019 12:05 a.m. ET", datetime(2019, 6, 4, 0, 5, tzinfo=ZoneInfo("America/New_York"))),
    ("10:15 ICT, 04/03/2019", datetime(2019, 3, 4, 10, 15, tzinfo=timezone(timedelta(hours=7)))),
    ("Mar 4, 2019 CT scan results", datetime(2019, 3, 4)),  # no time: a zone-like word is not a zone
    ("19.1.2023, 10:00-11:30 Uhr", datetime(2023, 1, 19, 10, 0)),  # hours of an event, not a -11:30 offset
    ("15/08/2023 08:00 – 10:30", datetime(2023, 8, 15, 8, 0)),
    ("26 | 01 | 2022", datetime(2022, 1, 26)),  # a template's bars between the parts
    ("no date here", None),
    ("31/02/2024", None),
    ("12 Blahblah 2019", None),
])
def test_date_formats(text, expected):
    assert parse_date(text) == expected


def test_gmt_offset_in_text_is_kept():
    value = parse_date("03/06/2024 08:15 (GMT+7)")
    assert value.isoformat() == "2024-06-03T08:15:00+07:00"


def test_vietnamese_naive_time_gets_vietnam_offset():
    html = page("<h1>Tiêu đề bài viết về hội nghị</h1><div class='date'>11.5.2018 - 14:53</div>" + article_body())
    assert extract(html, "http://a.vn/tin/bai-viet-1234.html", now=NOW).published == "2018-05-11T14:53:00+07:00"


def test_header_today_line_is_never_published():
    html = page("<div class='DateToday'>Hôm nay, ngày 21 tháng 2 năm 2019</div><h1>Tiêu đề bài viết</h1>"
                + article_body())
    assert extract(html, "http://a.vn/tin/bai-viet-1234.html", now=NOW).published is None


@pytest.mark.parametrize("url, expected", [
    ("https://news.example/2019/03/05/bridge-opens/", "2019-03-05T00:00:00"),
    ("https://news.example/news/2019-03-05-bridge-opens.html", "2019-03-05T00:00:00"),
    ("https://news.example/2019/13/05/bridge-opens/", None),  # no 13th month
    ("https://news.example/tin/bridge-opens-20190305", None),  # digits, not a dated path
])
def test_the_day_in_the_url_is_the_last_resort(url, expected):
    article = extract(page("<h1>Bridge opens to traffic</h1>" + article_body(ENGLISH), lang="en"), url, now=NOW)
    assert article.published == expected


def test_future_date_is_rejected():
    head = "<meta property='article:published_time' content='2031-01-01T00:00:00Z'>"
    shown = "<h1>Headline of a story</h1><time datetime='2024-02-01T10:00:00Z'>1 Feb</time>"
    html = page(shown + article_body(ENGLISH), head, lang="en")
    assert extract(html, "https://n.com/2024/story-about-things", now=NOW).published == "2024-02-01T10:00:00+00:00"


def test_site_timezone_overrides_language():
    html = page("<h1>Headline</h1><span class='posted-on'>5 March 2024 10:00</span>" + article_body(ENGLISH), lang="en")
    article = extract(html, "https://n.com/a/story-of-the-day", timezone_name="Europe/London", now=NOW)
    assert article.published == "2024-03-05T10:00:00+00:00"


def test_windows_1258_decomposed_text_becomes_nfc():
    html = page(f"<h1>Tin tức</h1><div class='content'><p>Hòa bình {PARAGRAPH}</p><p>{PARAGRAPH}</p></div>")
    data = cp1258_bytes(html).replace(b"charset='utf-8'", b"charset='windows-1258'")
    assert "Hòa".encode("utf-8") not in data
    body = extract(data, "http://a.vn/tin/x-1234.html").body
    assert body.startswith("Hòa bình Sáng ngày 10/5, Ủy ban") and unicodedata.is_normalized("NFC", body)


def test_http_charset_wins_over_meta_and_a_lying_one_is_dropped():
    html = page(article_body()).replace("charset='utf-8'", "charset='iso-8859-1'")
    assert "Ủy ban" in extract(html.encode("utf-8"), "http://a.vn/x-1234.html", encoding="utf-8").body
    assert "Ủy ban" in extract(html.encode("utf-8"), "http://a.vn/x-1234.html", encoding="utf-16").body


@pytest.mark.parametrize("header", ["iso-8859-1", "windows-1252", "windows-1258", "us-ascii"])
def test_utf8_bytes_under_a_servers_legacy_default_charset_stay_utf8(header):
    """Apache's AddDefaultCharset ISO-8859-1 in front of UTF-8 pages: bytes that are valid UTF-8 beyond ASCII are
    UTF-8 (text in a single-byte charset practically never is), so the header's label is not believed."""
    text = "Sáng ngày 10/5, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, có các đại biểu dự."
    html = page(article_body(text)).encode("utf-8")
    html.decode("cp1252")  # these bytes are also "valid" windows-1252: only the rule can tell
    assert text in extract(html, "http://a.vn/x-1234.html", encoding=header).body


def test_a_real_windows_1252_page_keeps_its_charset():
    html = page("<h1>Le café</h1>" + article_body("Les élèves sont allés à la plage pendant l’été, au café. " * 4),
                lang="fr").replace("charset='utf-8'", "charset='windows-1252'")
    assert "élèves sont allés" in extract(html.encode("cp1252"), "http://a.fr/x-1234.html", encoding="iso-8859-1").body


def test_nbsp_and_whitespace_are_normalized():
    html = page("<div class='content'><p>Một&nbsp;&nbsp;câu   văn\n dài " + PARAGRAPH + "</p>"
                f"<p>{PARAGRAPH}</p></div>")
    assert "Một câu văn dài" in extract(html, "http://a.vn/x-1234.html").body


def test_caption_from_italic_line_but_never_from_alt_text():
    """alt text describes the picture to those who cannot see it; no reader sees it as a caption."""
    body = (f"<div class='content'><p>{PARAGRAPH}</p><p><img src='/a.jpg'></p><p><em>Chú thích ảnh số một</em></p>"
            f"<p>{PARAGRAPH}</p><p><img src='/b.jpg' alt='Toàn cảnh hội nghị tổng kết'></p><p>{PARAGRAPH}</p></div>")
    article = extract(page(body), "http://a.vn/x-1234.html")
    assert [(c.image_url, c.caption) for c in article.captions] == [("http://a.vn/a.jpg", "Chú thích ảnh số một")]
    assert "Chú thích" not in article.body


def test_caption_inside_the_images_own_block():
    """WordPress's classic caption: the text is a paragraph in the image's wrapper, not an inline tag."""
    body = (f"<div class='entry-content'><p>{ENGLISH}</p><div class='wp-caption aligncenter'><img src='/c.jpg' alt=''>"
            f"<p class='wp-caption-text'>Council members discuss the budget on Tuesday.</p></div><p>{ENGLISH}</p>"
            f"<div class='photo'><img src='/d.jpg'><p>{ENGLISH}</p></div></div>")
    article = extract(page(body, lang="en"), "https://gazette.example/2021/06/09/budget/")
    assert [(c.image_url, c.caption) for c in article.captions] == [
        ("https://gazette.example/c.jpg", "Council members discuss the budget on Tuesday.")]
    assert "Council members" not in article.body
    assert article.body.count("The council voted") == 3  # a paragraph beside an image stays text


@pytest.mark.parametrize("img, expected", [
    ("<img src='data:image/gif;base64,R0l' data-src='/real.jpg'>", "http://a.vn/real.jpg"),
    # only a srcset, with commas inside a CDN URL
    ("<img srcset='https://cdn.a.vn/w_620,h_400/real.jpg 620w, https://cdn.a.vn/w_1240,h_800/real.jpg 1240w'>",
     "https://cdn.a.vn/w_620,h_400/real.jpg"),
    ("<amp-img src='/amp.jpg' width='800' height='450' layout='responsive'></amp-img>", "http://a.vn/amp.jpg"),
])
def test_lazy_or_responsive_image_source_is_used(img, expected):
    body = (f"<div class='content'><p>{PARAGRAPH}</p><figure>{img}<figcaption>Ảnh thật</figcaption></figure>"
            f"<p>{PARAGRAPH}</p></div>")
    assert extract(page(body), "http://a.vn/x-1234.html").captions[0].image_url == expected


@pytest.mark.parametrize("byline, author", [("By Ann Lee · 4 March 2019", "Ann Lee"),
                                            ("By Ann Lee | The Courier", "Ann Lee | The Courier")])
def test_date_in_the_byline_element_is_not_part_of_the_author(byline, author):
    body = f"<p class='byline'>{byline}</p>" + article_body(ENGLISH)
    assert extract(page(body, lang="en"), "https://courier.example/2019/03/04/plan").author == author


def test_title_drops_site_name_and_skips_site_heading():
    head = "<title>Sở Giao thông - Khánh thành cầu mới nối hai huyện</title>"
    body = "<h1 class='site-title'>SỞ GIAO THÔNG</h1><h3>Khánh thành cầu mới nối hai huyện</h3>" + article_body()
    assert extract(page(body, head), "http://a.vn/x-1234.html").title == "Khánh thành cầu mới nối hai huyện"


@pytest.mark.parametrize("head, expected", [
    ("<title>Cổng thông tin điện tử tỉnh Bến Tre</title>", "Triển khai chương trình nông thôn mới"),
    ("", "Triển khai chương trình nông thôn mới"),
    # a page that states its headline keeps it, and its bold first line stays text
    ("<meta property='og:title' content='Nông thôn mới ở Bến Tre'>", "Nông thôn mới ở Bến Tre"),
])
def test_bold_first_line_is_the_headline_when_the_page_shows_no_title(head, expected):
    """Old portals give every page the portal's name as <title> and set the headline in <font><b>."""
    body = ("<table><tr><td><a href='/'>Trang chủ</a><br><a href='/tin-tuc'>Tin tức</a></td><td><font size='4'>"
            "<b>Triển khai chương trình nông thôn mới</b></font><br><font size='2'>" + f"{PARAGRAPH}<br><br>" * 3
            + "</font></td></tr></table>")
    article = extract(page(body, head), "https://bentre.gov.vn/tin-tuc/nong-thon-moi-a1.html")
    assert article.title == expected
    assert article.body.startswith("Triển khai") == (expected != "Triển khai chương trình nông thôn mới")


def test_metadata_rows_and_hit_counters_are_not_text():
    """Joomla's <dl class="article-info"> (its class says "article", which otherwise protects an element), and a
    bare hit counter line."""
    body = ("<div class='item-page'><h2>Hội nghị triển khai nhiệm vụ năm 2020</h2><dl class='article-info'><dt>Chi tiết"
            "</dt><dd class='published'>Thứ năm, 09 Tháng 1 2020 14:20</dd></dl>" + f"<p>{PARAGRAPH}</p>" * 3
            + "<p>Lượt xem: 1.312</p><p>Views differ: 312</p></div>")
    article = extract(page(body), "https://chauthanh.gov.vn/tin-tuc/120-hoi-nghi.html")
    assert not article.body.startswith("Chi tiết") and "Lượt xem" not in article.body
    assert article.body.endswith("Views differ: 312")  # a line that only starts like a counter stays
    assert article.published.startswith("2020-01-09T14:20")


def test_title_part_shown_by_itself_in_a_table_cell():
    """Old portals show the headline in a plain cell, not a heading; the <title> puts the site's name first."""
    head = "<title>Sở Y tế tỉnh Hà Giang - Tăng cường phòng chống dịch sốt xuất huyết</title>"
    body = ("<table><tr><td class='logo'>Sở Y tế tỉnh Hà Giang</td></tr><tr><td class='tieude'>Tăng cường phòng "
            "chống dịch sốt xuất huyết</td></tr><tr><td>" + article_body() + "</td></tr></table>")
    article = extract(page(body, head), "https://syt.hagiang.gov.vn/tin/x-1234.html")
    assert article.title == "Tăng cường phòng chống dịch sốt xuất huyết"
    assert not article.body.startswith("Tăng cường")


@pytest.mark.parametrize("url, og_title, expected", [
    # no heading repeats it: the site's name goes, the headline's own dash and colon stay
    ("https://www.vg247.com/2019/review", "Star Wars Jedi: Fallen Order review – shoots for the moon - VG247",
     "Star Wars Jedi: Fallen Order review – shoots for the moon"),
    ("https://www.vg247.com/2019/review", "Vg247 | Fallen Order review: shoots for the moon",
     "Fallen Order review: shoots for the moon"),
    ("https://blog.example.de/epa", "Die elektronische Patientenakte (ePA) – der lange Marsch ins digitale System",
     "Die elektronische Patientenakte (ePA) – der lange Marsch ins digitale System"),
    ("https://baolaocai.vn/tin/cau-moi-1.html", "Báo Lào Cai - Khánh thành cầu mới nối hai huyện",
     "Khánh thành cầu mới nối hai huyện"),  # the name, with its tone marks, against the host
])
def test_title_from_og_title_drops_only_the_site_name(url, og_title, expected):
    head = f"<meta property='og:title' content='{og_title}'>"
    assert extract(page(article_body(ENGLISH), head, lang="en"), url).title == expected


def test_og_title_shown_whole_keeps_its_own_short_last_part():
    head = "<meta property='og:title' content='Đôn đốc tiến độ cao tốc Bắc - Nam'>"
    body = "<h1>Đôn đốc tiến độ cao tốc Bắc - Nam</h1>" + article_body()
    assert extract(page(body, head), "https://tuoitre.vn/don-doc-2023041217.htm").title == \
        "Đôn đốc tiến độ cao tốc Bắc - Nam"


def test_title_classes_of_a_cms_prefer_the_heading_the_page_is_titled_by():
    """WordPress themes put `entry-title` on archive and sidebar headings too ("Blog" above the post)."""
    head = "<meta name='generator' content='WordPress 5.0'><title>About bugs – Vortex Cannon</title>"
    body = ("<div class='page-title'><h3 class='entry-title'>Blog</h3></div>"
            "<article><h1 class='entry-title'>About bugs</h1><div class='entry-content'>" + article_body(ENGLISH)
            + "</div></article>")
    assert extract(page(body, head, lang="en"), "https://vortex.example/2018/08/about-bugs/").title == "About bugs"


@pytest.mark.parametrize("body, expected", [
    # the date line above the headline, in German
    ("<p class='about'><span>Von</span> <a href='/a/mb'>Moritz Bachmann</a> <span>publiziert am 25. September 2018"
     "</span></p><h1>Die elektronische Patientenakte</h1>", "2018-09-25"),
    # the title in a paragraph classed in Portuguese, the date just under it
    ("<p class='titulo'>Atendimento Domiciliar registra arrombamento</p><small><b>05/10/2018</b> - Publicado por: "
     "Clarissa Borba</small>", "2018-10-05"),
])
def test_date_next_to_the_title_whatever_its_markup(body, expected):
    menu = "<ul>" + "".join(f"<li><a href='/s{i}'>Seção {i}</a></li>" for i in range(60)) + "</ul>"
    head = "<title>Atendimento Domiciliar registra arrombamento</title>"
    article = extract(page(menu + body + article_body(ENGLISH), head, lang="pt"), "https://x.example/noticia/21956",
                      now=NOW)
    assert (article.published or "").startswith(expected)


def test_lead_photo_and_time_in_the_article_header_belong_to_the_article():
    """<header> inside <article> is the article's (headline, lead photo, time); the page's own <header> is chrome."""
    site_header = ("<header><figure><img src='/banner.jpg'><figcaption>Our newsroom in winter light, the banner"
                   "</figcaption></figure><time datetime='2024-06-30T08:00:00Z'>today</time></header>")
    article = (f"<main><article><header><h1>Bus network grows again</h1><time datetime='2024-02-01T10:00:00Z'>1 Feb"
               f"</time><figure><a class='image-link'><img src='/lead.jpg'></a><figcaption>The new route 12 leaves "
               f"the depot</figcaption></figure></header><div class='story'>{article_body(ENGLISH)}</div></article>"
               f"</main>")
    found = extract(page(site_header + article, lang="en"), "https://n.com/2024/bus-network-grows-again", now=NOW)
    assert [(c.image_url, c.caption) for c in found.captions] == [("https://n.com/lead.jpg",
                                                                   "The new route 12 leaves the depot")]
    assert found.published == "2024-02-01T10:00:00+00:00"


@pytest.mark.parametrize("lang, expected", [("en", "2019-05-03"), ("en-US", "2019-05-03"), ("en-GB", "2019-03-05"),
                                            ("en_AU", "2019-03-05"), ("vi", "2019-03-05")])
def test_ambiguous_numeric_dates_follow_the_pages_locale(lang, expected):
    html = page("<h1>Bus network grows again</h1><p class='date'>05/03/2019 10:15</p>" + article_body(ENGLISH),
                lang=lang)
    assert extract(html, "https://n.com/2019/bus-network-grows-again", now=NOW).published.startswith(expected)


def test_logos_and_url_alt_texts_are_not_captions():
    body = ("<div class='content'><figure><img src='/img/print-header-logo.png'>"
            "<figcaption>Houston Chronicle print edition</figcaption></figure>"
            "<p><img src='/photos/1.jpg' alt='https://n.com/2019/new-car-sales-plunge'></p>"
            + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
            + "<figure><img src='/photos/2.jpg'><figcaption>A long row of unsold cars at a dealership"
              "</figcaption></figure></div>")
    found = extract(page(body, lang="en"), "https://n.com/2019/new-car-sales-plunge")
    assert [(c.image_url, c.caption) for c in found.captions] == [
        ("https://n.com/photos/2.jpg", "A long row of unsold cars at a dealership")]


def test_an_article_whose_paragraphs_each_carry_a_link_is_an_article():
    body = "<div class='content'>" + "".join(
        f"<p>{PARAGRAPH} Xem <a href='/tin/van-ban-so-{i}-a20{i}.html'>toàn văn quyết định số {i} của tỉnh</a>.</p>"
        for i in range(8)) + "</div>"
    assert extract(page(body), "https://a.vn/tin/hoi-nghi-a1234.html").is_article


def test_canonical_on_other_site_is_ignored():
    head = "<link rel='canonical' href='https://aggregator.example.com/copy/1'>"
    article = extract(page(article_body(), head), "https://a.vn/tin/x-1234.html?utm_source=fb")
    assert article.url == "https://a.vn/tin/x-1234.html"


@pytest.mark.parametrize("url, body", [
    ("https://a.vn/", "<ul>" + "".join(f"<li><a href='/tin/bai-so-{i}-12{i}.html'>Tiêu đề bài viết số {i} hôm nay"
                                       f"</a><p>Tóm tắt ngắn {i}</p></li>" for i in range(20)) + "</ul>"),
    ("https://a.vn/tim-kiem?q=x", "<form><input name=q></form><p>Không tìm thấy kết quả.</p>"),
    ("https://a.vn/dang-nhap", "<form><input name=user><input type=password></form>"),
    # stories straight under <body>, each with a long summary: the body is the list itself
    ("https://a.vn/kinh-te", "".join(f"<div class='item'><h3><a href='/kinh-te/bai-{i}-a10{i}.html'>Tin kinh tế số "
                                     f"{i} về nông nghiệp</a></h3><p>{PARAGRAPH}</p></div>" for i in range(8))),
])
def test_non_articles(url, body):
    assert extract(page(body), url).is_article is False


def test_english_page_detects_language_and_author_line():
    html = page("<h1>Bus network grows</h1><p class='byline'>By Jane Doe</p>" + article_body(ENGLISH), lang="")
    article = extract(html, "https://n.com/2024/bus-network-grows-again")
    assert (article.language, article.author) == ("en", "Jane Doe")


@pytest.mark.parametrize("line, author", [
    ("By Jane Smith, BBC News", "Jane Smith"),  # read as any byline is: her employer goes, two people are two
    ("BY DANICA KIRKA and JILL LAWLESS", "DANICA KIRKA; JILL LAWLESS"),
    ("By the numbers", None),  # a subheading
])
def test_opening_byline_is_the_author_not_text(line, author):
    body = f"<div class='story'><p>{line}</p>" + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4)) + "</div>"
    article = extract(page(body, lang="en"), "https://news.example/2020/02/16/floods")
    assert article.author == author
    assert article.body.startswith(line) == (author is None)


@pytest.mark.parametrize("data", [b"", b"   ", b"\x00\x01\x02\x03" * 1000, bytes(range(256)) * 40])
def test_empty_or_binary_input_is_a_clear_error(data):
    with pytest.raises(ExtractionError):
        extract(data, "http://a.vn/x")


def test_truncated_and_broken_markup_still_gives_a_record():
    html = page(article_body())[:-60] + "<div><p><b>unclosed"
    article = extract(html, "http://a.vn/x-1234.html")
    assert PARAGRAPH[:40] in article.body


def test_pathological_nesting_and_links_finish_quickly():
    deep = "<div>" * 100_000 + "text" + "</div>" * 100_000
    links = "".join(f"<a href='/p{i}'>link {i}</a>" for i in range(100_000))
    for html in (page(deep), page(links + article_body())):
        started = time.monotonic()
        extract(html, "http://a.vn/x-1234.html", with_links=True)
        assert time.monotonic() - started < 20


def test_span_inside_a_long_paragraph_after_an_image_is_not_a_caption():
    body = (f"<div class='content'><p><img src='/a.jpg'> {PARAGRAPH} <span>nhấn mạnh</span> {PARAGRAPH}</p>"
            f"<p>{PARAGRAPH}</p></div>")
    article = extract(page(body), "http://a.vn/x-1234.html")
    assert all(c.caption != "nhấn mạnh" for c in article.captions) and "nhấn mạnh" in article.body
