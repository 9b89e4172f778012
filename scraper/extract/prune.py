"""Pruning: the page's chrome, hidden elements and boilerplate-classed blocks leave the tree before the body
is scored, so that no menu, share bar, newsletter box or cookie notice can win or stay in the text.

Runs once on the tree, after every other field has been read (it mutates the tree).
"""
from __future__ import annotations

import functools
import re

from lxml import etree

from scraper.extract.dom import is_hidden, is_inside, raw_length, raw_text, remove_keep_tail

DROP_TAGS = ("script", "style", "template", "iframe", "svg", "canvas", "button", "select", "input",
             "textarea", "object", "embed", "video", "audio", "map", "dialog", "menu",
             "figure", "figcaption", "picture", "head", "link", "meta")
# Chrome by its tag, dropped like a boilerplate class: unless it holds a large share of the page's text, as when
# a template puts the whole article column in an <aside>, or an old site its whole no-JavaScript page in a
# <noscript> (tracking pixels and "please enable JavaScript" notes are what noscripts hold otherwise).
CHROME_DROP_TAGS = ("nav", "footer", "aside", "noscript")
_INLINE_TAGS = frozenset({"a", "span", "em", "i", "strong", "b", "u", "mark", "abbr", "cite", "q", "small", "sub",
                          "sup", "time", "font"})
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(comments?|binh-?luan|share|sharing|social|chia-?se|newsletter|cookie|consent|gdpr|advert\w*|ads?|"
    r"adsbygoogle|banner|promo\w*|sponsor\w*|sidebar|breadcrumbs?|subscribe|signup|sign-up|popup|modal|"
    r"related\w*|lien-?quan|tin-?khac|other-?news|most-?(read|viewed|popular)|trending|tags?|keywords?|tu-?khoa|"
    r"pagination|pager|print|font-?size|toolbar|tools|rating|vote|author-?(box|bio|info|card|profile)|"
    r"about-?(the-?)?author|outbrain|taboola|recommend\w*|"
    r"masthead|navbar|nav|menu|footer|copyright|visually-hidden|sr-only|offscreen|screen-?reader\w*|skip|jump|login|"
    r"cta|read-?more|xem-?them|audio|player|video|references|bibliography)($|[\s_-])",
)
# Photo galleries and sliders inside an article repeat its captions between buttons ("Caption", "Close", "Back to
# Gallery"). Matched as a class token's last word, the element's own name: "editorial-gallery__section" is a
# section of a photo story, which is an article.
_GALLERY = re.compile(r"(^|[\s_-])(gallery|slideshow|carousel|lightbox)($|\s)")
# Metadata rows (date, author, hit counter) read before pruning; dropped even when their class also says
# "article" or "post" (Joomla's dl.article-info, WordPress's entry-meta), which otherwise protects an element.
_METADATA = re.compile(r"(^|[\s_-])(article-?info|article-?meta|entry-?meta|post-?meta|hits|views?-?count|"
                       r"luot-?xem)($|[\s_-])")
_METADATA_HINTS = ("info", "meta", "hits", "view", "luot")
# Overlays, appeals and sign-in walls that sit inside the article's wrapper and take its classes' words
# ("cookiecontent", "box deals-newsletter", "article-content__sign-in-group"): pruned even when a positive word
# ("content", "news") is in their class too.
_OVERLAY = re.compile(r"(^|[\s_-])(cookie\w*|consent\w*|gdpr|newsletter\w*|popup|modal|donat\w*|paywall-?prompt|"
                      r"sign-?in|log-?in|(e-?mail-?)?sign-?up\w*|app-?(hint|promo\w*|banner|teaser|download))")
# Words of a content wrapper's class: in a token of their own they shield an element from the boilerplate words
# (and score it up in body)
CONTENT_CLASS = re.compile(r"article|body|content|entry|main|post|story|detail|text|noi-?dung|chi-?tiet|news|fck|"
                           r"cms|journal")
# Class tokens that say nothing of what an element is, dropped before the words above are looked for: state and
# layout flags ("has-sidebar", "is-sticky", "with-ads"), BEM modifiers ("testreport__section--ads" is a report's
# section with ad slots in it, "l-outer--nav" the wrapper beside a nav); JavaScript hooks ("js-tags",
# "js-lightbox-gallery") name what a script does with the element, before any other word is looked for
_FLAG_TOKEN = re.compile(r"(?:^|(?<=\s))(?:has|is|with)-\S*|--\S*|__(?:has|is|with)-\S*")
_HOOK_TOKEN = re.compile(r"(?:^|(?<=\s))js-\S*")
_FLAG_HINTS = ("has-", "is-", "with-", "--")
# WordPress labels its post element with the post's categories and tags ("category-no-newsletter-rss")
_WORDPRESS_POST = re.compile(r"(^|\s)post-\d+(\s|$)")
_TAXONOMY_TOKEN = re.compile(r"(?:^|(?<=\s))(?:category|tag)-\S*")
MAX_TEASER_CARD_CHARS = 500  # an <article> inside the article, linking elsewhere, with less text is a teaser card
MAX_PRUNED_SHARE = 0.4  # of the page's text: an element holding more is never dropped for its class alone
MAX_CHROME_LINK_SHARE = 0.3  # of a kept <aside>/<nav>/<footer>'s text in links
MIN_ANCHOR_WORDS = 2  # of the element's words, spelled in its id, for the id to be a table of contents' anchor
# from the root element down: libxml evaluates "//*" through an intermediate set of every node, a fifth slower
_MARKED_OR_STYLED = etree.XPath("descendant-or-self::*[@class or @id or @style or @hidden or @aria-hidden]")
MARKER_CACHE_SIZE = 8192  # distinct class/id strings remembered across pages of a process


def prune(tree, remove: list) -> None:
    """Drop chrome, hidden and boilerplate-classed elements, plus the given caption and related elements.

    An element holding a large share of the page's text is never dropped for its class or its chrome tag alone:
    wrappers such as `<div class="page has-sidebar">` or an `<aside>` article column carry whole articles. The
    chrome goes first, so that share is measured against the text the page has without it.
    """
    etree.strip_elements(tree, *DROP_TAGS, with_tail=False)
    page_chars = raw_length(tree) or 1
    _remove_all([e for e in tree.iter(*CHROME_DROP_TAGS) if not _holds_page(e, page_chars)])
    doomed = [e for e in remove if e is not None] + _teaser_cards(tree)
    total = raw_length(tree) or 1
    for element in _MARKED_OR_STYLED(tree):  # libxml picks them: most elements carry no such attribute
        if element.tag in ("html", "body"):
            continue
        marker = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if is_hidden(element) or (_condemned_by_marker(marker) and not _in_running_text(element)
                                  and not _anchor_of_its_words(element)):
            if raw_length(element) < MAX_PRUNED_SHARE * total:
                doomed.append(element)
    doomed += [box for box in _PERSON_BOXES(tree) if raw_length(box) < MAX_PRUNED_SHARE * total]
    _remove_all(doomed)


# A box about a person (schema.org Person: an author's or an interviewee's name, role, portrait and bio) stands
# beside the text; it is not the text
_PERSON_BOXES = etree.XPath("descendant-or-self::*[@itemtype][not(self::a or self::span)]"
                            "[substring(@itemtype, string-length(@itemtype) - 6) = '/Person']")


def _teaser_cards(tree) -> list:
    """Teaser cards set inside the article's text ("SZ Plus: 50 Jahre Berlin-Marathon …"): an <article> within
    an <article>, short, with a link to another page (often an empty one laid over the whole card)."""
    return [card for card in tree.iter("article") if next(card.iterancestors("article"), None) is not None
            and raw_length(card) <= MAX_TEASER_CARD_CHARS
            and any((a.get("href") or "").strip() not in ("", "#") for a in card.iter("a"))]


def _in_running_text(element) -> bool:
    """An inline element that words follow is part of a sentence, whatever its class says: a link to a tag page
    (`<a class="tag-link">`) names the story's subject in the middle of its text. A credit or a share button at
    the end of a line has nothing after it."""
    return element.tag in _INLINE_TAGS and any(map(str.isalnum, element.tail or ""))


_NOT_LETTERS = re.compile(r"[\W_]+")


def _anchor_of_its_words(element) -> bool:
    """An id spelled from the element's own words (`<h3 id="nav_nur_die_folie__1">Nur die Folie bleibt …`) is a
    link target for a table of contents: it says what the element reads, not what it is, and the class alone is
    judged."""
    ident = element.get("id")
    if not ident or _condemned_by_marker((element.get("class") or "").lower()):
        return False
    tokens = [token for token in _NOT_LETTERS.split(ident.lower()) if token and not token.isdigit()]
    words = set(_NOT_LETTERS.split(raw_text(element).lower()))
    spelled = sum(token in words for token in tokens)
    return spelled >= MIN_ANCHOR_WORDS and spelled >= len(tokens) / 2


def _remove_all(elements: list) -> None:
    """Outermost first (page order): an element inside one already removed has gone with it."""
    for element in elements:
        if element.getparent() is not None:
            remove_keep_tail(element)


def _holds_page(element, total: int) -> bool:
    """A chrome tag kept: an article column in an aside (prose, or the page's headline), or a whole
    no-JavaScript page in a noscript, its menus included (they go with the class pass and the scoring)."""
    if element.tag == "noscript":
        return raw_length(element) >= MAX_PRUNED_SHARE * total
    return _holds_prose(element, total) or (element.tag == "aside" and _holds_the_headline(element))


_LINK = frozenset({"a"})


def _holds_the_headline(aside) -> bool:
    """An <aside> holding the page's one <h1> is the article's column, whatever share of the text it has: a
    sidebar never carries the page's headline."""
    inside = sum(1 for h1 in aside.iter("h1") if not is_inside(h1, _LINK))
    return inside == 1 and sum(1 for _ in aside.getroottree().iter("h1")) == 1


def _holds_prose(element, total: int) -> bool:
    """A large share of the page's text, mostly not links: an article column, not a mega-menu."""
    chars = raw_length(element)
    if chars < MAX_PRUNED_SHARE * total:
        return False
    return sum(raw_length(a) for a in element.iter("a")) <= MAX_CHROME_LINK_SHARE * chars


def _shielded(marker: str) -> bool:
    """A content word in a token that names no boilerplate shields the element: "post-content share-enabled" is
    the text with a share bar switched on. One inside the boilerplate token does not: "related_post" is a list of
    related posts, "article-comments" the comments under the article."""
    return bool(CONTENT_CLASS.search(" ".join(token for token in marker.split() if not _BOILERPLATE.search(token))))


@functools.lru_cache(maxsize=MARKER_CACHE_SIZE)
def _condemned_by_marker(marker: str) -> bool:
    """Whether a lowercased "class id" marks boilerplate. Cached: templates repeat a few hundred markers over
    thousands of elements, and the regexes are the cost of pruning."""
    if "js-" in marker:  # substring tests first: most markers hold none of these tokens, and a test is cheap
        marker = _HOOK_TOKEN.sub("", marker)  # "js-lightbox-gallery" opens pictures of the text it wraps
    if _GALLERY.search(marker) and not CONTENT_CLASS.search(marker):  # before modifiers go: "gallery--paragraph"
        return True
    if any(flag in marker for flag in _FLAG_HINTS):
        marker = _FLAG_TOKEN.sub("", marker)
    if "post-" in marker and _WORDPRESS_POST.search(marker):
        marker = _TAXONOMY_TOKEN.sub("", marker)
    if any(hint in marker for hint in _METADATA_HINTS) and _METADATA.search(marker):
        return True
    if marker.strip() and _BOILERPLATE.search(marker) and not _shielded(marker):
        return True
    return bool(_OVERLAY.search(marker))
