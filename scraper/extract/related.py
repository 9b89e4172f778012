"""Related-link blocks ("CÁC TIN KHÁC", "Tin liên quan", "Related stories", ...) inside or after the article."""
from __future__ import annotations

import re

from scraper.extract.dom import tag_of, text_of
from scraper.models import RelatedLink
from scraper.urls import try_canonicalize

RELATED_HEADING = re.compile(
    r"^(các\s+)?(tin|bài|bài viết)\s+(liên quan|khác|cùng chuyên mục|cùng danh mục|cùng loại|đã đưa|mới hơn|cũ hơn|"
    r"cùng chủ đề|xem nhiều cùng chuyên mục)\b|^(xem|đọc) thêm\b|^có thể bạn (quan tâm|muốn đọc)|"
    r"^(related|more)\s+(stories|articles|news|coverage|content|links|reading|from|on|in)\b|^related\s*:?$|"
    r"^see also\b|^read (more|next|also)\b|^also (read|on)\b|^you (may|might) (also )?(like|be interested)|"
    r"^further reading\b|^recommended( for you| stories)?$",
    re.IGNORECASE,
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "td", "th", "p", "strong", "b",
                           "header", "legend", "dt", "caption", "label", "section"})
_TRAILING_DATE = re.compile(r"[\s\-–|]*[(\[]?\s*\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?(?:\s+\d{1,2}:\d{2})?\s*[)\]]?\s*$")
MAX_BLOCK_LINKS = 60


def clean_link_title(text: str) -> str:
    return _TRAILING_DATE.sub("", text).strip()


def related_headings(tree) -> list:
    headings = []
    for element in tree.iter():
        if tag_of(element) not in _HEADING_TAGS or element.find(".//a") is not None:
            continue
        text = text_of(element)
        if 0 < len(text) <= 60 and RELATED_HEADING.search(text.strip(" :»›>-")):
            if not any(h in element.iterancestors() for h in headings):
                headings.append(element)
    return [h for h in headings if not any(other in h.iterancestors() for other in headings if other is not h)]


def block_of(heading):
    """The nearest ancestor holding links besides the heading: the list the heading introduces."""
    node = heading
    for _ in range(4):
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html", "main", "form"):
            return None
        node = parent
        links = node.xpath(".//a[@href]")
        if links:
            return node if len(links) <= MAX_BLOCK_LINKS else None
    return None


def related_blocks(tree) -> list:
    blocks = []
    for heading in related_headings(tree):
        block = block_of(heading)
        if block is not None and not any(b is block for b in blocks):
            blocks.append(block)
    return blocks


def links_in(blocks: list, base_url: str | None, own_url: str | None) -> list[RelatedLink]:
    titles: dict[str, str] = {}
    for block in blocks:
        for anchor in block.iter("a"):
            url = try_canonicalize(anchor.get("href") or "", base_url)
            if not url or url == own_url:
                continue
            title = clean_link_title(text_of(anchor))
            if len(title) > len(titles.get(url, "")):
                titles[url] = title
            else:
                titles.setdefault(url, "")
    return [RelatedLink(url, title) for url, title in titles.items() if title]
