"""Main text: score the pruned tree's blocks by text and link density, keep the winning container's paragraphs.

This runs last on the tree (after prune.py has mutated it), so every other field is read before it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from scraper.extract.dom import BOLD_TAGS, class_and_id, emphasized_share, is_right_aligned, tag_of, text_of
from scraper.extract.noise import is_noise_line
from scraper.extract.prune import CONTENT_CLASS
from scraper.text import clean_text

BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "td", "th", "li", "ul", "ol", "dl", "dt", "dd",
                        "table", "tr", "tbody", "thead", "tfoot", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
                        "h6", "header", "address", "center", "hr", "form", "fieldset", "details", "summary", "br",
                        "body", "caption", "figure", "figcaption", "aside", "nav", "footer"})
_CONTAINERS_OF_TEXT = frozenset({"div", "section", "article", "main", "td", "body", "form", "center", "font", "span"})
_NEGATIVE = re.compile(r"comment|meta|foot|sidebar|widget|related|share|social|sponsor|promo|menu|nav|banner|"
                       r"combx|community|disqus|extra|header|legends|masthead|outbrain|pager|popup|shopping|"
                       r"tweet|teaser|thumb")
# A web or mail address written out: a link whose words are its address is the writer's, not a menu's or a teaser's
_ADDRESS = re.compile(r"https?://|www\.\w|[\w.+-]+@[\w-]+\.\w")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "“", "»", "«", ")")
_BYLINE = re.compile(r"^(?i:by|written by|words by|reporting by|story by|text by|bởi|von|par|por)\s+")
MAX_CONTAINER_TRIES = 3  # winners that keep no text, passed over before the body is left empty
MIN_SCORED_CHARS = 25
MAX_TRAILING_LABEL_CHARS = 60  # a heading longer than this at the end of the text is the article's own
MIN_SENTENCE_CHARS = 50  # a shorter line scores one point whatever its commas: a name with its affiliation
CLASS_SHARE = 0.5  # of a block's score, added when its class says content, taken when it says chrome
MODIFIED_CHUNK_SHARE = 0.25  # of the winner's branch's prose points, that a chunk with another modifier holds
CHUNK_LEVELS = 5  # wrappers climbed from the winner to find the article's other chunks (component markup nests
# each paragraph four deep)
MIN_HINT_SHARE = 0.5  # of the generic winner's text, that a profile's body element must hold to be taken
READING_LIST_LINK_SHARE = 0.35  # of a trailing list's text in links, every item linking: the site's reading list
LEAF_LIFT_LEVELS = 3  # wrappers climbed from a one-paragraph winner to its container
LEAF_SHARE = 0.75  # of the container's prose points, under which a one-paragraph winner stands for it
LEAF_LIFT_LINK_DENSITY = 0.3
PART_LIFT_LEVELS = 3  # wrappers climbed from a winner that is one part of a deeper-nested article
PART_SHARE = 0.35  # of the wrapper's prose points, under which the winner is only a part of the article
PART_LIFT_LINK_DENSITY = 0.2
WEAK_BODY_CHARS = 1500  # a winner keeping less text than this is compared with the block around the headline
HEADLINE_BLOCK_LEVELS = 4  # wrappers climbed from the headline to find the article's block
HEADLINE_BLOCK_GAIN = 2.0  # times the weak winner's text, that the headline's block must keep to replace it
HEADLINE_BLOCK_COVER = 0.5  # of the weak winner's text, that the headline's block must hold too


@dataclass
class Segment:
    text: str
    link_chars: int
    block: object


@dataclass(frozen=True)
class Body:
    text: str
    container: object | None
    signature: str | None
    parts: tuple = ()  # every element the text came from: the container and its sibling chunks



def segments(root) -> list[Segment]:
    """Text runs split at block boundaries, each with its link share and enclosing block: innerText, cheaply."""
    out: list[Segment] = []
    parts: list[str] = []
    link_chars = 0
    blocks = [root]
    links_open = 0

    def flush() -> None:
        nonlocal parts, link_chars
        text = clean_text("".join(parts))
        if text:
            out.append(Segment(text, min(link_chars, len(text)), blocks[-1]))
        parts, link_chars = [], 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if links_open:
                link_chars += len(text.strip())

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = tag_of(element)
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
                blocks.append(element)
            if tag == "a":
                links_open += 1
            add(element.text)
        else:
            if tag == "a":
                links_open -= 1
            if tag in BLOCK_TAGS:
                flush()
                blocks.pop()
            if element is not root:
                add(element.tail)
    flush()
    return out


def _class_factor(element) -> float:
    """What the block's class and id say of it, as a share of its score rather than readability's fixed ±25
    points: a fixed bonus let a 200-character appeal classed "text" outscore the article's 1,200 characters in
    a page builder's "widget" wrappers. A class weighs the evidence; it is not evidence of its own."""
    marker = class_and_id(element)
    return 1 + CLASS_SHARE * (bool(CONTENT_CLASS.search(marker)) - bool(_NEGATIVE.search(marker)))


def _points(seg: Segment) -> float:
    """Readability's paragraph points: one, one per comma, one per hundred characters up to three. Commas count
    in sentences only: a list of signatories ("Ann Lee, Bard College") has one in every short line and outscored
    the letter they signed."""
    if len(seg.text) < MIN_SCORED_CHARS or seg.link_chars > 0.5 * len(seg.text):
        return 0.0
    if len(seg.text) < MIN_SENTENCE_CHARS:
        return 1.0
    return 1 + seg.text.count(",") + seg.text.count("，") + min(len(seg.text) / 100, 3)


@dataclass
class _Tally:
    """Per-node sums over the segments below it, so densities cost nothing to ask for."""
    score: dict = field(default_factory=lambda: defaultdict(float))
    points: dict = field(default_factory=lambda: defaultdict(float))
    chars: dict = field(default_factory=lambda: defaultdict(int))
    links: dict = field(default_factory=lambda: defaultdict(int))

    def link_density(self, node) -> float:
        return self.links[node] / self.chars[node] if self.chars[node] else 0.0


def _tally(segs: list[Segment]) -> _Tally:
    """Readability's score per candidate (parent full, grandparent half), plus text, link and paragraph points
    under every node."""
    tally = _Tally()
    for seg in segs:
        points = _points(seg)
        block = seg.block
        tally.chars[block] += len(seg.text)
        tally.links[block] += seg.link_chars
        tally.points[block] += points
        if not points:
            continue
        if tag_of(block) in _CONTAINERS_OF_TEXT:
            first, second = block, block.getparent()
        else:
            first = block.getparent()
            second = first.getparent() if first is not None else None
        for node, share in ((first, 1.0), (second, 0.5)):
            if node is not None:
                tally.score[node] += points * share
    if segs:
        _sum_up(segs[0].block.getroottree().getroot(), tally)
    return tally


def _sum_up(root, tally: _Tally) -> None:
    """Each node's text, link and point sums come to hold its descendants': nodes in reverse document order
    (children before their parents), each adding its sums to its parent's once. Walking every segment's
    ancestors instead cost ten dictionary updates a segment, a tenth of the extraction."""
    chars, links, points = tally.chars, tally.links, tally.points
    for node in reversed(list(root.iter())):  # the list keeps each node's proxy, so dictionary keys stay valid
        if node in chars and (parent := node.getparent()) is not None:
            chars[parent] += chars[node]
            links[parent] += links[node]
            points[parent] += points[node]


def _lift(top, tally: _Tally):
    """Readability scores a paragraph's parent and grandparent only, so two kinds of winner stand for an
    ancestor: a single paragraph (its text sits directly in it), lifted to the nearest ancestor holding clearly
    more prose; and a winner holding a small share of a nearby wrapper's prose, the one shallow part of an
    article whose other parts nest deeper (a recipe's ingredients over its numbered steps, each step two
    wrappers down). Never into a link farm."""
    if any(tally.points[child] for child in top):
        return _ancestor_with_more_prose(top, tally, PART_LIFT_LEVELS, PART_SHARE, PART_LIFT_LINK_DENSITY)
    return _ancestor_with_more_prose(top, tally, LEAF_LIFT_LEVELS, LEAF_SHARE, LEAF_LIFT_LINK_DENSITY)


def _ancestor_with_more_prose(top, tally: _Tally, levels: int, share: float, max_link_density: float):
    """The nearest of `levels` ancestors of which `top` holds less than `share` of the prose points; else top."""
    node = top
    for _ in range(levels):
        node = node.getparent()
        if node is None or tag_of(node) in ("body", "html"):
            break
        if tally.points[top] < share * tally.points[node] and tally.link_density(node) <= max_link_density:
            return node
    return top


def _chunks(top, tally: _Tally) -> list:
    """Articles split into chunks (ads or widgets between them) score low per chunk. Going up at most CHUNK_LEVELS
    wrappers, take the siblings built like the winner's branch (same tag and classes) that hold prose: those are
    the other chunks. A sidebar with teaser text is built differently and stays out."""
    branch = top
    for _ in range(CHUNK_LEVELS):
        parent = branch.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            break
        twins = [s for s in parent if s is not branch and _built_alike(s, branch, tally) and tally.points[s] > 0
                 and tally.link_density(s) <= 0.3]
        if twins:
            return [branch, *twins]
        branch = parent
    return [top]


def _built_alike(twin, branch, tally: _Tally) -> bool:
    """Same tag and classes: a template's chunks. A chunk may carry one modifier more or less ("section" and
    "section version-2") when it holds prose of the branch's order: a layout grid's rows differ by a spacing
    class too, and the headline's row holds little prose."""
    if tag_of(twin) != tag_of(branch):
        return False
    classes, branch_classes = set((twin.get("class") or "").split()), set((branch.get("class") or "").split())
    if classes == branch_classes:
        return True
    return bool(classes & branch_classes) and len(classes ^ branch_classes) <= 1 \
        and tally.points[twin] >= MODIFIED_CHUNK_SHARE * tally.points[branch]


def _is_prose_paragraph(element, tally: _Tally) -> bool:
    text = text_of(element)
    return len(text) > 80 and tally.link_density(element) < 0.25 and text.endswith(_SENTENCE_ENDS)


def choose_container(tally: _Tally, passed: frozenset = frozenset()):
    """The best-scoring block and the blocks that go with it; `passed` are winners already found to hold no
    text once noise is dropped (a program teaser made of times and titles), so the next best is taken."""
    final = {node: score * _class_factor(node) * (1 - tally.link_density(node))
             for node, score in tally.score.items() if node not in passed}
    if not final:
        return None, []
    top = _lift(max(final, key=final.get), tally)
    chosen = _chunks(top, tally)
    parent = top.getparent()
    if parent is not None and len(chosen) == 1:
        threshold = max(10.0, final.get(top, 0) * 0.2)
        for sibling in parent:
            if sibling is top:
                continue
            if final.get(sibling, 0) >= threshold or (tag_of(sibling) == "p" and _is_prose_paragraph(sibling, tally)):
                chosen.append(sibling)
    return top, chosen


def _within(element, chosen_ids: set[int]) -> bool:
    if id(element) in chosen_ids:
        return True
    return any(id(a) in chosen_ids for a in element.iterancestors())


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
        and not seg.text.endswith(_SENTENCE_ENDS)


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
    while listing is not None and len(kept) > 1 and _within(kept[-1].block, {id(listing)}):
        kept.pop()


def _kept(segs: list[Segment], chosen: list, skip_texts: set[str]) -> list[Segment]:
    chosen_ids = {id(e) for e in chosen}
    return [s for s in segs if _within(s.block, chosen_ids) and not _is_noise(s, skip_texts)]


def _chars(kept: list[Segment]) -> int:
    return sum(len(s.text) for s in kept)


def _first_with_text(segs: list[Segment], skip_texts: set[str]) -> tuple:
    """The winner, or the next best when the winner keeps no text: a page with article text never gets an
    empty body because a teaser outscored it. With none keeping text, the first winner (its body empty)."""
    first, passed, tally = None, frozenset(), _tally(segs)
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
    """The cascade's step for a weak winner: the nearest wrapper of the headline that keeps several times the
    winner's text and holds most of it, as (wrapper, its text), else (None, []). A short winner is often one
    chunk of an article whose paragraphs sit in plain wrappers beside it (the lead paragraph lost, a page
    builder's text boxes, paragraphs between ad slots), while the headline's block holds them all."""
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
