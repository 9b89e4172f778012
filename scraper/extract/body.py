"""Main text: the winning block's text (blocks.py finds it), without noise lines, a byline, a signature or the
labels and reading list a widget left at its end; a short winner compared with the block around the headline.

This runs last on the tree (after prune.py has mutated it), so every other field is read before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.extract.blocks import SENTENCE_ENDS, Segment, choose_container, segments, tally_of
from scraper.extract.dom import BOLD_TAGS, emphasized_share, is_right_aligned, tag_of, text_of
from scraper.extract.noise import is_noise_line

# A web or mail address written out: a link whose words are its address is the writer's, not a menu's or a teaser's
_ADDRESS = re.compile(r"https?://|www\.\w|[\w.+-]+@[\w-]+\.\w")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BYLINE = re.compile(r"^(?i:by|written by|words by|reporting by|story by|text by|bởi|von|par|por)\s+")
MAX_CONTAINER_TRIES = 3  # winners that keep no text, passed over before the body is left empty
MAX_TRAILING_LABEL_CHARS = 60  # a heading longer than this at the end of the text is the article's own
MIN_HINT_SHARE = 0.5  # of the generic winner's text, that a profile's body element must hold to be taken
READING_LIST_LINK_SHARE = 0.35  # of a trailing list's text in links, every item linking: the site's reading list
WEAK_BODY_CHARS = 1500  # a winner keeping less text than this is compared with the block around the headline
HEADLINE_BLOCK_LEVELS = 4  # wrappers climbed from the headline to find the article's block
HEADLINE_BLOCK_GAIN = 2.0  # times the weak winner's text, that the headline's block must keep to replace it
HEADLINE_BLOCK_COVER = 0.5  # of the weak winner's text, that the headline's block must hold too


@dataclass(frozen=True)
class Body:
    text: str
    container: object | None
    signature: str | None
    parts: tuple = ()  # every element the text came from: the container and its sibling chunks


def _is_noise(seg: Segment, skip_texts: set[str]) -> bool:
    text = seg.text
    if (seg.link_chars > 0.5 * len(text) and not _ADDRESS.search(text)) or text.lower() in skip_texts:
        return True
    return is_noise_line(text)


def _is_byline(seg: Segment) -> bool:
    """A short "By Jane Smith" line opening the text is the author's, not text. The name must start with a capital:
    "By the numbers" is a subheading, and a sentence ("By Tuesday, the council had ...") is longer or ends in a
    full stop."""
    text = seg.text
    match = _BYLINE.match(text)
    return bool(match) and text[match.end():match.end() + 1].isupper() and len(text.split()) <= 12 \
        and not text.endswith((".", "?", "!", ":"))


def _signature(seg: Segment) -> bool:
    """A trailing short line set right or in bold is the author's signature, not text."""
    words = len(seg.text.split())
    block = seg.block
    return 0 < words <= 6 and not seg.text.endswith((".", ":", "?", "!")) and (
        is_right_aligned(block) or emphasized_share(block, BOLD_TAGS) > 0.9)


def _is_trailing_label(seg: Segment) -> bool:
    """A heading that ends the text heads what follows the article ("Das könnte Sie auch interessieren",
    "Verwandte Themen", "Weitere Beiträge aus der Kolumne:"), whose links were dropped as noise: a heading has
    text under it. Short lines that are not headings (a list's last item, a sign-off) stay."""
    return tag_of(seg.block) in _HEADINGS and len(seg.text) <= MAX_TRAILING_LABEL_CHARS \
        and not seg.text.endswith(SENTENCE_ENDS)


def _reading_list(seg: Segment):
    """The list a segment sits in when it is a reading list: every item holds a link and links are a good share
    of its text ("More Great WIRED Stories", then headlines each with a line of teaser). None otherwise."""
    listing = next((a for a in (seg.block, *seg.block.iterancestors()) if tag_of(a) in ("ul", "ol")), None)
    if listing is None:
        return None
    items = [item for item in listing if tag_of(item) == "li"]
    if not items or any(item.find(".//a") is None for item in items):
        return None
    linked = sum(len(text_of(a)) for a in listing.iter("a"))
    return listing if linked >= READING_LIST_LINK_SHARE * len(text_of(listing)) else None


def _drop_trailing_reading_list(kept: list[Segment]) -> None:
    listing = _reading_list(kept[-1])
    while listing is not None and len(kept) > 1 and kept[-1].within({listing}):
        kept.pop()


def _kept(segs: list[Segment], chosen: list, skip_texts: set[str]) -> list[Segment]:
    chosen_set = set(chosen)
    return [s for s in segs if s.within(chosen_set) and not _is_noise(s, skip_texts)]


def _chars(kept: list[Segment]) -> int:
    return sum(len(s.text) for s in kept)


def _first_with_text(segs: list[Segment], skip_texts: set[str]) -> tuple:
    """The winner, or the next best when the winner keeps no text: a page with article text never gets an
    empty body because a teaser outscored it. With none keeping text, the first winner (its body empty)."""
    first, passed, tally = None, frozenset(), tally_of(segs)
    for _ in range(MAX_CONTAINER_TRIES):
        container, chosen = choose_container(tally, passed)
        if container is None:
            break
        if kept := _kept(segs, chosen, skip_texts):
            return container, chosen, kept
        first = first or (container, chosen)
        passed |= {container}
    return (*first, []) if first else (None, [], [])


def _around_headline(segs: list[Segment], heading, kept: list[Segment], skip_texts: set[str]) -> tuple:
    """The cascade's step for a weak winner: the nearest wrapper of the headline that keeps HEADLINE_BLOCK_GAIN
    times the winner's text and holds HEADLINE_BLOCK_COVER of it, as (wrapper, its text), else (None, []). A
    short winner is often one chunk of an article whose paragraphs sit in plain wrappers beside it (the lead
    paragraph lost, a page builder's text boxes, paragraphs between ad slots), while the headline's block holds
    them all."""
    node, weak_chars = heading, _chars(kept)
    weak_ids = {id(seg) for seg in kept}
    for _ in range(HEADLINE_BLOCK_LEVELS):
        node = node.getparent()
        if node is None or tag_of(node) in ("body", "html"):
            break
        around = _kept(segs, [node], skip_texts)
        held = sum(len(seg.text) for seg in around if id(seg) in weak_ids)
        if _chars(around) >= HEADLINE_BLOCK_GAIN * weak_chars and held >= HEADLINE_BLOCK_COVER * weak_chars:
            return node, around
    return None, []


def extract_body(tree, skip_texts: set[str], container_hint=None, hint_named: bool = False,
                 heading=None) -> Body:
    """The profile's body element when it holds the article: always for a profile the site's config names, else
    when it holds a good share of the generic winner's text (a matched theme's selector can also hit a teaser
    or an empty wrapper). A generic winner keeping little text is compared with the block around the
    `heading` (the headline's element) and gives way to it when that block says much more."""
    body_root = tree.find("body")
    root = body_root if body_root is not None else tree
    segs = segments(root)
    if container_hint is not None and hint_named:
        container, chosen = container_hint, [container_hint]
        kept = _kept(segs, chosen, skip_texts)
    else:
        container, chosen, kept = _first_with_text(segs, skip_texts)
        if container_hint is not None:
            hinted = _kept(segs, [container_hint], skip_texts)
            if _chars(hinted) >= MIN_HINT_SHARE * _chars(kept):
                container, chosen, kept = container_hint, [container_hint], hinted
        if heading is not None and container is not None and _chars(kept) < WEAK_BODY_CHARS:
            around, text = _around_headline(segs, heading, kept, skip_texts)
            if around is not None:
                container, chosen, kept = around, [around], text
    if container is None:
        return Body("", None, None)
    signature = None
    if kept and _signature(kept[-1]) and len(kept) > 1:
        signature = kept.pop().text
    if kept:  # before the trailing labels: the list's heading then ends the text
        _drop_trailing_reading_list(kept)
    while len(kept) > 1 and _is_trailing_label(kept[-1]):
        kept.pop()
    byline = next((seg for seg in kept[:2] if _is_byline(seg)), None)
    if byline is not None and len(kept) > 1:
        kept.remove(byline)
        signature = signature or _BYLINE.sub("", byline.text)
    return Body("\n\n".join(s.text for s in kept), container, signature, tuple(chosen))
