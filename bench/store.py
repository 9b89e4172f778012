"""Archive throughput on synthetic Vietnamese articles, next to a plain sqlite-utils bulk insert of the same rows.

Run: .venv/bin/python bench/store.py [--articles 200000]
Prints: ingest rate through Archive.save (one transaction per article, as the crawler does) and through
Archive.save_many (batched), the same rows bulk-inserted with sqlite-utils into tables with the same FTS index
(the reference), their ratio, p50/p95 of 50 searches, and the time to export everything as JSONL.
"""
from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from scraper.models import Article, Caption, RelatedLink
from scraper.report import write_jsonl
from scraper.store import Archive
from scraper.config import CrawlConfig
from scraper.store.archive import BULK_BATCH
from scraper.store.queries import RANK_NEWEST, export_rows, search

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s",
          "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "at", "ay", "ăn", "ăng", "âm", "ân", "âu", "e", "em", "en", "eo",
          "ê", "êm", "ên", "i", "im", "in", "inh", "o", "oa", "oai", "oan", "oang", "oi", "om", "on", "ong", "ô", "ôi",
          "ôn", "ông", "ơ", "ơi", "ơn", "u", "ui", "um", "un", "ung", "uy", "ư", "ưa", "ươn", "ương", "ươi"]
TONES = {"a": "aàáảãạ", "ă": "ăằắẳẵặ", "â": "âầấẩẫậ", "e": "eèéẻẽẹ", "ê": "êềếểễệ", "i": "iìíỉĩị",
         "o": "oòóỏõọ", "ô": "ôồốổỗộ", "ơ": "ơờớởỡợ", "u": "uùúủũụ", "ư": "ưừứửữự", "y": "yỳýỷỹỵ"}


def syllables(count: int, rng: random.Random) -> list[str]:
    """A Vietnamese-looking vocabulary: onset + rhyme + tone mark on the rhyme's main vowel."""
    out: set[str] = set()
    while len(out) < count:
        rhyme = rng.choice(RHYMES)
        vowel = next((i for i, ch in enumerate(rhyme) if ch in TONES), 0)
        toned = rhyme[:vowel] + TONES[rhyme[vowel]][rng.randrange(6)] + rhyme[vowel + 1:]
        out.add(rng.choice(ONSETS) + toned)
    return sorted(out)


class Generator:
    """Text with a Zipf-like word distribution over 6,000 syllables, as real Vietnamese news text has; a flat
    100-word vocabulary would put every query word in every article and measure nothing real."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.words = syllables(6000, self.rng)
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))

    def sentence(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=n)).capitalize() + "."

    def article(self, number: int) -> Article:
        site = f"site{number % 20}.gov.vn"
        body = "\n\n".join(" ".join(self.sentence(self.rng.randint(12, 25)) for _ in range(3)) for _ in range(5))
        return Article(
            url=f"https://{site}/tin-tuc/bai-viet-so-{number}-a{number}.html",
            title=self.sentence(10)[:-1], published=f"20{10 + number % 15}-{1 + number % 12:02d}-"
                                                    f"{1 + number % 28:02d}T08:00:00+07:00",
            author="Phóng viên", category="Thời sự", language="vi", body=body,
            captions=tuple(Caption(f"https://{site}/img/{number}-{i}.jpg", self.sentence(8)) for i in range(2)),
            related=tuple(RelatedLink(f"https://{site}/tin-tuc/bai-viet-so-{number - i}-a{number - i}.html",
                                      self.sentence(8)) for i in range(1, 4)),
        )

    def query(self) -> str:
        """Two mid-frequency words, like a real search for a place or a topic."""
        return " ".join(self.rng.sample(self.words[200:2000], 2))

def ingest_ours(path: Path, articles: list[Article], batch: int | None) -> float:
    started = time.perf_counter()
    with Archive(path) as archive:
        if batch:
            archive.save_many(articles, batch_size=batch)
        else:  # as the crawler stores: save() per article, one Archive.batch() per commit interval
            remaining, every = iter(articles), CrawlConfig().commit_every
            for article in remaining:
                deadline = time.perf_counter() + every
                with archive.batch():
                    archive.save(article)
                    for article in remaining:
                        archive.save(article)
                        if time.perf_counter() >= deadline:
                            break
    return time.perf_counter() - started


def ingest_reference(path: Path, articles: list[Article]) -> float:
    """The same rows into the same three tables plus an FTS index, the sqlite-utils way: bulk insert_all."""
    started = time.perf_counter()
    db = Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db["articles"].insert_all(({"id": n, "url": a.url, "site": a.url.split("/")[2], "title": a.title,
                                "published": a.published, "author": a.author, "category": a.category,
                                "language": a.language, "body": a.body, "content_hash": a.content_hash}
                               for n, a in enumerate(articles, 1)), pk="id", batch_size=1000)
    db["captions"].insert_all(({"article_id": n, "position": i, "image_url": c.image_url, "caption": c.caption}
                               for n, a in enumerate(articles, 1) for i, c in enumerate(a.captions)),
                              batch_size=1000)
    db["related_links"].insert_all(({"article_id": n, "position": i, "url": r.url, "title": r.title}
                                    for n, a in enumerate(articles, 1) for i, r in enumerate(a.related)),
                                   batch_size=1000)
    db["articles"].enable_fts(["title", "body"], tokenize="unicode61 remove_diacritics 2", create_triggers=True)
    db["articles"].create_index(["site", "published"])
    db.conn.close()
    return time.perf_counter() - started


def print_search_times(label: str, archive: Archive, queries: list[str], rank_newest: int | None) -> None:
    times, capped = [], 0
    for query in queries:
        started = time.perf_counter()
        hits = search(archive, query, limit=20, rank_newest=rank_newest)
        times.append((time.perf_counter() - started) * 1000)
        capped += hits.ranked_newest is not None
    times.sort()
    how = f"newest {rank_newest:,} matches ranked" if rank_newest else "every match ranked"
    print(f"{label} ({how}), {len(queries)} queries of two words: p50 {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.0f} ms"
          + (f"; {capped} matched more than {rank_newest:,}" if rank_newest else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--single", type=int, default=20_000,
                        help="articles saved one by one as the crawler does; a sample, as it is slower")
    args = parser.parse_args()
    generator = Generator()
    articles = [generator.article(n) for n in range(1, args.articles + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reference = ingest_reference(tmp / "reference.db", articles)
        batched = ingest_ours(tmp / "ours.db", articles, batch=BULK_BATCH)
        single = ingest_ours(tmp / "single.db", articles[:args.single], batch=None)
        n = len(articles)
        print(f"{n} synthetic Vietnamese articles (2 captions, 3 related links each)")
        print(f"reference sqlite-utils insert_all + FTS: {n / reference:9.0f} articles/s")
        print(f"ours, Archive.save_many (batches of {BULK_BATCH}): {n / batched:8.0f} articles/s  "
              f"ratio {reference / batched:.2f}")
        print(f"ours, Archive.save as the crawler commits: {args.single / single:8.0f} articles/s  "
              f"ratio {(args.single / single) / (n / reference):.2f}")
        queries = [generator.query() for _ in range(50)]
        with Archive(tmp / "ours.db") as archive:
            print_search_times("search right after the bulk import", archive, queries, RANK_NEWEST)
            started = time.perf_counter()
            archive.optimize()
            print(f"scraper optimize (FTS segment merge): {time.perf_counter() - started:.1f} s")
            print_search_times("search after optimize", archive, queries, RANK_NEWEST)
            print_search_times("search after optimize", archive, queries, None)
            started = time.perf_counter()
            with open(tmp / "export.jsonl", "w", encoding="utf-8") as out:
                exported = write_jsonl(export_rows(archive), out)
            print(f"export of {exported} articles as JSONL: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
