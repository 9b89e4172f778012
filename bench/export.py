"""Exports of a large archive: Parquet and WARC of synthetic articles with their raw pages (time, peak memory,
size), and one analyst's question, articles per site per month, answered by DuckDB on the Parquet files and by
SQLite on the archive, side by side.

Run: .venv/bin/python bench/export.py [--articles 200000]
Each export runs as `scraper export` in a child process, so its peak RSS is its own; the whole archive and one
site of it (a twentieth) are both exported, to show whether memory follows the archive's size or stays flat.
"""
from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store import Generator  # bench/store.py: the same synthetic Vietnamese articles

from scraper.models import Response
from scraper.store import Archive

SITES = 20  # Generator spreads articles over site0 … site19
QUESTION_SQL = ("SELECT site, substr(published, 1, 7) AS month, count(*) AS articles FROM articles "
                "GROUP BY site, month")
QUESTION_DUCKDB = ("SELECT site, month, count(*) AS articles FROM read_parquet('{root}/**/*.parquet', "
                   "hive_partitioning = true) GROUP BY site, month")
REPEATS = 5
RSS_SAMPLE_SECONDS = 0.02


def page_of(article) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.body.split("\n\n"))
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{html.escape(article.title)}"
            f"</title></head><body><h1>{html.escape(article.title)}</h1><div class='date'>{article.published}</div>"
            f"<article>{paragraphs}</article></body></html>").encode()


def build(path: Path, count: int) -> float:
    """An archive of `count` articles, each with the raw page it was read from."""
    started = time.perf_counter()
    generator = Generator()
    articles = [generator.article(n) for n in range(1, count + 1)]
    with Archive(path) as archive:
        with archive.batch():
            for article in articles:
                archive.record_page(Response(url=article.url, final_url=article.url, status=200,
                                             content_type="text/html; charset=utf-8", charset="utf-8",
                                             body=page_of(article), headers=(("Server", "nginx"),)))
        archive.save_many(articles)
        with archive.batch():
            archive.db.execute("UPDATE articles SET page_id = (SELECT p.id FROM pages p WHERE p.url = articles.url)")
    return time.perf_counter() - started


def run_export(db: Path, *options: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `scraper export` process, sampled: a child's own ru_maxrss would start
    from this process's size at the fork."""
    import psutil
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "scraper", "export", "--db", str(db), *options],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(RSS_SAMPLE_SECONDS)
    if child.wait():
        raise SystemExit(f"export {' '.join(options)} failed: {child.stderr.read().decode()}")
    return time.perf_counter() - started, peak / 1e6


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
    return sum(f.stat().st_size for f in files) / 1e6


def best_of(fn) -> tuple[float, object]:
    times, result = [], None
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def answer_question(db: Path, parquet: Path) -> None:
    import duckdb
    import sqlite3
    connection = sqlite3.connect(db)
    sqlite_time, sqlite_rows = best_of(lambda: set(connection.execute(QUESTION_SQL)))
    duck = duckdb.connect()
    duck_time, duck_rows = best_of(lambda: set(duck.sql(QUESTION_DUCKDB.format(root=parquet)).fetchall()))
    same = "same rows" if duck_rows == sqlite_rows else "DIFFERENT rows"
    print(f"| articles per site per month | SQLite {sqlite_time * 1000:.0f} ms | DuckDB on Parquet "
          f"{duck_time * 1000:.0f} ms | ratio {sqlite_time / duck_time:.1f}× | {len(sqlite_rows)} groups, {same} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "archive.db"
        print(f"built {args.articles:,} articles with their pages in {build(db, args.articles):.0f} s; "
              f"archive {size_mb(db):.0f} MB")
        print("| export | articles | seconds | peak RSS MB | output MB |\n|---|---|---|---|---|")
        one_site = "site0.gov.vn"
        for fmt, target, extra, rows in (
                ("parquet", tmp / "parquet", (), args.articles),
                ("parquet", tmp / "parquet-one", ("--site", one_site), args.articles // SITES),
                ("warc", tmp / "archive.warc.gz", (), args.articles),
                ("warc", tmp / "one.warc.gz", ("--site", one_site), args.articles // SITES),
                ("jsonl", tmp / "archive.jsonl", (), args.articles)):
            seconds, peak = run_export(db, "--format", fmt, "-o", str(target), *extra)
            print(f"| {fmt}{' (one site)' if extra else ''} | {rows:,} | {seconds:.1f} | {peak:.0f} | "
                  f"{size_mb(target):.0f} |")
        answer_question(db, tmp / "parquet")


if __name__ == "__main__":
    main()
