"""Where URLs come from besides links: sitemaps (index, gzip, news) and RSS/Atom feeds; and what a URL is.

XML from the web is hostile input: entities are never resolved, DTDs and the network never loaded, and
gzip is inflated only up to a cap.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timezone

from lxml import etree

from scraper.errors import FetchError
from scraper.inflate import BoundedInflater, inflate_capped
from scraper.extract.dates import parse_date
from scraper.urls import is_non_html, looks_like_article_url, try_canonicalize

MAX_XML_BYTES = 50_000_000
MAX_SITEMAP_URLS = 50_000
_FEED_PATH = re.compile(r"(^|/)(rss|feed|feeds|atom)(/|\.xml|\.rss|$)|\.rss$", re.IGNORECASE)
_SITEMAP_PATH = re.compile(r"sitemap[^/]*\.xml(\.gz)?$|\.xml\.gz$", re.IGNORECASE)
_DISCOVERY_ROOTS = {b"urlset", b"sitemapindex", b"rss", b"feed", b"rdf"}
_DATE_TAGS = frozenset({"lastmod", "publication_date", "pubdate", "date", "published", "updated"})
KIND_PRIORITY = {"article": 0, "sitemap": 1, "feed": 1, "listing": 2}


@dataclass
class Discovered:
    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def classify(url: str) -> str:
    path = url.split("?", 1)[0]
    if _SITEMAP_PATH.search(path):
        return "sitemap"
    if _FEED_PATH.search(path):
        return "feed"
    if looks_like_article_url(url):
        return "article"
    return "listing"


HEAD_COMPRESSED = 4096  # compressed bytes read to inflate a document's head: more than any head needs


def _head(data: bytes, size: int = 512) -> bytes:
    """The first bytes of the document, inflated if gzip, without ever inflating more than that."""
    if not data.startswith(b"\x1f\x8b"):
        return data[:size]
    try:
        return BoundedInflater("gzip", "").feed(data[:HEAD_COMPRESSED], size - 1)
    except FetchError:  # a corrupt stream has no readable head
        return b""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, recover=True, remove_comments=True, remove_pis=True)


def parse_xml(data: bytes, url: str = ""):
    """None for XML that will not parse; FetchError for a compression bomb."""
    try:
        root = etree.fromstring(inflate_capped(data, url, MAX_XML_BYTES), _parser())
    except etree.XMLSyntaxError:
        return None
    return root


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def is_xml_document(data: bytes) -> bool:
    """Sitemaps and feeds by their root element; an XHTML page's <?xml ...?> declaration does not count."""
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<![^>]*>", b"", _head(data, 2048), flags=re.S)
    match = re.search(rb"<([A-Za-z][\w:.-]*)", head)
    return bool(match) and match.group(1).lower().split(b":")[-1] in _DISCOVERY_ROOTS


def _entry_time(entry) -> float:
    """When a sitemap entry or feed item was last changed or published, as a sort key (0 when unstated)."""
    for element in entry.iter():
        if _local(element.tag) in _DATE_TAGS and element.text:
            when = parse_date(element.text)
            if when is not None:
                return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()
    return 0.0


def _newest_first(entries: list[tuple[str, object]]) -> list[str]:
    """Sites list their sitemaps and URLs oldest first as often as not (sitemap-2009-01.xml …): a crawl capped by
    --max-pages should spend its budget on the news. Undated entries keep their order, after the dated ones."""
    timed = [(_entry_time(entry), url) for url, entry in entries]
    return [url for _, url in sorted(timed, key=lambda item: -item[0])]


def parse_discovery(data: bytes, base_url: str) -> Discovered:
    """Sitemap (urlset/sitemapindex), RSS or Atom: the page and sitemap URLs they list, canonical, newest first
    by their stated dates (lastmod, news publication date, pubDate, updated), else in document order."""
    root = parse_xml(data, base_url)
    if root is None:
        return Discovered()
    kind = _local(root.tag)
    pages: list[tuple[str, object]] = []
    sitemaps: list[tuple[str, object]] = []
    for element in root.iter():
        if len(pages) + len(sitemaps) >= MAX_SITEMAP_URLS:
            break
        name = _local(element.tag)
        parent = _local(element.getparent().tag) if element.getparent() is not None else ""
        href = None
        if name == "loc" and element.text and parent in ("url", "sitemap"):  # not image:loc and the like
            href = element.text.strip()
        elif name == "link":
            href = (element.get("href") or element.text or "").strip()
            if element.get("rel") not in (None, "alternate"):
                href = None
        if not href:
            continue
        url = try_canonicalize(href, base_url)
        if not url:
            continue
        entry = element.getparent()
        if kind == "sitemapindex" or parent == "sitemap":
            sitemaps.append((url, entry))
        elif kind in ("rss", "feed", "rdf", "channel") and parent in ("channel", "feed"):
            continue  # the feed's own home link
        elif not is_non_html(url):
            pages.append((url, entry))
    return Discovered(_newest_first(pages), _newest_first(sitemaps))
