"""Related links: the article's own blocks under a heading, arrowed lines between its paragraphs, never a menu."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import PARAGRAPH, article_body, page


@pytest.mark.parametrize("heading", ["Tin liên quan", "CÁC TIN KHÁC", "Bài viết liên quan", "Tin cùng chuyên mục",
                                     "Related", "More stories", "Xem thêm:", "Đọc tiếp", "Mehr zum Thema",
                                     "À lire aussi", "Noticias relacionadas", "Leia também", "Leggi anche",
                                     "Czytaj także", "Baca juga", "Читайте также"])
def test_related_blocks_by_heading(heading):
    """In the languages of news sites far and wide."""
    related = (f"<div class='box'><h3>{heading}</h3><ul><li><a href='/tin/mot-bai-khac-1.html?utm_source=x'>Một bài "
               "khác (12/05/2018)</a></li><li><a href='https://a.vn/tin/hai-bai-khac-2.html'>Hai bài khác</a></li>"
               "</ul></div>")
    article = extract(page(article_body() + related), "https://a.vn/tin/x-1234.html")
    assert [(r.url, r.title) for r in article.related] == [
        ("https://a.vn/tin/mot-bai-khac-1.html", "Một bài khác"),
        ("https://a.vn/tin/hai-bai-khac-2.html", "Hai bài khác")]
    assert "Hai bài khác" not in article.body


def test_related_links_as_loose_siblings_with_dates_in_between():
    """An old portal's block: a bold heading, then links, dates and <br>s straight in the article's cell."""
    related = ("<b>Các tin khác:</b><br><a href='/tin/hoi-nghi-1.html'>Hội nghị sơ kết sáu tháng</a> <font size=1>"
               "(10/05/2021)</font><br><a href='/tin/tap-huan-2.html'>Tập huấn chuyển đổi số</a> <font size=1>"
               "(08/05/2021)</font><br>")
    body = "<table><tr><td>" + f"{PARAGRAPH}<br><br>" * 3 + "<div align='right'><b>Thanh Tâm</b></div>" + related
    article = extract(page(body + "</td></tr></table>"), "https://a.vn/tin/x-1234.html")
    assert [r.title for r in article.related] == ["Hội nghị sơ kết sáu tháng", "Tập huấn chuyển đổi số"]
    assert "Các tin khác" not in article.body and article.author == "Thanh Tâm"


def test_a_share_bar_before_a_related_heading_whose_list_a_script_fills_is_not_related():
    """Blog platforms print the share buttons, then the related posts' heading over an empty box their script
    fills in the reader's browser: the buttons are not the related posts."""
    share = "<div class='share'><ul>" + "".join(f"<li><a href='https://{n}.example/share?u=1'>{n}</a></li>"
                                                for n in ("Twitter", "Facebook", "E-Mail")) + "</ul></div>"
    footer = f"<div class='post-footer'>{share}<div id='related-posts'><h3>Related</h3></div></div>"
    assert extract(page(article_body() + footer), "https://a.vn/tin/x-1234.html").related == ()


def test_menu_item_named_like_a_heading_is_not_a_related_block():
    nav = "<ul class='menu'><li><a href='/tin-khac'>Tin khác</a></li><li><a href='/x'>Thể thao</a></li></ul>"
    assert extract(page(nav + article_body()), "https://a.vn/tin/x-1234.html").related == ()


def test_an_arrowed_link_between_paragraphs_is_related_and_an_arrowed_menu_is_not():
    """Old portals point to other stories mid-text (">> Title"); a menu's items may carry arrows too."""
    pointers = ("<p><a href='/tin/khen-thuong-5.html'>&gt;&gt; Tỉnh khen thưởng 20 tập thể</a></p>"
                "<p>» <a href='/tin/so-ket-6.html'>Hội nghị sơ kết 6 tháng (12/05/2018)</a></p>")
    menu = "<div class='links'>" + "".join(f"<div>» <a href='/muc-{i}'>Mục {i}</a></div>" for i in range(5)) + "</div>"
    body = f"{menu}<div class='content'><p>{PARAGRAPH}</p>{pointers}<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
    article = extract(page(body), "https://a.vn/tin/x-1234.html")
    assert [(r.url, r.title) for r in article.related] == [
        ("https://a.vn/tin/khen-thuong-5.html", "Tỉnh khen thưởng 20 tập thể"),
        ("https://a.vn/tin/so-ket-6.html", "Hội nghị sơ kết 6 tháng")]
    assert "khen thưởng" not in article.body and PARAGRAPH in article.body
