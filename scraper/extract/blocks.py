"""Which block holds the text: the page's text runs, readability's points for each, their tally per element, and the
winning block with the blocks that go with it (the wrapper it stands for, the article's other chunks).

The first stage of the body (body.py keeps the winner's text and trims it); it reads the pruned tree and never
changes it.
"""
from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from scraper.extract.dom import class_and_id, tag_of, text_of
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
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "“", "»", "«", ")")
MIN_SCORED_CHARS = 25
MIN_SENTENCE_CHARS = 50  # a shorter line scores one point whatever its commas: a name with its affiliation
CLASS_SHARE = 0.5  # of a block's score, added when its class says content, taken when it says chrome
MODIFIED_CHUNK_SHARE = 0.25  # of the winner's branch's prose points, that a chunk with another modifier holds
CHUNK_LEVELS = 5  # wrappers climbed from the winner to find the article's other chunks (component markup nests
# each paragraph four deep)
FAR_CHUNK_LEVELS = 8  # wrappers climbed from the winner to the article's element, around a page builder's rows
CHUNK_LINK_DENSITY = 0.3  # of a chunk's text in links, above which it is a teaser list, not a part of the text
LEAF_LIFT_LEVELS = 3  # wrappers climbed from a one-paragraph winner to its container
LEAF_SHARE = 0.75  # of the container's prose points, under which a one-paragraph winner stands for it
LEAF_LIFT_LINK_DENSITY = 0.3
PART_LIFT_LEVELS = 3  # wrappers climbed from a winner that is one part of a deeper-nested article
PART_SHARE = 0.35  # of the wrapper's prose points, under which the winner is only a part of the article
PART_LIFT_LINK_DENSITY = 0.2


@dataclass(slots=True)  # a large page has hundreds of thousands of runs
class Segment:
    text: str
    link_chars: int
    block: object
    ancestors: tuple | None = None  # the block and the elements around it, outermost first; None when too deep

    def within(self, elements: set) -> bool:
        """Whether the run lies in one of the elements: one set test over the ancestors kept (at C speed), a walk
        up the tree for a run nested deeper than any page's article."""
        if self.ancestors is not None:
            return not elements.isdisjoint(self.ancestors)
        return self.block in elements or not elements.isdisjoint(self.block.iterancestors())


MAX_KEPT_ANCESTORS = 64  # deeper runs (a trap's 60,000 nested tags) walk the tree: their copies would cost memory


def _spaced_tail(tail: str, parts: list[str], open_elements: list) -> str:
    """The text after an element, opening with a capital: a space before it where the word before it ended
    inside the element ("<span>Đồng Tháp</span>Nhiều …": a dateline its style sheet sets apart); not in code, where a
    highlighter's spans split words that must stay together."""
    if parts and parts[-1][-1:].islower() and not any(tag_of(e) in ("pre", "code") for e in open_elements):
        return " " + tail
    return tail


def segments(root) -> list[Segment]:
    """Text runs split at block boundaries, each with its link share and enclosing block: innerText, cheaply."""
    out: list[Segment] = []
    parts: list[str] = []
    link_chars = 0
    blocks = [root]
    open_elements = list(root.iterancestors())[::-1]  # every element open at this point of the walk, outermost first
    block_depths = [len(open_elements) + 1]  # per open block: how many of the open elements are it and its ancestors
    links_open = 0

    def flush() -> None:
        nonlocal parts, link_chars
        text = clean_text("".join(parts))
        if text:
            depth = block_depths[-1]
            around = tuple(open_elements[:depth]) if depth <= MAX_KEPT_ANCESTORS else None
            out.append(Segment(text, min(link_chars, len(text)), blocks[-1], around))
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
            open_elements.append(element)
            if tag in BLOCK_TAGS:
                flush()
                blocks.append(element)
                block_depths.append(len(open_elements))
            if tag == "a":
                links_open += 1
            add(element.text)
        else:
            if tag == "a":
                links_open -= 1
            if tag in BLOCK_TAGS or element is root:  # the root's last run, while the root is still open
                flush()
            if tag in BLOCK_TAGS:
                blocks.pop()
                block_depths.pop()
            open_elements.pop()
            if element is not root:
                tail = element.tail  # most tails open with a space or a mark: the cheap test first
                add(_spaced_tail(tail, parts, open_elements) if tail and tail[0].isupper() else tail)
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
class Tally:
    """Per-node sums over the segments below it, so densities cost nothing to ask for."""
    score: dict = field(default_factory=lambda: defaultdict(float))
    points: dict = field(default_factory=lambda: defaultdict(float))
    chars: dict = field(default_factory=lambda: defaultdict(int))
    links: dict = field(default_factory=lambda: defaultdict(int))

    def link_density(self, node) -> float:
        return self.links[node] / self.chars[node] if self.chars[node] else 0.0


def tally_of(segs: list[Segment]) -> Tally:
    """Readability's score per candidate (parent full, grandparent half), plus text, link and paragraph points
    under every node."""
    tally = Tally()
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


def _sum_up(root, tally: Tally) -> None:
    """Each node's text, link and point sums come to hold its descendants': nodes in reverse document order
    (children before their parents), each adding its sums to its parent's once. Walking every segment's
    ancestors instead cost ten dictionary updates a segment, a tenth of the extraction."""
    chars, links, points = tally.chars, tally.links, tally.points
    for node in reversed(list(root.iter())):  # the list keeps each node's proxy, so dictionary keys stay valid
        if node in chars and (parent := node.getparent()) is not None:
            chars[parent] += chars[node]
            links[parent] += links[node]
            points[parent] += points[node]


def _lift(top, tally: Tally):
    """Readability scores a paragraph's parent and grandparent only, so two kinds of winner stand for an
    ancestor: a single paragraph (its text sits directly in it), lifted to the nearest ancestor holding clearly
    more prose; and a winner holding a small share of a nearby wrapper's prose, the one shallow part of an
    article whose other parts nest deeper (a recipe's ingredients over its numbered steps, each step two
    wrappers down). Never into a link farm."""
    if any(tally.points[child] for child in top):
        return _ancestor_with_more_prose(top, tally, PART_LIFT_LEVELS, PART_SHARE, PART_LIFT_LINK_DENSITY)
    return _ancestor_with_more_prose(top, tally, LEAF_LIFT_LEVELS, LEAF_SHARE, LEAF_LIFT_LINK_DENSITY)


def _ancestor_with_more_prose(top, tally: Tally, levels: int, share: float, max_link_density: float):
    """The nearest of `levels` ancestors of which `top` holds less than `share` of the prose points; else top."""
    node = top
    for _ in range(levels):
        node = node.getparent()
        if node is None or tag_of(node) in ("body", "html"):
            break
        if tally.points[top] < share * tally.points[node] and tally.link_density(node) <= max_link_density:
            return node
    return top


def _chunks(top, tally: Tally) -> list:
    """Articles split into chunks (ads or widgets between them) score low per chunk. Going up at most CHUNK_LEVELS
    wrappers, take the siblings built like the winner's branch (same tag and classes) that hold prose: those are
    the other chunks. A sidebar with teaser text is built differently and stays out."""
    branch = top
    for _ in range(CHUNK_LEVELS):
        parent = branch.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            break
        twins = [s for s in parent if s is not branch and _built_alike(s, branch, tally) and tally.points[s] > 0
                 and tally.link_density(s) <= CHUNK_LINK_DENSITY]
        if twins:
            return [branch, *twins]
        branch = parent
    return _far_chunks(top, tally)


def _far_chunks(top, tally: Tally) -> list:
    """Page builders (WPBakery, Divi, Elementor) set each text module in a row and column of its own, seven or
    more wrappers below the article's element: the other modules are no near siblings. In the nearest
    content-classed wrapper (up to FAR_CHUNK_LEVELS up) that holds any, the elements of the winner's very tag and
    class with a good share of its prose (a donation box or a comment form in a module of the same kind has
    little) are the article's other chunks."""
    ancestors = itertools.takewhile(lambda ancestor: tag_of(ancestor) not in ("body", "html"),
                                    itertools.islice(top.iterancestors(), FAR_CHUNK_LEVELS))
    marked = [ancestor for ancestor in ancestors if CONTENT_CLASS.search(class_and_id(ancestor))]
    if not marked:
        return [top]
    lineage = {id(element) for element in (top, *top.iterancestors())}
    shape, minimum = (tag_of(top), top.get("class")), MODIFIED_CHUNK_SHARE * tally.points[top]
    candidates = [element for element in marked[-1].iter(shape[0]) if id(element) not in lineage
                  and element.get("class") == shape[1] and tally.points.get(element, 0.0) >= minimum > 0
                  and tally.link_density(element) <= CHUNK_LINK_DENSITY
                  and not any(ancestor is top for ancestor in element.iterancestors())]
    for ancestor in marked:  # nearest first
        if twins := [element for element in candidates if any(a is ancestor for a in element.iterancestors())]:
            return [top, *twins]
    return [top]


def _built_alike(twin, branch, tally: Tally) -> bool:
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


def _is_prose_paragraph(element, tally: Tally) -> bool:
    text = text_of(element)
    return len(text) > 80 and tally.link_density(element) < 0.25 and text.endswith(SENTENCE_ENDS)


def choose_container(tally: Tally, passed: frozenset = frozenset()):
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
