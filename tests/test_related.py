"""Related links: the article's own blocks under a heading, arrowed lines and headingless story boxes between its
paragraphs, each story named by its headline; never a menu, a tag list or a share button."""
from __future__ import annotations

import pytest

from scraper import extract
from scraper.extract.related import clean_link_title
from test_extract_rules import PARAGRAPH, article_body, page


@pytest.mark.parametrize("heading", ["Tin liên quan", "CÁC TIN KHÁC", "Bài viết liên quan", "Tin cùng chuyên mục",
                                     "Tin bài khác", "Những tin khác", "Tin tức liên quan", "Don't miss", "Zum Thema",
                                     "Čtěte také", "İlgili haberler", "Les også", "Lue myös", "関連記事", "관련기사",
                                     "相關新聞", "اقرأ أيضا", "ये भी पढ़ें",
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


URL = "https://a.vn/tin/x-1234.html"


def _teaser(slug: str, headline: str, summary: str = "") -> str:
    """A story's card as news CMSs print it: picture link, headline link in a heading, a line of summary."""
    return (f"<div class='item'><a href='/tin/{slug}-5678.html'><img src='/t/{slug}.jpg' alt=''></a>"
            f"<h3><a href='/tin/{slug}-5678.html'>{headline}</a></h3><p class='sapo'>{summary}</p></div>")


def test_a_related_heading_over_teasers_with_summaries_takes_their_headlines():
    """'Tin cùng chuyên mục' shows each story's sapo: more plain text than links, yet every item leads with
    its story's link."""
    summary = "Cây cầu thứ hai song song cầu cũ giúp giảm ùn tắc ở cửa ngõ phía đông của thành phố."
    box = ("<div class='box-category'><div class='top'><h2>Tin cùng chuyên mục</h2></div><div class='middle'>"
           + _teaser("thong-xe-cau-vinh-tuy", "Thông xe cầu Vĩnh Tuy giai đoạn 2", summary)
           + _teaser("cam-xe-tai-vao-noi-do", "Cấm xe tải vào nội đô giờ cao điểm từ 1-1", summary) + "</div></div>")
    article = extract(page(article_body() + box), URL)
    assert [r.title for r in article.related] == ["Thông xe cầu Vĩnh Tuy giai đoạn 2",
                                                  "Cấm xe tải vào nội đô giờ cao điểm từ 1-1"]


def test_paragraphs_with_a_link_each_under_a_related_heading_are_not_teasers():
    """A paragraph opens with its own words, a teaser with its link."""
    sources = "".join(f"<p>{PARAGRAPH} Theo <a href='/tin/nguon-{i}-5678.html'>bài gốc số {i}</a>.</p>"
                      for i in range(3))
    article = extract(page(article_body() + f"<div><h3>Xem thêm</h3><div class='more'>{sources}</div></div>"), URL)
    assert article.related == ()


def test_a_headingless_story_box_between_paragraphs_is_related_in_page_order():
    """A 'related one news' box set between the paragraphs, and a box of stories after the last one, with no
    heading over either: each headline once, named by its heading, not by the longer summary link."""
    paragraphs = [f"<p>{PARAGRAPH} ({i})</p>" for i in range(4)]
    inline = ("<div class='relatedbox'><a href='/tin/xe-buyt-dien-chiem-30-luong-khach-1111.html'>Xe buýt điện "
              "chiếm 30% lượng khách buýt</a><div class='sapo'>Sau ba năm, xe buýt điện đã chở gần một phần ba số "
              "khách.</div></div>")
    after = ("<div class='box-news'><article><h4><a href='/tin/gia-gao-xuat-khau-cao-nhat-2222.html'>Giá gạo xuất "
             "khẩu cao nhất 15 năm</a></h4><p><a href='/tin/gia-gao-xuat-khau-cao-nhat-2222.html'>Giá gạo 5% tấm "
             "của Việt Nam lên 650 USD một tấn, cao nhất kể từ năm 2011.</a></p></article></div>")
    body = "<div class='content'>" + paragraphs[0] + inline + "".join(paragraphs[1:]) + after + "</div>"
    tail = "<div class='tin-lien-quan'><h3>Tin liên quan</h3><ul><li><a href='/tin/mo-tuyen-buyt-3333.html'>Mở " \
           "tuyến buýt điện ra sân bay</a></li></ul></div>"
    article = extract(page(body + tail), URL)
    assert [r.title for r in article.related] == ["Xe buýt điện chiếm 30% lượng khách buýt",
                                                  "Giá gạo xuất khẩu cao nhất 15 năm", "Mở tuyến buýt điện ra sân bay"]
    assert article.body.count(PARAGRAPH) == 4


@pytest.mark.parametrize("box", [
    "<div class='tags'><a href='/tag/xe-buyt'>xe buýt</a> <a href='/tag/ha-noi'>Hà Nội</a></div>",
    "<div class='share'><a href='/tin/x-1234.html?share=email'>Gửi bài viết này cho bạn bè của bạn</a>"
    "<a href='/tin/x-1234.html#comments'>Bình luận về bài viết này ngay</a></div>",
    "<div class='embed'><a href='https://video.example.com/watch/some-long-video-title-here'>Xem video về buổi "
    "lễ khánh thành</a></div>",
    "<div class='promo'><a href='/dang-ky-nhan-ban-tin-hang-ngay-1234.html'>Subscribe to our newsletter for "
    "daily news</a></div>",
    "<div class='gallery'><a href='/anh/cau-rach-cat-khanh-thanh-001.html'>Enlarge (Photo: Minh Khang)</a></div>",
], ids=["tags", "share", "external", "newsletter", "picture-button"])
def test_boxes_among_paragraphs_that_point_to_no_story_are_not_related(box):
    paragraphs = "".join(f"<p>{PARAGRAPH} ({i})</p>" for i in range(3))
    article = extract(page(f"<div class='content'>{paragraphs}{box}<p>{PARAGRAPH}</p></div>"), URL)
    assert article.related == ()


@pytest.mark.parametrize("text, title", [
    ("Hội nghị sơ kết sáu tháng (10/05/2021)", "Hội nghị sơ kết sáu tháng"),
    ("Hội nghị sơ kết sáu tháng - 10/05", "Hội nghị sơ kết sáu tháng"),
    ("Hội nghị sơ kết sáu tháng 10/05/2021", "Hội nghị sơ kết sáu tháng"),  # a whole date, with its year
    ("Cấm xe tải vào nội đô từ 1-1", "Cấm xe tải vào nội đô từ 1-1"),
    ("Yoga im Lockdown 2.0", "Yoga im Lockdown 2.0"),
])
def test_a_date_set_apart_from_a_link_title_goes_and_a_headline_s_own_number_stays(text, title):
    assert clean_link_title(text) == title


def test_a_card_linked_whole_is_named_by_its_headline_not_its_date_kicker_or_summary():
    """The longest heading inside the link names it; a one-word heading is a kicker, so the link's words do."""
    cards = ("<a href='/tin/streiks-4444.html'><span class='time'>Heute, 12:34 Uhr</span><h4>Aus unserem Netz</h4>"
             "<h3>Ab wann sind Streiks unverhältnismäßig?</h3><p>Derzeit streiken die Beschäftigten.</p></a>"
             "<a href='/tin/heineken-5555.html'><h4>Bier</h4><span>Heineken eröffnet neues Zentrallager</span></a>")
    article = extract(page(article_body() + f"<div><h3>Mehr zum Thema</h3><ul><li>{cards}</li></ul></div>"), URL)
    assert [r.title for r in article.related] == ["Ab wann sind Streiks unverhältnismäßig?",
                                                  "Bier Heineken eröffnet neues Zentrallager"]


def test_a_heading_drawn_as_a_picture_heads_its_list_and_a_linked_picture_does_not():
    """Old portals draw "Các tin khác" as an image; an image inside a link is a button, not a heading."""
    links = "".join(f"<li><a href='/tin/bai-{i}-5678.html'>Hội nghị tổng kết số {i}</a></li>" for i in range(3))
    drawn = f"<div class='other'><img src='/images/tin-khac.gif' alt='Các tin khác'><ul>{links}</ul></div>"
    button = (f"<div class='more'><a href='/tin-tuc'><img src='/images/xem-them.gif' alt='Xem thêm'></a>"
              f"<ul>{links}</ul></div>")
    assert len(extract(page(article_body() + drawn), URL).related) == 3
    assert extract(page(article_body() + button), URL).related == ()
