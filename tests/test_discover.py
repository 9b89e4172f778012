"""Sitemaps and feeds: what they list, and in which order the crawl gets it."""
from __future__ import annotations

from scraper.discover import parse_discovery

BASE = "https://a.vn/sitemap.xml"


def test_sitemap_index_lists_newest_sitemaps_first_and_undated_last():
    index = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://a.vn/sitemap-2009.xml</loc><lastmod>2009-12-31</lastmod></sitemap>
    <sitemap><loc>https://a.vn/sitemap-misc.xml</loc></sitemap>
    <sitemap><loc>https://a.vn/sitemap-2024.xml</loc><lastmod>2024-05-01T10:00:00+07:00</lastmod></sitemap>
    <sitemap><loc>https://a.vn/sitemap-tags.xml</loc></sitemap>
    <sitemap><loc>https://a.vn/sitemap-2015.xml</loc><lastmod>2015-01-01</lastmod></sitemap></sitemapindex>"""
    assert parse_discovery(index, BASE).sitemaps == [
        "https://a.vn/sitemap-2024.xml", "https://a.vn/sitemap-2015.xml", "https://a.vn/sitemap-2009.xml",
        "https://a.vn/sitemap-misc.xml", "https://a.vn/sitemap-tags.xml"]


def test_news_sitemap_and_feed_items_newest_first():
    news = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://a.vn/tin/cu-1.html</loc><news:news><news:publication_date>2024-03-01T08:00:00+07:00
    </news:publication_date></news:news></url>
    <url><loc>https://a.vn/tin/moi-2.html</loc><news:news><news:publication_date>2024-03-02T08:00:00+07:00
    </news:publication_date></news:news></url></urlset>"""
    feed = b"""<rss version="2.0"><channel><link>https://a.vn/</link>
    <item><link>https://a.vn/tin/cu-1.html</link><pubDate>Mon, 01 Jan 2018 10:00:00 +0700</pubDate></item>
    <item><link>https://a.vn/tin/moi-2.html</link><pubDate>Tue, 05 Mar 2024 14:20:00 +0000</pubDate></item>
    </channel></rss>"""
    for document in (news, feed):
        assert parse_discovery(document, BASE).pages == ["https://a.vn/tin/moi-2.html", "https://a.vn/tin/cu-1.html"]


def test_undated_urls_keep_the_sites_order():
    urls = "".join(f"<url><loc>https://a.vn/tin/bai-{i}.html</loc></url>" for i in (3, 1, 2))
    sitemap = f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>".encode()
    assert parse_discovery(sitemap, BASE).pages == [f"https://a.vn/tin/bai-{i}.html" for i in (3, 1, 2)]
