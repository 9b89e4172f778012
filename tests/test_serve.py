"""`scraper serve` seen as a person sees it: in a real headless Chromium, against the demo site's archive.
Each test fails when the page shows an error or a script breaks, and leaves a screenshot in its tmp_path."""
from __future__ import annotations

import re
import sqlite3

import pytest

from browser import browser, chromium_missing, served

pytestmark = pytest.mark.skipif(chromium_missing() is not None, reason=chromium_missing() or "")
CHART_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(demo_archive):
    with served(demo_archive) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with browser() as running:
        yield running


@pytest.fixture
def page(chromium, server, tmp_path, request):
    """A tab that records every script error, every failed response and every request that leaves the server
    (the charts' JavaScript must come with the installed packages, never a CDN); the test's screenshot on the
    way out."""
    tab = chromium.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    tab.on("request", lambda sent: sent.url.startswith((server, "data:", "blob:")) or problems.append(
        f"request outside the archive: {sent.url}"))
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    tab.on("response", lambda response: response.status >= 400 and problems.append(
        f"HTTP {response.status} for {response.url}"))
    yield tab
    tab.screenshot(path=str(tmp_path / f"{request.node.name}.png"), full_page=True)
    tab.close()
    assert not problems, problems


def no_error_shown(tab) -> None:
    assert tab.locator(".message-error").count() == 0
    assert "Error 500" not in tab.content() and "Traceback" not in tab.content()


def table_rows(tab) -> int:
    return tab.locator("table.rows-and-columns tbody tr").count()


def archive_count(demo_archive, sql: str, params=()) -> int:
    with sqlite3.connect(demo_archive) as conn:
        return conn.execute(sql, params).fetchone()[0]


def test_the_search_box_finds_accented_articles_from_an_unaccented_query(page, server, demo_archive):
    page.goto(f"{server}/archive/articles")
    assert page.get_by_text("The current state of every archived article").count() >= 1, "the table described"
    page.fill("input[name=_search]", "benh vien da khoa")
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_load_state()
    no_error_shown(page)
    expected = archive_count(demo_archive, "SELECT count(*) FROM articles WHERE title LIKE 'Bệnh viện Đa khoa%'")
    assert expected > 0
    assert table_rows(page) == expected
    titles = page.locator("table.rows-and-columns td.col-title").all_inner_texts()
    assert titles and all(t.startswith("Bệnh viện Đa khoa") for t in titles)


def test_a_facet_narrows_the_table(page, server, demo_archive):
    page.goto(f"{server}/archive/articles?_size=max")
    everything = table_rows(page)
    facet = page.locator(".facet-info[data-column=category] li a").first
    label = facet.inner_text()
    facet.click()
    page.wait_for_load_state()
    no_error_shown(page)
    category = re.sub(r"\s*[\d,]+$", "", label).strip()
    narrowed = table_rows(page)
    assert narrowed == archive_count(demo_archive, "SELECT count(*) FROM articles WHERE category = ?", [category])
    assert 0 < narrowed < everything
    assert page.locator(".facet-info[data-column=published_month]").count() == 1


def test_an_article_shows_its_paragraphs_and_links_to_captions_versions_and_raw_page(page, server, demo_archive):
    article_id = archive_count(demo_archive, "SELECT min(article_id) FROM article_versions")
    page.goto(f"{server}/archive/articles/{article_id}")
    no_error_shown(page)
    assert page.locator("td.col-body p").count() >= 2, "paragraph breaks kept"
    links = page.locator("text=Links from other tables").locator("xpath=following-sibling::ul[1]").inner_text()
    for table in ("captions", "related_links", "article_versions"):
        assert table in links
    page.locator("td.col-page_id a").first.click()
    page.wait_for_load_state()
    page.get_by_text("raw page").first.click()
    page.wait_for_load_state()
    assert "<title>" in page.content() or "&lt;title&gt;" in page.content()


def test_a_canned_query_with_a_parameter_renders_rows(page, server, demo_archive):
    page.goto(f"{server}/archive/captions_mentioning")
    page.fill("input[name=word]", "benh vien")
    page.locator("form input[type=submit]").first.click()
    page.wait_for_load_state()
    no_error_shown(page)
    captions = page.locator("table.rows-and-columns td.col-caption").all_inner_texts()
    expected = archive_count(demo_archive, "SELECT count(*) FROM captions WHERE caption LIKE '%Bệnh viện%'")
    assert len(captions) == expected > 0 and all("Bệnh viện" in c for c in captions)


def test_the_edited_articles_query_shows_each_latest_diff(page, server, demo_archive):
    page.goto(f"{server}/archive/edited_articles?site=")
    no_error_shown(page)
    edited = archive_count(demo_archive, "SELECT count(*) FROM articles WHERE version > 1")
    assert edited > 0 and table_rows(page) == edited
    assert page.locator("td.col-latest_diff pre").first.inner_text().startswith("--- version 1")


def test_the_charts_draw_one_mark_per_day_week_and_run(page, server, demo_archive):
    page.goto(f"{server}/-/dashboards/archive")
    for chart in ("per-day", "edits", "failures"):
        page.wait_for_selector(f"#chart-{chart} svg .mark-{'symbol' if chart == 'per-day' else 'rect'}.role-mark path",
                               timeout=CHART_TIMEOUT_MS)
    no_error_shown(page)
    days = archive_count(demo_archive, "SELECT count(DISTINCT substr(published, 1, 10) || site) FROM articles "
                                       "WHERE published IS NOT NULL")
    assert page.locator("#chart-per-day svg .mark-symbol.role-mark path").count() == days > 1
    runs = archive_count(demo_archive, "SELECT count(*) FROM crawl_runs")
    assert page.locator("#chart-failures svg .mark-rect.role-mark path").count() == runs == 2
    weeks = archive_count(demo_archive, "SELECT count(DISTINCT date(substr(replaced_at, 1, 10), '-6 days', "
                                        "'weekday 1')) FROM article_versions")
    assert page.locator("#chart-edits svg .mark-rect.role-mark path").count() == weeks >= 1


def test_the_sites_file_gives_each_site_its_licence_and_source(chromium, demo_archive, tmp_path):
    with sqlite3.connect(demo_archive) as conn:
        site = conn.execute("SELECT site FROM articles LIMIT 1").fetchone()[0]
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nname = "Báo Demo"\nstart_urls = ["http://{site}/"]\n'
                     'license = "CC BY 4.0"\nsource = "Báo Demo, Sở Thông tin"\n', encoding="utf-8")
    with served(demo_archive, "--config", str(sites)) as url:
        tab = chromium.new_page()
        tab.goto(f"{url}/archive")
        text = tab.locator("body").inner_text()
        tab.screenshot(path=str(tmp_path / "database.png"), full_page=True)
        tab.close()
    assert "Báo Demo" in text and "licence: CC BY 4.0; source: Báo Demo, Sở Thông tin" in text
