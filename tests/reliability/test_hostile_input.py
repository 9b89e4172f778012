"""Hostile and broken input: each gives a clear recorded error or a safe result, never a crash or a hang."""
from __future__ import annotations

import gzip
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally import TALLY
from scraper import ExtractionError, extract
from scraper.discover import is_xml_document, parse_discovery
from scraper.errors import FetchError, InvalidURL
from scraper.fetch import FetchConfig, Fetcher
from scraper.netguard import check_destination, is_internal_address
from scraper.urls import canonicalize, host_of

BASE = "https://news.example.vn/"
PARAGRAPH = "Nội dung bài viết có đủ chữ để là một đoạn văn chính, với dấu phẩy, và nhiều từ nữa. " * 3

XXE = b"""<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example.vn/&xxe;</loc></url>
<url><loc>https://news.example.vn/tin/bai-that-1234.html</loc></url></urlset>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<urlset><url><loc>https://news.example.vn/&lol9;</loc></url></urlset>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd"><rss><channel>
<item><link>https://news.example.vn/tin/mot-bai-viet-5678.html</link></item></channel></rss>"""


@pytest.mark.parametrize("name, document", [("xxe", XXE), ("billion laughs", LAUGHS), ("external dtd", EXTERNAL_DTD),
                                            ("invalid", b"<urlset><url><loc>https://news.example.vn/a-12345"),
                                            ("not xml", b"\x00\x01garbage"), ("empty", b"")])
def test_hostile_xml_never_resolves_entities(name, document):
    TALLY["hostile"] += 1
    started = time.monotonic()
    found = parse_discovery(document, BASE)
    assert time.monotonic() - started < 2
    for url in found.pages + found.sitemaps:
        assert "root:" not in url and "lollol" not in url and url.startswith("https://news.example.vn/")


def test_xxe_sitemap_still_yields_its_real_urls():
    assert "https://news.example.vn/tin/bai-that-1234.html" in parse_discovery(XXE, BASE).pages


def test_gzip_bomb_sitemap_is_refused():
    TALLY["hostile"] += 1
    bomb = gzip.compress(b"<urlset>" + b" " * 60_000_000)
    assert is_xml_document(bomb)
    with pytest.raises(FetchError, match="exceeds"):
        parse_discovery(bomb, BASE)


def page(body: str) -> str:
    return f"<html><head><meta charset='utf-8'><title>T</title></head><body>{body}</body></html>"


HOSTILE_PAGES = {
    "nul bytes": page(f"<h1>Tiêu\x00 đề</h1><div><p>{PARAGRAPH}\x00</p><p>{PARAGRAPH}</p></div>").encode(),
    "lying charset": page(f"<div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>").replace(
        "charset='utf-8'", "charset='shift_jis'").encode("utf-8"),
    "unknown charset": page(f"<div><p>{PARAGRAPH}</p></div>").replace("utf-8", "x-no-such-charset").encode(),
    "mixed encodings": page(f"<div><p>{PARAGRAPH}</p></div>").encode() + "<p>Hòa bình</p>".encode("cp1258", "ignore"),
    "unclosed everything": ("<html><body><div><p><b><i><table><tr><td>" + PARAGRAPH * 3).encode(),
    "deep nesting": ("<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000).encode(),
    "many links": page("".join(f"<a href='/p{i}'>l{i}</a>" for i in range(100_000))).encode(),
    "huge text": page(f"<p>{'chữ ' * 2_000_000}</p>").encode(),
    "script only": page("<script>" + "x" * 1_000_000 + "</script>").encode(),
    "utf16 bom": "\ufeff".encode("utf-16-le") + page(f"<p>{PARAGRAPH}</p>").encode("utf-16-le"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PAGES))
def test_hostile_pages_give_a_record_or_clear_error_quickly(name):
    TALLY["hostile"] += 1
    started = time.monotonic()
    try:
        article = extract(HOSTILE_PAGES[name], "https://news.example.vn/tin/x-1234.html", with_links=True)
        assert "\x00" not in article.body and isinstance(article.to_json(), str)
    except ExtractionError as e:
        assert str(e)
    assert time.monotonic() - started < 15, "extraction must stay bounded"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_extractor_never_raises_on_arbitrary_bytes(data):
    TALLY["hostile"] += 1
    try:
        extract(data, "https://news.example.vn/tin/x-1234.html")
    except ExtractionError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300).map(
    lambda t: f"<html><body><h1>{t}</h1><p>{t}</p><a href='{t}'>{t}</a><img src='{t}'></body></html>"))
def test_extractor_never_crashes_on_arbitrary_markup(html):
    """A record, or for control-character soup the one clear error: nothing else escapes."""
    TALLY["hostile"] += 1
    try:
        extract(html, "https://news.example.vn/tin/x-1234.html", with_links=True)
    except ExtractionError as e:
        assert "binary" in str(e) or "empty" in str(e)


URL_TEXT = st.text(alphabet="abcxyzĐđệộ0123456789-_.~%/?=&#:;+ ", max_size=40)


@settings(max_examples=300, deadline=None)
@given(host=st.sampled_from(["news.example.vn", "Báo.VN", "WWW.EXAMPLE.COM", "127.0.0.1", "xn--bo-mia.vn"]),
       path=URL_TEXT, scheme=st.sampled_from(["http", "https", "HTTP"]))
def test_canonicalize_is_idempotent_and_keeps_the_host(host, path, scheme):
    TALLY["hostile"] += 1
    try:
        once = canonicalize(f"{scheme}://{host}/{path}")
    except InvalidURL:
        return
    assert canonicalize(once) == once
    expected_host = host.lower().encode("idna").decode() if not host.isascii() else host.lower()
    assert host_of(once) == expected_host


@pytest.mark.parametrize("url, expected", [
    ("https://báo.vn/tin-tức/bài-viết?id=1", "https://xn--bo-mia.vn/tin-t%E1%BB%A9c/b%C3%A0i-vi%E1%BA%BFt?id=1"),
    ("https://bao.vn/tin-t%e1%bb%a9c", "https://bao.vn/tin-t%E1%BB%A9c"),
    ("https://bao.vn/a;jsessionid=ABC123?PHPSESSID=x&b=1", "https://bao.vn/a?b=1"),
    ("HTTPS://BAO.VN:443/A/../B/?utm_medium=x#top", "https://bao.vn/B/"),
])
def test_vietnamese_and_session_urls_canonicalize(url, expected):
    assert canonicalize(url) == expected


@pytest.mark.parametrize("url, reason", [
    ("javascript:alert(1)", "not an http"), ("mailto:a@b.vn", "not an http"), ("data:text/html,x", "not an http"),
    ("file:///etc/passwd", "not an http"), ("ftp://x.vn/a", "not an http"), ("http://x.vn:70000/", "malformed"),
    ("http:///nohost", "no host"), ("https://" + "a" * 3000 + ".vn/", "longer than"), ("", "empty"),
    ("http://exa mple.vn/", "invalid host"),
])
def test_bad_urls_are_rejected_with_a_message(url, reason):
    TALLY["hostile"] += 1
    with pytest.raises(InvalidURL, match=reason):
        canonicalize(url)


@pytest.mark.parametrize("link", ["//[", "//[]", "//[::1", "http://[x/"])
def test_a_link_with_a_broken_bracketed_host_is_skipped_not_a_crash(link):
    """urljoin itself raises on these (found by the markup fuzzer above): as a link, an image or a <base>."""
    TALLY["hostile"] += 1
    with pytest.raises(InvalidURL, match="malformed"):
        canonicalize(link, "https://news.example.vn/tin/x-1234.html")
    page = (f"<html><head><base href='{link}'></head><body><h1>Tin thử nghiệm về cầu mới</h1>"
            f"<p>{'Nội dung của bài. ' * 30}</p><img src='{link}'><a href='{link}'>x</a></body></html>")
    article = extract(page, "https://news.example.vn/tin/x-1234.html", with_links=True)
    assert article.title == "Tin thử nghiệm về cầu mới" and article.links == ()


def fake_dns(table: dict[str, str]):
    def resolve(host, port, proto=0):
        return [(2, 1, 6, "", (table[host], 0))]
    return resolve


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.1.1", "172.16.5.4", "169.254.169.254",
                                     "::1", "fe80::1", "0.0.0.0", "::ffff:10.0.0.1"])
def test_internal_addresses_are_refused_from_public_pages(address):
    TALLY["hostile"] += 1
    resolve = fake_dns({"intranet.example": address})
    assert is_internal_address(address)
    with pytest.raises(InvalidURL, match="refusing"):
        check_destination("http://intranet.example/admin", allow_internal=False, resolve=resolve)
    check_destination("http://intranet.example/admin", allow_internal=True, resolve=resolve)


def test_public_address_is_allowed():
    check_destination("http://news.example/", allow_internal=False, resolve=fake_dns({"news.example": "93.184.216.34"}))


def test_fetcher_refuses_a_name_that_resolves_inside_before_connecting():
    """The fetch is refused at the decision; no packet leaves for 10.x (the stub answers the DNS question)."""
    fetcher = Fetcher(FetchConfig(), resolve=fake_dns({"intranet.example": "10.9.8.7"}))
    with pytest.raises(InvalidURL, match="refusing"):
        fetcher.fetch("http://intranet.example/", allow_internal=False)


def test_news_and_image_sitemaps_give_only_page_urls():
    sitemap = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
      xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><loc>https://news.example.vn/tin/bai-mot-1234.html</loc>
        <news:news><news:title>Bai mot</news:title></news:news>
        <image:image><image:loc>https://cdn.example.vn/anh/12345</image:loc></image:image></url></urlset>"""
    assert parse_discovery(sitemap, BASE).pages == ["https://news.example.vn/tin/bai-mot-1234.html"]
