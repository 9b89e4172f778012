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


def test_a_long_list_of_names_and_affiliations_does_not_outscore_the_letter_they_signed():
    """Every other signatory with an affiliation after a comma, in three columns as open letters set them."""
    column = "<br>".join(f"<strong>Signatory {n}</strong>" + (", <span>University of Somewhere</span>" if n % 2 else "")
                         for n in range(40))
    letter = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(6))
    html = page(f"<article><h1>An open letter</h1><div class='wysiwyg'>{letter}"
                f"<table><tr>{f'<td>{column}</td>' * 3}</tr></table></div></article>", lang="en")
    assert extract(html, URL).body.startswith(ENGLISH)


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


def test_a_teaser_card_set_inside_the_articles_text_is_not_text():
    card = ("<article><a href='/2024/05/tram-line'></a><h3>Tram line: a ride for everyone</h3><p>The tram line "
            "opens in June, and riders from the east side will reach the centre in twelve minutes.</p></article>")
    body = body_around(card)
    assert "tram line" not in body.lower() and all(f"({i})" in body for i in range(4))


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


def test_an_article_nested_deeper_than_the_kept_ancestors_keeps_its_text():
    """Runs nested deeper than blocks.MAX_KEPT_ANCESTORS are placed by a walk up the tree instead of the kept
    ancestors: a page built of a hundred wrappers still gives its text."""
    depth = 100
    paragraphs = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(4))
    html = page(f"<article><h1>Bus network grows</h1>{'<div>' * depth}<div class='article-body'>{paragraphs}</div>"
                f"{'</div>' * depth}</article>", lang="en")
    body = extract(html, URL).body
    assert all(f"{ENGLISH} ({i})" in body for i in range(4))


def test_a_dateline_run_into_the_first_word_is_set_apart_and_code_is_left_alone():
    """A style sheet draws the gap after a dateline span ("<span>Đồng Tháp</span>Nhiều …"); a code
    highlighter's spans split words that must stay together."""
    sapo = "<p class='description'><span class='location-stamp'>Đồng Tháp</span>Nhiều nông dân thu lãi lớn.</p>"
    code = "<pre><code><span>request = 'GET / HTTP/1.1\\r\\n</span>Host: example.org'</code></pre>"
    article = extract(page("<div class='content'>" + sapo + "".join(f"<p>{PARAGRAPH} ({i})</p>" for i in range(3))
                           + code + "</div>"), "https://a.vn/nong-dan-1234.html")
    assert "Đồng Tháp Nhiều nông dân" in article.body
    assert "\\r\\nHost: example.org" in article.body
