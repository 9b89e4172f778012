"""The crawler's parts on their own: a Slot's turn-taking on a fake clock, scopes and cross-site links, print
versions recognized from markup, and the outcome of a parse that fails."""
from __future__ import annotations

import pytest

from scraper.config import sites_from_seeds
from scraper.crawl.scheduler import MAX_CHAINED_WAIT, Claim, Slot
from scraper.crawl.scope import Scopes
from scraper.extract import extract
from scraper.robots import parse_robots
from scraper.store.frontier import FrontierEntry
from scraper.urls import is_print_url

from test_extract_rules import PARAGRAPH


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def slot(delay: float = 1.0, clock=None) -> Slot:
    return Slot(sites_from_seeds(["http://a.vn/"])[0], delay, internal=False, clock=clock or FakeClock())


def claim(url: str = "http://a.vn/next") -> Claim:
    return Claim(FrontierEntry(url, "a.vn", "article", 1, 0), (None, None))


def test_a_slot_waits_its_delay_after_each_response():
    clock = FakeClock()
    turn = slot(delay=2.0, clock=clock)
    turn.busy = True
    assert turn.release(None) is None and not turn.busy
    assert turn.wait() == 2.0 and not turn.startable(clock.now)
    clock.now += 2.0
    assert turn.wait() == 0.0 and turn.startable(clock.now)


def test_robots_crawl_delay_wins_over_a_shorter_own_delay():
    clock = FakeClock()
    turn = slot(delay=0.5, clock=clock)
    rules = parse_robots(b"User-agent: *\nCrawl-delay: 3\n", "scraper")
    turn.release(rules)
    assert turn.wait() == 3.0


def test_a_retry_after_backoff_holds_the_whole_site_and_stops_chaining():
    clock = FakeClock()
    turn = slot(delay=0.0, clock=clock)
    turn.busy, turn.queued = True, claim()
    assert turn.release(None, backoff=MAX_CHAINED_WAIT + 1) is None  # too long to wait in a worker thread
    assert turn.queued is not None and not turn.busy and turn.wait() == MAX_CHAINED_WAIT + 1


def test_a_short_wait_chains_the_queued_claim_to_the_same_worker():
    turn = slot(delay=0.1)
    turn.busy, turn.queued = True, claim()
    assert turn.release(None) == claim() and turn.busy and turn.queued is None


def test_a_link_to_another_crawled_site_is_queued_for_that_site():
    """Found on a.vn first, b.vn's article still belongs to b.vn's frontier, and b.vn's own later sighting of
    it is not needed for that."""
    scopes = Scopes(sites_from_seeds(["http://a.vn/", "http://b.vn/"]), max_depth=5)
    parent = FrontierEntry("http://a.vn/", "a.vn", "listing", 0, 0)
    routed = scopes.route(["http://b.vn/tin/bai-viet-moi-ve-giao-thong-1.html", "http://c.vn/x-1.html"], parent)
    assert list(routed) == ["b.vn"] and routed["b.vn"][0]["site"] == "b.vn"
    again = scopes.route(["http://b.vn/tin/bai-viet-moi-ve-giao-thong-1.html"],
                         FrontierEntry("http://b.vn/", "b.vn", "listing", 0, 0))
    assert again == {}  # offered once per run, to its own site


def test_scopes_keep_depth_and_print_shaped_urls_out():
    scopes = Scopes(sites_from_seeds(["http://a.vn/"]), max_depth=1)
    deep = FrontierEntry("http://a.vn/x", "a.vn", "listing", 1, 0)
    assert scopes.route(["http://a.vn/bai-viet-moi-ve-giao-thong-2.html"], deep) == {}
    routed = scopes.route(["http://a.vn/bai-viet-1.html?print=1", "http://a.vn/print/123",
                           "http://a.vn/tin/bai-viet-3.html"], None)
    assert [row["url"] for row in routed["a.vn"]] == ["http://a.vn/tin/bai-viet-3.html"]


@pytest.mark.parametrize("url,printable", [
    ("http://a.vn/tin/1.html?print=1", True), ("http://a.vn/tin/1.html?view=print", True),
    ("http://a.vn/tin/1.html?format=print&x=2", True), ("http://a.vn/print/1", True),
    ("http://a.vn/Print/ArticleID/1", True), ("http://a.vn/tin/print-media-report-1.html", False),
    ("http://a.vn/tin/1.html?page=2", False), ("http://a.vn/blueprint/1", False)])
def test_print_urls_by_shape(url, printable):
    assert is_print_url(url) is printable


@pytest.mark.parametrize("markup", [
    "<a href='/bai-1-in.html'>In tin bài</a>", "<a href='/bai-1-in.html'> In bài viết </a>",
    "<a href='/bai-1-in.html'>Bản in</a>", "<a href='/bai-1-in.html'>Printer-friendly version</a>",
    "<a href='/bai-1-in.html'>Drucken</a>", "<a href='/bai-1-in.html'>Imprimer</a>",
    "<a href='/bai-1-in.html' title='Print'><i class='icon-print'></i></a>",
    "<a href='/bai-1-in.html' onclick='window.print(); return false'>⎙</a>",
    "<a href=\"javascript:printArticle('/bai-1-in.html')\">🖨</a>"])
def test_print_links_are_recognized_from_the_markup(markup):
    page = (f"<html><head><title>Bài viết</title></head><body><h1>Bài viết</h1><p>{PARAGRAPH}</p>{markup}"
            "<a href='/bai-2-tin-moi-ve-giao-thong.html'>In the news today</a></body></html>")
    article = extract(page, "http://a.vn/bai-1.html", with_links=True)
    assert article.print_links == ("http://a.vn/bai-1-in.html",)
    assert "http://a.vn/bai-1-in.html" not in article.links
    assert "http://a.vn/bai-2-tin-moi-ve-giao-thong.html" in article.links


def test_an_alternate_print_stylesheet_link_names_a_print_version():
    page = (f"<html><head><link rel='alternate' media='print' href='/bai-1/print'></head><body><h1>Bài</h1>"
            f"<p>{PARAGRAPH}</p></body></html>")
    assert extract(page, "http://a.vn/bai-1.html", with_links=True).print_links == ("http://a.vn/bai-1/print",)


def test_a_page_that_gives_no_article_says_why():
    from scraper.models import Response
    from scraper.parse import analyse
    empty = analyse(Response("http://a.vn/x", "http://a.vn/x", 200, body=b""), None, None)
    binary = analyse(Response("http://a.vn/y", "http://a.vn/y", 200, body=b"\x00\x01\x02" * 100), None, None)
    assert empty.article is None and "empty body" in empty.failure
    assert binary.article is None and binary.failure
