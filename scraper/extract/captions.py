"""Image captions: figcaption, a caption cell under the image, an italic or centered line right after it.

Each finder returns the caption's element and its scope (the figure, row or wrapper the image and caption share),
where credits.py looks for the credit. Each found caption remembers its element so the body can leave it out.
An image's alt text is not a caption: it describes the picture for those who cannot see it, often repeats the
headline, and no reader sees it under the image.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.extract.credits import (MAX_CREDIT_LINE_CHARS, caption_and_credit, is_credit_line, is_interface_text,
                                     visible_text)
from scraper.extract.dom import (HEADING_TAGS, ITALIC_TAGS, class_and_id, emphasized_share, in_site_chrome,
                                 is_centered, raw_length, tag_of, text_of)
from scraper.extract.noise import is_date_line
from scraper.extract.pictures import article_ids, image_url, is_decoration, is_icon, is_teaser
from scraper.models import Caption

MAX_CAPTION_CHARS = 500
MAX_CAPTION_BLOCK_CHARS = 10 * MAX_CAPTION_CHARS  # of markup text, whitespace and hidden labels included: a block
# that holds more is a body or a column, never an image with its caption, whatever of it a reader sees
OTHER_TEXT_CHARS = 20  # what a block may say besides its caption (a button's label, a counter) and be its wrapper
MAX_LINES_AFTER_PICTURE = 2  # a caption and its credit; more lines after a picture are a teaser or the text
_CAPTION_CLASS = re.compile(r"caption|image_?desc|img-?desc|desc|chu-?thich|photo-?credit|legend|note|expnoedit|"
                            r"(img|image|photo|foto|bild)-?(info|text|sub)")
_BLOCKS = frozenset({"p", "div", "center", "td", "th", "li", "section", "figure", "dt", "dd"})  # WordPress's
# older caption markup is a definition list: <dl class="wp-caption"><dt><img></dt><dd class="wp-caption-dd">
_INLINE_CAPTION_TAGS = frozenset({"i", "em", "span", "small", "figcaption"})


@dataclass(frozen=True)
class FoundCaption:
    image: object
    element: object  # the caption with its credit and wrapper: what the body must leave out
    caption: Caption
    ancestors: tuple  # held, not recomputed: the tree is pruned before we ask whether the image was in the body


def _block_of(img):
    for ancestor in img.iterancestors():
        if tag_of(ancestor) in _BLOCKS:
            return ancestor
    return None


def _looks_like_caption(element) -> bool:
    text = text_of(element)
    if not 0 < len(text) <= MAX_CAPTION_CHARS or element.find(".//img") is not None:
        return False
    return (emphasized_share(element, ITALIC_TAGS) > 0.8 or is_centered(element)
            or bool(_CAPTION_CLASS.search(class_and_id(element))))


def _holds_picture(element) -> bool:
    return element is not None and (tag_of(element) == "img" or element.find(".//img") is not None)


def _is_caption_classed(element) -> bool:
    """A short element that its class names a caption and that holds no picture."""
    return bool(_CAPTION_CLASS.search(class_and_id(element))) and not _holds_picture(element) \
        and 0 < len(text_of(element)) <= MAX_CAPTION_CHARS


def _caption_inside(scope, img):
    """A figcaption, else a caption-classed element, within the scope and not holding the image."""
    caption = scope.find(".//figcaption")
    if caption is not None and text_of(caption):
        return caption
    for node in scope.iter():
        if node is not scope and isinstance(node.tag, str) and _CAPTION_CLASS.search(class_and_id(node)) \
                and node.find(".//img") is None and text_of(node):
            return node
    return None


def _from_figure(img):
    for ancestor in img.iterancestors():
        if tag_of(ancestor) == "figure":
            caption = _caption_inside(ancestor, img)
            if caption is None:
                caption = _only_line_of(ancestor, img)
            return (caption, ancestor) if caption is not None else None
        if tag_of(ancestor) in ("article", "body", "main"):
            return None
    return None


def _only_line_of(figure, img):
    """A figure holds a picture and the words about it: without a figcaption, its one element of text beside the
    image (a <p> or a bare <div>, as some editors write it) is the caption, when it is all the figure says (a
    teaser set in a figure says more, beside its picture)."""
    lines = [child for child in figure if isinstance(child.tag, str) and not any(node is img for node in child.iter())
             and text_of(child)]
    if len(lines) != 1 or lines[0].find(".//img") is not None:
        return None
    said = len(text_of(lines[0]))
    return lines[0] if said <= MAX_CAPTION_CHARS and len(text_of(figure)) - said < OTHER_TEXT_CHARS else None


def _from_picture(img):
    """A <picture> followed by its caption, with no figure around them (`<picture>…</picture><figcaption>`);
    or a wrapper that holds the picture (alone or in a box of its own) and, after it, only a line or two of plain
    text (class names a build tool made up say nothing): the caption, and its credit when there are two. Nothing
    stands before the picture in that wrapper (a header's headline and lead do), and a second line is as short as
    a credit (a longer one is the text)."""
    picture = next(img.iterancestors("picture"), None)
    holder = _outermost_holder(picture) if picture is not None else None
    following = holder.getnext() if holder is not None else None
    if following is None or following.find(".//img") is not None or \
            not 0 < len(text_of(following)) <= MAX_CAPTION_CHARS:
        return None
    if holder is not picture and (following.find(".//a") is not None or is_date_line(text_of(following))
                                  or any(tag_of(node) in HEADING_TAGS for node in following.iter())):
        return None  # beside a holder: a teaser card's heading and link, or a post's date line, is no caption
    if tag_of(following) == "figcaption" or _looks_like_caption(following):
        return following, following
    wrapper = holder.getparent()
    children = list(wrapper)
    at = children.index(holder)
    before, lines = children[:at], [line for line in children[at + 1:] if text_of(line)]
    if len(lines) <= MAX_LINES_AFTER_PICTURE and wrapper.find(".//a") is None and not (wrapper.text or "").strip() \
            and not any(text_of(child) for child in before) \
            and all(tag_of(line) in _BLOCKS for line in lines) \
            and all(len(text_of(line)) <= MAX_CREDIT_LINE_CHARS for line in lines[1:]):  # a credit, not the text
        return following, wrapper
    return None


def _from_table(img):
    cell = next((a for a in img.iterancestors() if tag_of(a) in ("td", "th")), None)
    if cell is None:
        return None
    row = cell.getparent()
    following = row.getnext() if row is not None else None
    if following is not None and tag_of(following) == "tr" and following.find(".//img") is None:
        text = text_of(following)
        if 0 < len(text) <= MAX_CAPTION_CHARS:
            return following, following
    return None


def _from_following(img):
    """The image's own block may hold the caption after the image (and nothing else): an inline element after a
    <br>, or any element that looks like a caption (WordPress's `<div class="wp-caption"><img><p
    class="wp-caption-text">`); or, when the block holds only the image, the next block may be the caption."""
    block = _block_of(img)
    if block is None:
        return None
    raw = raw_length(block)
    block_text = len(visible_text(block)) if raw <= MAX_CAPTION_BLOCK_CHARS else raw  # copying a big block is slow
    after = False
    # in a bigger block no element could be all of it
    for node in block.iter() if block_text < MAX_CAPTION_CHARS + OTHER_TEXT_CHARS else ():
        if node is img:
            after = True
        elif tag_of(node) and (after and (tag_of(node) in _INLINE_CAPTION_TAGS or _looks_like_caption(node))
                               or not after and _is_caption_classed(node)):  # a caption set above its picture
            text = text_of(node)
            if text and len(text) <= MAX_CAPTION_CHARS and block_text - len(text) < OTHER_TEXT_CHARS:
                return node, block
    if block_text == 0:
        before = block.getprevious()
        if before is not None and _is_caption_classed(before) and not _holds_picture(before.getprevious()):
            return before, before  # a caption above its picture, unless it is the one below the picture before
        sibling = block.getnext()
        if sibling is not None and tag_of(sibling) in _BLOCKS | {"span", "em", "i", "h6"}:
            if _looks_like_caption(sibling):
                return sibling, sibling
            inner = _caption_inside(sibling, img) if len(text_of(sibling)) <= MAX_CAPTION_CHARS else None
            if inner is not None:
                return inner, sibling
    return None


MAX_HOLDER_DEPTH = 3  # wrappers around a lone image (a lightbox's link, a ratio box) before its caption's wrapper


def _outermost_holder(element):
    """The outermost of the boxes that hold only this element and no text of their own (a ratio box, a lightbox's
    link), empty boxes beside it aside (an overlay, a slot a script fills): what stands beside the caption in its
    wrapper."""
    holder = element
    for _ in range(MAX_HOLDER_DEPTH):
        parent = holder.getparent()
        if parent is None or any(child is not holder and _holds_something(child) for child in parent) \
                or _has_own_text(parent):  # siblings first: the first one mostly decides
            break
        holder = parent
    return holder


def _has_own_text(element) -> bool:
    """Words between its children, not inside them: the holder climbed from is empty, and so are the others."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _holds_something(element) -> bool:
    """Any words or a picture in it: the first word found will do (a sibling may be the whole text)."""
    return isinstance(element.tag, str) and (any(not text.isspace() for text in element.itertext())
                                             or element.find(".//img") is not None)


def _from_credited_wrapper(img):
    """A wrapper holding the picture and two plain lines, one of them all a labelled credit ("Photo: AFP",
    "Foto: Ann Lee"), before or after it: the other line is the caption, whatever its tag or class (templates
    set captions in headings and bare divs). The credit line is the evidence; without it two lines beside a
    picture may be a teaser's title and summary."""
    holder = _outermost_holder(next(img.iterancestors("picture"), img))
    wrapper = holder.getparent()
    if wrapper is None or (wrapper.text or "").strip():
        return None
    lines = [child for child in wrapper if child is not holder and isinstance(child.tag, str)]
    if len(lines) != MAX_LINES_AFTER_PICTURE or any(line.find(".//img") is not None or line.find(".//a") is not None
                                                     for line in lines):
        return None
    texts = [text_of(line) for line in lines]
    credited = [is_credit_line(text) for text in texts]
    if credited.count(True) == 1 and all(0 < len(text) <= MAX_CAPTION_CHARS for text in texts):
        return lines[credited.index(False)], wrapper
    return None


def find_captions(tree, base_url: str | None) -> list[FoundCaption]:
    """Every captioned image of the page, in page order, one caption per image URL."""
    found: list[FoundCaption] = []
    seen_urls: set[str] = set()
    page_ids = article_ids(base_url)
    for img in tree.iter("img", "amp-img"):  # AMP pages have no <img> until their script runs
        if is_icon(img) or in_site_chrome(img) or is_teaser(img, page_ids, base_url):
            continue
        url = image_url(img, base_url)
        if not url or url in seen_urls or is_decoration(img, url):
            continue
        hit = _from_figure(img) or _from_picture(img) or _from_table(img) or _from_following(img) \
            or _from_credited_wrapper(img)
        if not hit or hit[0].find(".//time") is not None:  # a time beside a picture is a byline's, not a caption
            continue
        element, scope = hit
        text, credit = caption_and_credit(element, scope)
        # some letters (not a "/" left between credits, nor a video's duration), no interface words, not a link's
        if any(map(str.isalpha, text or "")) and not is_interface_text(text) and not _is_a_link(element, text) \
                and not _is_a_label(text_of(element)):
            seen_urls.add(url)
            found.append(FoundCaption(img, scope, Caption(url, text, credit), tuple(img.iterancestors())))
    return found


# a figure's number alone, its caption elsewhere: "Fig. 1", "Abb. 3", "Figure 2:"
_FIGURE_NUMBER = re.compile(r"^(fig(ure)?|abb(ildung)?|bild|image|photo|foto)\.?\s*\d+[.:]?$", re.IGNORECASE)


def _is_a_label(text: str) -> bool:
    """A figure's number or a date under the picture (a post's stamp) says nothing of it. Asked of the whole
    line, credit included: "Zuletzt geändert am 06.11.2023" is no caption "… 06.11." credited to "2023"."""
    return bool(_FIGURE_NUMBER.match(text.strip())) or is_date_line(text)


def _is_a_link(element, text: str) -> bool:
    """A line that is all one link's words is an action or a pointer under the picture ("Email bài này",
    "See all photos"), not words about it."""
    return any(_comparable_text(text_of(link)) == _comparable_text(text) for link in element.iter("a"))


def _comparable_text(text: str) -> str:
    return " ".join(text.split()).rstrip(" .").lower()


_TRAILING_NUMBER = re.compile(r"\s*[(\[#-]?\s*\d{1,3}\s*[)\]]?$")
MIN_NUMBERED_LABELS = 2  # pictures whose captions differ only by a trailing number: a gallery's labels


def without_numbered_labels(found: list[FoundCaption]) -> list[FoundCaption]:
    """A gallery's pictures labelled with one text and their number ("Hội nghị tổng kết 1" … "… 8", the CMS's
    alt text shown under each) say nothing of each picture: none is a caption. They are found all the same, so
    that the labels leave the body with the captions."""
    stems: dict[str, set[str]] = {}
    for stem, number in filter(None, (_numbered(item.caption.caption) for item in found)):
        stems.setdefault(stem, set()).add(number)
    labels = {stem for stem, numbers in stems.items() if len(numbers) >= MIN_NUMBERED_LABELS}
    return [item for item in found if (numbered := _numbered(item.caption.caption)) is None
            or numbered[0] not in labels] if labels else found


def _numbered(text: str) -> tuple[str, str] | None:
    """(the text before a trailing number, the number), or None when the text ends otherwise."""
    match = _TRAILING_NUMBER.search(text)
    return (_comparable_text(text[:match.start()]), match.group().strip(" ()[]#-")) if match else None
