"""The CLI: output shapes and exit codes (0 ok, 1 failed, 2 usage)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import FIXTURES, article_html
from scraper.cli import cli
from scraper.demo.server import Reply

PAGE = article_html("Khánh thành cầu Rạch Cát", ["Sáng 3/6, UBND tỉnh tổ chức lễ khánh thành cầu, với nhiều đại "
                                                "biểu, người dân, và các sở ngành tham dự buổi lễ."] * 3)


def test_version_and_help(runner):
    assert runner.invoke(cli, ["--version"]).output.startswith("scraper, version")
    assert "crawl" in runner.invoke(cli, ["--help"]).output or runner.invoke(cli, ["--help"]).exit_code == 0


def test_extract_prints_utf8_json(runner):
    result = runner.invoke(cli, ["extract", str(FIXTURES / "vn-modern-news.html")])
    record = json.loads(result.stdout)
    assert result.exit_code == 0 and record["author"] == "Minh Khang" and "\\u" not in result.output


def test_extract_from_stdin_with_encoding(runner):
    data = (FIXTURES / "vn-gov-portal-cp1258.html").read_bytes()
    arguments = ["extract", "-", "--encoding", "windows-1258", "--url", "http://sotnmt.example.gov.vn/x"]
    result = runner.invoke(cli, arguments, input=data)
    assert json.loads(result.stdout)["title"].startswith("Tăng cường quản lý")


def test_extract_binary_file_exits_1_with_message(runner, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 100)
    result = runner.invoke(cli, ["extract", str(junk)])
    assert result.exit_code == 1 and "binary" in result.output


def test_unknown_option_is_usage_error(runner):
    assert runner.invoke(cli, ["extract", "--nope", "x"]).exit_code == 2


def test_fetch_prints_record_and_stores_with_db(runner, site, db_path):
    site.routes["/tin/khanh-thanh-cau-rach-cat-123.html"] = Reply(200, PAGE)
    url = site.url("/tin/khanh-thanh-cau-rach-cat-123.html")
    printed = runner.invoke(cli, ["fetch", url])
    assert printed.exit_code == 0 and json.loads(printed.stdout)["title"] == "Khánh thành cầu Rạch Cát"
    stored = runner.invoke(cli, ["fetch", url, "--db", str(db_path)])
    assert stored.exit_code == 0 and stored.output.startswith("new\t")
    again = runner.invoke(cli, ["fetch", url + "?utm_source=x", "--db", str(db_path)])
    assert again.output.startswith("unchanged\t")


def test_fetch_failures_exit_1_and_write_nothing(runner, site, db_path):
    site.routes["/doc.html"] = Reply(200, b"%PDF", {"Content-Type": "application/pdf"})
    site.routes["/feed"] = Reply(200, b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Tin mot</title>"
                                      b"<link>http://a.vn/1.html</link></item></channel></rss>",
                                 {"Content-Type": "text/html"})  # a feed served as HTML is still no article
    for url in ("not a url", "http://127.0.0.1:1/unreachable", site.url("/missing"), site.url("/doc.html"),
                site.url("/feed")):
        result = runner.invoke(cli, ["fetch", url, "--db", str(db_path)])
        assert result.exit_code == 1 and "error:" in result.output, url
    search = runner.invoke(cli, ["stats", "--db", str(db_path), "--json"])
    assert json.loads(search.stdout)["articles"] == 0


def test_search_export_history_stats(runner, site, db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("SCRAPER_DB", str(db_path))
    site.routes["/tin/bai-viet-so-mot-1234.html"] = Reply(200, PAGE)
    runner.invoke(cli, ["fetch", site.url("/tin/bai-viet-so-mot-1234.html"), "--db", str(db_path)])
    found = runner.invoke(cli, ["search", "khanh thanh", "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout.splitlines()[0])["title"] == "Khánh thành cầu Rạch Cát"
    assert runner.invoke(cli, ["search", '"broken']).exit_code == 1
    exported = runner.invoke(cli, ["export"])
    assert json.loads(exported.stdout.splitlines()[0])["captions"] == []
    as_csv = runner.invoke(cli, ["export", "--format", "csv"])
    assert as_csv.stdout.startswith("url,site,title")
    assert "version 1" in runner.invoke(cli, ["history", site.url("/tin/bai-viet-so-mot-1234.html")]).output
    assert runner.invoke(cli, ["history", "http://nowhere.vn/x"]).exit_code == 1
    assert "articles: 1" in runner.invoke(cli, ["stats"]).output
    assert runner.invoke(cli, ["reparse"]).exit_code == 0
    (tmp_path / "bad.toml").write_text("[[site]]\nname = 'x'\n")  # no start_urls
    refused = runner.invoke(cli, ["reparse", "--config", str(tmp_path / "bad.toml")])
    assert refused.exit_code == 2 and "start_urls is required" in refused.output
    published = json.loads(exported.stdout.splitlines()[0])["published"][:10]
    for since, count in [(published, 1), (published[:7], 1), (published[:4], 1), ("2100-01-01", 0)]:
        assert runner.invoke(cli, ["export", "--since", since]).stderr == f"exported {count} article(s)\n", since
    for command in (["export", "--since", "yesterday"], ["search", "cau", "--until", "2024-13-01"]):
        refused = runner.invoke(cli, command)
        assert refused.exit_code == 2 and "is not a date" in refused.output, command


def test_optimize_keeps_search_working(runner, db_path):
    from scraper.store import Archive
    from scraper import extract
    with Archive(db_path) as archive:
        data = (FIXTURES / "vn-modern-news.html").read_bytes()
        archive.save(extract(data, "https://baotinh.example.vn/giao-thong/x-a12901.html"))
    assert runner.invoke(cli, ["optimize", "--db", str(db_path)]).output == "optimized\n"
    found = runner.invoke(cli, ["search", '"cat bang"', "--db", str(db_path), "--json"])
    assert json.loads(found.stdout)["title"].startswith("Khánh thành")


def test_search_says_when_a_broad_query_ranked_only_the_newest(runner, db_path, monkeypatch):
    from scraper.models import Article
    from scraper.store import Archive
    monkeypatch.setattr("scraper.cli.commands.RANK_NEWEST", 5)
    with Archive(db_path) as archive:
        archive.save_many(Article(url=f"https://a.vn/{n}.html", title=f"Chợ {n}", body="Chợ phiên.")
                          for n in range(8))
    broad = runner.invoke(cli, ["search", "cho", "--db", str(db_path)])
    assert broad.exit_code == 0 and "ranked the newest 5" in broad.stderr and "5 result(s)" in broad.stderr
    every = runner.invoke(cli, ["search", "cho", "--all-matches", "--db", str(db_path)])
    assert "8 result(s)" in every.stderr and "ranked the newest" not in every.stderr


def test_reading_commands_start_without_the_network_side_or_the_extractor():
    """An analyst's `scraper search` should not pay for lxml, requests or the crawler on every call."""
    code = ("import sys, scraper.cli; print(sorted(m for m in ('lxml', 'requests', 'scraper.crawl', "
            "'scraper.extract.article') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize("command", [["stats"], ["search", "x"], ["export"], ["history", "http://a.vn/x"], ["reparse"],
                                     ["optimize"]])
def test_reading_commands_on_a_missing_archive_fail_without_creating_it(runner, tmp_path, command):
    missing = tmp_path / "typo" / "archive.db"
    result = runner.invoke(cli, [*command, "--db", str(missing)])
    assert result.exit_code == 1 and "no archive at" in result.output
    assert not missing.parent.exists()


def test_crawl_options_not_given_keep_the_configs_defaults_and_user_agent_reaches_robots():
    from scraper.cli.commands import _crawl_config
    from scraper.config import CrawlConfig
    nothing = {name: None for name in ("delay", "concurrency", "parse_processes", "max_pages", "max_depth",
                                       "recrawl_after", "user_agent", "timeout")}
    assert _crawl_config(nothing) == CrawlConfig()
    given = _crawl_config({**nothing, "concurrency": 9, "recrawl_after": "2h", "user_agent": "newsbot/2 (+x)",
                           "timeout": 5.0})
    assert (given.concurrency, given.recrawl_after, given.fetch.read_timeout) == (9, 7200.0, 5.0)
    assert given.fetch.robots_token == "newsbot" and given.delay == CrawlConfig().delay


def test_serve_and_export_say_what_is_wrong_in_one_line(runner, tmp_path):
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no archive at" in missing.output
    assert not (tmp_path / "none.db").exists()
    runner.invoke(cli, ["fetch", "--db", str(tmp_path / "a.db"), "http://127.0.0.1:9/x"])
    since = runner.invoke(cli, ["export", "--db", str(tmp_path / "a.db"), "--format", "warc", "-o",
                                str(tmp_path / "x.warc.gz"), "--since", "2024-01-01"])
    assert since.exit_code == 2 and "--since" in since.output


def test_serve_on_a_busy_port_is_an_error_without_traceback(tmp_path):
    import socket
    db = tmp_path / "a.db"
    subprocess.run([sys.executable, "-m", "scraper", "fetch", "--db", str(db), "http://127.0.0.1:9/x"],
                   capture_output=True)
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "scraper", "serve", "--db", str(db), "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_dates_a_saved_page_from_when_it_was_saved(runner, tmp_path):
    """"2 hours ago" in a page saved long ago means two hours before the file was written, not before today."""
    saved = tmp_path / "page.html"
    saved.write_bytes(article_html("Bus network grows", ["The council voted on Tuesday to expand the bus network, "
                                                         "adding three routes and longer evening service."] * 3)
                      .replace(b"11.5.2018 - 14:53", b"2 hours ago"))
    written = 1_700_000_000  # 2023-11-14T22:13:20Z
    os.utime(saved, (written, written))
    record = json.loads(runner.invoke(cli, ["extract", str(saved)]).stdout)
    assert record["published"] == "2023-11-15T03:13:00+07:00"  # the same instant, in the Vietnamese page's offset
