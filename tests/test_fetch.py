"""The fetcher against a local server that misbehaves the way real servers do."""
from __future__ import annotations

import gzip
import ssl
import time
from pathlib import Path

import pytest

from helpers import article_html, cp1258_bytes
from scraper.errors import FetchError, InvalidURL, TransientError
from scraper.demo.server import Reply
from scraper.fetch import FetchConfig, Fetcher, RetryPolicy, fetch_with_retries, parse_retry_after
from scraper.netguard import CachedResolver
from scraper.pipeline import fetch_article

TLS = Path(__file__).parent / "fixtures" / "tls"
PAGE = article_html("Tin thử nghiệm về cầu mới", ["Đoạn văn thứ nhất của bài, đủ dài để là nội dung chính, "
                                                 "có dấu phẩy, và nhiều chữ nữa."] * 4)


def fetcher(**config) -> Fetcher:
    return Fetcher(FetchConfig(**config))


def test_retry_after_is_honoured_then_success(site, fake_sleep):
    replies = iter([Reply(429, b"", {"Retry-After": "7"}), Reply(503, b""), Reply(200, PAGE)])
    site.routes["/a"] = lambda request: next(replies)
    article = fetch_article(site.url("/a"), fetcher(retry=RetryPolicy(base_delay=2)), sleep=fake_sleep)
    assert article.title == "Tin thử nghiệm về cầu mới"
    assert fake_sleep.calls == [7.0, 4.0]
    assert len(site.requested("/a")) == 3


def test_500_after_retries_gives_up_with_status(site, fake_sleep):
    site.routes["/a"] = Reply(500, b"oops")
    with pytest.raises(TransientError) as error:
        fetch_with_retries(fetcher(), site.url("/a"), sleep=fake_sleep)
    assert error.value.status == 500 and len(site.requested("/a")) == 3


def test_hostile_retry_after_is_capped():
    assert RetryPolicy(max_delay=60).delay(1, parse_retry_after("999999")) == 60
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_404_is_permanent(site):
    with pytest.raises(FetchError) as error:
        fetcher().fetch(site.url("/missing"))
    assert error.value.status == 404 and not isinstance(error.value, TransientError)


def test_connection_failures_are_transient_and_say_why_in_a_few_words(site):
    site.routes["/reset"] = Reply(reset=True)
    site.routes["/slow"] = Reply(delay=1.0)
    refused = "http://127.0.0.1:9/"  # the discard port: nothing listens there
    for url, reason in [(site.url("/reset"), "server closed the connection without answering"),
                        (refused, "Connection refused"), (site.url("/slow"), "read timed out")]:
        with pytest.raises(TransientError) as error:
            fetcher(read_timeout=0.3).fetch(url)
        assert error.value.reason == f"connection failed: {reason}", url  # not urllib3's nested repr


def test_redirects_are_followed_and_loops_refused(site):
    site.routes["/old"] = Reply(301, headers={"Location": "/new?utm_source=x"})
    site.routes["/new"] = Reply(200, PAGE)
    response = fetcher().fetch(site.url("/old"))
    assert response.final_url == site.url("/new") and response.redirects == (site.url("/new"),)
    site.routes["/loop1"] = Reply(302, headers={"Location": "/loop2"})
    site.routes["/loop2"] = Reply(302, headers={"Location": "/loop1"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher().fetch(site.url("/loop1"))
    site.routes["/nowhere"] = Reply(302, b"moved")  # a redirect that names no destination
    with pytest.raises(FetchError, match="HTTP 302 without a usable redirect"):
        fetcher().fetch(site.url("/nowhere"))


def test_redirect_chain_is_capped(site):
    for i in range(20):
        site.routes[f"/r{i}"] = Reply(302, headers={"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher(max_redirects=5).fetch(site.url("/r0"))


def test_redirect_to_other_scheme_is_refused(site):
    site.routes["/ftp"] = Reply(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="redirect refused"):
        fetcher().fetch(site.url("/ftp"))


def test_non_html_refused_by_content_type_and_by_extension(site):
    site.routes["/doc"] = Reply(200, b"%PDF-1.4" + b"x" * 1000, {"Content-Type": "application/pdf"})
    with pytest.raises(FetchError, match="not HTML"):
        fetcher().fetch(site.url("/doc"))
    with pytest.raises(FetchError, match="extension"):
        fetcher().fetch(site.url("/app.apk"))
    assert site.requested("/app.apk") == []


def test_oversized_body_is_refused(site):
    site.routes["/big"] = Reply(200, b"<p>" + b"x" * 200_000)
    with pytest.raises(FetchError, match="cap"):
        fetcher(max_body_bytes=100_000).fetch(site.url("/big"))


def test_gzip_bomb_stops_at_the_cap(site):
    bomb = gzip.compress(b"<html>" + b" " * 50_000_000)
    site.routes["/bomb"] = Reply(200, bomb, {"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="cap"):
        fetcher(max_body_bytes=1_000_000).fetch(site.url("/bomb"))


def test_gzip_body_is_decoded(site):
    site.routes["/gz"] = Reply(200, gzip.compress(PAGE), {"Content-Encoding": "gzip"})
    assert fetcher().fetch(site.url("/gz")).body == PAGE


def test_slow_trickle_hits_the_total_deadline(site):
    site.routes["/slow"] = Reply(200, b"x" * 100, {"Content-Length": "100"}, trickle=0.05)
    with pytest.raises(TransientError, match="longer than"):
        fetcher(total_timeout=0.5, read_timeout=2).fetch(site.url("/slow"))


def test_conditional_request_gets_304(site):
    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(200, PAGE, {"ETag": '"v1"'})
    site.routes["/c"] = conditional
    first = fetcher().fetch(site.url("/c"))
    second = fetcher().fetch(site.url("/c"), etag=first.etag)
    assert first.etag == '"v1"' and second.not_modified and second.body is None


def test_charset_from_header_is_passed_on(site):
    body = cp1258_bytes("<p>Hòa</p>")
    site.routes["/cp"] = Reply(200, body, {"Content-Type": "text/html; charset=windows-1258"})
    assert fetcher().fetch(site.url("/cp")).charset == "windows-1258"


def test_user_agent_names_the_tool(site):
    site.routes["/ua"] = Reply(200, PAGE)
    fetcher().fetch(site.url("/ua"))
    assert site.requested("/ua")[0].headers["user-agent"].startswith("scraper/")


def test_request_headers_and_the_sites_cookies_go_out_with_every_request(site):
    """Sites that set a session or consent cookie see it come back on the next request, next to our headers
    and the conditional ones."""
    site.routes["/first"] = Reply(200, PAGE, {"Set-Cookie": "consent=yes; Path=/"})
    site.routes["/second"] = Reply(200, PAGE)
    client = fetcher()
    client.fetch(site.url("/first"))
    client.fetch(site.url("/second"), etag='"v1"')
    sent = site.requested("/second")[0].headers
    assert sent["cookie"] == "consent=yes" and sent["if-none-match"] == '"v1"'
    assert sent["accept-language"].startswith("vi") and sent["user-agent"].startswith("scraper/")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:a@b.c", "file:///etc/passwd", "data:text/html,hi",
                                 "http://", "http://exa mple.com/", "http://a.com:99999/"])
def test_bad_urls_are_rejected(url):
    with pytest.raises(InvalidURL):
        fetcher().fetch(url)


def test_environment_proxies_are_used_and_no_proxy_is_respected(site, monkeypatch):
    """requests reads the environment per request; we read it once, so check it is still honoured."""
    # a proxy is asked for the absolute URL
    site.routes["http://news.example/a.html"] = Reply(200, article_html("Qua proxy", ["Một đoạn văn."]))
    site.routes["/direct.html"] = Reply(200, article_html("Trực tiếp", ["Một đoạn văn."]))
    monkeypatch.setenv("HTTP_PROXY", site.base_url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    fetcher = Fetcher()
    proxied = fetcher.fetch("http://news.example/a.html", allow_internal=True)
    direct = fetcher.fetch(site.url("/direct.html"), allow_internal=True)
    assert "Qua proxy" in proxied.body.decode() and "Trực tiếp" in direct.body.decode()
    assert [r.path for r in site.log] == ["http://news.example/a.html", "/direct.html"]


def test_proxy_lookups_kept_per_origin_stay_bounded(site, monkeypatch):
    """A crawl that meets many hosts does not keep one proxy lookup per host forever."""
    monkeypatch.setenv("HTTP_PROXY", site.base_url)
    monkeypatch.setattr("scraper.fetch.transport.PROXY_ORIGINS_KEPT", 2)
    fetcher = Fetcher()
    for n in range(5):
        site.routes[f"http://news{n}.example/a.html"] = Reply(200, PAGE)
        assert fetcher.fetch(f"http://news{n}.example/a.html", allow_internal=True).status == 200
        assert len(fetcher.transport._proxies) <= 2
    assert len(site.log) == 5  # every one still went through the proxy


def test_ca_bundle_from_the_environment_is_kept_and_netrc_is_not_read(site, monkeypatch, tmp_path):
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "corporate-ca.pem"))
    assert Fetcher().transport.ca_bundle == str(tmp_path / "corporate-ca.pem")
    (tmp_path / ".netrc").write_text("machine 127.0.0.1 login me password secret\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("NETRC", str(tmp_path / ".netrc"))
    site.routes["/a"] = Reply(200, PAGE)
    Fetcher().fetch(site.url("/a"))
    assert "authorization" not in site.requested("/a")[0].headers


def test_destination_check_asks_dns_once_per_host_not_once_per_request(site):
    """A public site's pages are checked against internal addresses before each request; the answer is kept
    for a while instead of a DNS lookup per page."""
    questions = []

    def public_dns(host, port, proto=0):
        questions.append(host)
        return [(2, 1, 6, "", ("93.184.216.34", 0))]
    for path in ("/a", "/b", "/c"):
        site.routes[path] = Reply(200, PAGE)
    client = Fetcher(FetchConfig(), resolve=public_dns)
    for path in ("/a", "/b", "/c"):
        client.fetch(site.url(path), allow_internal=False)
    assert questions == ["127.0.0.1"] and len(site.requested("/")) == 3


def test_cached_dns_answers_expire_and_failures_are_not_kept():
    answers = iter([OSError("no network"), [(2, 1, 6, "", ("93.184.216.34", 0))], [(2, 1, 6, "", ("10.0.0.1", 0))]])

    def flaky_dns(host, port, proto=0):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer
    resolve = CachedResolver(flaky_dns, ttl=0.05)
    with pytest.raises(OSError):
        resolve("news.example", None)
    assert resolve("news.example", None)[0][4][0] == "93.184.216.34"
    assert resolve("news.example", None)[0][4][0] == "93.184.216.34"  # kept
    time.sleep(0.06)
    assert resolve("news.example", None)[0][4][0] == "10.0.0.1"  # expired: asked again


@pytest.fixture
def tls_site():
    """The local site over HTTPS with a self-signed certificate for 127.0.0.1."""
    from scraper.demo.server import LocalSite
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "cert.pem", TLS / "key.pem")
    site = LocalSite()
    site._server.socket = context.wrap_socket(site._server.socket, server_side=True)
    site.routes["/a"] = Reply(200, PAGE)
    with site:
        yield site


def test_https_certificates_are_verified(tls_site, monkeypatch):
    """A certificate no trusted authority signed is refused; trusted through REQUESTS_CA_BUNDLE, it is accepted."""
    url = tls_site.url("/a").replace("http://", "https://")
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    with pytest.raises(TransientError, match="CERTIFICATE_VERIFY_FAILED"):
        Fetcher().fetch(url, allow_internal=True)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(TLS / "cert.pem"))
    assert Fetcher().fetch(url, allow_internal=True).status == 200
