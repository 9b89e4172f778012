"""Which images of a page are its pictures, and where each is: the address the markup states (lazy-loading
attributes first), and the images that are not the article's own pictures: icons, logos, avatars, a byline's or a
person box's portrait, and teaser thumbnails linking to other pages (an image linking to a bigger copy of
itself, a lightbox, the article's own photo page or a CMS's attachment page for it is the article's).
"""
from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

from scraper.extract.dom import class_and_id, tag_of
from scraper.urls import is_non_html, join_url

_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-srcset", "src", "srcset")
_PLACEHOLDER = re.compile(r"blank|spacer|pixel|placeholder|loading|1x1", re.IGNORECASE)
_DECORATION = re.compile(r"(^|[\s/_.-])(logo|icon|avatar|sprite|badge|button)s?($|[\s_.-])", re.IGNORECASE)


def image_url(img, base_url: str | None) -> str | None:
    """The picture's absolute address; None for a placeholder or an address no browser would fetch."""
    value = _stated_address(img)
    url = join_url(base_url, value) if value else None
    return url if url and url.startswith(("http://", "https://")) else None


def _stated_address(img) -> str | None:
    """The picture's address as the markup states it, lazy-loading attributes first, placeholders skipped."""
    for attr in _LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if attr.endswith("srcset") and value:
            # the first candidate's URL runs to the first space: CDN URLs may hold commas (w_620,h_400)
            value = value.split()[0].rstrip(",")
        # an inline picture ("data:…", often a long placeholder) is told by its start, before any search of it
        if value and value[:5].lower() != "data:" and not _PLACEHOLDER.search(value):
            return value
    return None


MIN_PICTURE_PIXELS = 60  # an image drawn narrower or lower than this is an icon, a flag or a share button


def is_icon(img) -> bool:
    for attr in ("width", "height"):
        value = re.match(r"\d+", img.get(attr) or "")
        if value and int(value.group(0)) < MIN_PICTURE_PIXELS:
            return True
    return False


def is_decoration(img, url: str) -> bool:
    """Logos, icons, avatars and buttons are page furniture, whatever their alt text says; so is the portrait in
    a box about a person (an author's or an interviewee's, marked as a schema.org Person), whose name and role
    sit beside it as a caption would, and the portrait in a byline's box."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    return bool(_DECORATION.search(name) or _DECORATION.search(class_and_id(img))) or any(
        (a.get("itemtype") or "").endswith("/Person") for a in img.iterancestors()) or any(
        _BYLINE_BOX.search(class_and_id(a)) for a in itertools.islice(img.iterancestors(), BYLINE_BOX_LEVELS))


_BYLINE_BOX = re.compile(r"(^|[\s_-])(byline|authors?|author-?(box|info|bio|card|profile|image|avatar))($|[\s_-])")
BYLINE_BOX_LEVELS = 3  # a byline's portrait sits in the byline's box or a wrapper or two inside it


_PHOTO_PAGE = re.compile(r"photo|image|gallery|foto|bild|picture|slideshow|album", re.IGNORECASE)
_PAGE_ID = re.compile(r"\d{4,}")
_LIGHTBOX_ATTRS = ("data-lightbox", "data-fancybox", "data-gallery", "data-pswp-src")
_SIZE_SUFFIX = re.compile(r"[=?]")  # where an image host's size or crop begins in the address


def is_teaser(img, page_ids: set[str], base_url: str | None) -> bool:
    """An image linking to another page is a teaser thumbnail; one linking to a bigger picture, to this
    article's own photo page (`/article_photo/list?article_id=<the article's id>`), or an <a> with no
    destination (some templates wrap every image) is content."""
    link = next((a for a in img.iterancestors() if tag_of(a) == "a"), None)
    href = (link.get("href") or "").strip() if link is not None else ""
    own_photos = bool(_PHOTO_PAGE.search(href)) and bool(page_ids & set(_PAGE_ID.findall(href)))
    return bool(href) and not href.startswith(("#", "javascript:")) and not is_non_html(href) and not own_photos \
        and not _opens_the_picture(link, img, base_url) and not _is_attachment_page(href, img, base_url)


_ATTACHMENT_QUERY = re.compile(r"[?&]attachment_id=\d")
_FILE_SIZE = re.compile(r"(-\d{2,5}x\d{2,5}|-scaled|\.\w{3,4})+$")  # "-300x200.jpg": WordPress's size of an upload


def _is_attachment_page(href: str, img, base_url: str | None) -> bool:
    """The page a CMS makes for one of the article's pictures: WordPress's attachment page, under the article's
    address and named after the picture's file (`/2024/05/story/img_1234/` for `IMG_1234-300x200.jpg`), or asked
    for by its id (`?attachment_id=`). Another page under the article's address is a teaser like any other."""
    if _ATTACHMENT_QUERY.search(href):
        return True
    last = href.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
    if not last or "." in last:  # a story's page (`…/story.html`), most links, told cheaply
        return False
    stem = _FILE_SIZE.sub("", (_stated_address(img) or "").rsplit("/", 1)[-1].split("?", 1)[0]).lower()
    if last != stem:
        return False
    link, article = urlsplit(join_url(base_url, href) or ""), urlsplit(base_url or "")
    own_path = article.path.rstrip("/")
    return bool(own_path) and link.netloc == article.netloc and link.path.startswith(own_path + "/")


def _opens_the_picture(link, img, base_url: str | None) -> bool:
    """A link that shows the same picture bigger: a lightbox's hook on it, or the image's own address with
    another size (`…=s1200` around `…=s750`, `photo.jpg?w=2000`), which an image host may write without an
    extension."""
    if any(link.get(attr) is not None for attr in _LIGHTBOX_ATTRS):
        return True
    if _last_part(link.get("href") or "") != _last_part(_stated_address(img) or ""):  # mostly: none resolved
        return False
    href, src = join_url(base_url, link.get("href")), image_url(img, base_url)
    return bool(href and src) and _SIZE_SUFFIX.split(href, 1)[0] == _SIZE_SUFFIX.split(src, 1)[0]


def _last_part(address: str) -> str:
    """An address's last path part before any size or query: equal for two sizes of one picture."""
    return _SIZE_SUFFIX.split(address.rsplit("/", 1)[-1], 1)[0]


def article_ids(base_url: str | None) -> set[str]:
    """The long numbers in the article's address: its own photo pages carry one of them."""
    return set(_PAGE_ID.findall(base_url or ""))
