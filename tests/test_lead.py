"""The lead (sapo, standfirst, leader) opens the body wherever the template sets it, and is never repeated."""
from __future__ import annotations

import pytest

from scraper import extract
from test_body import URL, text_block
from test_extract_rules import ENGLISH, PARAGRAPH, page

SAPO = "Sáng 10/5, tỉnh tổ chức hội nghị tổng kết công tác năm với sự tham dự của đại diện các sở, ngành."


@pytest.mark.parametrize("lead_class", ["standfirst", "introduction", "article-lede"])
def test_the_lead_above_the_text_is_the_bodys_first_paragraph(lead_class: str):
    lead = "The city adds three routes and late buses after a year of hearings and petitions by riders."
    html = page(f"<article><h1>Bus network grows</h1><p class='{lead_class}'>{lead}</p>{text_block()}</article>",
                lang="en")
    body = extract(html, URL).body
    assert body.startswith(lead + "\n\n") and body.count(lead) == 1


def test_a_vietnamese_sapo_heading_outside_the_text_container_opens_the_body():
    sapo = "Sáng 10/5, tỉnh tổ chức hội nghị tổng kết công tác năm với sự tham dự của đại diện các sở, ngành."
    html = page(f"<div class='detail'><h1>Tổng kết công tác năm</h1><h2 class='sapo'>{sapo}</h2>"
                f"<div class='noi-dung'>{''.join(f'<p>{PARAGRAPH} ({i})</p>' for i in range(4))}</div></div>")
    assert extract(html, "http://a.vn/tong-ket-1234.html").body.startswith(sapo)


@pytest.mark.parametrize("lead_class", ["epigraph", "bajada", "copete", "entradilla", "sommario", "catenaccio",
                                        "linha-fina"])
def test_a_lead_named_in_its_presss_language_outside_the_text_container_opens_the_body(lead_class: str):
    """Spanish papers call the standfirst "bajada", "copete" or "entradilla", Italian ones "sommario" or
    "catenaccio", Brazilian ones "linha fina"."""
    lead = "La empresa anunció despidos para fin de mes, hubo paros y ahora dejó sin efecto la medida."
    text = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    html = page(f"<div class='top-content'><h1>Conflicto portuario</h1><div><h2 class='{lead_class}'>{lead}</h2>"
                f"</div></div><div class='main-media'></div><div class='article-content'>{text}</div>", lang="es")
    assert extract(html, URL).body.startswith(lead + "\n\n")


@pytest.mark.parametrize("description, expected_first", [
    (SAPO, SAPO),
    (SAPO[:60] + "…", SAPO),  # a description cut short still names the lead it starts
    ("Hội nghị tổng kết công tác năm của tỉnh, với nhiều đại biểu khách mời và đại diện các địa phương.", PARAGRAPH),
])
def test_an_unclassed_lead_that_says_the_pages_description_opens_the_body(description: str, expected_first: str):
    """Templates set the sapo in a paragraph with layout classes only; publishers give the same words as the
    page's description, which marks it as the lead. A paragraph that says something else stays out."""
    head = f"<meta name='description' content='{description}'>"
    html = page(f"<div class='top'><h1>Tổng kết công tác năm</h1><p class='mb-2'>{SAPO}</p></div>"
                f"<div class='noi-dung'>{''.join(f'<p>{PARAGRAPH} ({i})</p>' for i in range(4))}</div>", head=head)
    assert extract(html, "http://a.vn/tong-ket-1234.html").body.startswith(expected_first)


def test_a_leader_block_between_the_heading_and_the_text_opens_the_body():
    lead = "The city adds three routes and late buses after a year of hearings and petitions by its riders."
    text = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    html = page(f"<div class='content'><h2>Bus network grows</h2><div class='leader'><p>{lead}</p></div></div>"
                f"<div class='widgets'></div><div class='columns'>{text}</div>", lang="en")
    assert extract(html, URL).body.startswith(lead + "\n\n")


def test_a_lead_above_the_headline_or_inside_the_text_is_not_repeated():
    teaser = "Read our newsletter every morning for the day's news, with the best of our reporting and more."
    inside = "The city adds three routes and late buses after a year of hearings and petitions by riders."
    html = page(f"<p class='teaser'>{teaser}</p><article><h1>Bus network grows</h1><div class='article-body'>"
                f"<p class='lead'>{inside}</p>{''.join(f'<p>{ENGLISH} ({i})</p>' for i in range(4))}</div></article>",
                lang="en")
    body = extract(html, URL).body
    assert teaser not in body and body.count(inside) == 1


def test_a_teaser_box_between_the_articles_chunks_is_not_taken_for_its_lead():
    """The walk back to a lead starts at the article's first chunk, not at the longest one further down."""
    teaser = "Also on this subject: how the night buses were planned, and who will pay for the new depots."
    html = page(f"<article><h1>Bus network grows</h1>{text_block(n=2)}<div class='teaser'><p>{teaser}</p></div>"
                f"{text_block(n=6)}</article>", lang="en")
    body = extract(html, URL).body
    assert teaser not in body and body.startswith(ENGLISH)
