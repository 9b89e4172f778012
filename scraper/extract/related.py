"""Related links inside or after the article: blocks under a heading ("CÁC TIN KHÁC", "Tin liên quan", "Related
stories", ...), arrowed lines between the paragraphs, and boxes among them that point to other stories of the
site with no heading over them; each story named by its headline."""
from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from scraper.extract.credits import opens_with_interface
from scraper.extract.dom import HEADING_TAGS, document_position, raw_length, shown_text, tag_of, text_of
from scraper.extract.noise import is_noise_line
from scraper.models import RelatedLink
from scraper.urls import looks_like_article_url, same_site, try_canonicalize

RELATED_HEADING = re.compile(
    r"^(các\s+|những\s+)?(tin|bài|bài viết|tin bài|tin tức)\s+(liên quan|khác|cùng chuyên mục|cùng danh mục|cùng loại|"
    r"đã đưa|mới hơn|cũ hơn|"
    r"cùng chủ đề|xem nhiều cùng chuyên mục)\b|^(xem|đọc) (thêm|tiếp)\b|^có thể bạn (quan tâm|muốn đọc)|"
    r"^(related|more)\s+(stories|articles|news|coverage|content|links|reading|from|on|in)\b|"
    r"^see also\b|^read (more|next|also)\b|^also (read|on)\b|^you (may|might) (also )?(like|be interested)|"
    r"^further reading\b|^recommended (for you|stories)$|"
    # German, French, Spanish, Portuguese, Italian, Dutch, Polish, Indonesian, Turkish, Russian
    r"^(weitere (artikel|nachrichten|beiträge)|mehr zum thema|lesen sie (auch|mehr)|auch interessant|"
    r"das könnte sie (auch )?interessieren|(verwandte|ähnliche) (artikel|beiträge|themen))\b|"
    r"^(à |a )?lire (aussi|également)\b|^sur le même sujet\b|^(articles|sujets) (similaires|liés)\b|"
    r"^voir aussi\b|^(también )?(te|le) puede interesar\b|^(noticias|artículos) relacionad[oa]s\b|"
    r"^lee (también|más)\b|^leia (também|mais)\b|^(notícias|matérias) relacionadas\b|^veja também\b|"
    r"^leggi anche\b|^(ti )?potrebbe interessarti\b|^(articoli|notizie) correlat[ie]\b|^lees (ook|meer)\b|"
    r"^gerelateerde artikelen\b|^(czytaj|zobacz) (też|także)\b|^powiązane artykuły\b|^baca juga\b|"
    r"^(berita|artikel) terkait\b|^(ilgili|i̇lgili|benzer) haberler\b|^читайте (также|також)\b|^по теме$|"
    r"^похожие новости\b|^what to read next\b|^don't miss\b|^meer over\b|^zum thema$|^dazu passend\b|"
    # Czech, Nordic, Finnish, Hungarian, Romanian, Greek, Arabic, Thai, Hindi
    r"^(čtěte|přečtěte si) (také|též)\b|^související (články|zprávy)\b|^(läs|les|læs) (också|även|også)\b|"
    r"^lue myös\b|^kapcsolódó (cikkek|hírek)\b|^cite(ș|s)te (ș|s)i\b|^διαβάστε (επίσης|ακόμη)\b|"
    r"^اقرأ أيضا|^(أخبار|مواضيع) ذات صلة|^ข่าวที่เกี่ยวข้อง|^(ये|यह) भी पढ़ें",
)
"""Wordings in lowercase, matched against lowercased text: sre compares plain characters faster than ignoring
their case."""
# what names a block in a single word (a run of CJK letters is one word)
_ONE_WORD_HEADING = re.compile(r"related|recommended|gerelateerd|関連記事|関連ニュース|관련기사|관련뉴스|相关新闻|相關新聞|"
                               r"相关阅读|相關閱讀|延伸阅读|延伸閱讀", re.IGNORECASE)
_HEADING_LIKE_TAGS = HEADING_TAGS | {"div", "span", "td", "th", "p", "strong", "b", "header", "legend", "dt", "caption",
                                     "label", "section"}
_DATE = r"\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?(?:\s+\d{1,2}:\d{2})?"
_DATED = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}(?:\s+\d{1,2}:\d{2})?"
# a date set apart from a link's words (bracketed, after a dash or bar, alone) or with its year; "… từ 1-1"
# and "Lockdown 2.0" end headlines
_TRAILING_DATE = re.compile(rf"(?:(?:^|\s*[(\[]|\s[\-–|])\s*{_DATE}|\s{_DATED})\s*[)\]]?\s*$")
_POINTER = re.compile(r"^\s*(>>|»|►|▶)\s*")  # "&gt;&gt; Tỉnh khen thưởng …": a story pointed to mid-text
_ARROW_STARTS = frozenset(">»►▶")
MAX_BLOCK_LINKS = 60


def clean_link_title(text: str) -> str:
    """A link's words without a date after them or an arrow before them."""
    return _POINTER.sub("", _TRAILING_DATE.sub("", text)).strip()


def _walk(tree) -> tuple[list, list, list]:
    """One walk over the tree for what the finders below start from: elements whose whole short text names a
    related-links block (from each element's own first text run, then widened to the nearest heading-like
    element), links with an arrow before their words, and the elements that hold paragraphs."""
    headings: list = []
    arrowed: list = []
    holders: dict[int, object] = {}
    for node in tree.iter():
        tag = node.tag
        if tag == "a":  # a link's words never head a block: most short runs are links
            if _arrowed(node):
                arrowed.append(node)
            continue
        if tag == "p":
            holder = node.getparent()
            holders[id(holder)] = holder
        elif tag == "img":  # old portals draw the heading: "<img src='tin-khac.gif' alt='Các tin khác'>"
            if _names_related(node.get("alt")) and not any(tag_of(a) == "a" for a in node.iterancestors()):
                headings.append(node)
            continue
        text = node.text  # the length tests inlined: they are asked of every element of the page
        if text and len(text) <= 200 and 3 < len(text := text.strip(_AROUND_HEADING)) < 61 and _names_block(text):
            _add_heading(headings, node)
    return headings, arrowed, list(holders.values())


_AROUND_HEADING = " :»›>-\n\t\r\u00a0"


def _names_related(text: str | None) -> bool:
    """A short text that names a related-links block."""
    return bool(text) and 3 < len(text := text.strip(_AROUND_HEADING)) < 61 and _names_block(text)


def _names_block(short: str) -> bool:
    """A single word (half the page's runs) needs no look at the phrases."""
    return bool(_ONE_WORD_HEADING.fullmatch(short) if short.isalpha() else RELATED_HEADING.match(short.lower()))


def _arrowed(link) -> bool:
    """The arrow is the link's first text or the text right before it; asked of every link of the page, so the
    first character is looked at before the pattern is."""
    text = link.text
    if text and text.lstrip()[:1] in _ARROW_STARTS and _POINTER.match(text):
        return True
    previous = link.getprevious()
    before = previous.tail if previous is not None else link.getparent().text
    return bool(before) and before.lstrip()[:1] in _ARROW_STARTS and bool(_POINTER.match(before))


def _add_heading(headings: list, node) -> None:
    """The heading-like element around the node, unless it holds or is a link or lies in a heading found."""
    element = node
    while element is not None and tag_of(element) not in _HEADING_LIKE_TAGS:
        element = element.getparent()
    if element is None or element.find(".//a") is not None or len(text_of(element)) > 60:
        return
    if tag_of(element) == "a" or any(tag_of(a) == "a" for a in element.iterancestors()):
        return
    if not any(h is element or h in element.iterancestors() for h in headings):
        headings.append(element)


def _is_link_list(element, heading=None) -> bool:
    """Mostly link text: a list of headlines, not an article that happens to contain a 'Related' line."""
    text = len(text_of(element)) - (len(text_of(heading)) if heading is not None else 0)
    linked = sum(len(text_of(a)) for a in element.iter("a"))
    return 0 < linked and text < 4000 and linked >= 0.5 * text


MIN_TEASERS = 2
MAX_TEASER_SUMMARY_CHARS = 300  # unlinked words of one teaser: its summary, a date; more is an article's paragraph


def _lists_teasers(element, heading=None) -> bool:
    """Items each led by a link, with a summary beside it ("Tin cùng chuyên mục" on most news sites shows each
    story's sapo): too much plain text for a link list, yet every item opens with a pointer to a story, where a
    paragraph opens with its own words."""
    items = [child for child in element if isinstance(child.tag, str) and child is not heading
             and text_of(child)]
    return len(items) >= MIN_TEASERS and all(map(_opens_with_link, items))


def _opens_with_link(item) -> bool:
    text = text_of(item)
    words = next((words for a in item.iter("a") if a.get("href") and (words := text_of(a))), "")
    linked = sum(len(text_of(a)) for a in item.iter("a"))
    return bool(words) and text.startswith(words) and len(text) - linked <= MAX_TEASER_SUMMARY_CHARS


def blocks_after(heading) -> list:
    """The list a heading introduces: its nearest ancestor holding links, when that is a link list; otherwise
    the heading and the link-list siblings right after it (the heading sits inside a larger container, as in old
    portals' `<b>Các tin khác:</b><br><a>…</a> <font>(10/05/2021)</font><br><a>…</a>`: a date beside a link
    does not end the list)."""
    node = heading
    for _ in range(4):
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            return []
        links = parent.xpath(".//a[@href]")
        if links and _links_before(node) * 2 > len(links):
            return []  # the links stand before the heading: a share bar above a list the page's script fills in
        if links:
            if len(links) <= MAX_BLOCK_LINKS and (_is_link_list(parent, heading) or _lists_teasers(parent, node)):
                return [parent]
            following = []
            for sibling in node.itersiblings():
                if _is_link_list(sibling) or _lists_teasers(sibling):
                    following.append(sibling)
                elif (text := text_of(sibling)) and clean_link_title(text):
                    break
            return [node, *following] if following else []
        node = parent
    return []


def _links_before(node) -> int:
    """Links in the lists of links before the node (inline links of paragraphs are the text's)."""
    return sum(tag_of(sibling) == "a" or len(sibling.xpath(".//a[@href]")) for sibling in
               node.itersiblings(preceding=True) if isinstance(sibling.tag, str)
               and (tag_of(sibling) == "a" or _is_link_list(sibling)))


def related_blocks(tree, page_url: str | None) -> tuple[list, list]:
    """The blocks of related links, to be cut from the text, and the boxes among the paragraphs that point to
    other stories, read for their links only."""
    headings, arrowed, holders = _walk(tree)
    blocks: list = []
    for heading in headings:
        for block in blocks_after(heading):
            if not any(b is block for b in blocks):
                blocks.append(block)
    blocks += [p for p in inline_pointers(arrowed) if outside(p, blocks)]
    return blocks, teaser_boxes(holders, page_url, blocks)


def outside(element, blocks: list) -> bool:
    """Neither one of the blocks nor inside one."""
    return not any(b is element or b in element.iterancestors() for b in blocks)


MIN_POINTER_LINK_SHARE = 0.8  # of the line's text, in its one link: the line is the pointer, not a sentence
MIN_PARAGRAPH_CHARS = 80  # of a neighbouring line, mostly unlinked: the pointer stands between paragraphs
POINTER_NEIGHBOURS = 3  # lines looked at on either side of it


def inline_pointers(arrowed: list) -> list:
    """Lines set between the article's paragraphs that point to another story: an arrow, then one link
    holding the line's words. Old portals put their related stories there rather than in a block; a menu's
    arrowed items stand among other links, not among paragraphs."""
    found: list = []
    for link in arrowed:
        line = next((e for e in link.iterancestors() if tag_of(e) in ("p", "div")), None)
        if line is None or any(line is f for f in found) or line.find(".//p") is not None \
                or line.find(".//div") is not None or len(links := line.findall(".//a[@href]")) != 1:
            continue
        chars = len(clean_link_title(text := text_of(line)))
        if _POINTER.match(text) and chars and len(clean_link_title(text_of(links[0]))) >= MIN_POINTER_LINK_SHARE * \
                chars and _between_paragraphs(line):
            found.append(line)
    return found


def _between_paragraphs(line) -> bool:
    """A line of prose, mostly unlinked, among the few lines around it."""
    siblings = (*itertools.islice(line.itersiblings(preceding=True), POINTER_NEIGHBOURS),
                *itertools.islice(line.itersiblings(), POINTER_NEIGHBOURS))
    return any(isinstance(sibling.tag, str) and len(text_of(sibling)) >= MIN_PARAGRAPH_CHARS
               and not _is_link_list(sibling) for sibling in siblings)


_BOX_TAGS = frozenset({"div", "aside", "section", "ul", "ol", "table", "article"})
MIN_HEADLINE_WORDS = 4  # of a teaser's link: a story's headline, not a tag, a name or a button
MAX_BOX_CHARS = 4000  # of a box of teasers: a dozen headlines with their summaries


def teaser_boxes(holders: list, page_url: str | None, blocks: list) -> list:
    """Boxes set among the article's paragraphs that point to other stories of the site with no heading over
    them: one or a few headlines, each perhaps with its summary (news CMSs put "related one news" boxes between
    paragraphs and a box of two or three stories after the last). An embed or an advert links elsewhere; a tag
    list or a byline has no headline. Read for their links only: whether their words are text is the body's to
    judge (some pages set a story's own paragraphs among such boxes)."""
    if not page_url:
        return []
    found: list = []
    for holder in holders:
        children = list(holder)
        tags = [child.tag for child in children]
        prose: dict[int, bool] = {}  # place → a paragraph of prose stands there, asked once
        for place, tag in enumerate(tags):
            if tag in _BOX_TAGS and _among_paragraphs(children, tags, place, prose) \
                    and outside(box := children[place], found + blocks) and _points_to_stories(box, page_url):
                found.append(box)
    return found


def _among_paragraphs(children: list, tags: list, place: int, prose: dict[int, bool]) -> bool:
    for near in range(max(0, place - POINTER_NEIGHBOURS), min(len(children), place + POINTER_NEIGHBOURS + 1)):
        if tags[near] == "p":
            if near not in prose:
                prose[near] = raw_length(children[near]) >= MIN_PARAGRAPH_CHARS
            if prose[near]:
                return True
    return False


def _points_to_stories(box, page_url: str) -> bool:
    """Every link to a story of the same site (not to the page itself, as share and comment buttons link), every
    story's headline long enough, no promotion of the site's own ("Join our newsletter") and no picture's
    button ("Enlarge"), little else to read. The words are weighed before the addresses: cheaper."""
    links = box.findall(".//a[@href]")  # most boxes among paragraphs (pictures, adverts) hold no link: first
    if not links or len(links) > MAX_BLOCK_LINKS or raw_length(box) > MAX_BOX_CHARS:
        return False
    headlines: dict[str, str] = {}
    linked = 0
    for link in links:
        href, words = link.get("href").strip(), text_of(link)
        headlines[href] = max(headlines.get(href, ""), words, key=len)
        linked += len(words)
    if not all(len(headline.split()) >= MIN_HEADLINE_WORDS for headline in headlines.values()) \
            or len(text_of(box)) - linked > MAX_TEASER_SUMMARY_CHARS * len(headlines):
        return False
    own_path = urlsplit(page_url).path
    for href, headline in headlines.items():
        url = try_canonicalize(href, page_url)
        if not url or not same_site(url, page_url) or urlsplit(url).path == own_path \
                or not looks_like_article_url(url) or is_noise_line(headline) or opens_with_interface(headline):
            return False
    return True


MIN_HEADING_WORDS = 2


def _headline_in(anchor):
    """A link around a whole card (its date, kicker, headline and summary) is named by the card's heading, the
    longest where a label is a heading too ("From our site" over the headline); a one-word heading is the
    kicker ("Politics"), the headline set in plainer type beside it."""
    headings = [e for e in anchor.iter() if tag_of(e) in HEADING_TAGS]
    heading = max(headings, key=raw_length) if headings else anchor
    return heading if len(text_of(heading).split()) >= MIN_HEADING_WORDS else anchor


def links_in(blocks: list, base_url: str | None, own_url: str | None) -> list[RelatedLink]:
    """Each story once, in page order, named by its headline: a teaser links the same story from its picture,
    a kicker, its headline and its summary. The longest words that are not a sentence name it (a summary ends
    in a full stop or an ellipsis, a headline seldom does), else the longest; a picture's link names nothing."""
    titles: dict[str, tuple[bool, bool, int, str]] = {}
    for block in sorted(blocks, key=document_position):
        for anchor in block.iter("a"):
            url = try_canonicalize(anchor.get("href") or "", base_url)
            if not url or url == own_url:
                continue
            title = clean_link_title(shown_text(_headline_in(anchor)))
            ranked = (bool(title), not title.endswith((".", "…")), len(title), title)
            if ranked > titles.get(url, (False, False, 0, "")):
                titles[url] = ranked
    return [RelatedLink(url, ranked[-1]) for url, ranked in titles.items() if ranked[-1]]
