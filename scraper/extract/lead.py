"""The lead (sapo, standfirst, teaser): the summary paragraph news sites set between the headline and the text,
outside the text's container. It is the body's first paragraph, so that a record holds the whole article.

Engages when a lead-classed element, or one saying what the page's declared description says, stands just before
the body's first chunk in document order, below the headline (the walk back from the body stops at the headline
or any <h1>).
"""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.dom import class_and_id, tag_of, text_of

LEAD_CLASS = re.compile(r"(^|[\s_-])(lead|leader|leadin|lede|sapo|summary|teaser|intro|introduction|standfirst|"
                        r"dek|deck|subtitle|subheadline|description|excerpt|abstract|chapeau|chapo|vorspann|perex|"
                        r"tomtat|tom-tat|epigraph|bajada|entradilla|copete|sommario|catenaccio|linha-?fina|"
                        r"article-?lead|article-?summary|"
                        r"article-?intro)($|[\s_-])")
MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 800
MAX_LOOKBACK = 120  # elements before the body looked at: a lead sits right above it
MAX_LINK_SHARE = 0.3
_LEAD_TAGS = frozenset({"p", "div", "h2", "h3", "strong", "b", "section"})  # where an unclassed lead is looked for
_ELLIPSIS = " .…"  # what ends a description cut short
_PRECEDING = etree.XPath(f"preceding::*[position() <= {MAX_LOOKBACK}]")


def _link_share(element, text: str) -> float:
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return linked / len(text) if text else 1.0


def _first_in_page(parts: tuple):
    """The body's first chunk in page order. The winner comes first in `parts` and its sibling chunks, children
    of the same parent, may precede it."""
    parent = parts[0].getparent()
    if any(part.getparent() is not parent for part in parts):
        return parts[0]
    return min(parts, key=parent.index)


def find_lead(heading, parts: tuple, body_text: str, descriptions: tuple[str, ...] = ()) -> str | None:
    """The lead's text, or None: none found, or already in the body. A lead is marked by its class, or by
    saying what the page's declared description says (publishers give their standfirst as the description,
    whatever class their template sets on it)."""
    if not parts or parts[0].getparent() is None:
        return None
    first = _first_in_page(parts)
    # the chain is kept in a list: lxml's element proxies, and so their ids, live only while referenced
    heading_chain = [heading, *heading.iterancestors()] if heading is not None else []
    heading_ids = {id(e) for e in heading_chain}
    described = [_comparable(d) for d in descriptions if len(d) >= MIN_LEAD_CHARS]
    for element in reversed(_PRECEDING(first)):  # nearest first
        if id(element) in heading_ids or tag_of(element) == "h1":
            return None  # reached the headline: no lead below it
        if not isinstance(element.tag, str):
            continue
        classed = LEAD_CLASS.search(class_and_id(element))
        if not classed and not (described and tag_of(element) in _LEAD_TAGS):
            continue
        text = text_of(element)
        if not MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS or _link_share(element, text) > MAX_LINK_SHARE:
            continue
        if classed or _says(_comparable(text), described):
            return None if " ".join(text.split()) in " ".join(body_text.split()) else text
    return None



def _comparable(text: str) -> str:
    return " ".join(text.split()).lower().rstrip(_ELLIPSIS)


def _says(text: str, descriptions: list[str]) -> bool:
    """The text is a description, or a description cut short ("…") is its start."""
    return any(text == d or text.startswith(d) for d in descriptions)
