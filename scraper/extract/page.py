"""Parse a document once into the Page that every field function reads (Fundus' Precomputed)."""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from scraper.errors import ExtractionError
from scraper.extract.encoding import decode_html
from scraper.text import clean_text

MAX_DOCUMENT_CHARS = 5_000_000
MAX_ELEMENTS = 200_000
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                           "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                           "socialmediaposting", "scholarlyarticle", "techarticle", "report", "posting",
                           "advertisernewsarticle", "satiricalarticle", "askpublicnewsarticle"})


@dataclass(frozen=True)
class Page:
    url: str | None
    tree: lxml.html.HtmlElement
    meta: Mapping[str, str]
    json_ld: Sequence[Mapping] = field(default_factory=tuple)
    base_url: str | None = None

    @property
    def article_ld(self) -> Mapping:
        """The first JSON-LD object typed as an article, else an empty mapping."""
        for item in self.json_ld:
            if _types(item) & ARTICLE_TYPES:
                return item
        return {}


def _types(item: Mapping) -> set[str]:
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
                meta[key] = clean_text(content)
    return meta


def _parse_tree(text: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise ExtractionError(f"not an HTML document: {e}") from None
    return tree


def parse_page(document: str | bytes, url: str | None = None, encoding: str | None = None) -> Page:
    """Decode, cap and parse. Binary or empty input is an ExtractionError, never a crash."""
    if isinstance(document, bytes):
        if not document.strip():
            raise ExtractionError("empty document")
        sample = document[:4096]
        if sample.count(b"\x00") > len(sample) // 10 and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ExtractionError("binary data, not HTML")
        text, _ = decode_html(document, encoding)
    else:
        text = document
    text = text[:MAX_DOCUMENT_CHARS].replace("\x00", "")
    if not text.strip():
        raise ExtractionError("empty document")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:4096])
    if printable < 0.85 * len(text[:4096]):
        raise ExtractionError("binary data, not HTML")
    tree = _parse_tree(text)
    if sum(1 for _ in tree.iter()) > MAX_ELEMENTS:
        for extra in list(tree.iter())[MAX_ELEMENTS:]:
            parent = extra.getparent()
            if parent is not None:
                parent.remove(extra)
    base = tree.find(".//base[@href]")
    base_url = url
    if base is not None and url:
        base_url = urljoin(url, base.get("href"))
    return Page(url=url, tree=tree, meta=_meta(tree), json_ld=_json_ld(tree), base_url=base_url)
