"""The extractor itself (scraper.extract loads it on first use).

Fields are read in order of trust: structured data (JSON-LD, OpenGraph, meta, <time>), then the site profile's
selectors, then generic heuristics. The body comes last because pruning boilerplate mutates the tree.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from scraper.extract import metadata, titles
from scraper.extract.body import Body, extract_body
from scraper.extract.captions import FoundCaption, find_captions, without_numbered_labels
from scraper.extract.dates import zone
from scraper.extract.dom import is_emphasized, tag_of, text_of
from scraper.extract.lead import find_lead
from scraper.extract.alternates import print_links
from scraper.extract.listing import article_links, declares_article, is_article, page_links
from scraper.extract.page import parse_page
from scraper.extract.prune import prune
from scraper.extract.profiles import Profile, bundled_profiles, profile_for
from scraper.extract.published import modified, published, published_near_body
from scraper.extract.related import links_in, related_blocks
from scraper.extract.scripted import scripted_body
from scraper.models import Article

VIETNAM_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_ZONES = {
    "vi": VIETNAM_ZONE, "de": "Europe/Berlin", "it": "Europe/Rome", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw",
    "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "da": "Europe/Copenhagen",
    "nb": "Europe/Oslo", "no": "Europe/Oslo", "hr": "Europe/Zagreb", "sl": "Europe/Ljubljana",
    "fi": "Europe/Helsinki", "el": "Europe/Athens", "ro": "Europe/Bucharest", "bg": "Europe/Sofia",
    "tr": "Europe/Istanbul", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "th": "Asia/Bangkok",
}
"""Languages whose news is published in one time zone (or zones that keep the same clock): a UTC time a page
states is shown in that zone when the page itself shows no other offset and nothing names the site's zone."""
NAIVE_IN_LANGUAGE_ZONE = frozenset({"vi"})
"""Languages whose naive page times are read in their zone too: Vietnamese portals, the first target, state
times without a zone; elsewhere a naive time stays naive (the issue's rule), as no reader-facing zone is known."""


def _caption_scopes(container, heading) -> tuple:
    """Captions belong to the article: those inside the nearest <article> around its body, and those inside the
    smallest element holding both the body and the headline, which takes in the lead photo that news sites put
    between the two (often in a "lead art" block outside the text's container). Never the whole page: beside
    the article sit teasers."""
    if container is None:
        return ()
    ancestors = [container, *container.iterancestors()]
    scopes = [next((node for node in ancestors if tag_of(node) == "article"), container)]
    if heading is not None:
        heading_chain = list(heading.iterancestors())  # held: proxies' ids live only while referenced
        around_heading = {id(a) for a in heading_chain}
        common = next((node for node in ancestors if id(node) in around_heading), None)
        if common is not None and tag_of(common) not in ("body", "html"):
            scopes.append(common)
    return tuple(scopes)


def _image_names(url: str | None) -> tuple[str, str]:
    """An image's host and path, and its file's name without the size a CMS or CDN gave this copy: sizes and
    crops travel in the query (`?width=1200`), in the name (`bus-1200x630.jpg`) or in a folder (`/w_800/`)."""
    path = (url or "").split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    stem = _SIZE_SUFFIX.sub("", path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower())
    return path, stem if len(stem) >= MIN_IMAGE_STEM_CHARS else path


# what CMSs and CDNs append to a copy's name: WordPress's "-1200x630" and "-scaled" (pictures.py's attachment test
# strips those alone: an upload's own number stays there), a width ("-800", "_1200w"), a size's name ("-large");
# a series' number ("-01") is no width
_SIZE_SUFFIX = re.compile(r"([-_](\d{2,5}x\d{2,5}|[1-9]\d{2,3}w?|scaled|large|medium|small|thumb\w*))+$")
MIN_IMAGE_STEM_CHARS = 8  # shorter file names ("image", "photo-1") say too little to tell two pictures apart


def lead_image_names(page) -> set[str]:
    """The images the page names as its own (og:image, twitter:image, the article's structured data): their
    captions belong to the article wherever the template puts them (a lead photo above the headline)."""
    declared = [page.meta.get("og:image"), page.meta.get("twitter:image")]
    image = page.article_ld.get("image")
    for item in image if isinstance(image, list) else [image]:
        declared.append(item.get("url") or item.get("contentUrl") if isinstance(item, dict) else item)
    return {name for url in declared if isinstance(url, str) and url for name in _image_names(url)}


def _article_captions(page, captions: list[FoundCaption], container, heading, title: str | None) -> tuple:
    """The captions of the article's own images: inside its scopes, or of an image the page names as its own.
    The headline repeated under a picture (a template's lead image, every picture of a post) says nothing of it."""
    scopes = _caption_scopes(container, heading)
    lead = lead_image_names(page)
    headline = " ".join((title or "").split()).casefold()
    return tuple(c.caption for c in without_numbered_labels(captions)
                 if (any(a is s for a in c.ancestors for s in scopes)
                     or not lead.isdisjoint(_image_names(c.caption.image_url)))
                 and " ".join(c.caption.caption.split()).casefold() != headline)


def _unpruned_text(document: str | bytes, url: str | None, encoding: str | None, page, names: set[str]) -> str:
    """The last step of the cascade, for a page that declares itself an article and kept no text once pruned
    and its captions set apart (a photo story told in its figures' captions, text in an element the pruning took
    for chrome): the same scoring on a fresh, unpruned tree, captions kept. An article never gets an empty body;
    a listing may."""
    if not declares_article(page):
        return ""
    return extract_body(parse_page(document, url, encoding).tree, names).text


def _lead_headline(body: Body) -> str | None:
    """The headline of a page whose <title> does not show it (old portals give every page the portal's name):
    the text's first line when it is short, unpunctuated and set as a heading (bold, large)."""
    first, _, rest = body.text.partition("\n\n")
    if not rest or not 3 <= len(first.split()) <= 30 or first.endswith((".", ":", "?", "!", ";", ",")):
        return None
    element = titles.showing(body.container, first) if body.container is not None else None
    return first if element is not None and is_emphasized(element) else None


def _zones(language: str | None, timezone_name: str | None, profile: Profile | None) -> tuple:
    """The zone naive times are read in (the site's, the profile's, else the language's where it has one zone
    and its pages write local time), and the zone the language's readers are shown times in."""
    language_zone = zone(LANGUAGE_ZONES.get(language))
    tz = zone(timezone_name) or zone(profile.timezone if profile else None) or \
        (language_zone if language in NAIVE_IN_LANGUAGE_ZONE else None)
    return tz, language_zone


def extract(document: str | bytes, url: str | None = None, *, encoding: str | None = None,
            timezone_name: str | None = None, profiles: tuple[Profile, ...] | None = None,
            now: datetime | None = None, with_links: bool = False, profile_name: str | None = None) -> Article:
    """Parse a page into an Article. Raises ExtractionError only for input that is not HTML at all.

    `with_links` also collects every link of the page for the crawler; one-off extraction skips that cost.
    `profile_name` applies that profile without matching (a site's config knows its CMS).
    """
    now = now or datetime.now(timezone.utc)
    page = parse_page(document, url, encoding)
    available = bundled_profiles() if profiles is None else profiles
    profile = next((p for p in available if p.name == profile_name), None) if profile_name else \
        profile_for(page, available)
    canonical = metadata.canonical_url(page)
    title = titles.title(page, profile)
    printable = print_links(page) if with_links else []
    links = [url for url in page_links(page) if url not in printable] if with_links else []
    captions = find_captions(page.tree, page.base_url)
    blocks, boxes = related_blocks(page.tree, page.base_url)
    blocks += profile.select(page, "related") if profile else []
    related = links_in(blocks + boxes, page.base_url, canonical)
    language = metadata.language(page)
    tz, language_zone = _zones(language, timezone_name, profile)
    day_first = metadata.day_first(page, language)
    author = metadata.author(page, profile)
    category = metadata.category(page, profile, title)
    heading = titles.title_element(page, title)
    title_shown = bool(title) and heading is not None and titles.shows(heading, title)
    when = published(page, profile, tz, now, day_first, heading, shown_zone=language_zone)
    hint = next((e for e in (profile.select(page, "body") if profile else []) if text_of(e)), None)
    drop = profile.select(page, "drop") if profile else []
    prune(page.tree, [c.element for c in captions] + blocks + drop)
    names = {t.lower() for t in (title, author) if t}
    body = extract_body(page.tree, names | {c.caption.caption.lower() for c in captions}, hint,
                        hint_named=profile_name is not None, heading=heading)
    text = body.text or scripted_body(page) or _unpruned_text(document, url, encoding, page, names)
    when = when or published_near_body(page.tree, body.container, tz, now, day_first)
    if not title_shown and not titles.declares_title(page, profile) and (shown := _lead_headline(body)):
        title, text = shown, text.partition("\n\n")[2]
    descriptions = tuple(filter(None, (page.meta.get(k) for k in ("description", "og:description"))))
    if lead := find_lead(heading, body.parts, text, descriptions):
        text = f"{lead}\n\n{text}" if text else lead
    kept_captions = _article_captions(page, captions, body.container, heading, title)
    article = is_article(page, canonical, text, body.parts, when)
    return Article(
        url=canonical, title=title, published=when, modified=modified(page, tz, now, when),
        author=author or metadata.signed_author(page, body.signature), category=category, language=language,
        body=text, captions=kept_captions, related=tuple(related), is_article=article, links=tuple(links),
        article_links=() if article else tuple(article_links(page, canonical)), print_links=tuple(printable),
    )
