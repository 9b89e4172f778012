"""Captions and their credits, on markup written for each pattern; and the archive keeping the credit."""
from __future__ import annotations

import sqlite3

import pytest

from scraper import extract
from scraper.store import Archive
from scraper.store.queries import export_rows, search
from scraper.store.schema import MIGRATIONS

ENGLISH = ("The council voted on Tuesday to expand the bus network, adding three routes and extending evening "
           "service, after months of public hearings, petitions and a long debate about the cost to taxpayers.")
VIETNAMESE = ("Sáng ngày 10/5, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, với sự tham dự của "
              "đại diện các sở, ban, ngành và địa phương trong toàn tỉnh, cùng nhiều đại biểu khách mời.")


def article_with(figure: str, paragraph: str = ENGLISH, lang: str = "en") -> str:
    text = "".join(f"<p>{paragraph} ({i})</p>" for i in range(4))
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>Bus network grows</title></head><body>"
            f"<article><h1>Bus network grows</h1>{figure}<div class='article-body'>{text}</div></article>"
            "</body></html>")


def captions_of(html: str) -> list[tuple[str, str | None]]:
    return [(c.caption, c.credit) for c in extract(html, "https://news.example.com/2024/05/bus-network").captions]


JAPANESE = "市議会は火曜日、バス路線網の拡大を可決し、三つの新路線と夜間運行の延長を決めた。公聴会や請願、費用を巡る長い議論を経ての決定だった。"


@pytest.mark.parametrize("figure, expected", [
    ("<div class='photo'><a href='/article_photo/list?article_id=20245&pid=7'><img src='/a.jpg'></a>"
     "<p class='caption'>新しいバスに乗る利用者＝10日、市役所前で（山田花子撮影）</p></div>",
     ("新しいバスに乗る利用者＝10日、市役所前で", "山田花子")),
    ("<figure><a href='/articles/image/local/20245/1'><img src='/a.jpg'></a>"
     "<figcaption>新しいバスに乗る利用者（Ｃ）共同通信社</figcaption></figure>", ("新しいバスに乗る利用者", "共同通信社")),
])
def test_an_image_linking_to_the_articles_own_photo_page_keeps_its_caption(figure, expected):
    """A link to this article's photo page (its id in the link) is no teaser; Japanese credits: a photographer
    in brackets before 撮影, a full-width (Ｃ)."""
    html = article_with(figure, JAPANESE, lang="ja")
    assert [(c.caption, c.credit) for c in extract(html, "https://news.example.jp/article/20245").captions] == \
        [expected]


def test_an_image_linking_to_another_articles_photos_is_a_teaser():
    figure = ("<div class='photo'><a href='/article_photo/list?article_id=99999'><img src='/a.jpg'></a>"
              "<p class='caption'>別の記事の写真</p></div>")
    assert extract(article_with(figure, JAPANESE, lang="ja"), "https://news.example.jp/article/20245").captions == ()


@pytest.mark.parametrize("link", ["<a href='//img.example.net/Xk9fQ2=s1200'>", "<a href='/p/9' data-lightbox='story'>"])
def test_an_image_that_opens_bigger_keeps_its_caption_and_one_linking_elsewhere_is_a_teaser(link: str):
    """The same picture at another size (an image host's address has no extension) or a lightbox's hook is the
    picture itself; a link to another story makes it a teaser."""
    figure = (f"<div class='image-container'>{link}<img src='//img.example.net/Xk9fQ2=s750'></a>"
              "<div class='image-text'>Riders board a new bus on Route 9</div></div>")
    teaser = figure.replace(link, "<a href='/2024/05/another-story'>")
    assert captions_of(article_with(figure)) == [("Riders board a new bus on Route 9", None)]
    assert captions_of(article_with(teaser)) == []


@pytest.mark.parametrize("href, expected", [
    ("/2024/05/bus-network/img_1234/", [("Riders board a new bus on Route 9.", None)]),
    ("/?attachment_id=1234", [("Riders board a new bus on Route 9.", None)]),
    ("/2024/05/bus-network/route-maps/", []),
])
def test_a_picture_linking_to_its_attachment_page_keeps_its_caption(href: str, expected: list):
    """A CMS's page for one picture of the article (under its address and named after the file, or asked for by
    its id) is the picture itself; another page under the article's address is a teaser like any other."""
    figure = (f"<figure class='wp-caption'><a href='{href}'>"
              "<img src='/wp-content/uploads/2024/05/IMG_1234-300x200.jpg'></a>"
              "<figcaption class='wp-caption-text'>Riders board a new bus on Route 9.</figcaption></figure>")
    assert captions_of(article_with(figure)) == expected


def test_a_picture_followed_by_its_figcaption_without_a_figure():
    figure = ("<picture><source srcset='/a.webp'><img src='/a.jpg' width='960'></picture>"
              "<figcaption><span>Riders board a new bus on Route 9, Foto: Ann Lee</span></figcaption>")
    assert captions_of(article_with(figure)) == [("Riders board a new bus on Route 9", "Ann Lee")]


@pytest.mark.parametrize("lines, expected", [
    ("<div class='sc-hzhJZQ'>Riders board a new bus on Route 9</div><div class='sc-fHjqPf'>Getty Images</div>",
     [("Riders board a new bus on Route 9", "Getty Images")]),
    ("<div class='x1'>Riders board a new bus on Route 9</div><div class='x2'>Ann Lee</div>",
     [("Riders board a new bus on Route 9", "Ann Lee")]),
    ("<div class='x1'>Riders board a new bus on Route 9</div><div class='x2'>See all 2 pictures</div>",
     [("Riders board a new bus on Route 9", None)]),
    ("<div class='x1'>Riders board a new bus</div><div class='x2'>Route 9 runs late</div><div>Read on</div>", []),
    (f"<div class='x1'>Riders board a new bus</div><div class='x2'>{ENGLISH}</div>", []),  # then the text
])
def test_plain_lines_after_a_picture_in_its_own_wrapper_are_its_caption_and_credit(lines: str, expected: list):
    """Class names a build tool made up say nothing: a wrapper holding only the picture and one or two plain
    lines after it holds its caption and its credit. A count is the gallery's button; three lines are a teaser."""
    figure = f"<div class='sc-fUnMCh'><picture><img src='/a.jpg' width='960'></picture>{lines}</div>"
    assert captions_of(article_with(figure)) == expected


@pytest.mark.parametrize("after, expected", [
    ("<div class='x1'>Riders board a new bus on Route 9</div><div class='x2'>Ann Lee</div><div class='x3'></div>",
     [("Riders board a new bus on Route 9", "Ann Lee")]),
    ("<div class='card-text'><h3><a href='/2024/05/other-story'>Another story about buses</a></h3></div>", []),
])
def test_lines_after_the_box_holding_a_picture_are_its_caption_and_credit_but_a_cards_heading_is_not(after, expected):
    """The picture may sit in a box of its own (a ratio box) inside the wrapper: the lines after that box are
    its caption and credit (an empty one is no line), a teaser card's heading and link are not."""
    figure = (f"<div class='sc-kgb'><div class='sc-fqk'><picture><img src='/a.jpg' width='960'></picture></div>"
              f"{after}</div>")
    assert captions_of(article_with(figure)) == expected


def test_a_header_with_the_lead_before_the_picture_keeps_the_lead_and_gives_no_caption():
    header = ("<header class='entry'><h2>Bus network grows</h2><p class='subtitle'>The council adds three routes and "
              "longer evening service after months of hearings.</p><figure><picture><img src='/a.jpg' width='960'>"
              "</picture></figure><p>Published 19 May 2024 12:02</p></header>")
    article = extract(article_with(header), "https://news.example.com/2024/05/bus-network")
    assert article.captions == () and "The council adds three routes" in article.body


LONG_CAPTION = ("Mayor Ann Lee, second left, transport director Bob Tran, left, and the depot's chief engineer "
                "Carl Vo, second right, cut the ribbon at the opening of the new bus depot on Harbour Road on "
                "Tuesday morning, as drivers of the first electric buses stand behind them beside their vehicles, "
                "the city's flags raised over the yard on a clear and windy morning, the first of ten days of trial "
                "runs on the harbour routes.")


@pytest.mark.parametrize("figure, expected", [
    ("<div class='imgbox'><div data-fancybox href='/a.jpg'>\n <img src='/a.jpg'>\n</div>"
     f"<h1>{LONG_CAPTION}</h1><p>Photo: AFP</p></div>", [(LONG_CAPTION, "AFP")]),
    ("<div class='mx-auto'><span class='text-sm'>Foto: Ann Lee</span><img src='/a.jpg' alt=''>"
     "<div class='text-base'>Riders wait for the first night bus</div></div>",
     [("Riders wait for the first night bus", "Ann Lee")]),
    ("<div class='teaser'><div><img src='/a.jpg'></div><h3>Riders wait for the night bus</h3>"
     "<p>Thousands took the new routes on Sunday</p></div>", []),
    ("<div class='image-widget'><span class='ratio'><span class='target'><picture><img src='/a.jpg'></picture>"
     "</span><span class='overlay'></span></span><p><span>Riders wait for the first night bus.</span></p>"
     "<p>Image: Ann Lee/The Courier</p></div>", [("Riders wait for the first night bus.", "Ann Lee/The Courier")]),
])
def test_a_wrapper_with_a_picture_a_line_and_a_labelled_credit_holds_its_caption(figure: str, expected: list):
    """The credit line is the evidence: the other line beside the picture is its caption whatever its tag, before
    or after the picture (in boxes of its own, an empty overlay beside it), and however long (a caption of several
    clauses runs past 400 characters). Two lines without a credit may be a teaser's title and summary."""
    assert len(LONG_CAPTION) > 400
    assert captions_of(article_with(figure)) == expected


def test_the_portrait_in_a_box_about_a_person_is_no_caption():
    box = ("<div itemscope itemtype='http://schema.org/Person'><div><picture><img src='/people/t-j.jpg' width='320'>"
           "</picture><div><p itemprop='name'>Thomas Jäger</p><p itemprop='jobTitle'>Political scientist</p></div>"
           "</div><p>He teaches international politics at the University of Cologne.</p></div>")
    assert captions_of(article_with(box)) == []


def test_an_authors_picture_beside_the_time_is_no_caption():
    byline = ("<div class='autor'><picture><img src='/people/ann-lee.png' width='64'></picture>"
              "<span><strong>Ann Lee</strong><time datetime='2024-04-24T19:35:00+02:00'>24.04.2024, 19:35 Uhr</time>"
              "</span></div>")
    assert captions_of(article_with(byline)) == []


def test_the_pages_own_photo_keeps_its_caption_above_the_headline():
    """The image og:image names (in another size) is the article's, even in a block the text's container and
    the headline do not share; a teaser's photo in the same place is not."""
    lead = ("<div class='top'><figure><img src='https://cdn.example.com/lead.jpg?w=1200'><span>Foto: Ann Lee</span>"
            "<figcaption>Riders board a new bus on Route 9.</figcaption></figure>"
            "<figure><img src='https://cdn.example.com/other.jpg'><figcaption>Another story</figcaption></figure>"
            "</div>")
    text = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    html = ("<html lang='en'><head><meta charset='utf-8'><meta property='og:image' "
            "content='https://cdn.example.com/lead.jpg?w=600'></head><body>" + lead +
            f"<main><div><h1>Bus network grows</h1></div><div class='article-body'>{text}</div></main></body></html>")
    assert captions_of(html) == [("Riders board a new bus on Route 9.", "Ann Lee")]


def test_interface_words_and_widgets_are_not_caption_text():
    figure = ("<figure><img src='/a.jpg'><figcaption><button>Enlarge</button><span class='icon'>Camera Icon</span>"
              "Riders board a new bus. <span class='credit'>Credit: Ann Lee</span></figcaption></figure>"
              "<figure><img src='/b.jpg'><figcaption>Phóng to</figcaption></figure>")
    assert captions_of(article_with(figure)) == [("Riders board a new bus.", "Ann Lee")]


def test_caption_beside_an_image_block_that_holds_only_a_button():
    figure = ("<div class='photo'><div class='img-box'><img src='/a.jpg'><button>Zoom</button></div>"
              "<div class='caption'><p>Riders board a new bus on Route 9. Ann Lee</p></div></div>")
    assert captions_of(article_with(figure)) == [("Riders board a new bus on Route 9.", "Ann Lee")]


def test_alt_text_is_not_a_caption_and_a_credit_alone_is_none():
    figure = ("<p><img src='/a.jpg' alt='Riders board a new bus on Route 9'></p>"
              "<figure><img src='/b.jpg'><figcaption>(The Courier)</figcaption></figure>")
    assert captions_of(article_with(figure)) == []


def test_the_credit_leaves_the_body_with_its_caption():
    figure = ("<div class='article-body'><p>" + ENGLISH + "</p><div class='wp-caption'><img src='/a.jpg'>"
              "<p class='wp-caption-text'>Riders board a new bus.</p><p class='photo-credit'>Photo: Hau Dinh, AP</p>"
              "</div></div>")
    article = extract(article_with(figure), "https://news.example.com/2024/05/bus-network")
    assert [(c.caption, c.credit) for c in article.captions] == [("Riders board a new bus.", "Hau Dinh, AP")]
    assert "Hau Dinh" not in article.body and "Riders board" not in article.body


def test_credits_are_stored_exported_and_searchable(db_path):
    html = article_with("<figure><img src='/a.jpg'><figcaption>Riders board a new bus. "
                        "<span class='credit'>Nguyễn Minh Khang</span></figcaption></figure>")
    with Archive(db_path) as archive:
        archive.save(extract(html, "https://news.example.com/2024/05/bus-network"))
        [row] = list(export_rows(archive))
        assert row["captions"][0]["credit"] == "Nguyễn Minh Khang"
        [hit] = search(archive, "nguyen minh khang")
        assert hit["captions"] == [{"image_url": "https://news.example.com/a.jpg",
                                    "caption": "Riders board a new bus.", "credit": "Nguyễn Minh Khang"}]


def test_an_archive_from_before_credits_gains_the_column_and_keeps_its_captions(db_path):
    from sqlite_utils import Database
    db = Database(db_path)
    MIGRATIONS.apply(db, stop_before="m005_caption_credits")
    db.execute("INSERT INTO articles(id, url, site, title, body, content_hash, first_seen, last_seen) "
               "VALUES (1, 'http://a.vn/x', 'a.vn', 'Cũ', 'Thân bài', 'h', 't', 't')")
    db.execute("INSERT INTO captions(article_id, position, image_url, caption) VALUES (1, 0, 'http://a.vn/a.jpg', "
               "'Toàn cảnh hội nghị')")
    db.conn.commit()
    db.conn.close()
    with Archive(db_path) as archive:
        [row] = list(export_rows(archive))
        assert row["captions"] == [{"image_url": "http://a.vn/a.jpg", "caption": "Toàn cảnh hội nghị", "credit": None}]
        assert len(search(archive, "toan canh")) == 1
    columns = [r[1] for r in sqlite3.connect(db_path).execute("PRAGMA table_info(captions)")]
    assert "credit" in columns


def test_a_caption_that_starts_like_an_interface_word_keeps_it():
    figure = ("<figure><img src='/a.jpg'><figcaption>Expanding routes reach the harbour. Closer stops follow."
              "</figcaption></figure><figure><img src='/b.jpg'><figcaption><span>Camera Icon</span>Riders board."
              "</figcaption></figure>")
    assert captions_of(article_with(figure)) == [("Expanding routes reach the harbour. Closer stops follow.", None),
                                                  ("Riders board.", None)]


@pytest.mark.parametrize("figure, expected", [
    ("<figure><img src='/a.jpg'><p>Riders board a new bus on Route 9.</p></figure>",
     [("Riders board a new bus on Route 9.", None)]),
    ("<figure><div><img src='/a.jpg'></div><div class='meta'><span class='copyright'>© Ann Lee</span> Riders board a "
     "new bus on Route 9.</div></figure>", [("Riders board a new bus on Route 9.", "Ann Lee")]),
    ("<dl class='wp-caption'><dt><img src='/a.jpg'></dt><dd class='wp-caption-dd'>Riders board a new bus.</dd></dl>",
     [("Riders board a new bus.", None)]),
    ("<figure class='inline-teaser'><div class='title'>Read also</div><div class='teaser'><img src='/a.jpg'>"
     "<p>The depot that never opened, and what it cost the city</p></div></figure>", []),
])
def test_a_figures_one_line_and_a_definition_lists_description_are_captions(figure: str, expected: list):
    """Without a figcaption, the one text of a figure beside its picture is the caption; a teaser set in a figure
    (a label and the teaser's own words beside the picture) has none. WordPress's older markup is a <dl>."""
    assert captions_of(article_with(figure)) == expected


def test_a_gallerys_numbered_labels_are_no_captions_and_leave_the_body():
    gallery = "".join(f"<p style='text-align:center'><img src='/g{i}.jpg'></p>"
                      f"<p style='text-align:center'><em>Hội nghị tổng kết {i}</em></p>" for i in range(1, 4))
    single = ("<p style='text-align:center'><img src='/s.jpg'></p>"
              "<p style='text-align:center'><em>Đại biểu dự hội nghị tại hội trường số 2</em></p>")
    text = "".join(f"<p>{VIETNAMESE} ({i})</p>" for i in range(4))
    html = ("<html lang='vi'><head><meta charset='utf-8'><title>Hội nghị</title></head><body><article>"
            f"<h1>Hội nghị tổng kết</h1><div class='content'>{text}{gallery}{single}</div></article></body></html>")
    article = extract(html, "https://tinh.gov.vn/tin-tuc/hoi-nghi-1234.html")
    assert [(c.caption, c.credit) for c in article.captions] == [("Đại biểu dự hội nghị tại hội trường số 2", None)]
    assert "Hội nghị tổng kết 1" not in article.body and VIETNAMESE in article.body


def test_a_link_under_a_picture_is_no_caption():
    figure = ("<p style='text-align:center'><img src='/a.jpg'></p>"
              "<p style='text-align:center'><a href='mailto:?subject=Tin'>Email bài này</a></p>")
    assert captions_of(article_with(figure, VIETNAMESE, "vi")) == []


@pytest.mark.parametrize("figure", [
    "<figure><img src='/a.jpg'><figcaption>Click to enlarge</figcaption></figure>",
    "<div class='video-wrapper'><img src='/poster.jpg'><span class='duration'>02:34</span></div>",
    "<div class='product'><img src='/kettle.jpg'><p><em>19,90 €</em></p></div>",
    "<div class='byline'><img src='/ann.jpg'><span class='name'>Ann Lee</span></div>",
])
def test_a_widgets_label_a_number_and_the_bylines_portrait_are_no_captions(figure: str):
    """"Click to enlarge" is the widget's; a video's duration or a price has no words; the writer's portrait in
    the byline is named, not captioned."""
    assert captions_of(article_with(figure)) == []


@pytest.mark.parametrize("shown, declared", [
    ("/wp-content/uploads/2024/05/bus-network-opening-800x450.jpg",
     "https://news.example.com/wp-content/uploads/2024/05/bus-network-opening-1200x630.jpg"),
    ("https://img.example.com/w_800,h_450/9f3a2c7e51d0.jpg", "https://img.example.com/w_1200,h_630/9f3a2c7e51d0.jpg"),
    ("https://img.example.com/9f3a2c7e51d0-800.webp", "https://img.example.com/9f3a2c7e51d0-1200.jpg"),
])
def test_the_pages_own_photo_is_known_in_another_size_named_in_its_file_or_folder(shown: str, declared: str):
    """og:image names the lead photo in the size shared on social networks; the page shows another copy, its
    size in the file's name or a folder: the same picture, whose caption is the article's."""
    lead = (f"<div class='top'><figure><img src='{shown}'><figcaption>Riders board a new bus.</figcaption></figure>"
            "</div>")
    text = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    html = (f"<html lang='en'><head><meta charset='utf-8'><meta property='og:image' content='{declared}'></head>"
            f"<body>{lead}<main><div><h1>Bus network grows</h1></div><div class='article-body'>{text}</div></main>"
            "</body></html>")
    assert captions_of(html) == [("Riders board a new bus.", None)]
    assert captions_of(html.replace(declared, "https://img.example.com/another-picture-entirely.jpg")) == []


def test_the_next_picture_of_a_numbered_series_is_not_the_pages_own_photo():
    lead = ("<div class='top'><figure><img src='/photos/bridge-opening-02.jpg'><figcaption>Riders board a new bus."
            "</figcaption></figure></div>")
    html = ("<html lang='en'><head><meta property='og:image' content='/photos/bridge-opening-01.jpg'></head><body>"
            f"{lead}<main><h1>Bus network grows</h1><div class='article-body'>{ENGLISH * 3}</div></main></body></html>")
    assert captions_of(html) == []


def test_a_date_under_a_picture_is_no_caption():
    assert captions_of(article_with("<figure><img src='/a.jpg'><figcaption>April 3, 2019</figcaption></figure>")) \
        == []


@pytest.mark.parametrize("figure", [
    "<div class='image-caption'>Riders board a new bus.</div><div class='image'><img src='/a.jpg'></div>",
    "<div class='media'><div class='media-caption'>Riders board a new bus.</div><img src='/a.jpg'></div>",
])
def test_a_caption_classed_line_set_above_its_picture(figure: str):
    assert captions_of(article_with(figure)) == [("Riders board a new bus.", None)]


def test_the_caption_under_one_picture_is_not_also_the_next_pictures():
    figures = ("<p><img src='/a.jpg'></p><p class='caption'>Riders board a new bus.</p><p><img src='/b.jpg'></p>")
    found = extract(article_with(figures), "https://news.example.com/2024/05/bus-network").captions
    assert [(c.image_url, c.caption) for c in found] == [("https://news.example.com/a.jpg", "Riders board a new bus.")]


def test_the_headline_repeated_under_a_picture_is_no_caption():
    """A template that prints the headline under the lead image, or under every picture of a post, says nothing
    of the picture; a caption that merely starts like the headline does."""
    repeated = "<figure><img src='/a.jpg'><figcaption>Bus network grows</figcaption></figure>"
    assert captions_of(article_with(repeated)) == []
    longer = "<figure><img src='/a.jpg'><figcaption>Bus network grows: riders at the depot</figcaption></figure>"
    assert captions_of(article_with(longer)) == [("Bus network grows: riders at the depot", None)]
