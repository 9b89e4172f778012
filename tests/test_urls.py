"""URL shapes: which links look like articles (crawl order, a listing's article links) and which do not."""
from __future__ import annotations

import pytest

from scraper.discover import classify


@pytest.mark.parametrize("url", [
    "https://baomoi.example.vn/vi/news/thoi-su/khanh-thanh-cau-moi-23456.html",
    "https://site.example.com/2024/05/10/city-council-votes-on-buses/",
    "http://portal.example.gov.vn/Pages/tin-tuc.aspx?ItemID=1234",  # SharePoint portals
    "http://portal.example.gov.vn/index.php?option=com_content&view=article&id=123:ten-bai&catid=5",  # Joomla
    "http://portal.example.gov.vn/Default.aspx?tabid=100&ID=5&CatID=2",  # DotNetNuke
    "http://portal.example.gov.vn/portal/page/portal/chinhphu/noidung?categoryId=100002&articleId=10053795",
])
def test_article_urls(url):
    assert classify(url) == "article"


@pytest.mark.parametrize("url", [
    "https://site.example.com/tag/economy",
    "https://site.example.com/news/page/2/",
    "http://portal.example.gov.vn/tin-tuc/chuyen-muc?page=2",
    "http://portal.example.gov.vn/Default.aspx?tabid=100&CatID=2",  # a category's number is not an article's
    "http://portal.example.gov.vn/tin-tuc.aspx?cid=12",
])
def test_listing_urls(url):
    assert classify(url) == "listing"
