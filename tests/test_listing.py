"""Article or listing: the last page of a section, with few teasers, is a listing; a paged article is not."""
from __future__ import annotations

import pytest

from scraper import extract
from test_extract_rules import ENGLISH, page


def teaser(n: int) -> str:
    return (f"<div class='item'><h3><a href='/news/council-votes-on-route-{n}-a{n}.html'>Council votes on new bus "
            f"route number {n}</a></h3><p>The council met on Tuesday to discuss the route and its cost.</p></div>")


PAGERS = ["<ul class='pagination'><li><a href='/news?page=3'>3</a></li><li>4</li></ul>",
          "<div class='phan-trang'><a href='/tin-tuc/trang-3'>Trang trước</a></div>"]


@pytest.mark.parametrize("pager", PAGERS)
@pytest.mark.parametrize("teasers", [1, 2, 3])
def test_the_last_page_of_a_section_is_a_listing(pager, teasers):
    html = page("<h1>News</h1><div class='list'>" + "".join(teaser(n) for n in range(teasers)) + "</div>" + pager
                + f"<p>{ENGLISH}</p>", lang="en")
    article = extract(html, "https://n.com/news?page=4")
    assert not article.is_article and len(article.article_links) == teasers


def test_an_article_split_into_pages_stays_an_article():
    text = "".join(f"<p>{ENGLISH} ({i})</p>" for i in range(6))
    html = page(f"<h1>Bus network grows</h1><div class='article-body'>{text}<p>Read more: <a href='/news/"
                f"other-story-a9.html'>Council votes on new bus route number nine</a></p></div>{PAGERS[0]}", lang="en")
    assert extract(html, "https://n.com/news/bus-network-grows-a1.html?page=2").is_article
