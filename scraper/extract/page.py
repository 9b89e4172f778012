"""Parse a document once into the Page that every field function reads (Fundus' Precomputed)."""
from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import lxml.etree

from scraper.errors import ExtractionError
from scraper.extract.encoding import decode_html
from scraper.text import clean_markup_text
from scraper.urls import join_url

MAX_DOCUMENT_CHARS = 5_000_000
MAX_ELEMENTS = 200_000
# from the root element down: libxml evaluates "//*" through an intermediate set of every node, a fifth slower
_ITEMPROP = lxml.etree.XPath("descendant-or-self::*[@itemprop]")
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                           "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                           "socialmediaposting", "scholarlyarticle", "techarticle", "report", "posting",
                           "advertisernewsarticle", "satiricalarticle", "askpublicnewsarticle"})


@dataclass(frozen=True)
class Page:
    url: str | None
    tree: lxml.etree._Element
    meta: Mapping[str, str]
    json_ld: Sequence[Mapping] = field(default_factory=tuple)
    base_url: str | None = None
    source: str = field(default="", repr=False)  # the decoded text, for cheap substring checks
    _remembered: dict = field(default_factory=dict, repr=False, compare=False)

    @functools.cached_property
    def classed(self) -> tuple[tuple[object, str], ...]:
        """(element, lowercased "class id") for every element that has either, in page order, read once: the
        field functions that look for byline, breadcrumb or date markers all filter this instead of the tree."""
        found = []
        for element in self.tree.iter():
            classes, ident = element.get("class"), element.get("id")
            if classes is not None or ident is not None:
                found.append((element, f"{classes or ''} {ident or ''}".lower()))
        return tuple(found)

    @functools.cached_property
    def markers(self) -> str:
        """Every element's lowercased "class id", joined: where a profile looks for its class words, a few
        kilobytes instead of the whole source."""
        return " ".join(marker for _, marker in self.classed)

    @functools.cached_property
    def itemprops(self) -> Mapping[str, tuple]:
        """itemprop value → its elements in page order, from one pass: published and modified both ask."""
        found: dict[str, list] = {}
        for element in _ITEMPROP(self.tree):
            for prop in element.get("itemprop").split():
                found.setdefault(prop, []).append(element)
        return {prop: tuple(elements) for prop, elements in found.items()}

    def remembered(self, key: str, compute: Callable[[], object]) -> object:
        """What `compute` finds in this page, computed on the first ask: a field function that reads the same
        filtered elements several times (the published time's sources) filters once."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    @functools.cached_property
    def article_ld(self) -> Mapping:
        """The first JSON-LD object typed as an article, else an empty mapping: found once, a score of field
        functions ask it."""
        for item in self.json_ld:
            if ld_types(item) & ARTICLE_TYPES:
                return item
        return {}


def ld_text(value) -> str | None:
    """A JSON-LD value as text: a name, a thing's name, or several names "; "-joined without repeats."""
    if isinstance(value, list):
        names = [n for n in (ld_text(v) for v in value) if n]
        return "; ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        return ld_text(value.get("name"))
    if isinstance(value, str):
        return clean_markup_text(value) or None
    return None


def ld_types(item: Mapping) -> set[str]:
    """A JSON-LD item's types, lowercased: `@type` is a string or a list of them."""
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _flatten_ld(data, out: list, depth: int = 0) -> None:
    if depth > 6 or len(out) > 100:
        return
    if isinstance(data, list):
        for item in data:
            _flatten_ld(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                _flatten_ld(data[key], out, depth + 1)


def _json_ld(tree) -> tuple[Mapping, ...]:
    out: list = []
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*<!--|-->\s*$", "", raw)
        try:
            _flatten_ld(json.loads(raw, strict=False), out)
        except (ValueError, RecursionError):
            continue
    return tuple(out)


def _meta(tree) -> dict[str, str]:
    """name/property/itemprop → content, first one wins, keys lowercased."""
    meta: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        content = element.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key and key not in meta:
                meta[key] = clean_markup_text(content)
    return meta


_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)


def _parse_tree(text: str) -> lxml.etree._Element:
    """Plain etree elements, not lxml.html's: no per-element Python class lookup, which dominated the profile.
    The text goes to libxml as UTF-8 bytes, the encoding stated: a str with letters beyond Latin-1 would reach
    it in Python's wider internal form, which it converts more slowly than it reads UTF-8."""
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False,
                                   no_network=True, recover=True, encoding="utf-8")
    data = _XML_DECLARATION.sub("", text, count=1).encode("utf-8", errors="replace")
    try:
        tree = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as e:
        raise ExtractionError(f"not an HTML document: {e}") from None
    if tree is None:
        raise ExtractionError("not an HTML document: nothing to parse")
    return tree


def _cap_elements(tree) -> None:
    """A pathological page (hundreds of thousands of elements) is cut, not allowed to stall the crawl."""
    extra = list(itertools.islice(tree.iter(), MAX_ELEMENTS, None))
    for element in extra:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def parse_page(document: str | bytes, url: str | None = None, encoding: str | None = None) -> Page:
    """Decode, cap and parse. Binary or empty input is an ExtractionError, never a crash."""
    if isinstance(document, bytes):
        if not document.strip():
            raise ExtractionError("empty document")
        sample = document[:4096]
        utf16 = sample.startswith((b"\xff\xfe", b"\xfe\xff"))
        if len(_BINARY_BYTES.findall(sample)) > 0.05 * len(sample) and not utf16:
            raise ExtractionError("binary data, not HTML")
        text, _ = decode_html(document, encoding)
    else:
        text = document
    text = text[:MAX_DOCUMENT_CHARS].replace("\x00", "")
    if not text.strip():
        raise ExtractionError("empty document")
    sample_text = text[:4096]
    if len(_BINARY_CHARS.findall(sample_text)) > 0.15 * len(sample_text):
        raise ExtractionError("binary data, not HTML")
    tree = _parse_tree(text)
    if len(text) > MAX_ELEMENTS * 5:
        _cap_elements(tree)
    base = tree.find(".//base[@href]")
    base_url = url
    if base is not None and url:
        base_url = join_url(url, base.get("href")) or url
    return Page(url=url, tree=tree, meta=_meta(tree), json_ld=_json_ld(tree), base_url=base_url, source=text)
