"""Article or not, and for listing pages the article links the crawler should follow."""
from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from scraper.extract.dom import shape_of, text_of
from scraper.extract.page import ARTICLE_TYPES, Page, ld_types
from scraper.urls import looks_like_article_url, same_site, try_canonicalize

NON_ARTICLE_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage", "website",
                               "webpage", "aboutpage", "contactpage"})
MIN_ARTICLE_CHARS = 200
TEASER_WORDS = 4
# The last page of a section holds one to three teasers under its pagination: a listing whose headline links
# make up this share of its main block's text. An article split into pages has a pager too, and prose.
SHORT_LISTING_LINK_SHARE = 0.15
_PAGER_CLASS = re.compile(r"pagination|pager|paging|page-?numbers|phan-?trang|nav-links|page-?nav")
_PAGE_URL = re.compile(r"[?&](page|p|trang|pg|start)=\d+|/page/\d+|/trang-?\d+|[/_-]p\d+(\.html?)?$",
                       re.IGNORECASE)
# a literal start lets the search skip through the page's source; ignoring case would read every character
_REL_PREV = (re.compile(r"rel=[\"']?(?i:prev)"), re.compile(r"REL=[\"']?(?i:prev)"))


_LINKS = etree.XPath(
    "//a/@href | //area/@href | //frame/@src | //iframe/@src"
    " | //link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href"
    " | //link[@rel='next' or @rel='prev']/@href")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?\s*([^'\"\s;]+)", re.IGNORECASE)


def page_links(page: Page) -> list[str]:
    """Every http(s) link of the page, canonical, in page order, once: the crawler's raw material. Besides <a>:
    image-map areas, frames (old portals are framesets), feeds, rel=next/prev, and a meta refresh (a portal's
    home page is often only a redirect to /vi/home.aspx)."""
    hrefs = dict.fromkeys(str(href).strip() for href in _LINKS(page.tree))
    for meta in page.tree.iterfind(".//meta[@http-equiv][@content]"):
        if meta.get("http-equiv").strip().lower() == "refresh" and (found := _REFRESH_URL.search(meta.get("content"))):
            hrefs.setdefault(found.group(1), None)
    canonical = (try_canonicalize(href, page.base_url) for href in hrefs)
    return list(dict.fromkeys(url for url in canonical if url))


def _teasers(parts, page: Page) -> tuple[int, int]:
    """Distinct article-looking links with headline-length text, and their characters."""
    urls: set[str] = set()
    chars = 0
    for anchor in (a for part in parts for a in part.iter("a")):
        text = text_of(anchor)
        if len(text.split()) < TEASER_WORDS:
            continue
        url = try_canonicalize(anchor.get("href") or "", page.base_url)
        if url and url not in urls and (page.url is None or same_site(url, page.url)):
            urls.add(url)
            chars += len(text)
    return len(urls), chars



def _repeated_teasers(top, page: Page) -> int:
    """A listing repeats one block per story (same tag and classes), each with a headline link. Counted on the
    winner's branch up to three levels, so a winner that is a single story still reveals the list around it; and
    among the winner's own children, when the winner is the list itself (stories straight under <body>), where a
    story must show its link as a headline: an article's paragraphs also repeat, with links in their text."""
    best, branch = _headline_blocks(top, page), top
    for _ in range(3):
        parent = branch.getparent() if branch is not None else None
        if parent is None or parent.tag in ("body", "html"):
            break
        shape = shape_of(branch)
        blocks = [s for s in parent if shape_of(s) == shape]
        best = max(best, sum(1 for block in blocks if _teasers((block,), page)[0] >= 1))
        branch = parent
    return best


def _headline_blocks(container, page: Page) -> int:
    """The largest group of same-shaped children that each lead with a headline link (in a heading, or a fifth
    of the block's text)."""
    groups: Counter = Counter()
    for child in container:
        if isinstance(child.tag, str) and _teasers((child,), page)[0] >= 1 and _leads_with_headline(child):
            groups[shape_of(child)] += 1
    return max(groups.values(), default=0)


def _leads_with_headline(block) -> bool:
    if block.xpath("./descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5]//a[@href]"):
        return True
    linked = max((len(text_of(a)) for a in block.iter("a")), default=0)
    return linked >= 0.2 * max(len(text_of(block)), 1)


def _declared_types(page: Page) -> set[str]:
    return set().union(*map(ld_types, page.json_ld))


def _paginated(page: Page) -> bool:
    """The page is one of a numbered series: a pager, a page number in its URL, or a link to the previous one."""
    return bool(_PAGE_URL.search(page.url or "")) or any(_PAGER_CLASS.search(marker) for _, marker in page.classed) \
        or any(pattern.search(page.source) for pattern in _REL_PREV)


def declares_article(page: Page) -> bool:
    """The page's structured data or Open Graph type says it is an article."""
    return bool(_declared_types(page) & ARTICLE_TYPES) or page.meta.get("og:type", "").lower() == "article"


def is_article(page: Page, url: str | None, body: str, parts: tuple, published: str | None) -> bool:
    """Declared article types decide; otherwise a page whose main block is mostly headline links is a listing.
    Fewer teasers suffice when the page says it is a website or states no date."""
    if declares_article(page):
        return True
    types = _declared_types(page)
    og_type = page.meta.get("og:type", "").lower()
    if url and url.split("//", 1)[-1].split("?")[0].rstrip("/").count("/") == 0:
        return False
    if len(body) < MIN_ARTICLE_CHARS or types & NON_ARTICLE_TYPES - {"webpage"}:
        return False
    numbered = _paginated(page)
    if published is None and numbered and not (url and looks_like_article_url(url)):
        return False  # a numbered page of a section (its last one may hold a single teaser), dated nowhere
    if parts:
        count, chars = _teasers(parts, page)
        body_chars = sum(len(text_of(part)) for part in parts)
        if numbered and count and chars >= SHORT_LISTING_LINK_SHARE * body_chars:
            return False
        enough = 3 if og_type == "website" or published is None else 5
        if count >= enough and chars >= 0.2 * body_chars:
            return False
        if _repeated_teasers(parts[0], page) >= enough:
            return False
    return True


def article_links(page: Page, own_url: str | None) -> list[str]:
    """Links of a listing page that look like articles of the same site, in page order."""
    found: dict[str, None] = {}
    for anchor in page.tree.iterfind(".//a[@href]"):
        url = try_canonicalize(anchor.get("href"), page.base_url)
        if not url or url == own_url or (own_url and not same_site(url, own_url)):
            continue
        if looks_like_article_url(url):
            found.setdefault(url, None)
    return list(found)
