"""The lead (sapo, standfirst, teaser): the summary paragraph news sites set between the headline and the text,
outside the text's container. It is the body's first paragraph, so that a record holds the whole article.

Engages when a lead-classed element stands just before the body's first chunk in document order, below the
headline (the walk back from the body stops at the headline or any <h1>).
"""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.dom import class_and_id, tag_of, text_of

LEAD_CLASS = re.compile(r"(^|[\s_-])(lead|leadin|lede|sapo|summary|teaser|intro|introduction|standfirst|dek|deck|"
                        r"subtitle|subheadline|description|excerpt|abstract|chapeau|chapo|vorspann|perex|tomtat|"
                        r"tom-tat|epigraph|bajada|entradilla|copete|article-?lead|article-?summary|article-?intro)"
                        r"($|[\s_-])")
MIN_LEAD_CHARS = 40
MAX_LEAD_CHARS = 800
MAX_LOOKBACK = 120  # elements before the body looked at: a lead sits right above it
MAX_LINK_SHARE = 0.3
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


def find_lead(heading, parts: tuple, body_text: str) -> str | None:
    """The lead's text, or None: none found, or already in the body."""
    if not parts or parts[0].getparent() is None:
        return None
    first = _first_in_page(parts)
    # the chain is kept in a list: lxml's element proxies, and so their ids, live only while referenced
    heading_chain = [heading, *heading.iterancestors()] if heading is not None else []
    heading_ids = {id(e) for e in heading_chain}
    for element in reversed(_PRECEDING(first)):  # nearest first
        if id(element) in heading_ids or tag_of(element) == "h1":
            return None  # reached the headline: no lead below it
        if not isinstance(element.tag, str) or not LEAD_CLASS.search(class_and_id(element)):
            continue
        text = text_of(element)
        if not MIN_LEAD_CHARS <= len(text) <= MAX_LEAD_CHARS or _link_share(element, text) > MAX_LINK_SHARE:
            continue
        return None if " ".join(text.split()) in " ".join(body_text.split()) else text
    return None
