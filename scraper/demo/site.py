"""A small Vietnamese provincial news site, generated in memory: articles with captions and related links,
paginated category listings, a gzipped sitemap index, an RSS feed, robots.txt and print versions.

`epoch` 2 is the same site a while later: some articles edited, one added, one deleted. The demo serves it; the
tests crawl it (with faults added) and check the archive against `expected_articles`.
"""
from __future__ import annotations

import gzip
import random
from dataclasses import dataclass
from html import escape

from scraper.demo.server import Reply

CATEGORIES = {"thoi-su": "Thời sự", "kinh-te": "Kinh tế", "van-hoa": "Văn hóa"}
PER_PAGE = 5
SUBJECTS = ["UBND tỉnh", "Sở Giao thông vận tải", "Hội Nông dân tỉnh", "Ban Dân vận Tỉnh ủy", "Huyện Cần Đước",
            "Trường THPT chuyên", "Bệnh viện Đa khoa tỉnh", "Liên đoàn Lao động tỉnh", "Công an tỉnh",
            "Đoàn Thanh niên"]
ACTIONS = ["tổ chức hội nghị tổng kết", "khánh thành công trình", "phát động phong trào thi đua", "trao tặng bằng khen",
           "triển khai kế hoạch năm", "kiểm tra tiến độ dự án", "gặp mặt kỷ niệm", "ra quân làm sạch môi trường"]
SENTENCES = [
    "Phát biểu tại buổi lễ, lãnh đạo tỉnh đánh giá cao nỗ lực của các đơn vị trong thời gian qua.",
    "Theo báo cáo, trong năm qua đã có hơn 1.200 hộ dân được hỗ trợ vốn vay phát triển sản xuất, chăn nuôi.",
    "Công trình có tổng vốn đầu tư hơn 85 tỷ đồng, được xây dựng trong thời gian 18 tháng.",
    "Người dân địa phương phấn khởi vì con đường mới giúp việc đi lại, buôn bán thuận tiện hơn nhiều.",
    "Dịp này, ban tổ chức trao 50 phần quà cho các gia đình chính sách và hộ nghèo trên địa bàn.",
    "Các đại biểu đã thảo luận sôi nổi, đề xuất nhiều giải pháp thiết thực để nâng cao hiệu quả công tác.",
    "Đến nay, toàn tỉnh có 95% số xã đạt chuẩn nông thôn mới, vượt chỉ tiêu Nghị quyết đề ra.",
    "Đồng chí Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành phối hợp chặt chẽ, tháo gỡ khó khăn cho doanh nghiệp.",
    "Hoạt động góp phần lan tỏa tinh thần tương thân tương ái trong cộng đồng, được nhân dân đồng tình ủng hộ.",
    "Kế hoạch đặt mục tiêu đến cuối năm giải quyết việc làm cho khoảng 25.000 lao động, đào tạo nghề cho 8.000 người.",
]


@dataclass(frozen=True)
class DemoArticle:
    id: int
    category: str
    title: str
    published: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/{self.category}/{slug(self.title)}-a{self.id}.html"


def slug(text: str) -> str:
    import unicodedata
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def make_articles(count: int = 30, epoch: int = 1, seed: int = 7) -> list[DemoArticle]:
    rng = random.Random(seed)
    articles = []
    for number in range(1, count + 2):
        subject, action = rng.choice(SUBJECTS), rng.choice(ACTIONS)
        paragraphs = [f"Ngày {number % 28 + 1}/5, {subject} {action}, với sự tham dự của đại diện các sở, ngành "
                      "và đông đảo người dân địa phương."] + rng.sample(SENTENCES, 4)
        captions = (f"{subject} {action} (ảnh {number}).",) + ((f"Quang cảnh sự kiện số {number}.",)
                                                                if number % 3 == 0 else ())
        article = DemoArticle(number, list(CATEGORIES)[number % 3], f"{subject} {action} lần thứ {number}",
                              f"{number % 28 + 1:02d}/05/2024 - {8 + number % 9:02d}:{number % 60:02d}",
                              tuple(paragraphs), captions)
        articles.append(article)
    if epoch == 1:
        return articles[:count]
    edited = [a if a.id % 7 else DemoArticle(a.id, a.category, a.title, a.published,
                                             a.paragraphs + ("Cập nhật: số liệu đã được điều chỉnh sau hội nghị.",),
                                             a.captions) for a in articles]
    return [a for a in edited if a.id != 2]


def _page(title: str, body: str, head: str = "") -> bytes:
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{escape(title)} | Báo Demo</title>"
            f"<link rel='alternate' type='application/rss+xml' href='/rss.xml'>{head}</head><body>"
            "<header><a href='/'>Báo Demo</a><nav>"
            + "".join(f"<a href='/{k}'>{v}</a> " for k, v in CATEGORIES.items())
            + f"</nav></header><main>{body}</main><footer>© Báo Demo điện tử</footer></body></html>").encode()


def article_page(article: DemoArticle, others: list[DemoArticle], base: str, print_link: bool = True) -> bytes:
    parts = []
    for index, paragraph in enumerate(article.paragraphs):
        parts.append(f"<p>{escape(paragraph)}</p>")
        if index < len(article.captions):
            parts.append(f"<figure><img src='/img/{article.id}-{index}.jpg'><figcaption>"
                         f"{escape(article.captions[index])}</figcaption></figure>")
    related = [o for o in others if o.category == article.category and o.id != article.id][:3]
    links = "".join(f"<li><a href='{o.path}?utm_source=related'>{escape(o.title)}</a> ({o.published[:10]})</li>"
                    for o in related)
    body = (f"<article><div class='breadcrumb'><a href='/'>Trang chủ</a> / <a href='/{article.category}'>"
            f"{CATEGORIES[article.category]}</a></div><h1>{escape(article.title)}</h1>"
            f"<div class='date'>{article.published}</div><div class='detail-content'>{''.join(parts)}"
            f"<p style='text-align:right'><strong>Phóng viên Demo</strong></p></div>"
            + (f"<div class='tools'><a href='/in/{article.id}'>In bài</a></div>" if print_link else "") + "</article>"
            f"<div class='tin-lien-quan'><h3>Tin liên quan</h3><ul>{links}</ul></div>")
    return _page(article.title, body, f"<link rel='canonical' href='{base}{article.path}'>")


def print_page(article: DemoArticle) -> bytes:
    parts = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    captions = "".join(f"<p align='center'><img src='/img/{article.id}-{i}.jpg'><br><i>{escape(c)}</i></p>"
                       for i, c in enumerate(article.captions))
    return (f"<html><head><meta charset='utf-8'><title>In tin bài</title></head><body><table><tr><td>"
            f"<h3>{escape(article.title)}</h3><div><i>{article.published}</i></div>{captions}{parts}"
            f"<p align='right'><b>Phóng viên Demo</b></p></td></tr></table></body></html>").encode()


def listing_page(category: str, page: int, articles: list[DemoArticle]) -> bytes:
    items = [a for a in articles if a.category == category]
    chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
    body = "".join(f"<div class='story'><h3><a href='{a.path}'>{escape(a.title)}</a></h3><p>{escape(a.paragraphs[0])}"
                   f"</p></div>" for a in chunk)
    pages = (len(items) + PER_PAGE - 1) // PER_PAGE
    pager = "".join(f"<a href='/{category}?page={n}'>{n}</a> " for n in range(1, pages + 1) if n != page)
    return _page(CATEGORIES[category], f"<h1>{CATEGORIES[category]}</h1>{body}<div class='pager'>{pager}</div>",
                 "<meta property='og:type' content='website'>")


def sitemaps(articles: list[DemoArticle], base: str) -> dict[str, bytes]:
    urls = "".join(f"<url><loc>{base}{a.path}</loc></url>" for a in articles)
    urlset = (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
              f"{urls}</urlset>")
    index = (f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             f"<sitemap><loc>{base}/sitemap-articles.xml.gz</loc></sitemap></sitemapindex>")
    return {"/sitemap.xml": index.encode(), "/sitemap-articles.xml.gz": gzip.compress(urlset.encode())}


def rss(articles: list[DemoArticle], base: str) -> bytes:
    items = "".join(f"<item><title>{escape(a.title)}</title><link>{base}{a.path}</link></item>" for a in articles[-10:])
    return (f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Báo Demo</title>"
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def build_routes(base: str, count: int = 30, epoch: int = 1, print_versions: bool = True) -> dict[str, Reply]:
    """Every path of the site at the given epoch; paths not here answer 404 (deleted articles included)."""
    articles = make_articles(count, epoch)
    routes: dict[str, Reply] = {
        "/robots.txt": Reply(200, f"User-agent: *\nDisallow: /admin/\nSitemap: {base}/sitemap.xml\n".encode(),
                             {"Content-Type": "text/plain"}),
        "/rss.xml": Reply(200, rss(articles, base), {"Content-Type": "application/rss+xml"}),
        "/": Reply(200, _page("Trang chủ", "".join(f"<h3><a href='{a.path}'>{escape(a.title)}</a></h3>"
                                                    for a in articles[-6:]) + "<a href='/admin/login'>Quản trị</a>")),
        "/admin/login": Reply(200, _page("Đăng nhập", "<form><input name=u></form>")),
    }
    for path, data in sitemaps(articles, base).items():
        routes[path] = Reply(200, data, {"Content-Type": "application/xml" if path.endswith(".xml")
                                         else "application/x-gzip"})
    for category in CATEGORIES:
        total = sum(1 for a in articles if a.category == category)
        for page in range(1, (total + PER_PAGE - 1) // PER_PAGE + 1):
            body = listing_page(category, page, articles)
            routes[f"/{category}?page={page}"] = Reply(200, body)
            if page == 1:
                routes[f"/{category}"] = Reply(200, body)
    for article in articles:
        routes[article.path] = Reply(200, article_page(article, articles, base, print_versions))
        if print_versions:
            routes[f"/in/{article.id}"] = Reply(200, print_page(article))
    return routes


def expected_articles(base: str, count: int = 30, epoch: int = 1) -> dict[str, DemoArticle]:
    return {base + a.path: a for a in make_articles(count, epoch)}
