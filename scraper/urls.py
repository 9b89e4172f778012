"""URL canonicalization and the URL-shape rules shared by the extractor, the store and the crawler.

One canonical form per article is what makes deduplication work: scheme and host case, default ports, fragments,
tracking parameters and query order must never create a second article.
"""
from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from scraper.errors import InvalidURL

MAX_URL_LENGTH = 2048
URL_CACHE_SIZE = 16384  # distinct URLs remembered per lookup: a site's menus repeat the same links on every page
HTTP_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

_TRACKING_EXACT = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid",
    "cmp", "cmpid", "ocid", "ncid", "spm", "ref_src", "ref_url", "rss", "zarsrc", "vn_source", "vn_medium",
    "vn_campaign", "at_medium", "at_campaign", "wt.mc_id", "s_cid", "trk", "sr_share",
    "phpsessid", "jsessionid", "sessionid", "aspsessionid", "sid",
})
_TRACKING_PREFIXES = ("utm_", "itm_", "pk_", "mtm_", "vn_")
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_QUERY_SAFE = "/:@!$'()*,;-._~%?"
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")

NON_HTML_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "rtf", "zip", "rar", "7z", "gz", "tgz", "bz2", "xz",
    "apk", "ipa", "exe", "msi", "dmg", "iso", "bin", "jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "ico", "tif",
    "tiff", "mp3", "mp4", "m4a", "wav", "ogg", "avi", "mov", "wmv", "flv", "mkv", "webm", "css", "js", "json",
    "woff", "woff2", "ttf", "eot", "swf", "txt", "csv",
})
_NON_ARTICLE_PATH = re.compile(
    r"/(tag|tags|topic|chu-de|tu-khoa|search|tim-kiem|login|dang-nhap|register|dang-ky|account|user|author|"
    r"tac-gia|category|categories|chuyen-muc|feed|rss|video-clip|lien-he|contact|gioi-thieu|about)(/|$)|"
    r"/page(/\d+)?/?$",  # pagination; not "/portal/page/portal/..." of portal servers
    re.IGNORECASE,
)
_ID_IN_PATH = re.compile(r"\d{4,}")
# Query parameters that number a page's container rather than the page (?catid=5, ?tabid=100): an id-named
# parameter other than these, with a number for value (Joomla's "123:slug" too), names an article
_CONTAINER_ID_PARAMS = frozenset({
    "catid", "cateid", "categoryid", "tabid", "moduleid", "mid", "menuid", "zoneid", "pageid", "portalid",
    "siteid", "langid", "languageid", "sectionid", "groupid", "parentid", "channelid", "typeid", "userid",
    "sessionid", "sid", "cid", "chuyenmucid", "cmid", "parentcateid",
})
_NUMBERED = re.compile(r"\d+(:|$)")


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in _TRACKING_EXACT or name.startswith(_TRACKING_PREFIXES)


_CLEAN_PATH = re.compile(r"[A-Za-z0-9/:@!$&'()*+,;=\-._~]*")


def _normalize_escapes(text: str, safe: str) -> str:
    if _CLEAN_PATH.fullmatch(text):  # the common case: nothing to escape, no escapes to upper-case
        return text
    return _PERCENT.sub(lambda m: m.group(0).upper(), quote(text, safe=safe))


def _host(parts) -> str:
    host = parts.hostname
    if not host:
        raise InvalidURL(f"no host in URL: {parts.geturl()[:200]}")
    host = host.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as e:
        raise InvalidURL(f"invalid host name {host!r}: {e}") from None
    if not re.fullmatch(r"[a-z0-9.\-_\[\]:]+", host):
        raise InvalidURL(f"invalid host name {host!r}")
    return host


def canonicalize(url: str, base: str | None = None) -> str:
    """The one form under which an article is stored; raises InvalidURL for anything we would never fetch."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidURL("empty URL")
    url = url.strip()
    try:
        if base and not url.startswith(("http://", "https://")):
            url = urljoin(base, url)  # raises too, on a link like "//[" (an unclosed IPv6 host)
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise InvalidURL(f"malformed URL {url[:200]!r}: {e}") from None
    if len(url) > MAX_URL_LENGTH:
        raise InvalidURL(f"URL longer than {MAX_URL_LENGTH} characters")
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES:
        raise InvalidURL(f"not an http(s) URL: {url[:200]!r}")
    host = _host(parts)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = re.sub(r";jsessionid=[^/?#]*", "", parts.path, flags=re.IGNORECASE) or "/"
    if "/." in path:
        trailing = "/" if path.endswith("/") else ""
        path = posixpath.normpath(path) + trailing
        path = "/" + path.lstrip("/") if path != "//" else "/"
    path = _normalize_escapes(path, _PATH_SAFE)
    query = ""
    if parts.query:
        pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
        query = urlencode(sorted(pairs), quote_via=quote, safe=_QUERY_SAFE)
        query = _PERCENT.sub(lambda m: m.group(0).upper(), query)
    return urlunsplit((scheme, netloc, path, query, ""))


def try_canonicalize(url: str, base: str | None = None) -> str | None:
    """For links found in pages: a bad link is skipped, not an error. Memoized, because a site's menus and
    sidebars repeat the same links on every page; root-relative links share one entry per origin."""
    if base and url.startswith("/") and not url.startswith("//"):
        base = origin_of(base)
    return _try_canonicalize(url, base)


@functools.lru_cache(maxsize=URL_CACHE_SIZE)
def _try_canonicalize(url: str, base: str | None) -> str | None:
    try:
        return canonicalize(url, base)
    except InvalidURL:
        return None


def origin_of(url: str) -> str:
    """scheme://host[:port]/ of an absolute URL: a root-relative link resolves the same against it, and proxy
    settings apply to it whole."""
    start = url.find("//")
    end = url.find("/", start + 2) if start >= 0 else -1
    return url if end < 0 else url[:end + 1]


def join_url(base: str | None, link: str) -> str | None:
    """urljoin, or None for a link it cannot read: urljoin raises on a bracketed host that is not an IPv6
    address ("//[", "//[]"), which pages do contain."""
    try:
        return urljoin(base or "", link)
    except ValueError:
        return None


@functools.lru_cache(maxsize=URL_CACHE_SIZE)
def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@functools.lru_cache(maxsize=URL_CACHE_SIZE)
def site_of(url: str) -> str:
    """The site a URL belongs to: its host without a leading www./m., so both serve one site."""
    host = host_of(url)
    for prefix in ("www.", "m."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def same_site(url: str, other: str) -> bool:
    return site_of(url) == site_of(other)


def extension(url: str) -> str:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def is_non_html(url: str) -> bool:
    """Files we never download: decided by the URL alone, before any request."""
    return extension(url) in NON_HTML_EXTENSIONS


_PRINT_QUERY = re.compile(r"(^|&)(print|printable|printer)(=(1|yes|true|y))?(&|$)|"
                          r"(^|&)(view|format|output|layout|mode|template|type)=(print|printable|printer)(&|$)",
                          re.IGNORECASE)
_PRINT_SEGMENT = re.compile(r"/(print|printer|printable|printer-friendly|print-version)(/|\.\w+$|$)", re.IGNORECASE)


def is_print_url(url: str) -> bool:
    """A print version by the URL's shape alone: a print flag in the query or a print segment in the path."""
    parts = urlsplit(url)
    return bool(_PRINT_QUERY.search(parts.query) or _PRINT_SEGMENT.search(parts.path))


def looks_like_article_url(url: str) -> bool:
    """Article pages have a long slug or a numeric id in the path; sections, tags and searches do not."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path or is_non_html(url) or _NON_ARTICLE_PATH.search(path):
        return False
    last = path.rsplit("/", 1)[-1]
    slug = re.sub(r"\.(s?html?|aspx?|php|jsp|cms|ece)$", "", last, flags=re.IGNORECASE)
    words = [w for w in re.split(r"[-_+]", slug) if w]
    if len(words) >= 4:
        return True
    if _ID_IN_PATH.search(path) and (len(words) >= 2 or slug != last or path.count("/") >= 2):
        return True
    return any(_names_an_article(name, value) for name, value in parse_qsl(parts.query))


def _names_an_article(name: str, value: str) -> bool:
    name = name.lower()
    return (name == "p" or name.endswith("id")) and name not in _CONTAINER_ID_PARAMS and bool(_NUMBERED.match(value))
