"""What a page keeps only in its scripts: sites that render in the browser carry the article's text as JSON-LD's
`articleBody` or as an HTML string in the application's state (`"contentHtml": "<p>…</p>"`), and its date as
a key of that state (`"published_at": "2019-03-02T06:22:28+01:00"`).

Only a last resort, for a field that came out empty: such strings are what the site stored, without the
page's layout to tell the article's from those of the stories listed around it.
"""
from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator

from lxml import html as lxml_html
from lxml.etree import ParserError

from scraper.extract.dom import text_of
from scraper.extract.page import Page

MIN_SCRIPTED_CHARS = 200  # of text, for a string in a script to be taken for the article
_HTML_STRING = re.compile(r'"((?:[^"\\]|\\.){%d,})"' % MIN_SCRIPTED_CHARS)
_PARAGRAPH_OPENING = re.compile(r"<p[\s>]|\\u003cp[\s\\]", re.IGNORECASE)
_QUOTE = r'(?:\\?"|&quot;)'  # a key in a script, in a JSON string inside one, or in an HTML attribute
_STATE_DATE = re.compile(_QUOTE + r"(?:date_?published|published_?(?:at|date|time)?|publish_?(?:date|time)|"
                         r"first_?published_?(?:at|date)?)" + _QUOTE + r"\s*:\s*" + _QUOTE + r"(\d[^\"\\&]{7,34})",
                         re.IGNORECASE)
MAX_STATE_DATES = 5  # the first few: the article's own state comes before the stories listed after it


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


def scripted_dates(page: Page) -> Iterator[str]:
    """The first publication dates an application's state states, in source order."""
    for match in itertools.islice(_STATE_DATE.finditer(page.source), MAX_STATE_DATES):
        yield match.group(1)
