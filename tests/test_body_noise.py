"""Lines that are no text wherever they stand: ad labels, lone credits, metadata rows, pointers, notices."""
from __future__ import annotations

import pytest

from scraper import extract
from test_body import URL, body_around
from test_extract_rules import ENGLISH, page


def test_a_heading_left_at_the_end_of_the_text_without_its_widget_is_not_text_but_a_list_item_is():
    """The widget under the heading fills itself in the browser: the saved page has the heading alone."""
    html = page(f"<article><h1>Bus network grows</h1><div class='article-body'>"
                f"{''.join(f'<p>{ENGLISH} ({i})</p>' for i in range(4))}<ul><li>Route 12 to the airport</li></ul>"
                f"<h3>Das könnte Sie auch interessieren</h3><div class='feed'></div></div></article>", lang="en")
    body = extract(html, URL).body
    assert body.endswith("Route 12 to the airport") and "interessieren" not in body


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


@pytest.mark.parametrize("label", ["Lesen Sie auch", "Veja também:", "Artículos relacionados", "관련기사",
                                   "Weitere Themen", "Keine Kommentare", "12 comments", "Aucun commentaire",
                                   "Follow the Daily's Opinion section on Facebook, Twitter (@DailyOpinion) and "
                                   "Instagram.",
                                   "Follow the Daily on Twitter and Instagram @TheDaily and on Facebook @DailyNews. "
                                   "Send us a message on WhatsApp at 1-800-555-0100 or e-mail us at "
                                   "news@daily.example or editors@daily.example.",
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


@pytest.mark.parametrize("line", ["Listen to this article", "Reading time: 3 minutes", "Lesezeit: 3 Min.",
                                  "Story continues below advertisement", "Weiterlesen nach der Anzeige",
                                  "Image 1 of 5", "© 2024 The Riverside Courier. All rights reserved.",
                                  "Tags: bus, council, budget"])
def test_what_a_page_says_about_reading_it_its_rights_and_its_tags_is_not_text(line: str):
    """A reader aid, the words around an ad slot, a slideshow's counter, the rights line and the tags' line stand
    in the text's wrapper and say nothing of the story."""
    body = body_around(f"<p>{line}</p>")
    assert line not in body and f"{ENGLISH} (2)" in body


@pytest.mark.parametrize("line", ["Tell us what YOU think...", "Leave a comment", "Schreiben Sie einen Kommentar",
                                  "Laisser un commentaire"])
def test_the_comment_boxs_invitation_is_not_text_and_a_sentence_asking_opinions_is(line: str):
    """The comment box's invitation, left in the text's wrapper, says nothing of the story; a sentence of the story
    that asks what readers think does."""
    sentence = "Tell us what you think of the new routes by writing to the transit office before June."
    body = body_around(f"<p>{sentence}</p><p>{line}</p>")
    assert line not in body and sentence in body and f"{ENGLISH} (2)" in body


@pytest.mark.parametrize("line", ["Get daily news delivered to your inbox so you'll never miss the top stories.",
                                  "Zum Newsletter anmelden",
                                  "Lust auf mehr? Dann abonnieren Sie unseren Newsletter!"])
def test_the_publishers_newsletter_offered_in_the_text_is_not_text_and_a_story_about_an_inbox_is(line: str):
    """The publisher's newsletter offered between the paragraphs says nothing of the story; a story's sentence
    about newsletters or an inbox, offering nothing, does."""
    sentences = ["The transit office will send its timetable newsletter to riders twice a year.",
                 "Riders get alerts in their inbox when a bus runs late, the office said."]
    body = body_around("".join(f"<p>{s}</p>" for s in sentences) + f"<p>{line}</p>")
    assert line not in body and all(s in body for s in sentences) and f"{ENGLISH} (2)" in body


@pytest.mark.parametrize("line", ["To view the full story, please subscribe to The Courier.",
                                  "Already a subscriber? Log in for immediate access.",
                                  "Sie möchten gerne weiterlesen?", "Contenu réservé aux abonnés"])
def test_a_paywalls_notice_is_not_text_and_a_story_about_subscriptions_is(line: str):
    """Where a paywall cuts the text it says so; a story's sentence about subscribing offers nothing."""
    sentence = "Riders can subscribe to a monthly pass and read the timetable online, the transit office said."
    body = body_around(f"<p>{sentence}</p><p>{line}</p>")
    assert line not in body and sentence in body and f"{ENGLISH} (2)" in body


@pytest.mark.parametrize("label", ["Inhaltsverzeichnis", "Table of contents:", "Contents"])
def test_a_table_of_contents_label_is_not_text_and_a_sentence_opening_with_its_word_is(label: str):
    sentence = "Contents of the report were shared with the council before the vote."
    body = body_around(f"<p>{label}</p><p>{sentence}</p>")
    assert label not in body.split("\n\n") and sentence in body and f"{ENGLISH} (2)" in body
