"""Credits kept apart from what a caption says: labels, agencies, markup, in the languages of news."""
from __future__ import annotations

import pytest

from test_captions import VIETNAMESE, article_with, captions_of


def figcaption_read(caption: str) -> list[tuple[str, str | None]]:
    """The captions found for one picture whose figcaption holds `caption` (text or markup)."""
    return captions_of(article_with(f"<figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"))


@pytest.mark.parametrize("figure, expected", [
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus on Route 9. <span class='credit'>Ann Lee/The "
     "Courier</span></figcaption></figure>", ("Riders board a new bus on Route 9.", "Ann Lee/The Courier")),
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus. <small>Photo: Ann Lee</small></figcaption>"
     "</figure>", ("Riders board a new bus.", "Ann Lee")),
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus. (Foto: dpa)</figcaption></figure>",
     ("Riders board a new bus.", "dpa")),
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus. Credit: Oliver Lane</figcaption></figure>",
     ("Riders board a new bus.", "Oliver Lane")),
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus © BELGA</figcaption></figure>",
     ("Riders board a new bus", "BELGA")),
    ("<figure><img src='/a.jpg'><figcaption>Firefighters after a strike in Dnipro. HANDOUT / AFP</figcaption>"
     "</figure>", ("Firefighters after a strike in Dnipro.", "HANDOUT / AFP")),
    ("<figure><img src='/a.jpg'><figcaption>The mayor at the depot on Monday. (City of Springfield)</figcaption>"
     "</figure>", ("The mayor at the depot on Monday.", "City of Springfield")),
    ("<figure><img src='/a.jpg'><figcaption>Riders board a new bus on Route 9.</figcaption></figure>",
     ("Riders board a new bus on Route 9.", None)),
    ("<figure><img src='/a.jpg'><figcaption>Riders wait at the stop, as the photo by the window shows."
     "</figcaption></figure>", ("Riders wait at the stop, as the photo by the window shows.", None)),
])
def test_credit_is_kept_apart_from_the_caption(figure, expected):
    assert captions_of(article_with(figure)) == [expected]


@pytest.mark.parametrize("line, expected", [
    ("Ông Nguyễn Văn A phát biểu tại hội nghị. Ảnh: Văn B", ("Ông Nguyễn Văn A phát biểu tại hội nghị.", "Văn B")),
    ("Toàn cảnh hội nghị (Ảnh: TTXVN)", ("Toàn cảnh hội nghị", "TTXVN")),
    ("Đại biểu tham quan mô hình. Nguồn: Sở Nông nghiệp", ("Đại biểu tham quan mô hình.", "Sở Nông nghiệp")),
    ("Đại biểu tham quan mô hình. Ảnh/Video: Văn B", ("Đại biểu tham quan mô hình.", "Văn B")),
])
def test_vietnamese_italic_caption_lines_split_their_credit(line, expected):
    figure = f"<p align='center'><img src='/a.jpg'></p><p align='center'><em>{line}</em></p>"
    assert captions_of(article_with(figure, VIETNAMESE, "vi")) == [expected]


def test_a_caption_made_only_of_credits_is_no_caption_and_a_distributor_is_a_credit():
    only_credits = ("<figure><img src='/a.jpg' width='800'><figcaption><span class='credit'>Photo by Ann Lee</span>"
                    " /<span class='distributor'>Getty Images</span></figcaption></figure>")
    assert captions_of(article_with(only_credits)) == []
    captioned = ("<figure><img src='/a.jpg' width='800'><figcaption>Riders wait for the new night bus."
                 "<span class='distributor'>Getty Images</span></figcaption></figure>")
    assert captions_of(article_with(captioned)) == [("Riders wait for the new night bus.", "Getty Images")]


@pytest.mark.parametrize("caption, expected", [
    ("Photo credit: Ann Lee", []),  # a labelled credit of two words is all credit, not the caption "Lee"
    ("Ann Lee/The Courier", []),
    ("Zoom in", []),
    ("View gallery", []),
    ("Anzeige", []),  # an ad slot's label
    ("Advertisement", []),
    ("Riders board a new bus. Photo credit: Ann Lee", [("Riders board a new bus.", "Ann Lee")]),
    ("Riders board a new bus. Crédit photo : Ann Lee", [("Riders board a new bus.", "Ann Lee")]),
    ("Riders board a new bus. Photo courtesy of the city", [("Riders board a new bus.", "the city")]),
    ("Riders board a new bus on Route 9 (Reuters)", [("Riders board a new bus on Route 9", "Reuters")]),
    ("Học sinh đến trường trong giá rét (Ảnh minh họa: Mạnh Quân).",  # the kind of picture after the label, and
     [("Học sinh đến trường trong giá rét", "Mạnh Quân")]),  # the caption's full stop after the bracket
    ("Lễ khánh thành cầu năm 2010. Ảnh tư liệu: TTXVN", [("Lễ khánh thành cầu năm 2010.", "TTXVN")]),
    ("Riders board a new bus on Route 9 (Main Street)", [("Riders board a new bus on Route 9 (Main Street)", None)]),
    ("Riders board a new bus, 21 May 2025. (Jerusalem)", [("Riders board a new bus, 21 May 2025. (Jerusalem)", None)]),
    ("Riders board a new bus, 21 May 2025. (Facebook)", [("Riders board a new bus, 21 May 2025.", "Facebook")]),
    ("3/12 Riders board a new bus.", [("Riders board a new bus.", None)]),
    ("Bild 3 von 12: Fahrgäste steigen ein.", [("Fahrgäste steigen ein.", None)]),
    ("1 of 3 riders boards after dark.", [("1 of 3 riders boards after dark.", None)]),
    ("5 von 5 Punkten", [("5 von 5 Punkten", None)]),
    ("EU/US fares compared", [("EU/US fares compared", None)]),
    ("新しいバスに乗り込む乗客（写真：共同）", [("新しいバスに乗り込む乗客", "共同")]),
    ("Share on Pinterest", []),
    ("43 Bilder", []),  # a gallery's button
    ("Trackback URL", []),
    ("Learn more at <a href='https://courier.example/'>The Courier</a>", []),
    ("Fig. 1", []),  # a figure's number, its caption elsewhere
    ("Figure 1 shows the new routes", [("Figure 1 shows the new routes", None)]),
    ("Zuletzt geändert am 06.11.2023", []),  # a post's stamp
    ("Riders board a new bus. <span class='credit'>(Foto: )</span>", [("Riders board a new bus.", None)]),
])
def test_credit_lines_counters_and_widget_labels_in_a_figcaption(caption: str, expected: list):
    """Credits alone, with a compound or full-width label or an agency in brackets, a slideshow's counter, a
    widget's label, a figure's number and a post's date are no caption text; a count in a sentence, a rating and
    a slash between places are, and a credit element holding only its label names no credit."""
    assert figcaption_read(caption) == expected


@pytest.mark.parametrize("caption, expected", [
    ("Riders board a new bus. • Ann Lee / Reuters", ("Riders board a new bus.", "Ann Lee / Reuters")),
    ("Riders board a new bus.＝ロイター", ("Riders board a new bus.", "ロイター")),
    ("Riders board a new bus. Fot. Ann Lee / PAP", ("Riders board a new bus.", "Ann Lee / PAP")),
    ("Riders board a new bus, fot. PAP", ("Riders board a new bus", "PAP")),
    ("Riders board a new bus. (Fotoğraf: AA)", ("Riders board a new bus.", "AA")),
    ("Riders board a new bus. Фото: РИА Новости", ("Riders board a new bus.", "РИА Новости")),
    ("Riders board a new bus. Beeld ANP", ("Riders board a new bus.", "ANP")),
    ("Riders board a new bus. Photo Ann Lee / AFP", ("Riders board a new bus.", "Ann Lee / AFP")),
    ("Riders board a new bus. Picture Alliance/dpa", ("Riders board a new bus.", "Picture Alliance/dpa")),
    ("Riders board a new bus. Photo Ann Lee", ("Riders board a new bus.", "Photo Ann Lee")),
    ("Video: The mayor speaks at the opening of the new bridge", ("Video: The mayor speaks at the opening of the "
                                                                  "new bridge", None)),
    ("Ảnh: TTXVN Toàn cảnh hội nghị", ("Toàn cảnh hội nghị", "TTXVN")),
    ("Grafik: So verteilen sich die Stimmen auf die Parteien im Land", ("Grafik: So verteilen sich die Stimmen auf "
                                                                        "die Parteien im Land", None)),
])
def test_credit_labels_of_more_languages_separators_and_labels_without_a_colon(caption: str, expected: tuple):
    """A bullet or a full-width equals sign before the credit, an abbreviated label ("Fot.", in lowercase too),
    labels in more languages; a label without a colon goes only before an agency or a name and outlet, and an
    agency whose name starts like a label keeps it. A label before the caption's words is no credit's; before an
    agency's name, the agency is."""
    assert figcaption_read(caption) == [expected]


@pytest.mark.parametrize("caption, expected", [
    ("<span>Riders board a new bus</span><span>Ann Lee</span>", ("Riders board a new bus", "Ann Lee")),
    ("<div>Riders board a new bus</div><div>ANN LEE / REUTERS</div>", ("Riders board a new bus", "ANN LEE / REUTERS")),
    ("Riders board a new bus <span>AFP</span>", ("Riders board a new bus", "AFP")),
    ("<span>Riders board a new bus</span> <span>on Monday morning</span>", ("Riders board a new bus on Monday morning",
                                                                            None)),
    ("Mayor <span>Ann Lee</span> at the depot", ("Mayor Ann Lee at the depot", None)),
    ("Wall paint by <a href='/paint'>Farrow Ball</a>", ("Wall paint by Farrow Ball", None)),
    ("Riders board a new bus<br>Ann Lee", ("Riders board a new bus", "Ann Lee")),
    ("Riders board a new bus<br>on Route 9 at dawn", ("Riders board a new bus on Route 9 at dawn", None)),
])
def test_a_credit_set_apart_only_by_the_markup_at_the_captions_end(caption: str, expected: tuple):
    """The caption's last element, or its last line after a break, that reads as a name or agency is its credit,
    and two blocks never run together; words that go on, a name inside the sentence and a link are the
    caption's."""
    assert figcaption_read(caption) == [expected]


@pytest.mark.parametrize("caption, expected", [
    ("Riders board a new bus. File photo: Ann Lee", ("Riders board a new bus.", "Ann Lee")),
    ("Riders board a new bus. Crédits photo : Ann Lee", ("Riders board a new bus.", "Ann Lee")),
    ("Fahrgäste steigen ein. Bildquelle: IMAGO/Ann Lee", ("Fahrgäste steigen ein.", "IMAGO/Ann Lee")),
    ("Fahrgäste steigen ein. Archivfoto: Ann Lee", ("Fahrgäste steigen ein.", "Ann Lee")),
    ("Pasajeros suben al autobús. Imagen: Europa Press", ("Pasajeros suben al autobús.", "Europa Press")),
    ("Cestující nastupují. Ilustrační foto: ČTK", ("Cestující nastupují.", "ČTK")),
    ("Pasażerowie wsiadają. Zdjęcie ilustracyjne: PAP", ("Pasażerowie wsiadają.", "PAP")),
    ("Pasageri urcă în autobuz. Sursa foto: Ann Lee", ("Pasageri urcă în autobuz.", "Ann Lee")),
    ("यात्री बस में चढ़ते हुए। फोटो: PTI", ("यात्री बस में चढ़ते हुए।", "PTI")),
    ("ผู้โดยสารขึ้นรถเมล์ ภาพ: รอยเตอร์", ("ผู้โดยสารขึ้นรถเมล์", "รอยเตอร์")),
    ("Riders board a new bus in Gaza [Ann Lee/Reuters]", ("Riders board a new bus in Gaza", "Ann Lee/Reuters")),
    ("新しいバスに乗り込む乗客（共同）", ("新しいバスに乗り込む乗客", "共同")),
    ("乘客登上新公交车。（新华社记者 李明 摄）", ("乘客登上新公交车。", "新华社记者 李明")),
    ("ركاب يصعدون إلى الحافلة (رويترز)", ("ركاب يصعدون إلى الحافلة", "رويترز")),
    ("Riders board a new bus. Photo/AFP", ("Riders board a new bus.", "AFP")),
    ("Riders board a new bus. Ann Lee for The Courier", ("Riders board a new bus.", "Ann Lee for The Courier")),
    ("Riders board a new bus. Ann Lee | The Courier", ("Riders board a new bus.", "Ann Lee | The Courier")),
    ("Riders board a new bus. Provided by the city", ("Riders board a new bus.", "the city")),
    ("Riders board a new bus. Submitted photo", ("Riders board a new bus.", "Submitted photo")),
    ("Riders board a new bus. Tickets for Tuesday", ("Riders board a new bus. Tickets for Tuesday", None)),
    ("Riders board a new bus. Photographer: Ann Lee", ("Riders board a new bus.", "Ann Lee")),
    ("Snow depth in the valley as the survey measured it on 09.03. 2016",
     ("Snow depth in the valley as the survey measured it on 09.03. 2016", None)),  # a year, no name
])
def test_credit_labels_naming_the_kind_of_picture_and_agencies_in_their_own_scripts(caption: str, expected: tuple):
    """Labels that say what kind of picture it is ("File photo", "Archivfoto", "Ilustrační foto"), labels of
    more languages, a credit in square or full-width brackets, agencies named in their own script, a Chinese
    photographer's 摄, and a label joined to its credit by a slash; a caption with a sentence before a slashed
    credit is not all credit. Local papers' credits: a name for an outlet, "Provided by", "Submitted photo"; a
    name's words must be capitalized and the outlet look like one ("Tickets for Tuesday" is the caption's), and a
    credit has letters (a year ending the caption is its own)."""
    assert figcaption_read(caption) == [expected]
