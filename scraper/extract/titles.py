"""The article's title as the page shows it: declared titles (og:title, JSON-LD, <title>) checked against the
headings on the page, site names, sections and kickers cut off, the shown spelling kept."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from scraper.extract.dom import (CHROME_TAGS, class_and_id, in_site_chrome, is_inside, marked, raw_text,
                                 shown_text, tag_of, text_of)
from scraper.extract.page import Page, ld_text
from scraper.extract.profiles import Profile
from scraper.similarity import fold
from scraper.text import clean_markup_text
from scraper.urls import host_of

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:»·/]\s+|\s+::\s+")
_WIDE = "\u3000-\u9fff\uac00-\ud7af\uff01-\uff5e"  # CJK and Hangul text and full-width punctuation
# not ":" or "/": headlines hold those; Chinese, Japanese and Korean titles join the site's name unspaced
SITE_NAME_SEPARATORS = re.compile(rf"(\s+[|\-–—»·]\s+|\s+::\s+|(?<=[{_WIDE}])[|\-_ㅣ](?=[{_WIDE}]))")
# the site's chrome, and a share box (it repeats the whole <title>, site name and all, for social networks)
_SITE_CHROME = re.compile(r"site|logo|brand|banner|masthead|header-top|navbar|share|sr-only|visually-?hidden|"
                          r"screen-?reader")


# A kicker set inside the headline's element, above its words ("<h1><span class=dachzeile>Nach Corona-Lockerungen
# </span> Autohäuser rechnen …</h1>"): the topic line, not the headline
_KICKER_CLASS = re.compile(r"kicker|overline|dachzeile|topline|eyebrow|roofline|subtitle|spitzmarke|supertitle|"
                           r"pretitle|pre-title|headline-?intro")


def _without_kicker(element, text: str, declared: str) -> str:
    """The heading's words without a kicker it holds, when the declared title does not carry that kicker: a
    title stated with its kicker ("Kicker: Headline") is the headline the publisher meant."""
    for child in _marked_parts(element):
        kicker = text_of(child)
        if kicker and text.startswith(kicker) and len(kicker) < len(text) \
                and _comparable(kicker) not in _comparable(declared):
            return text[len(kicker):].lstrip(" -–—:|·")
    return text


def _marked_parts(heading) -> Iterator:
    """The elements inside a heading whose class marks a kicker or subtitle, in page order."""
    return (child for child in heading.iterdescendants()
            if isinstance(child.tag, str) and _KICKER_CLASS.search(class_and_id(child)))


_HEADINGS = ("h1", "h2", "h3")


def title_candidates(page: Page) -> Iterator[tuple[object, str]]:
    """Headings, then title-classed elements, outside site chrome, each in page order: taken from libxml's tag
    walk and the page's class list rather than a Python walk over every element."""
    titled = (element for element, marker in page.classed if "title" in marker
              and element.tag not in _HEADINGS and "title" in (element.get("class") or "").lower())
    for element in itertools.chain(page.tree.iter(*_HEADINGS), titled):
        if not _outside_chrome(element):
            continue
        text = shown_text(element)
        if 0 < len(text) <= 300:
            yield element, text


def _minor_headings(page: Page) -> Iterator[tuple[object, str]]:
    """h4 to h6 outside site chrome: a page without an <h1> may set its headline in any heading, and a minor
    heading that says what the <title> says is that headline."""
    for element in page.tree.iter("h4", "h5", "h6"):
        if _outside_chrome(element):
            yield element, shown_text(element)


def _outside_chrome(element) -> bool:
    """Neither classed as the site's chrome nor inside its navigation, footer or sidebar (a page <header> may
    hold the headline)."""
    return not _SITE_CHROME.search(class_and_id(element)) and not is_inside(element, CHROME_TAGS - {"header"})


_NOT_SHOWN = frozenset({"title", "script", "style"})
_PUNCTUATION_VARIANTS = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "\xa0": " "})


def _comparable(text: str) -> str:
    return " ".join(text.translate(_PUNCTUATION_VARIANTS).lower().split())


def _matches_title(candidate: str, title: str) -> bool:
    """The heading is the page's declared title, or one end of it ("Headline – Site", "Section: Headline")."""
    candidate, title = _comparable(candidate), _comparable(title)
    if candidate == title:
        return True
    for sep in TITLE_SEPARATORS.finditer(title):
        if title[:sep.start()] == candidate or title[sep.end():] == candidate:
            return True
    return False


def _alnum(text: str) -> str:
    """Letters and digits without tone marks: "Báo Lào Cai" meets baolaocai.vn."""
    return "".join(c for c in fold(text) if c.isalnum())


def _strip_site_name(title: str, site_name: str | None, url: str | None, guess: bool = True) -> str:
    """A title without the site's name at either end ("Headline - Site", "Site | Headline", "Site: Headline") or
    before a tagline ("Headline - Site | Latest news"): parts that are og:site_name, the host's name or a portal's
    self-description, else (when `guess`) a short last part; then the section labels left before it. Parts are
    never chosen by length: a headline may hold a dash or a colon itself ("Star Wars Jedi: Fallen Order review –
    shoots for the moon")."""
    is_site = _site_test(site_name, url)
    if (lead := _COLON_LEAD.match(title)) and is_site(lead.group(1), loose=False):  # a topic may name the brand
        title = title[lead.end():]
    pieces = SITE_NAME_SEPARATORS.split(title)  # text, separator, text, ...
    parts = len(pieces)
    site_at = next((i for i in range(2, parts, 2) if is_site(pieces[i])), None)
    if site_at is not None:
        pieces = pieces[:site_at - 1]
    while len(pieces) > 1 and is_site(pieces[0]):
        pieces = pieces[2:]
    if guess and len(pieces) == parts > 1:  # no part named the site
        last, rest = pieces[-1], "".join(pieces[:-2])
        if len(last.split()) <= 4 and len(rest) > len(last):
            pieces = pieces[:-2]
    while guess and len(pieces) < parts and len(pieces) > 1 and len(pieces[-1].split()) <= SECTION_LABEL_WORDS \
            and len("".join(pieces[:-2])) > len(pieces[-1]):
        pieces = pieces[:-2]  # a section's label before the site's name ("Headline - Local News - Site")
    return "".join(pieces).strip() or title


def _site_test(site_name: str | None, url: str | None):
    """Whether a part of a title names the site: its og:site_name or host, mostly the host's own name, or the
    words a portal describes itself with."""
    names = {_alnum(site_name or ""), _alnum(_host(url).removeprefix("www."))} - {""}
    host_label = _alnum(_main_label(url))

    def is_site(part: str, loose: bool = True) -> bool:
        """`loose`: also a part mostly made of the host's name ("Die Neue Südtiroler Tageszeitung")."""
        key = _alnum(part)
        return len(key) >= 3 and (any(key == name or (len(key) >= 5 and key in name) for name in names)
                                  or key == host_label  # "EnBW" on enbw.com, "BBC" on bbc.com
                                  or loose and len(host_label) >= MIN_HOST_LABEL and host_label in key
                                  and len(host_label) >= MIN_SITE_NAME_SHARE * len(key)
                                  or bool(_PORTAL_NAME.match(part.strip())))
    return is_site


_COLON_LEAD = re.compile(r"^([^:]{3,60}):\s+")
# how portals name themselves at a title's end: "Cổng thông tin điện tử tỉnh X" (the province's e-portal), "Trang
# tin điện tử …", "Báo điện tử …", "Official website of …"
_PORTAL_NAME = re.compile(r"(cổng|trang)\s+(thông\s+)?tin(\s+điện\s+tử)?\s|báo\s+điện\s+tử\s|"
                          r"(the\s+)?official\s+(web\s*)?site\b", re.IGNORECASE)
SECTION_LABEL_WORDS = 2  # "News", "Local News", "Video", "Tin tức": a section's label between headline and site
MIN_HOST_LABEL = 5  # letters of a host's name that, inside an end part of a title, name the site ("… - Die Neue
# Südtiroler Tageszeitung" on tageszeitung.it); shorter labels ("bbc", "nos") are words of headlines too
MIN_SITE_NAME_SHARE = 1 / 3  # of that part's letters: a site's name is mostly the name; a headline that mentions
# the site ("Snow maps now on example.ch") is mostly other words


_SECOND_LEVEL_SUFFIXES = frozenset({"co", "com", "org", "net", "gov", "edu", "ac", "or", "ne", "go", "info"})


def _main_label(url: str | None) -> str:
    """The host's name without its public suffix or "www": `www.example-news.co.uk` → "example-news"."""
    labels = _host(url).removeprefix("www.").split(".")[:-1]  # without the top-level domain
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL_SUFFIXES:
        labels.pop()
    return labels[-1] if labels else ""


def _host(url: str | None) -> str:
    try:
        return host_of(url) if url else ""
    except ValueError:  # a malformed URL given by hand
        return ""


def _best_heading(headings: list[tuple[object, str]], declared: list[str]) -> str | None:
    """Of elements that may hold the title, the one the page's declared titles name, else the first h1, else
    the first: CMS title classes also mark sidebar and archive headings ("Blog", "Latest News")."""
    matching = [text for _, text in headings if any(_matches_title(text, d) for d in declared)]
    if matching:
        return max(matching, key=len)
    return next((text for element, text in headings if tag_of(element) == "h1"), headings[0][1] if headings else None)


def declares_title(page: Page, profile: Profile | None) -> bool:
    """The page states its headline (structured data, OpenGraph, the profile's selector), not only in <title>."""
    return bool(page.article_ld.get("headline") or page.meta.get("og:title") or page.meta.get("twitter:title")
                or (profile and profile.select(page, "title")))


MIN_HEADLINE_SHARE = 0.4  # of the declared title's words, in the shown headline: not a kicker or section name
_WORD = re.compile(r"\w+")


def _as_shown(page: Page, declared: str) -> str:
    """The headline as the page shows it: structured data and og:title often carry a section ("| Sport"), a
    kicker ("Iranischer Angriff auf Israel: …") or a site name that the separators did not give away
    ("…-정치ㅣ한국일보"). The first <h1> outside site chrome wins when the declared title holds it whole and it
    is not a mere fragment of it. A differently worded h1 does not: which of two wordings is the headline is
    not for a rule to say (measured: it lifted one corpus and lowered another)."""
    element, text = next(((element, text) for element, text in title_candidates(page) if tag_of(element) == "h1"),
                         (None, ""))
    if element is None:
        return declared
    h1 = _without_kicker(element, text, declared)
    shown, stated = _comparable(h1), _comparable(declared)
    if _extends(shown, stated) and not _holds_marked_part(element):
        return h1
    if shown == stated or shown not in stated or len(_WORD.findall(shown)) < 2:
        return declared
    # "Headline » tagline": the first part at a site name's separator (not a colon: "Kicker: Headline")
    if _comparable(SITE_NAME_SEPARATORS.split(declared, 1)[0]) == shown:
        return h1
    return h1 if len(_WORD.findall(shown)) >= MIN_HEADLINE_SHARE * len(_WORD.findall(stated)) else declared


def _extends(shown: str, stated: str) -> bool:
    """The shown headline says all the declared title says, word for word from its start, and goes on
    ("… Kapazität" declared, "… Kapazität in Tennessee" shown): metadata fields have length limits, the
    heading has none."""
    stated_words, shown_words = _WORD.findall(stated), _WORD.findall(shown)
    return len(stated_words) >= 2 and len(shown_words) > len(stated_words) \
        and shown_words[:len(stated_words)] == stated_words


def _holds_marked_part(heading) -> bool:
    """The heading sets a kicker or subtitle apart inside itself: its further words are that part, not a
    longer wording of the headline."""
    return next(_marked_parts(heading), None) is not None


_ESCAPED_ENTITY = re.compile(r"&(#\d{2,7}|#x[0-9a-f]{2,6}|[a-z]{2,8});", re.IGNORECASE)


def title(page: Page, profile: Profile | None) -> str | None:
    """The headline, with entities that the site escaped twice (`Chi&amp;#7871;n`, shown as `Chi&#7871;n`)
    decoded: a literal entity in a headline is always such a slip, never the writer's words."""
    found = _title(page, profile)
    return _decoded(_spelled_as_shown(page, _without_declared_suffix(page, found))) if found else found


def _decoded(text: str) -> str:
    """The text with entities the site escaped twice decoded; as it is otherwise."""
    return clean_markup_text(text) if _ESCAPED_ENTITY.search(text) else text


def _spelled_as_shown(page: Page, found: str) -> str:
    """Metadata often types plain quotes and hyphens where the shown headline has typographic ones
    (`Keks'n` for `Keks’n`, "A - B" for "A – B"), or another case: the heading's spelling when the two differ
    only so. Headings and title-classed elements, wherever they are (a differently spelled twin in site
    chrome is as good a witness)."""
    wanted = _comparable(found)
    for element in [*page.tree.iter("h1", "h2", "h3"), *marked(page, ("title",))]:
        shown = " ".join(raw_text(element).split())
        if len(shown) == len(found) and shown != found and _comparable(shown) == wanted:  # length first: cheap
            return shown_text(element)
    return found


_TITLE_METAS = ("headline", "parsely-title", "sailthru.title", "dc.title", "twitter:title", "og:title")
_SUFFIX_START = re.compile(r"\s*[|\-–—:»·/ㅣ]")


def _without_declared_suffix(page: Page, found: str) -> str:
    """A title that another of the page's declared titles begins, followed by a separator, is that one with a
    suffix the separators did not give away (written without spaces: "Headline-Section|Site"): the shorter
    declaration is the headline alone."""
    stated = _comparable(found)
    for key in _TITLE_METAS:
        shorter = page.meta.get(key, "")
        start = _comparable(shorter)
        if len(_WORD.findall(start)) >= 2 and len(start) < len(stated) and stated.startswith(start) \
                and _SUFFIX_START.match(stated, len(start)):
            return shorter
    return found


def _title(page: Page, profile: Profile | None) -> str | None:
    site_name = page.meta.get("og:site_name")
    for value in (page.article_ld.get("headline"), page.article_ld.get("name")):
        if text := ld_text(value):
            return _as_shown(page, _strip_site_name(text, site_name, page.url, guess=False))
    title_element = page.tree.find(".//title")
    html_title = _decoded(text_of(title_element)) if title_element is not None else ""  # before its separators
    og = page.meta.get("og:title") or page.meta.get("twitter:title")
    declared = [t for t in (og, html_title) if t]
    if profile:
        selected = [(e, text) for e in profile.select(page, "title") if (text := shown_text(e))]
        if selected:
            return _best_heading(selected, declared)
    if og:
        stripped = _strip_site_name(og, site_name, page.url)
        # a short last part taken for the site's name may be the headline's own ("... cao tốc Bắc - Nam"): shown
        # whole, the title is whole (a part that names the site needs no look at the page)
        guessed = stripped != og and _strip_site_name(og, site_name, page.url, guess=False) == og
        return og if guessed and showing(page.tree, og) is not None else _as_shown(page, stripped)
    candidates = list(title_candidates(page))
    if html_title:
        matching = [text for element, text in candidates + list(_minor_headings(page))
                    if _matches_title(text, html_title) and "site-title" not in class_and_id(element)]
        if matching:
            return max(matching, key=len)
    h1 = next((text for element, text in candidates if tag_of(element) == "h1" and len(text.split()) >= 2), None)
    if h1:
        return h1
    if shown := _title_part_shown(page, html_title):
        return shown
    from_title = _strip_site_name(html_title, site_name, page.url) if html_title else ""
    heading = next((text for element, text in candidates if tag_of(element) in ("h2", "h3")), "")
    best = heading if len(heading) > len(from_title) else from_title
    return best or None


def _title_part_shown(page: Page, html_title: str) -> str | None:
    """The part of a separated <title> ("Sở Y tế tỉnh X - Headline") that the page shows by itself, outside its
    chrome: old portals put the headline in a plain cell (`<td class="tieude">`), not in a heading. The longest
    such part of three words or more (the site's name may be shown alone too, in a banner)."""
    parts = [part.strip() for part in SITE_NAME_SEPARATORS.split(html_title)[::2]]
    shown = [part for part in parts if len(parts) > 1 and len(part.split()) >= 3
             and (element := showing(page.tree, part)) is not None and not in_site_chrome(element)
             and not _SITE_CHROME.search(class_and_id(element))]
    return max(shown, key=len) if shown else None


def _all_showing(tree, text: str) -> Iterator:
    """Every element of the tree whose own text is `text` (whatever its tag or class), in page order."""
    wanted = _comparable(text)
    for element in tree.iter():  # every element of a page: the test is inlined, scripts are never compared
        own = element.text
        if own and len(own) >= len(wanted) and tag_of(element) not in _NOT_SHOWN and _comparable(own) == wanted:
            yield element


def showing(tree, text: str):
    """The first element of the tree whose own text is `text`."""
    return next(_all_showing(tree, text), None)


def shows(element, text: str) -> bool:
    own = element.text
    return bool(own) and tag_of(element) not in _NOT_SHOWN and _comparable(own) == _comparable(text)


def title_element(page: Page, title: str | None):
    """The element that shows the article's title (whatever its tag or class: `<p class="titulo">`), the first
    outside the site's chrome (a breadcrumb's last item repeats the headline), else the first h1 or
    title-classed element."""
    first = None
    for element in _all_showing(page.tree, title) if title else ():
        if not in_site_chrome(element):
            return element
        first = first if first is not None else element
    if first is not None:
        return first
    return next(iter(page.tree.xpath("//h1|//*[contains(@class,'title')]")), None)
