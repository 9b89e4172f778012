"""The crawler's test site: the bundled demo site plus the faults real servers have, switched on per test."""
from __future__ import annotations

from pathlib import Path

from scraper.demo.server import LocalSite, Reply
from scraper.demo.site import build_routes, expected_articles, make_articles

from helpers import cp1258_bytes


def once(first: Reply, then: Reply):
    """A route that fails the first time (or first N times) and then answers normally."""
    calls = {"n": 0}

    def route(request):
        calls["n"] += 1
        return first if calls["n"] == 1 else then
    return route


class NewsSite:
    def __init__(self, site: LocalSite, count: int = 12):
        self.site = site
        self.count = count
        self.epoch(1)

    @property
    def base(self) -> str:
        return self.site.base_url

    def epoch(self, number: int) -> None:
        self.site.routes.clear()
        self.site.routes.update(build_routes(self.base, self.count, number))
        self.articles = expected_articles(self.base, self.count, number)

    def article_paths(self) -> list[str]:
        return [a.path for a in make_articles(self.count, 1)]

    def add_faults(self) -> dict[str, str]:
        """Faults on existing articles; returns which path has which fault."""
        paths = self.article_paths()
        routes = self.site.routes
        faults = {"429": paths[0], "503": paths[1], "reset": paths[2], "slow": paths[3]}
        routes[faults["429"]] = once(Reply(429, b"", {"Retry-After": "1"}), routes[faults["429"]])
        routes[faults["503"]] = once(Reply(503, b""), routes[faults["503"]])
        routes[faults["reset"]] = once(Reply(reset=True), routes[faults["reset"]])
        slow = routes[faults["slow"]]
        routes[faults["slow"]] = Reply(slow.status, slow.body, slow.headers, delay=0.3)
        routes["/"].body = routes["/"].body.replace(
            b"</main>", b"<a href='/old-url'>old</a><a href='/loop-a'>loop</a><a href='/dead-link-page-9999.html'>"
            b"dead</a><a href='/cp/tin-windows-1258-a9001.html'>cp</a><a href='javascript:void(0)'>js</a>"
            b"<a href='mailto:x@y.z'>mail</a><a href='/files/report.pdf'>pdf</a></main>")
        routes["/old-url"] = Reply(301, headers={"Location": paths[4] + "?utm_source=old"})
        routes["/loop-a"] = Reply(302, headers={"Location": "/loop-b"})
        routes["/loop-b"] = Reply(302, headers={"Location": "/loop-a"})
        paragraph = ("Sở Tài nguyên và Môi trường tổ chức hội nghị triển khai kế hoạch quản lý khai thác cát, "
                     "sỏi lòng sông năm 2023, với sự tham dự của các huyện, thị xã và thành phố.")
        page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>"
                f"<title>Tin Hòa Bình</title></head><body><h1>Tin Hòa Bình về khai thác cát</h1>"
                f"<div class='date'>Ngày 15/08/2023 | 09:30</div><div class='content'><p>{paragraph}</p>"
                f"<p>{paragraph}</p></div></body></html>")
        routes["/cp/tin-windows-1258-a9001.html"] = Reply(200, cp1258_bytes(page),
                                                          {"Content-Type": "text/html; charset=windows-1258"})
        return faults


def build_demo_archive(path: Path | str, count: int = 30) -> Path | str:
    """The demo site crawled twice, with edits between the crawls and a link that answers 404: an archive with
    versions, related-link targets, captions, a failure and two runs, as analysts would have. `path` is an
    SQLite file or a PostgreSQL URL."""
    from scraper.config import CrawlConfig, sites_from_seeds
    from scraper.crawl import crawl
    config = CrawlConfig(delay=0.0, concurrency=2, recrawl_after=0.0, parse_processes=0)
    with LocalSite() as running:
        news = NewsSite(running, count=count)
        for epoch in (1, 2):
            news.epoch(epoch)
            running.routes["/tin/bi-xoa-a9999.html"] = Reply(404, b"")
            running.routes["/"].body = running.routes["/"].body.replace(
                b"</main>", b"<a href='/tin/bi-xoa-a9999.html'>x</a></main>")
            crawl(str(path), sites_from_seeds([news.base + "/"]), config, handle_signals=False)
    return path
