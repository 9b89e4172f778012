"""The body cascade's rules: the lead above the text, overlays inside the article, a profile that misses."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import ENGLISH, PARAGRAPH, page

URL = "https://news.example.com/2024/05/bus-network"


def body_around(middle: str) -> str:
    """The body of an article whose four paragraphs, (0) to (3), have `middle` between the second and third."""
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{''.join(paragraphs[:2])}{middle}"
                f"{''.join(paragraphs[2:])}</div></article>", lang="en")
    return extract(html, URL).body


def text_block(paragraph: str = ENGLISH, n: int = 4) -> str:
    return "<div class='article-body'>" + "".join(f"<p>{paragraph} ({i})</p>" for i in range(n)) + "</div>"


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


SAPO = "Sáng 10/5, tỉnh tổ chức hội nghị tổng kết công tác năm với sự tham dự của đại diện các sở, ngành."


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


def test_a_long_list_of_names_and_affiliations_does_not_outscore_the_letter_they_signed():
    """Every other signatory with an affiliation after a comma, in three columns as open letters set them."""
    column = "<br>".join(f"<strong>Signatory {n}</strong>" + (", <span>University of Somewhere</span>" if n % 2 else "")
                         for n in range(40))
    letter = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(6))
    html = page(f"<article><h1>An open letter</h1><div class='wysiwyg'>{letter}"
                f"<table><tr>{f'<td>{column}</td>' * 3}</tr></table></div></article>", lang="en")
    assert extract(html, URL).body.startswith(ENGLISH)


def test_a_heading_left_at_the_end_of_the_text_without_its_widget_is_not_text_but_a_list_item_is():
    """The widget under the heading fills itself in the browser: the saved page has the heading alone."""
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>"
                f"{''.join(f'<p>{ENGLISH} ({i})</p>' for i in range(4))}<ul><li>Route 12 to the airport</li></ul>"
                f"<h3>Das könnte Sie auch interessieren</h3><div class='feed'></div></div></article>", lang="en")
    body = extract(html, URL).body
    assert body.endswith("Route 12 to the airport") and "interessieren" not in body


def test_overlays_inside_the_article_are_not_its_text_whatever_their_class_says():
    html = page("<article><h1>Bus network grows</h1><div class='content-newsletter'><p>Sign up for our morning "
                "briefing, delivered to your inbox every day of the week, free of charge, with news and more."
                "</p></div><div class='cookiecontent'><p>We use cookies to understand how our site is used, "
                "and to show you offers that interest you, please accept them or choose settings.</p></div>"
                "<div class='article-body'>" + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
                + "<div class='article-content__sign-in-group'><p>Create an account or sign in to continue with your "
                "reading experience, and enjoy more articles every month from across the country.</p></div>"
                "<div class='col appHint'><p>You are reading in the second-best way: get the app, with push "
                "news through the day and the e-paper in your pocket, wherever you go.</p></div>"
                "<div class='box'><span class='h-offscreen'>Box aufklappen</span></div>"
                "<div class='news-box emailsignup'><p>Let our news meet your inbox: the stories that matter, "
                "delivered weekday mornings, with the best of the day's reporting.</p></div>"
                "</div></article>", lang="en")
    body = extract(html, URL).body
    assert "Sign up" not in body and "cookies" not in body and "Create an account" not in body
    assert "meet your inbox" not in body and "second-best way" not in body and "Box aufklappen" not in body
    assert "The council voted" in body


def test_a_matched_profile_whose_body_selector_hits_a_teaser_yields_to_the_article():
    teaser = "<div class='entry-content'><p>A short teaser of another story, with a link.</p></div>"
    html = page("<article class='post'>" + teaser + "</article><div class='story'><h1>Bus network grows</h1>"
                + text_block() + "</div>", head="<meta name='generator' content='WordPress 6.4'>", lang="en")
    body = extract(html, URL).body
    assert "The council voted" in body and "short teaser" not in body


def test_an_article_column_inside_an_aside_is_the_body_and_a_mega_menu_is_not():
    def menu(links: int) -> str:
        return "<nav class='menu'>" + "".join(f"<a href='/s{i}'>Section {i} of the site</a>" for i in range(links)) + \
            "</nav>"
    story = f"<article><h1>Bus network grows</h1>{text_block()}</article>"
    sidebar = "<aside><h3>Most read</h3><p>A short note beside the story, about something else.</p></aside>"
    for html in (menu(10) + f"<aside class='col-md-8 secondary'>{story}</aside>" + sidebar, menu(300) + story):
        body = extract(page(html, lang="en"), URL).body
        assert body.startswith(ENGLISH) and body.count(ENGLISH) == 4
        assert "Section" not in body and "A short note" not in body


def test_a_winner_that_keeps_no_text_yields_to_the_next_best_block():
    widget = "<div class='box'>" + "".join("<p>Share, like, comment, follow, save, mail, embed, report</p>"
                                               for _ in range(30)) + "</div>"
    story = f"<section><div class='story'><p>{ENGLISH}</p><p>{ENGLISH}</p></div></section>"
    html = page(f"<h1>Bus network grows</h1>{widget}{story}", lang="en")
    assert extract(html, URL).body == f"{ENGLISH}\n\n{ENGLISH}"


def test_paragraphs_nested_deep_in_component_chunks_are_all_the_body():
    """Component markup (styled-components class names) wraps each paragraph four deep, with ad slots between
    the chunks: the chunks built alike are the article, not only its longest paragraph (a pull quote)."""
    quote = "“Look,” he says, " + ENGLISH + " " + ENGLISH
    chunk = "<div class='sc-gEvEer kGHzwr'><div class='sc-aXZVg'><div><div><p>{}</p></div></div></div></div>"
    chunks = [chunk.format(f"{ENGLISH} ({i})") for i in range(5)]
    html = page("<article><h1>Bus network grows</h1><div class='sc-iUHWHT'>" + chunks[0] + chunk.format(quote)
                + "<div class='sc-ad teads'></div>" + "".join(chunks[1:]) + "</div></article>", lang="en")
    body = extract(html, URL).body
    assert quote in body and all(f"({i})" in body for i in range(5))


def test_a_short_appeal_classed_text_does_not_outscore_the_article_in_widget_wrappers():
    """Page builders class every block "widget": the class tips a close call, it does not outweigh five times
    the text."""
    appeal = ("If you want our independent journalism to go on, please support us with a donation, "
              "large or small, today.")
    article = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(5))
    html = page("<h1>Bus network grows</h1><section class='builder-section'>"
                f"<div class='builder-element'><div class='builder-widget-container'>{article}</div></div>"
                f"<div class='builder-column'><div class='builder-text-editor'><p>{appeal}</p></div></div>"
                "</section>", lang="en")
    body = extract(html, URL).body
    assert all(f"({i})" in body for i in range(5)) and appeal not in body


def test_a_whole_page_inside_noscript_is_read_and_a_javascript_notice_is_not():
    menu = "".join(f"<a href='/s{i}'>Section number {i} of the park's site</a> " for i in range(30))
    article = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    notice = "Please enable JavaScript to see this page."
    html = page(f"<noscript>{notice}</noscript><noscript><div id='container'><div id='menu'>{menu}</div>"
                f"<div id='colonna_testo'><h1>Bus network grows</h1>{article}</div></div></noscript>", lang="en")
    body = extract(html, URL).body
    assert all(f"({i})" in body for i in range(4)) and notice not in body


def test_an_aside_holding_the_pages_headline_is_the_article_column_even_when_short():
    menu = "<ul class='teasers'>" + "".join(f"<li><a href='/n{i}'>{ENGLISH} ({i})</a></li>" for i in range(6)) + "</ul>"
    html = page(f"{menu}<aside class='direct-content'><section><h1>Bus network grows</h1>"
                f"<p>{ENGLISH} (lead)</p><p>{ENGLISH} (more)</p></section></aside>"
                f"<aside class='sidebar'><p>{ENGLISH} (side)</p></aside>",
                lang="en")
    body = extract(html, URL).body
    assert "(lead)" in body and "(more)" in body and "(side)" not in body


def test_a_page_rendered_in_the_browser_gets_its_text_from_the_script_that_carries_it():
    import json
    state = json.dumps({"article": {"contentHtml": "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(3)),
                                    "teaser": "Short."}})
    html = page(f"<div id='app'><h1>Bus network grows</h1></div><script>window.__STATE__ = {state};</script>",
                lang="en")
    body = extract(html, URL).body
    assert body.split("\n\n") == [f"{ENGLISH} ({i})" for i in range(3)]


def test_json_ld_article_body_is_the_text_when_the_html_shows_none():
    import json
    ld = json.dumps({"@type": "NewsArticle", "headline": "Bus network grows", "articleBody": f"{ENGLISH}\n{ENGLISH}!"})
    html = page(f"<script type='application/ld+json'>{ld}</script><div id='app'></div>", lang="en")
    assert extract(html, URL).body == f"{ENGLISH}\n\n{ENGLISH}!"


def test_a_link_classed_as_a_tag_inside_a_sentence_keeps_its_words_and_a_trailing_credit_goes():
    """Pruning by class spares an inline element that words follow: it is part of the sentence."""
    sentence = ("The trial of the <a class='tag-link' href='/tag/transit-case'>transit case</a> resumed on Monday, "
                "when the judge heard the last of the witnesses, the defence and the prosecution.")
    picture = ("<div class='image-text'><p>Riders wait at the new stop, which opened last week after months of "
               "works. <span class='copyright'>Photo: Jane Roe</span></p></div>")
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'><p>{sentence}</p>{picture}"
                + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4)) + "</div></article>", lang="en")
    body = extract(html, URL).body
    assert "The trial of the transit case resumed on Monday" in body and "Jane Roe" not in body


def test_state_flags_hooks_modifiers_and_post_categories_do_not_condemn_the_text_they_mark():
    """'report__section--ads' is a section with ad slots, 'js-tags' a script's hook, 'category-no-newsletter' a
    WordPress post's category: none is boilerplate. A block whose own name says so still goes."""
    conclusion = ("<section class='report__section report__section--ads'><p>Our verdict after three weeks: the "
                  "grill heats evenly at the centre, less at the rim, and cleans up in minutes after use.</p>"
                  "<div class='ad-slot'><p>Advertisement: buy two grills, get the third one free this week only, "
                  "while stocks last at every store near you.</p></div></section>")
    html = page("<article class='post-7972 post type-post category-no-newsletter-rss'><h1>Bus network grows</h1>"
                f"<div class='article-body js-tags'>{''.join(f'<p>{ENGLISH} ({i})</p>' for i in range(4))}"
                f"{conclusion}</div></article><div class='comments'>{''.join(f'<p>{ENGLISH}</p>' for _ in range(12))}"
                "</div>", lang="en")
    body = extract(html, URL).body
    assert "The council voted" in body and "Our verdict after three weeks" in body
    assert "Advertisement" not in body


def test_a_paragraph_beside_the_winner_that_ends_in_a_closing_quote_is_prose():
    """German and French quotes close with “ and »: a paragraph ending in one is a sentence like any other."""
    opening = ("Wenn der Kanzler emotional wurde, erinnerte er sich an die Grenze: „Für uns war klar, dass es in "
               "einem vereinten Europa keine Grenzen mehr geben darf.“")
    html = page(f"<article><h1>Bus network grows</h1><div class='area'><p>{opening}</p><div class='wall'>"
                + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4)) + "</div></div></article>", lang="en")
    body = extract(html, URL).body
    assert body.startswith("Wenn der Kanzler") and "The council voted" in body


def test_a_link_that_writes_out_its_address_is_text_and_a_linked_teaser_is_not():
    html = page("<article><h1>Bus network grows</h1><div class='article-body'>"
                + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
                + "<p><a href='https://petition.example.org/bus'>https://petition.example.org/bus</a></p>"
                "<p><a href='mailto:desk@example.org'>desk@example.org</a></p>"
                "<p><a href='/2024/05/tram-line'>Read next: the tram line opens in June</a></p></div></article>",
                lang="en")
    body = extract(html, URL).body
    assert "https://petition.example.org/bus" in body and "desk@example.org" in body
    assert "tram line" not in body


def test_a_photo_gallery_inside_the_article_is_not_text_and_a_photo_storys_sections_are():
    gallery = ("<div class='asset_gallery'><ul><li>Riders board the first bus on the new route at dawn, as the "
               "mayor looks on. Photo: Jane Roe</li></ul><div class='control-panel'>Caption Close Back to Gallery"
               "</div></div>")
    story = "".join(f"<div class='editorial-gallery__section'><p>{ENGLISH} ({i})</p></div>" for i in range(3))
    lightbox = f"<div class='media js-lightbox-gallery'><p>{ENGLISH} (lightbox)</p></div>"
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'><p>{ENGLISH} (0)</p>{gallery}"
                f"{story}{lightbox}</div></article>", lang="en")
    body = extract(html, URL).body
    assert "Back to Gallery" not in body and "first bus on the new route" not in body
    assert all(f"({i})" in body for i in range(3)) and "(lightbox)" in body


def test_a_reading_list_that_ends_the_text_is_not_text_and_a_list_of_steps_is():
    item = "<li><a href='/story-{}'>The tram line opens in June</a>, and what it means for riders</li>"
    reading = "<h3>More stories</h3><ul>" + "".join(item.format(i) for i in range(4)) + "</ul>"
    steps = "<ul><li>Buy a ticket at the machine.</li><li>Validate it on board.</li></ul>"
    paragraphs = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    with_reading = extract(page(f"<article><h1>Bus network grows</h1><div class='article-body'>{paragraphs}"
                                f"{reading}</div></article>", lang="en"), URL).body
    with_steps = extract(page(f"<article><h1>Bus network grows</h1><div class='article-body'>{paragraphs}"
                              f"{steps}</div></article>", lang="en"), URL).body
    assert with_reading.endswith("(3)") and "tram line" not in with_reading
    assert with_steps.endswith("Validate it on board.")


@pytest.mark.parametrize("label", ["REKLAM", "Anzeige", "- Advertisement -", "Publicidad", "광고"])
def test_the_label_an_ad_slot_leaves_alone_on_its_line_is_not_text(label: str):
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{paragraphs[0]}<div>{label}</div>"
                f"{''.join(paragraphs[1:])}<p>Anzeige der Woche: the council's own notice, printed in full.</p>"
                "</div></article>", lang="en")
    body = extract(html, URL).body
    assert label not in body.split("\n\n") and "Anzeige der Woche" in body


@pytest.mark.parametrize("credit", ["Photo: Jane Roe", "STR/AFP via Getty Images", "© Lucy Nicholson",
                                    "(Credit: Jane Roe / Northern Post)",
                                    "The new depot at dawn, seen from the river. | © Jane Roe/Northern Post"])
def test_a_pictures_credit_left_alone_on_its_line_is_not_text(credit: str):
    """Nor a caption left with its credit after a bar: both are the picture's."""
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{paragraphs[0]}<div>{credit}</div>"
                f"{''.join(paragraphs[1:])}<p>Photo: a new route map.</p></div></article>", lang="en")
    body = extract(html, URL).body
    assert credit not in body and "Photo: a new route map." in body


@pytest.mark.parametrize("row", ["Ann Lee, city desk | Tuesday, May 3, 2021 | 5 min read",
                                 "Geschrieben von Ann Lee-Tran, Redaktion Verkehr · 3. Mai 2021",
                                 "Report on the new bus routes of 4 June 2020 | PDF | 1 MB | not accessible",
                                 "Trackback | Permalink | Comments closed"])
def test_a_metadata_row_with_a_date_among_its_parts_is_not_text(row: str):
    """A byline, dateline or file row (here between two paragraphs, as a download's row or a second byline
    stands) sets its parts apart by bars or dots, and so does a post's footer of interface labels; a row of parts
    with neither a date nor a label (a table's header line) is none."""
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{''.join(paragraphs[:2])}<p>{row}</p>"
                f"{''.join(paragraphs[2:])}<p>Route | Stops | First bus</p></div></article>", lang="en")
    body = extract(html, URL).body
    assert row not in body and "Route | Stops | First bus" in body and "(3)" in body


def test_a_teaser_card_set_inside_the_articles_text_is_not_text():
    card = ("<article><a href='/2024/05/tram-line'></a><h3>Tram line: a ride for everyone</h3><p>The tram line "
            "opens in June, and riders from the east side will reach the centre in twelve minutes.</p></article>")
    body = body_around(card)
    assert "tram line" not in body.lower() and all(f"({i})" in body for i in range(4))


@pytest.mark.parametrize("label", ["Lesen Sie auch", "Veja também:", "Artículos relacionados", "관련기사",
                                   "Weitere Themen", "Keine Kommentare", "12 comments", "Aucun commentaire",
                                   "Follow the Daily's Opinion section on Facebook, Twitter (@DailyOpinion) and "
                                   "Instagram.",
                                   "Get the Daily's app for iPhone and Android to read the news wherever you are.",
                                   "Join the Daily on WhatsApp for the morning's news.",
                                   "Dieses Rezept könnte dich auch interessieren:", "You may also be interested in:",
                                   "3 Kommentare (werden nach Prüfung angezeigt)",
                                   "You must be logged in to post a comment.",
                                   "Warning: Undefined variable $title in /var/www/html/templates/single.php "
                                   "on line 12",
                                   "¡Visita nuestro canal de YouTube!", "Was this article helpful?",
                                   "Wie bewerten Sie diesen Beitrag?"])
def test_a_pointer_to_other_stories_alone_on_its_line_is_not_text(label: str):
    """Nor a comment counter, the comment form's sign-in notice, a feedback widget's prompt, a server's error
    message or an invitation to follow the publisher, to join its channel or to install its app: they are not this
    text. A channel the story reports on is text, and so is a line of text that holds such words."""
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    reported = "The mayor posted the new timetable on her YouTube channel on Monday. Was this article helpful?"
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{''.join(paragraphs[:2])}"
                f"<p><strong>{label}</strong></p>{''.join(paragraphs[2:])}<p>Lesen Sie auch die Stellungnahme "
                f"des Rates, die wir unten vollständig dokumentieren.</p><p>{reported}</p></div></article>", lang="en")
    body = extract(html, URL).body
    assert label not in body.split("\n\n") and "(3)" in body and "Stellungnahme des Rates" in body
    assert reported in body


def test_a_box_about_a_person_beside_the_text_is_not_text():
    """An interviewee's or author's box (schema.org Person: name, role, a line of bio) stands beside the text;
    a name marked up inline in a sentence stays."""
    box = ("<div class='expandable-box' itemscope itemtype='https://schema.org/Person'><p>Ann Lee</p>"
           "<p>Transport planner</p><p>Ann Lee has planned the city's bus routes since 2010 and teaches at the "
           "university.</p></div>")
    inline = ("<p>The plan was drawn by <span itemscope itemtype='https://schema.org/Person'>Bob Tran</span>, who "
              "has worked on the routes for ten years with the council's engineers and the drivers' union.</p>")
    body = body_around(box + inline)
    assert "Transport planner" not in body and "teaches at the university" not in body
    assert "drawn by Bob Tran" in body and all(f"({i})" in body for i in range(4))


def test_a_papers_list_of_references_does_not_outscore_its_text():
    """Citations are long lines full of commas, which readability's points reward: a journal page's reference
    list would win over the abstract it follows."""
    reference = ("{n}. Lee A, Tran B, Vo C, et al. Bus network growth, ridership, fares, and service frequency in "
                 "mid-sized cities, 2000-2014. J Transp Stud. 2013;31:5339-48. doi:10.1016/j.jts.2013.09.{n}")
    references = "".join(f"<li class='references__item'>{reference.format(n=n)}</li>" for n in range(12))
    abstract = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(2))
    html = page(f"<article><h1>Bus network growth</h1><div class='abstract'>{abstract}</div>"
                f"<div class='article__references'><h2>References</h2><ul>{references}</ul></div></article>", lang="en")
    body = extract(html, URL).body
    assert "(0)" in body and "(1)" in body and "J Transp Stud" not in body


def test_an_article_whose_parts_nest_at_different_depths_is_taken_whole():
    """A recipe's ingredients sit one level down, its steps three: scored by parent and grandparent only, the
    ingredients list alone would win. The steps are the article too."""
    ingredients = "".join(f"<li>{n} cups of flour, sifted, with salt</li>" for n in range(6))
    steps = "".join(f"<li><div class='step'><div>Step {n}: stir the flour into the butter, "
                    f"slowly, then knead the dough for a few minutes until it is smooth and rests well.</div></div>"
                    f"</li>" for n in range(5))
    html = page(f"<h1>Butter biscuits</h1><div class='recipe'><h2>Ingredients</h2><div><ul>{ingredients}</ul></div>"
                f"<div class='method'><h2>Method</h2><div><div><ol>{steps}</ol></div></div></div></div>"
                f"<div class='sidebar'><a href='/a'>More recipes for the weekend and for every season</a></div>",
                lang="en")
    body = extract(html, "https://recipes.example.com/butter-biscuits").body
    assert "Step 4: stir the flour" in body and "0 cups of flour" in body and "More recipes" not in body


def test_a_chunk_of_the_text_with_one_more_modifier_class_is_still_the_text():
    """A template marks its first chunk 'version-2'; a layout grid's row with a spacing class that holds only
    the kicker and the byline is no chunk of the text."""
    first = "".join(f"<p>{ENGLISH} (lead {i})</p>" for i in range(2))
    rest = "".join(f"<p>{ENGLISH} ({i}), with a longer tail, several clauses, and more commas.</p>" for i in range(4))
    html = page("<article><div class='row mt-5'><div><span>Transport</span><h1>Bus network grows</h1>"
                "<p>Von Karim Natour</p></div></div>"
                f"<div class='row'><div class='body-text section version-2'><div class='component'><div>{first}</div>"
                f"</div></div><div class='body-text section'><div class='component'><div>{rest}</div></div></div></div>"
                "</article>", lang="en")
    body = extract(html, URL).body
    assert body.startswith(ENGLISH + " (lead 0)") and "(3), with a longer tail" in body
    assert "Karim Natour" not in body and "Transport" not in body


def test_a_layout_rows_spacing_class_does_not_make_the_headlines_row_a_chunk_of_the_text():
    paragraphs = "".join(f"<p>{ENGLISH} ({i}), with a longer tail, several clauses, and commas.</p>" for i in range(5))
    html = page("<article><div class='row mt-5'><div class='col'><span>Transport</span><h1>Bus network grows</h1>"
                "<p>Photos, maps, and timetables: everything, in one place, here.</p></div></div>"
                f"<div class='row'><div class='col'><div>{paragraphs}</div></div></div></article>", lang="en")
    body = extract(html, URL).body
    assert "(4), with a longer tail" in body and "timetables" not in body


@pytest.mark.parametrize("line", ["This slideshow requires JavaScript.", "JavaScript is disabled in your browser.",
                                  "[button link='/submit-review/' type='big' newwindow='yes'] Send us YOUR kit "
                                  "review, with photos, and tell the other riders what you think[/button]"])
def test_a_notice_for_browsers_without_script_and_an_unrendered_shortcode_are_not_text(line: str):
    paragraphs = [f"<p>{ENGLISH} ({i})</p>" for i in range(4)]
    sentence = "The new site requires JavaScript developers, the mayor said."
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>{''.join(paragraphs[:2])}"
                f"<p>{line}</p><p>{sentence}</p>{''.join(paragraphs[2:])}</div></article>", lang="en")
    body = extract(html, URL).body
    assert line not in body and sentence in body and "(3)" in body


def test_an_article_told_in_its_pictures_captions_never_gets_an_empty_body():
    """The last step of the cascade: a page that declares itself an article and keeps no text once its figures
    are set apart is scored again on the unpruned tree. An undeclared page may stay empty (a listing may)."""
    figures = "".join(f"<figure><img src='/p{i}.jpg' width='900'><figcaption><p>{ENGLISH} ({i})</p></figcaption>"
                      "</figure>" for i in range(4))
    declared = page(f"<h1>Bus network grows</h1><div class='story'>{figures}</div>",
                    head="<meta property='og:type' content='article'>", lang="en")
    undeclared = declared.replace("<meta property='og:type' content='article'>", "")
    assert extract(declared, URL).body.count("The council voted") == 4
    assert extract(undeclared, URL).body == ""


def test_a_subheading_whose_id_spells_its_words_stays_and_a_nav_block_goes():
    """A table of contents' anchor (`id="nav_new_routes__1"`) names the heading's words; a block whose id says
    it is navigation and whose words it does not spell is still chrome."""
    html = page("<article><h1>Bus network grows</h1><div class='article-body'>"
                f"<p>{ENGLISH} (1)</p><h3 class='subheading' id='nav_new_routes_for__1'>New routes for the north</h3>"
                f"<p>{ENGLISH} (2)</p><p>{ENGLISH} (3)</p><div id='nav_sections'>Sections of the site</div>"
                "</div></article>", lang="en")
    body = extract(html, URL).body
    assert "New routes for the north" in body and "Sections of the site" not in body


def test_a_weak_winner_gives_way_to_the_block_around_the_headline_that_holds_it_and_much_more():
    """The cascade: a tips box of long, comma-rich list items outscores an article whose sections each sit in a
    wrapper of their own (a page builder's). The winner keeps little text, the headline's block holds it and
    several times more: that block is the body."""
    tip = ("Check the tread depth, the age printed on the sidewall, the load index, the speed rating, the valve, "
           "the spare, and ask the fitter about balancing, storage and disposal before you pay")
    tips = "<div class='hint-box'><div class='hint-inner'><ul class='tips'>" + "".join(
        f"<li>{tip} ({n}).</li>" for n in range(4)) + "</ul></div></div>"
    sections = [f"<div class='text-section s-{i}'><h2>Results for group {i}</h2><p>{ENGLISH} ({i})</p></div>"
                for i in range(1, 6)]
    html = page("<main><div class='main-content'><div class='text-block'><h1>Winter tyres compared</h1>"
                f"<p>{ENGLISH} (0)</p></div>{''.join(sections[:2])}{tips}{''.join(sections[2:])}</div></main>",
                lang="en")
    body = extract(html, URL).body
    assert all(f"({i})" in body for i in range(6)) and body.count("Check the tread depth") == 4


def test_a_weak_winner_stays_when_the_block_around_the_headline_does_not_hold_it():
    """A headline's block full of other text (a timetable's short lines) that does not hold the article's
    paragraphs says nothing of them: the short article stays the body."""
    timetable = "<div class='lines'>" + "".join(f"<div>Route {n} to Northgate</div>" for n in range(40)) + "</div>"
    html = page(f"<div class='top'><h1>Bus network grows</h1>{timetable}</div>"
                f"<div class='story'><p>{ENGLISH}</p><p>{ENGLISH}</p></div>", lang="en")
    assert extract(html, URL).body == f"{ENGLISH}\n\n{ENGLISH}"


def test_a_content_word_inside_the_token_that_names_boilerplate_does_not_shield_it():
    """"related_post" is a list of related posts and "article-comments" the comments under the article, whatever
    "post" and "article" say; a content word in another token of the class still shields the element
    ("post-content share-enabled" is the text with a share bar switched on)."""
    related = ("<ul class='related_post list-unstyled'><li>Trams return to the harbour after ten years of debate, "
               "plans and a vote that split the council down the middle.</li></ul>")
    comments = "<div class='article-comments'><p>Great news, finally someone listens to the riders here!</p></div>"
    shielded = f"<div class='post-content share-enabled'><p>{ENGLISH} (shielded)</p></div>"
    body = body_around(related + comments + shielded)
    assert "Trams return" not in body and "Great news" not in body
    assert "(shielded)" in body and all(f"({i})" in body for i in range(4))


def test_a_page_builders_text_modules_in_rows_of_their_own_are_all_the_body():
    """WPBakery-style markup: each text module sits six wrappers down in a row with a class of its own, so the
    modules are no near siblings of the winner; in the article's element, the modules built like it with a good
    share of its prose are the text. A module of the same kind holding a donation appeal has little and stays
    out."""
    def row(number: int, paragraphs: list[str]) -> str:
        text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        return (f"<div class='vc_row vc_custom_{number} wpb_row'><div class='wpb_column vc_column_container'>"
                "<div class='vc_column-inner'><div class='wpb_wrapper'><div class='wpb_text_column "
                f"wpb_content_element'><div class='wpb_wrapper'>{text}</div></div></div></div></div></div>")
    rows = [row(1, [f"{ENGLISH} (first {i})" for i in range(8)]), row(2, [f"{ENGLISH} (second {i})" for i in range(2)]),
            row(3, ["Support our work: donate today!"]), row(4, [f"{ENGLISH} (third {i})" for i in range(3)])]
    html = page(f"<header><h1>Bus network grows</h1></header><div class='entry-content'>{''.join(rows)}</div>",
                lang="en")
    body = extract(html, URL).body
    assert "(second 1)" in body and "(third 2)" in body and "(first 7)" in body and "donate" not in body


@pytest.mark.parametrize("box_class", ["author-bio", "about-the-author", "author-info", "author-card"])
def test_the_box_about_the_author_under_the_text_is_not_text(box_class: str):
    """A reporter's biography, inside the article's wrapper under its text, is about the writer, not the story."""
    bio = (f"<div class='{box_class}'><p>Ann Lee covers city hall and transport for the paper, and before that spent "
           "six years on the courts beat.</p></div>")
    body = extract(page(
        "<article><h1>Bus network grows</h1><div class='article-body'>"
        + "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4)) + f"{bio}</div></article>", lang="en"), URL).body
    assert "city hall and transport" not in body and f"{ENGLISH} (3)" in body


@pytest.mark.parametrize("line", ["Listen to this article", "Reading time: 3 minutes", "Lesezeit: 3 Min.",
                                  "Story continues below advertisement", "Weiterlesen nach der Anzeige",
                                  "Image 1 of 5", "© 2024 The Riverside Courier. All rights reserved.",
                                  "Tags: bus, council, budget"])
def test_what_a_page_says_about_reading_it_its_rights_and_its_tags_is_not_text(line: str):
    """A reader aid, the words around an ad slot, a slideshow's counter, the rights line and the tags' line stand
    in the text's wrapper and say nothing of the story."""
    body = body_around(f"<p>{line}</p>")
    assert line not in body and f"{ENGLISH} (2)" in body
