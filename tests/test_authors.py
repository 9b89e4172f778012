"""Authors: a byline's people in page order, without prefixes, roles, dates, contacts or the publisher."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import ENGLISH, NOW, article_body, page


@pytest.mark.parametrize("byline, expected", [
    ("Ann Lee and Bob Tran", "Ann Lee; Bob Tran"),
    ("Monika Bolliger und Anna Trechsel", "Monika Bolliger; Anna Trechsel"),
    ("Jasper Riemann, Barbara Schneider", "Jasper Riemann; Barbara Schneider"),
    ("Greg Beacham, AP Sports Writer", "Greg Beacham"),
    ("Phóng viên Nguyễn Văn A", "Nguyễn Văn A"),
    ("By Jane Roe - 11/18/19 11:04 PM EST", "Jane Roe"),
    ("Bài: Nguyễn Văn A; Ảnh: Trần Văn B", "Nguyễn Văn A"),
    ("Ảnh: Trần Văn B", None),
    ("Nguyễn Văn A và Trần Thị B", "Nguyễn Văn A; Trần Thị B"),
    ("NLD.COM.VN", None),
    ("Tin Tỉnh", None),
    ("Nld", "Nld"),
])
def test_several_bylines_are_joined_and_the_publisher_is_no_author(byline, expected):
    html = page("<h1>Khánh thành cầu mới</h1>" + article_body(),
                head=f"<meta name='author' content='{byline}'><meta property='og:site_name' content='Tin Tỉnh'>")
    assert extract(html, "https://nld.com.vn/x-1234.html", now=NOW).author == expected


@pytest.mark.parametrize("author, expected", [("Báo Tỉnh", None), ("Nguyễn Văn A", "Nguyễn Văn A")])
def test_the_publisher_named_in_structured_data_is_no_author(author: str, expected: str | None):
    """A page without og:site_name still names its publisher in its structured data (or as its web app's
    name): a byline saying that name is the site's, not a person's."""
    data = ('{"@type": "NewsArticle", "headline": "Khánh thành cầu mới", "author": {"name": "%s"}, '
            '"publisher": {"@type": "Organization", "name": "Báo Tỉnh"}}' % author)
    html = page("<h1>Khánh thành cầu mới</h1>" + article_body(),
                head=f"<script type='application/ld+json'>{data}</script>")
    assert extract(html, "https://baotinh.example.vn/x-1234.html", now=NOW).author == expected


@pytest.mark.parametrize("written, expected", [("By GREG BEACHAM, AP Sports Writer", "GREG BEACHAM"),
                                               ("Analysis by Chris Cillizza", "Chris Cillizza"),
                                               ("Bài và ảnh: Minh Khang", "Minh Khang")])
def test_byline_prefixes_are_dropped_from_structured_authors(written, expected):
    head = f"<script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"author\": \"{written}\"}}</script>"
    assert extract(page(article_body(), head), "http://a.vn/x-1234.html").author == expected


@pytest.mark.parametrize("byline, lang, expected", [
    ("<p class='byline'>By Ann Lee, Bob Tran and Cy Young</p>", "en", "Ann Lee; Bob Tran; Cy Young"),
    ("<p class='byline'>By ANN LEE, Associated Press</p>", "en", "ANN LEE"),
    ("<div class='author'>Reporting by Ann Lee; Editing by Bob Tran</div>", "en", "Ann Lee"),
    ("<p class='byline'>By Ann Lee · 5 min read</p>", "en", "Ann Lee"),
    ("<div class='author-wrap'><div class='author-name'><b>Mai Chi</b></div><time>Thứ hai, 07/12/2026 - 21:40</time>"
     "</div>", "vi", "Mai Chi"),  # the time a dash set apart from its date is no name either
    ("<div class='author'>Ann Lee<br><small>Senior correspondent</small></div>", "en", "Ann Lee"),
    ("<div class='author'>Letters to the Editor</div>", "en", "Letters to the Editor"),
    ("<span class='byline'>Von Anna Schmidt und Max Muster -</span>", "de", "Anna Schmidt; Max Muster"),
    ("<span class='auteur'>Par Jean Dupont</span>", "fr", "Jean Dupont"),
    ("<span class='autor'>Por María López y Juan Pérez</span>", "es", "María López; Juan Pérez"),
    ("<p class='author'>PV</p>", "vi", None),
    ("<p class='author'>Nhóm PV</p>", "vi", None),  # a group of reporters is no one's name
    ("<p class='author'>Theo TTXVN</p>", "vi", None),  # where the story came from ("according to")
    ("<p class='author'>Theo Báo Chính phủ</p>", "vi", None),
    ("<p class='author'>Minh Khang - Thu Hà</p>", "vi", "Minh Khang; Thu Hà"),
    ("<p class='author'>Minh Khang (TTXVN)</p>", "vi", "Minh Khang"),  # the employer in brackets
    ("<p class='author'>Thu Hà (tổng hợp)</p>", "vi", "Thu Hà"),  # "compiled": a note, not a name
    ("<p class='author'>Minh Khang / VOV-Tây Bắc</p>", "vi", "Minh Khang"),
    ("<p class='author'>Bài, ảnh: Minh Khang</p>", "vi", "Minh Khang"),  # text and pictures by her
    ("<div class='recipe-author'>Recipe shared from the profile page of reader annlee</div>"
     "<div class='author-box'>Ann Lee</div>", "en", "Ann Lee"),
])
def test_bylines_of_many_shapes_and_languages_give_the_people_alone(byline: str, lang: str, expected: str | None):
    """Prefixes in other languages, three names, an employer or a role after the name (a line below it too),
    the reading time and who edited the story go; a role without a name is no author, nor is a label too long for
    names; "Editor" closing a title is not a role."""
    html = page("<h1>Council approves the new bridge</h1>" + byline + article_body(ENGLISH), lang=lang)
    assert extract(html, "https://n.com/council-approves-bridge", now=NOW).author == expected


def test_the_comment_forms_name_field_is_no_author():
    """Under the article, the comment form labels its field "Name": a reader's, not the story's author."""
    form = "<div id='respond'><p class='comment-form-author'><label>Name *</label><input name='author'></p></div>"
    html = page("<h1>Council approves the new bridge</h1>" + article_body(ENGLISH) + form, lang="en")
    assert extract(html, "https://n.com/council-approves-bridge", now=NOW).author is None


@pytest.mark.parametrize("byline, expected", [
    ("<div class='byline'><a href='/a/ann'>Ann Lee</a><a href='/a/bob'>Bob Tran</a></div>", "Ann Lee; Bob Tran"),
    ("<div class='author'><p>Ann Lee</p><p>Bob Tran</p></div>", "Ann Lee; Bob Tran"),
    ("<div class='author'><div class='name'>Ann Lee</div><div class='role'>Reporter</div></div>", "Ann Lee"),
    ("<div class='byline'>By Ann Lee<br>March 4, 2024</div>", "Ann Lee"),
    ("<div class='byline'><span>By</span><br><a href='/a/ann'>Ann Lee</a></div>", "Ann Lee"),
    ("<div class='byline'>By Ann Lee <button>Follow</button></div>", "Ann Lee"),
    ("<div class='byline'>Ann Lee<span>@annlee</span></div>", "Ann Lee"),
    ("<div class='byline'>Ann Lee · ann.lee@herald.example.com</div>", "Ann Lee"),
    ("<div class='byline'>Ann Lee and Bob Tran, CNN</div>", "Ann Lee; Bob Tran"),
])
def test_a_bylines_lines_links_and_contacts(byline: str, expected: str):
    """Each author's link, and lines that each read as a name, are people; a line below a name that is a role or
    the date is not; a button, a handle or an address says how to follow or reach someone, and initials after
    a comma name the employer."""
    html = page("<h1>Council approves the new bridge</h1>" + byline + article_body(ENGLISH), lang="en")
    assert extract(html, "https://n.com/council-approves-bridge", now=NOW).author == expected


def test_a_signature_under_the_text_is_read_as_a_byline_is():
    """Vietnamese papers sign a story with a right-aligned bold line, several reporters apart by dashes."""
    signature = "<p style='text-align:right'><strong>MINH KHANG - THU HÀ</strong></p>"
    signed = article_body().replace("</div>", signature + "</div>")
    article = extract(page("<h1>Tổng kết công tác năm</h1>" + signed), "https://a.vn/tong-ket-1234.html", now=NOW)
    assert (article.author, "MINH KHANG" in article.body) == ("MINH KHANG; THU HÀ", False)
