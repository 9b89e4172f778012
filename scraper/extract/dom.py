"""Small questions asked of lxml elements by several field functions."""
from __future__ import annotations

import functools
import re

from lxml import etree

from scraper.text import clean_text

_STYLE_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.IGNORECASE)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})


def tag_of(element) -> str:
    """The parser lower-cases HTML tag names; comments and processing instructions have a function as tag."""
    tag = element.tag
    return tag if tag.__class__ is str else ""


def raw_text(element) -> str:
    return "".join(element.itertext())


_STRING_LENGTH = etree.XPath("string-length(.)")


def raw_length(element) -> int:
    """len(raw_text(element)) without building the string: libxml2 counts it, four times faster."""
    return int(_STRING_LENGTH(element))


def text_of(element) -> str:
    return clean_text(raw_text(element)) if element is not None else ""


UNREAD_TAGS = frozenset({"button", "svg", "script", "style", "noscript", "template"})  # widgets, drawings, code
_SCREEN_READER_ONLY = re.compile(r"sr-only|visually-?hidden|screen-?reader")
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINE_BREAKING = HEADING_TAGS | {"br", "p", "div", "li", "figcaption", "section", "blockquote", "dd", "dt", "tr", "td"}
_ITEMS_APART = "; "  # between two links side by side
LINES_APART = " ¦ "  # for shown_text's `apart` where a caller tells lines apart: no page's text holds it as a mark


def shown_text(element, apart: str = " ", spaced: bool = False) -> str:
    """An element's words as a reader sees them: a line break or the edge of a block is a space ("Council
    approves<br>the new bridge", a caption's text and credit in two <div>s), and a button, an icon's drawing or
    a label for screen readers inside it says nothing; two links side by side are two items. `apart` is what a
    line break or a block's edge becomes where the lines are parts (a byline's name, role and date); `spaced`
    puts a space between any two elements' words (a date widget's day, month and year in adjacent spans)."""
    if len(element) == 0:
        return text_of(element)
    pieces = [element.text or ""]
    _shown_pieces(element, pieces, apart, " " if spaced else "")
    return clean_text("".join(pieces))


def _shown_pieces(element, pieces: list[str], apart: str, between: str) -> None:
    for child in element:
        tag = tag_of(child)
        if tag == "a" and _beside_a_link(child):
            while pieces and not pieces[-1].strip():  # the space after the first link: "Ann Lee; Bob Tran"
                pieces.pop()
            pieces.append(pieces.pop().rstrip() if pieces else "")
            pieces.append(_ITEMS_APART)
        else:
            pieces.append(apart if tag in _LINE_BREAKING else between)
        if tag and tag not in UNREAD_TAGS and not is_hidden(child) \
                and not _SCREEN_READER_ONLY.search(child.get("class") or ""):
            pieces.append(child.text or "")
            _shown_pieces(child, pieces, apart, between)
        pieces.append(apart if tag in _LINE_BREAKING else between)
        pieces.append(child.tail or "")


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text that shown_text set LINES_APART."""
    return [line for line in map(str.strip, text.split(LINES_APART.strip())) if line]


def _beside_a_link(link) -> bool:
    """A link right after another, nothing but space between them: two items (two authors' pages), "; " apart."""
    previous = link.getprevious()
    return previous is not None and tag_of(previous) == "a" and not (previous.tail or "").strip() \
        and bool(raw_text(previous).strip())


def spaced_text_of(element) -> str:
    """The text with a space between its elements' pieces: date widgets set the day, month and year in
    adjacent spans (`<span>Apr</span> <span>04</span><span>2013</span>`), which text_of runs into "042013"."""
    return clean_text(" ".join(element.itertext()))


def document_position(element) -> tuple[int, ...]:
    """A key that sorts elements of one tree in the order they stand in the page: each ancestor's place among
    its siblings, from the root down."""
    places = []
    while (parent := element.getparent()) is not None:
        places.append(parent.index(element))
        element = parent
    return tuple(reversed(places))


def class_and_id(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def shape_of(element) -> tuple[str, str]:
    """Tag and sorted classes: blocks built alike (story teasers, article chunks) share it."""
    return tag_of(element), " ".join(sorted((element.get("class") or "").split()))


def marked(page, words: tuple[str, ...]) -> list:
    """Elements whose class or id contains one of the words (case-insensitive), in page order."""
    search = _any_of(words).search
    return [element for element, marker in page.classed if search(marker)]


@functools.cache
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation per word list: a regex search per element beats a generator of `in` tests."""
    return re.compile("|".join(map(re.escape, words)))


def is_hidden(element) -> bool:
    style = element.get("style")
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or (style is not None and _STYLE_HIDDEN.search(style) is not None))


def is_centered(element) -> bool:
    return (element.get("align") or "").lower() == "center" or bool(_CENTERED.search(element.get("style") or "")) \
        or tag_of(element) == "center"


def is_right_aligned(element) -> bool:
    return (element.get("align") or "").lower() == "right" or bool(_RIGHT.search(element.get("style") or ""))


def emphasized_share(element, tags: frozenset[str]) -> float:
    """How much of the element's text sits inside the given inline tags (em/i or b/strong)."""
    total = len(text_of(element))
    if not total:
        return 0.0
    inside = sum(len(text_of(e)) for e in element.iter() if tag_of(e) in tags
                 and not any(tag_of(a) in tags for a in e.iterancestors() if a is not element))
    if _ITALIC.search(element.get("style") or "") and tags == ITALIC_TAGS:
        return 1.0
    return inside / total


_LARGE_FONT = re.compile(r"font-size\s*:\s*(1[6-9]|[2-9]\d)px|font-size\s*:\s*(large|x-large|xx-large)",
                         re.IGNORECASE)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.IGNORECASE)


def is_emphasized(element) -> bool:
    """Shown as a heading would be: a heading or bold tag, a <font> of size 3 or more, bold or large by style."""
    tag = tag_of(element)
    if tag in ("h1", "h2", "h3", "h4", "b", "strong"):
        return True
    size = (element.get("size") or "").strip()
    if tag == "font" and (size.startswith("+") or (size.isdigit() and int(size) >= 3)):
        return True
    style = element.get("style") or ""
    return bool(_LARGE_FONT.search(style) or _BOLD_STYLE.search(style))


ITALIC_TAGS = frozenset({"em", "i"})
BOLD_TAGS = frozenset({"b", "strong"})


def is_inside(element, ancestor_tags: frozenset[str]) -> bool:
    """libxml filters the ancestors by tag: no Python object is made for the others."""
    return next(element.iterancestors(*ancestor_tags), None) is not None


def in_site_chrome(element) -> bool:
    """Inside the site's navigation, footer, sidebar or page header. A <header> within an <article> or <main> is
    the article's own (headline, lead photo, byline, time) and not chrome."""
    for ancestor in element.iterancestors("nav", "footer", "aside", "header"):
        if ancestor.tag != "header" or next(ancestor.iterancestors("article", "main"), None) is None:
            return True
    return False


_COMMENTS = re.compile(r"(^|[\s_-])(comments?|binh-?luan|replies|reply|disqus)($|[\s_-])", re.IGNORECASE)
_COMMENT_HINTS = ("omment", "repl", "luan", "disqus")  # one is in every class or id that _COMMENTS can match


def in_comments(element) -> bool:
    """In the readers' comments or their form (or is a comment's own stamp or name): their dates are later than
    the story's, their names are not its authors. Substring tests spare most ancestors the word test."""
    for node in (element, *element.iterancestors()):
        marker = class_and_id(node)
        if any(hint in marker for hint in _COMMENT_HINTS) and _COMMENTS.search(marker):
            return True
    return False


def remove_keep_tail(element) -> None:
    """Take an element out of the tree, keeping the text that follows it (its tail) where it stood."""
    parent = element.getparent()
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
