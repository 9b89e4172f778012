"""The article's text when the page's HTML shows none: sites that render in the browser carry it in a script,
as JSON-LD's `articleBody` or as an HTML string in the application's state (`"contentHtml": "<p>…</p>"`).

Only a last resort, for a body that came out empty: such strings are the text as the site stored it, without
the page's layout to tell the article from what surrounds it.
"""
from __future__ import annotations

import json
import re

from lxml import html as lxml_html
from lxml.etree import ParserError

from scraper.extract.dom import text_of
from scraper.extract.page import Page

MIN_SCRIPTED_CHARS = 200  # of text, for a string in a script to be taken for the article
_HTML_STRING = re.compile(r'"((?:[^"\\]|\\.){%d,})"' % MIN_SCRIPTED_CHARS)
_PARAGRAPH_OPENING = re.compile(r"<p[\s>]|\\u003cp[\s\\]", re.IGNORECASE)


def scripted_body(page: Page) -> str:
    """JSON-LD's articleBody, else the HTML string in a script with the most paragraph text; "" when none."""
    stated = page.article_ld.get("articleBody")
    if isinstance(stated, str) and len(stated.strip()) >= MIN_SCRIPTED_CHARS:
        return "\n\n".join(line.strip() for line in stated.splitlines() if line.strip())
    best = ""
    for match in _HTML_STRING.finditer(page.source):
        if not _PARAGRAPH_OPENING.search(match.group(1)):
            continue
        text = _paragraphs(match.group(1))
        if len(text) > len(best):
            best = text
    return best if len(best) >= MIN_SCRIPTED_CHARS else ""


def _paragraphs(literal: str) -> str:
    try:
        markup = json.loads(f'"{literal}"')
        fragment = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, ParserError):  # not a JSON string after all, or no markup in it
        return ""
    return "\n\n".join(text for p in fragment.iter("p") if (text := text_of(p)))
