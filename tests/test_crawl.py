"""The crawler end to end on the local news site: discovery, politeness, faults, recrawl, crash, lock."""
from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newssite import NewsSite
from scraper.cli import cli
from scraper.config import CrawlConfig, sites_from_seeds
from scraper.crawl import crawl
from scraper.fetch import Fetcher, FetchConfig, RetryPolicy
from scraper.lock import RunLock
from scraper.store import Archive

FAST = CrawlConfig(delay=0.0, concurrency=2, max_depth=6, recrawl_after=0.0,
                   fetch=FetchConfig(retry=RetryPolicy(base_delay=0.2, max_delay=2.0), total_timeout=5))
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def news(site):
    return NewsSite(site)


def run(db_path, news: NewsSite, config: CrawlConfig = FAST):
    return crawl(str(db_path), sites_from_seeds([news.base + "/"]), config, handle_signals=False)


def archived(db_path) -> dict[str, str]:
    with Archive(db_path) as archive:
        return {row["url"]: row["content_hash"] for row in archive.db.query("SELECT url, content_hash FROM articles")}


def children(db_path) -> list[tuple]:
    with Archive(db_path) as archive:
        return list(archive.db.execute(
            "SELECT a.url, (SELECT count(*) FROM captions c WHERE c.article_id = a.id), "
            "(SELECT count(*) FROM related_links r WHERE r.article_id = a.id) FROM articles a ORDER BY a.url"))


def test_every_reachable_article_archived_once(db_path, news):
    news.add_faults()
    summary = run(db_path, news)
    urls = set(archived(db_path))
    assert set(news.articles) <= urls
    assert news.base + "/cp/tin-windows-1258-a9001.html" in urls
    assert summary.new == len(urls) and summary.failed >= 2  # the loop and the dead link
    with Archive(db_path) as archive:
        aliases = {r["url"] for r in archive.db.query("SELECT url FROM url_aliases")}
        title = archive.db.execute("SELECT title FROM articles WHERE url LIKE '%a9001.html'").fetchone()[0]
        failed = archive.db.query("SELECT url, error FROM pages WHERE error IS NOT NULL")
        errors = {r["url"]: r["error"] for r in failed}
    assert {news.base + f"/in/{a.id}" for a in news.articles.values()} <= aliases
    assert title == "Tin Hòa Bình về khai thác cát"
    assert "redirect loop" in errors[news.base + "/loop-a"]
    assert "404" in errors[news.base + "/dead-link-page-9999.html"]


def test_no_disallowed_or_non_html_path_is_requested(db_path, news):
    news.add_faults()
    run(db_path, news)
    paths = [r.path for r in news.site.log]
    assert not any(p.startswith("/admin/") for p in paths)
    assert "/files/report.pdf" not in paths and "/robots.txt" in paths


def test_retries_happen_and_succeed(db_path, news):
    faults = news.add_faults()
    run(db_path, news)
    for fault in ("429", "503", "reset"):
        assert len(news.site.requested(faults[fault])) == 2, fault
    assert {news.base + faults[f] for f in faults} <= set(archived(db_path))
    first, second = [r.at for r in news.site.requested(faults["429"])]
    assert second - first >= 0.9  # Retry-After: 1


def test_429_slows_the_whole_site_down_not_just_the_url(db_path, news):
    """The next URL of the site may already be claimed for the worker to chain to; it must wait too."""
    faults = news.add_faults()
    run(db_path, news)
    log = news.site.log
    throttled = next(i for i, r in enumerate(log) if r.path == faults["429"])
    assert log[throttled + 1].at - log[throttled].at >= 0.9  # Retry-After: 1


def test_politeness_delay_and_crawl_delay_are_held(db_path, news):
    robots = news.site.routes["/robots.txt"]
    robots.body += b"Crawl-delay: 0.2\n"
    run(db_path, news, dataclasses.replace(FAST, delay=0.05, max_pages=12))
    times = [r.at for r in news.site.log]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) >= 10 and min(gaps) >= 0.19


def test_one_connection_at_a_time_per_site(db_path, news):
    for route in news.site.routes.values():
        route.delay = 0.02
    run(db_path, news, dataclasses.replace(FAST, concurrency=8, max_pages=20))
    log = news.site.log
    assert all(b.at - a.at >= 0.02 for a, b in zip(log, log[1:]))


def test_recrawl_is_conditional_and_records_versions_and_deletions(db_path, news):
    run(db_path, news)
    news.site.log.clear()
    news.epoch(2)
    summary = run(db_path, news)
    conditional = [r for r in news.site.log if "if-none-match" in r.headers]
    assert conditional, "the recrawl sent no conditional request"
    edited = [a for a in news.articles.values() if a.id % 7 == 0]
    assert summary.changed == len(edited) and summary.new == 1
    with Archive(db_path) as archive:
        versions = archive.db.execute("SELECT count(*) FROM article_versions").fetchone()[0]
        deleted = [r["url"] for r in archive.db.query("SELECT url FROM articles WHERE deleted_at IS NOT NULL")]
        total = archive.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert versions == len(edited)
    assert deleted == [u for u in archived(db_path) if "-a2.html" in u]
    assert total == news.count + 1


def test_unchanged_recrawl_costs_no_parsing(db_path, news):
    run(db_path, news)
    summary = run(db_path, news)
    assert summary.new == summary.changed == 0 and summary.unchanged > 0
    assert all(r.headers.get("if-none-match") for r in news.site.log[-summary.fetched:] if r.path != "/robots.txt")


def test_kill_9_midway_then_resume_gives_the_uninterrupted_archive(tmp_path, news):
    reference = tmp_path / "reference.db"
    run(reference, news)
    killed = tmp_path / "killed.db"
    for route in news.site.routes.values():
        route.delay = 0.03
    process = subprocess.Popen([sys.executable, "-m", "scraper", "crawl", news.base + "/", "--db", str(killed),
                                "--delay", "0", "--quiet"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(news.site.log) < 15:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    for route in news.site.routes.values():
        route.delay = 0
    run(killed, news)
    assert archived(killed).keys() == archived(reference).keys()
    assert children(killed) == children(reference)


def test_second_crawl_on_same_database_exits_3(db_path, news, runner):
    with RunLock(db_path):
        result = runner.invoke(cli, ["crawl", news.base + "/", "--db", str(db_path), "--quiet"])
    assert result.exit_code == 3 and "another crawl" in result.output


def test_stale_lock_from_a_dead_process_is_taken_over(db_path, news, runner):
    Path(f"{db_path}.lock").write_text("999999")
    result = runner.invoke(cli, ["crawl", news.base + "/", "--db", str(db_path), "--quiet", "--delay", "0"])
    assert result.exit_code == 0 and result.stdout.startswith("crawl: fetched")


def test_sigterm_finishes_the_page_in_hand_and_exits_cleanly(tmp_path, news):
    for route in news.site.routes.values():
        route.delay = 0.05
    db = tmp_path / "term.db"
    process = subprocess.Popen([sys.executable, "-m", "scraper", "crawl", news.base + "/", "--db", str(db),
                                "--delay", "0", "--quiet"], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    while len(news.site.log) < 6:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=20)
    assert process.returncode == 0 and "stopped by signal" in out
    with Archive(db) as archive:
        run_row = next(archive.db.query("SELECT exit_status, finished_at FROM crawl_runs"))
    assert run_row["exit_status"] == 0 and run_row["finished_at"]


def test_sites_file_with_patterns(tmp_path, news, runner):
    config = tmp_path / "sites.toml"
    config.write_text(f"""
[[site]]
name = "Báo Demo"
start_urls = ["{news.base}/kinh-te"]
deny = ["^/in/"]
allow = ["^/kinh-te"]
timezone = "Asia/Ho_Chi_Minh"
max_pages = 50
""", encoding="utf-8")
    db = tmp_path / "cfg.db"
    result = runner.invoke(cli, ["crawl", "--config", str(config), "--db", str(db), "--delay", "0", "--quiet"])
    assert result.exit_code == 0
    assert not any(r.path.startswith("/in/") or r.path.startswith("/thoi-su") for r in news.site.log)
    assert all("/kinh-te/" in url for url in archived(db))


def test_bad_config_or_seed_is_a_usage_error(tmp_path, runner):
    config = tmp_path / "sites.toml"
    config.write_text("[[site]]\nstart_urls = ['ftp://x']\n")
    result = runner.invoke(cli, ["crawl", "--config", str(config), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output
    assert runner.invoke(cli, ["crawl", "--db", str(tmp_path / "x.db")]).exit_code == 2
    for arguments in (["not-a-url"], ["http://a.vn/", "--recrawl-after", "soon"]):
        result = runner.invoke(cli, ["crawl", *arguments, "--db", str(tmp_path / "x.db")])
        assert result.exit_code == 2 and result.output.count("Error:") == 1, arguments
    assert not (tmp_path / "x.db").exists()  # nothing was started


def test_progress_display_only_on_a_terminal_with_warnings_above_it():
    import io
    import logging
    from scraper.crawl import Progress, Summary
    shown, hidden = io.StringIO(), io.StringIO()
    summary = Summary(fetched=10, new=7, failed=1)
    progress = Progress(True, shown)
    progress.update(summary, lambda: 29)
    logger = logging.getLogger("test.progress")
    logger.addHandler(progress.log_handler())
    logger.warning("http://a.vn/x: redirect loop")
    progress._last = 0.0
    progress.update(Summary(fetched=11, new=8, failed=1), lambda: 29)
    progress.close()
    Progress(False, hidden).update(summary, lambda: 29)
    text = shown.getvalue()
    warning = text.index("redirect loop")
    assert "11/40" in text[:warning] and "12/41" in text[warning:]  # the bar drawn again, whole, below it
    assert "8 new" in text and "articles/s" in text and hidden.getvalue() == ""


def test_quiet_crawl_prints_one_summary_line(db_path, news, runner):
    result = runner.invoke(cli, ["crawl", news.base + "/", "--db", str(db_path), "--quiet", "--delay", "0"])
    assert result.exit_code == 0
    assert result.output.count("\n") == 1 and result.output.startswith("crawl: fetched")


def test_example_sites_file_loads():
    from scraper.config import load_sites
    sites = load_sites(Path(__file__).resolve().parent.parent / "sites.example.toml")
    assert [s.profile for s in sites] == ["dotnetnuke-news", None]
    assert sites[0].timezone == "Asia/Ho_Chi_Minh" and sites[0].recrawl_after == 86400
    assert not sites[0].accepts("https://tinhuy.longan.gov.vn/Print/ArticleID/1")
    assert sites[0].accepts("https://tinhuy.longan.gov.vn/Tin-tuc/Tin-hoat-dong/ArtMID/482/ArticleID/1573/x")


def test_unknown_profile_is_a_config_error(tmp_path):
    from scraper.config import load_sites
    from scraper.errors import ConfigError
    config = tmp_path / "sites.toml"
    config.write_text("[[site]]\nstart_urls = ['https://a.vn/']\nprofile = 'nope'\n")
    with pytest.raises(ConfigError, match="unknown profile 'nope'"):
        load_sites(config)


def test_an_unexpected_bug_on_one_page_is_recorded_and_the_crawl_goes_on(db_path, news, monkeypatch):
    import scraper.crawl.worker as crawl_module
    real = crawl_module.analyse
    victim = news.article_paths()[0]

    def flaky(response, *args):
        if response.url.endswith(victim):
            raise RecursionError("maximum recursion depth exceeded")
        return real(response, *args)
    monkeypatch.setattr(crawl_module, "analyse", flaky)
    summary = run(db_path, news, config=dataclasses.replace(FAST, parse_processes=0))  # the patch is in this process
    with Archive(db_path) as archive:
        error = archive.db.execute("SELECT error FROM pages WHERE url LIKE ?", ["%" + victim]).fetchone()[0]
    assert "unexpected RecursionError" in error and summary.new == news.count - 1


def test_an_unexpected_bug_while_fetching_releases_the_site_and_the_crawl_goes_on(db_path, news, monkeypatch):
    real = Fetcher.fetch
    victim = news.article_paths()[1]

    def flaky(self, url, **options):
        if url.endswith(victim):
            raise KeyError("a bug of ours")
        return real(self, url, **options)
    monkeypatch.setattr(Fetcher, "fetch", flaky)
    summary = run(db_path, news)
    with Archive(db_path) as archive:
        error = archive.db.execute("SELECT error FROM pages WHERE url LIKE ?", ["%" + victim]).fetchone()[0]
    assert "unexpected KeyError" in error and summary.new == news.count - 1 and summary.failed == 1


def test_a_sites_own_recrawl_interval_is_not_overridden_by_the_default(db_path, news):
    """Articles of a site configured to be revisited every two weeks are not refetched by a default of 0 s."""
    site = dataclasses.replace(sites_from_seeds([news.base + "/"])[0], recrawl_after=14 * 86400.0)
    crawl(str(db_path), [site], FAST, handle_signals=False)
    news.site.log.clear()
    crawl(str(db_path), [site], FAST, handle_signals=False)
    assert not any(r.path.endswith(".html") for r in news.site.log)


def test_recent_set_forgets_the_oldest_keys_first():
    from scraper.crawl.scope import RecentSet
    recent = RecentSet(2)
    for key in ("a", "b", "c"):
        recent.add(key)
    assert "a" not in recent and "b" in recent and "c" in recent


def test_fetching_pauses_while_stored_pages_lag_behind(db_path, monkeypatch):
    """A slow disk must not let fetched pages pile up in memory: the backlog stays bounded."""
    import scraper.crawl.crawler as crawl_module
    from scraper.crawl.outcome import Recorder
    from scraper.demo.server import LocalSite
    from scraper.demo.site import build_routes
    real_record, real_start = Recorder.record, crawl_module.Crawler._start_due
    sizes = []

    def slow_record(self, result, slot):
        time.sleep(0.01)
        return real_record(self, result, slot)

    def start_due(self, in_flight):
        sizes.append(len(in_flight))
        return real_start(self, in_flight)
    monkeypatch.setattr(Recorder, "record", slow_record)
    monkeypatch.setattr(crawl_module.Crawler, "_start_due", start_due)
    sites = [LocalSite(host=f"127.0.0.{31 + n}") for n in range(4)]  # four hosts: four sites
    for site in sites:
        site.routes.update(build_routes(site.base_url, 10))
        site.start()
    config = dataclasses.replace(FAST, concurrency=4, parse_processes=0)
    try:
        crawl(str(db_path), sites_from_seeds([site.url("/") for site in sites]), config, handle_signals=False)
    finally:
        for site in sites:
            site.stop()
    # Claims stop once BACKLOG_PER_SITE pages per site wait; past that check each site may still hold one page
    # being fetched and one claimed ahead (its worker chains to it), so the bound has two per site on top.
    assert len(sizes) > 50 and max(sizes) <= (crawl_module.BACKLOG_PER_SITE + 2) * config.concurrency


def test_a_home_page_that_only_redirects_by_meta_refresh_to_a_frameset_is_followed(db_path, site):
    """Old portals: '/' is a meta refresh to the real home, which is a frameset whose news frame links articles."""
    from scraper.demo.server import Reply
    html = {"Content-Type": "text/html; charset=utf-8"}
    paragraph = ("Sáng ngày 10/5, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, với sự tham dự của "
                 "đại diện các sở, ban, ngành và địa phương trong toàn tỉnh, cùng nhiều đại biểu khách mời. ")
    site.routes.update({
        "/robots.txt": Reply(404, b"", {"Content-Type": "text/plain"}),
        "/": Reply(200, b"<html><head><meta http-equiv='refresh' content='0; url=/vi/home.htm'></head></html>", html),
        "/vi/home.htm": Reply(200, b"<html><frameset cols='20%,80%'><frame src='/vi/menu.htm'>"
                                   b"<frame src='/vi/news.htm'></frameset></html>", html),
        "/vi/menu.htm": Reply(200, b"<html><body><a href='/vi/news.htm'>Tin tuc</a></body></html>", html),
        "/vi/news.htm": Reply(200, "<html><body><ul>".encode() + b"".join(
            f"<li><a href='/vi/tin/bai-viet-so-{i}-10{i}.htm'>Bài viết số {i} về hội nghị tổng kết</a></li>".encode()
            for i in range(3)) + b"</ul></body></html>", html),
        **{f"/vi/tin/bai-viet-so-{i}-10{i}.htm": Reply(200, (
            f"<html><body><h1>Bài viết số {i} về hội nghị tổng kết</h1><p>{paragraph * 3}</p></body></html>").encode(),
            html) for i in range(3)},
    })
    crawl(str(db_path), sites_from_seeds([site.url("/")]), FAST, handle_signals=False)
    assert sorted(archived(db_path)) == [site.url(f"/vi/tin/bai-viet-so-{i}-10{i}.htm") for i in range(3)]


def test_unreachable_sites_are_named_and_a_crawl_that_reached_none_exits_1(db_path, news, runner):
    """For cron: a dead host is in the summary line (warnings are not, in a log), and nothing reached is failure."""
    dead = "http://127.0.0.9:1/"  # connection refused; another host, so another site
    both = runner.invoke(cli, ["crawl", news.base + "/", dead, "--db", str(db_path), "--quiet", "--delay", "0",
                               "--timeout", "2"])
    assert both.exit_code == 0 and "sites unreachable: 1 (127.0.0.9)" in both.stdout
    alone = runner.invoke(cli, ["crawl", dead, "--db", str(db_path), "--quiet", "--timeout", "2"])
    assert alone.exit_code == 1 and alone.stdout.startswith("crawl: fetched 0") and "unreachable: 1" in alone.stdout
    with Archive(db_path) as archive:
        assert [r["exit_status"] for r in archive.db.query("SELECT exit_status FROM crawl_runs ORDER BY id")] == [0, 1]
