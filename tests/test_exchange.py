"""The archive in other tools' formats: Parquet read back by DuckDB, WARC written, read back, made by wget,
and damaged."""
from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from helpers import article_html

from scraper.cli import cli
from scraper.demo.server import LocalSite
from scraper.demo.site import build_routes
from scraper.store import Archive
from scraper.store.queries import export_rows

RECORD_FIELDS = ("url", "site", "title", "published", "modified", "author", "category", "language", "body",
                 "captions", "related", "version")


def records(db: Path) -> dict[str, dict]:
    with Archive(db) as archive:
        return {row["url"]: {k: row[k] for k in RECORD_FIELDS if k != "version"} for row in export_rows(archive)}


def sqlite_counts(db: Path) -> set[tuple]:
    with sqlite3.connect(db) as conn:
        return set(conn.execute("SELECT site, coalesce(substr(published, 1, 7), '__HIVE_DEFAULT_PARTITION__'), "
                                "count(*) FROM articles GROUP BY 1, 2"))


def test_parquet_export_is_read_by_duckdb_with_the_same_counts_per_site_and_month(demo_archive, tmp_path, runner):
    import duckdb
    out = tmp_path / "parquet"
    result = runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = list(out.glob("site=*/month=*/*.parquet"))
    assert files, "Hive-style partitions site=…/month=…"
    glob = str(out / "**" / "*.parquet")
    counted = duckdb.sql(f"SELECT site, month, count(*) FROM read_parquet('{glob}', hive_partitioning = true) "
                         "GROUP BY site, month").fetchall()
    assert set(counted) == sqlite_counts(demo_archive)
    assert sum(n for *_, n in counted) == len(records(demo_archive)) > 20


def test_parquet_keeps_captions_and_related_links_as_lists_of_structs(demo_archive, tmp_path, runner):
    import pyarrow.dataset as ds
    out = tmp_path / "parquet"
    runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "parquet", "-o", str(out)])
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert str(table.schema.field("captions").type) == (
        "list<element: struct<image_url: string, caption: string, credit: string>>")
    assert str(table.schema.field("published_utc").type) == "timestamp[us, tz=UTC]"
    expected = records(demo_archive)
    for row in table.to_pylist():
        stored = expected[row["url"]]
        assert [c["caption"] for c in row["captions"]] == [c["caption"] for c in stored["captions"]]
        assert [(r["url"], r["title"]) for r in row["related"]] == [(r["url"], r["title"]) for r in stored["related"]]
        assert row["body"] == stored["body"] and row["site"] == stored["site"]
        assert row["version"] >= 1 and row["first_seen"] is not None


def test_parquet_export_refuses_a_folder_that_holds_files(demo_archive, tmp_path, runner):
    (tmp_path / "old.parquet").write_bytes(b"x")
    result = runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "parquet", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "not empty" in result.output and "Traceback" not in result.output
    missing = runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "parquet"])
    assert missing.exit_code == 2 and "needs -o" in missing.output


def warc_records(path: Path) -> list:
    from warcio.archiveiterator import ArchiveIterator
    with path.open("rb") as stream:
        return [(r.rec_type, r.rec_headers, r.http_headers, r.content_stream().read()) for r in ArchiveIterator(stream)]


def test_warc_export_writes_each_page_with_its_request_and_article(demo_archive, tmp_path, runner):
    out = tmp_path / "archive.warc.gz"
    result = runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "warc", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = warc_records(out)
    with sqlite3.connect(demo_archive) as conn:
        pages = sorted(conn.execute("SELECT coalesce(final_url, url), replace(fetched_at, '+00:00', 'Z') FROM pages "
                                 "WHERE body IS NOT NULL"))
        articles = {url: title for url, title in conn.execute("SELECT url, title FROM articles")}
    responses = [r for r in written if r[0] == "response"]
    assert written[0][0] == "warcinfo" and written[0][1].protocol == "WARC/1.1"
    assert sorted((r[1].get_header("WARC-Target-URI"), r[1].get_header("WARC-Date")) for r in responses) == pages
    for _, headers, http, body in responses:
        assert headers.get_header("WARC-Payload-Digest").startswith("sha1:")
        assert http.get_statuscode() == "200" and http.get_header("Server"), "the headers we kept"
        assert int(http.get_header("Content-Length")) == len(body)
    requests = [r for r in written if r[0] == "request"]
    assert len(requests) == len(responses)
    metadata = {r[1].get_header("WARC-Target-URI"): json.loads(r[3]) for r in written if r[0] == "metadata"}
    assert {m["url"]: m["title"] for m in metadata.values()} == articles


def test_warc_round_trip_gives_the_same_articles(demo_archive, tmp_path, runner):
    out, copy = tmp_path / "archive.warc.gz", tmp_path / "copy.db"
    runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "warc", "-o", str(out)])
    result = runner.invoke(cli, ["import-warc", "--db", str(copy), str(out)])
    assert result.exit_code == 0, result.output
    assert "0 damaged" in result.output
    assert records(copy) == records(demo_archive)
    again = runner.invoke(cli, ["import-warc", "--db", str(copy), str(out)])
    assert again.exit_code == 0 and records(copy) == records(demo_archive), "deduplicated like a crawl"


@pytest.mark.skipif(shutil.which("wget") is None, reason="no wget (Debian package wget; .ci/run installs it)")
def test_import_of_a_warc_made_by_wget(tmp_path, runner):
    db = tmp_path / "archive.db"
    with LocalSite() as site:
        site.routes.update(build_routes(site.base_url, 12))
        subprocess.run(["wget", "--quiet", "--recursive", "--level=3", "--no-parent", "--delete-after",
                        f"--warc-file={tmp_path / 'wget'}", "--directory-prefix", str(tmp_path / "files"),
                        site.url("/")], check=False, timeout=120)
        crawled = tmp_path / "crawled.db"
        assert runner.invoke(cli, ["crawl", site.url("/"), "--db", str(crawled), "--delay", "0"]).exit_code == 0
    made = tmp_path / "wget.warc.gz"
    assert made.stat().st_size > 10_000
    result = runner.invoke(cli, ["import-warc", "--db", str(db), str(made)])
    assert result.exit_code == 0, result.output
    imported, expected = records(db), records(crawled)
    assert set(imported) == set(expected)
    assert all(imported[url]["body"] == expected[url]["body"] for url in expected)


def arc_file(path: Path, url: str, page: bytes) -> Path:
    """An ARC v1 file, the Internet Archive's format before WARC, as Heritrix and wget once wrote it."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
    version = b"1 0 scraper-test\nURL IP-address Archive-date Content-type Archive-length\n"
    data = b"filedesc://%s 0.0.0.0 20240501000000 text/plain %d\n" % (path.name.encode(), len(version)) + version
    data += b"\n%s 127.0.0.1 20240501083000 text/html %d\n" % (url.encode(), len(http)) + http + b"\n"
    path.write_bytes(data)
    return path


def test_import_of_an_arc_file(tmp_path, runner):
    paragraphs = [f"Đoạn {n} của bài viết trong tệp ARC cũ, đủ dài để là một bài báo thật sự với nhiều chữ và "
                  f"nhiều ý khác nhau, được lưu từ năm 2024." for n in range(1, 4)]
    url = "http://baotinh.example.vn/tin-arc-a1.html"
    made = arc_file(tmp_path / "old.arc", url, article_html("Tin trong tệp ARC", paragraphs))
    result = runner.invoke(cli, ["import-warc", "--db", str(tmp_path / "a.db"), str(made)])
    assert result.exit_code == 0 and "1 article(s)" in result.output, result.output
    stored = records(tmp_path / "a.db")[url]
    assert stored["title"] == "Tin trong tệp ARC" and stored["body"].startswith("Đoạn 1")
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("SELECT fetched_at FROM pages").fetchone()[0] == "2024-05-01T08:30:00+00:00"


def damage(source: Path, target: Path, how: str) -> None:
    """Cut the file short, or flip bytes inside one record in its middle: inside a gzip member's compressed
    data, or inside an uncompressed record's page."""
    data = bytearray(source.read_bytes())
    if how == "truncated":
        data = data[:len(data) - 400]
    else:
        inside = data.find(b"\x1f\x8b\x08", len(data) // 2) + 30 if source.suffix == ".gz" else \
            data.find(b"<!DOCTYPE", len(data) // 2) + 10
        data[inside:inside + 20] = bytes(b ^ 0x55 for b in data[inside:inside + 20])
    target.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "corrupt"])
@pytest.mark.parametrize("compressed", [True, False])
def test_a_damaged_record_is_reported_and_skipped(demo_archive, tmp_path, runner, how, compressed):
    whole = tmp_path / "whole.warc.gz"
    runner.invoke(cli, ["export", "--db", str(demo_archive), "--format", "warc", "-o", str(whole)])
    if not compressed:
        plain = tmp_path / "whole.warc"
        plain.write_bytes(gzip.decompress(whole.read_bytes()))
        whole = plain
    damaged = tmp_path / f"damaged{''.join(whole.suffixes)}"
    damage(whole, damaged, how)
    result = runner.invoke(cli, ["import-warc", "--db", str(tmp_path / "copy.db"), str(damaged)])
    assert result.exit_code == 1
    assert result.output.count("damaged record skipped") == 1 and "Traceback" not in result.output
    kept, everything = records(tmp_path / "copy.db"), records(demo_archive)
    assert len(everything) - 1 <= len(kept) < len(everything) + 1
    assert all(kept[url] == everything[url] for url in kept)


def test_response_headers_are_kept_with_each_page(demo_archive):
    with sqlite3.connect(demo_archive) as conn:
        stored = [json.loads(h) for (h,) in conn.execute("SELECT headers FROM pages WHERE body IS NOT NULL")]
    assert stored and all(any(name.lower() == "content-type" for name, _ in h) for h in stored)
