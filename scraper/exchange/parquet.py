"""`scraper export --format parquet`: Hive-style partitions by site and month of publication, streamed in row
groups so that memory stays flat for any archive size (pyarrow, the `parquet` extra).

Rows come sorted by partition, so one file is open at a time; the partition columns live in the folder names,
as Hive, Spark, DuckDB and pandas expect (`site=baotinh.example.vn/month=2018-05/part-0.parquet`)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from scraper.errors import ScraperError
from scraper.store.contracts import ArchiveStore
from scraper.store.queries import CAPTION_FIELDS, Filters, children_json_sql

ROW_GROUP_ROWS = 5_000
"""Rows per row group: about 15 MB of text at news-article sizes, small enough for flat memory, large enough
for the compression and the readers' skipping to work."""
NO_MONTH = "__HIVE_DEFAULT_PARTITION__"
"""Hive's name for a partition value that is NULL: articles whose page states no date."""
TIME_COLUMNS = ("published_utc", "first_seen", "last_seen", "last_changed", "deleted_at")


def rows_sql(engine: str) -> str:
    return f"""
SELECT a.id, a.site, coalesce(a.published_month, :no_month) AS month, a.url, a.title, a.published,
       a.published AS published_utc, a.modified, a.author, a.category, a.language, a.body,
       {children_json_sql("captions", CAPTION_FIELDS, engine)} AS captions,
       {children_json_sql("related_links", ("url", "title", "target_article_id"), engine)} AS related,
       a.version, a.first_seen, a.last_seen, a.last_changed, a.deleted_at, a.content_hash, a.page_id
FROM articles a WHERE 1 = 1{{where}} ORDER BY a.site, month, a.id
"""


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ScraperError("Parquet export needs pyarrow: pip install 'scraper[parquet]'") from None
    return pyarrow


def schema():
    pa = _pyarrow()
    text, when = pa.string(), pa.timestamp("us", tz="UTC")
    caption = pa.struct([("image_url", text), ("caption", text), ("credit", text)])
    related = pa.struct([("url", text), ("title", text), ("target_article_id", pa.int64())])
    return pa.schema([
        ("id", pa.int64()), ("url", text), ("title", text), ("published", text), ("published_utc", when),
        ("modified", text), ("author", text), ("category", text), ("language", text), ("body", text),
        ("captions", pa.list_(caption)), ("related", pa.list_(related)), ("version", pa.int64()),
        ("first_seen", when), ("last_seen", when), ("last_changed", when), ("deleted_at", when),
        ("content_hash", text), ("page_id", pa.int64()),
    ])


def _instant(text: str | None) -> datetime | None:
    """An ISO time as a UTC instant; None for a time without offset, which names no instant."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment.astimezone(timezone.utc) if moment.tzinfo else None


def _rows(archive: ArchiveStore, filters: Filters) -> Iterator[dict]:
    where, params = filters.where()
    for row in archive.query(rows_sql(archive.engine).format(where=where), {**params, "no_month": NO_MONTH}):
        row["captions"], row["related"] = json.loads(row["captions"]), json.loads(row["related"])
        for column in TIME_COLUMNS:
            row[column] = _instant(row[column])
        yield row


class _PartitionWriter:
    """Writes row groups into the file of the current partition, opening the next when the partition changes."""

    def __init__(self, root: Path):
        self.pa, self.root, self.schema, self.key, self.writer = _pyarrow(), root, schema(), None, None

    def write(self, key: tuple[str, str], rows: list[dict]) -> None:
        pa = self.pa
        if key != self.key:
            self.close()
            folder = self.root / f"site={key[0]}" / f"month={key[1]}"
            folder.mkdir(parents=True)
            self.key, self.writer = key, pa.parquet.ParquetWriter(folder / "part-0.parquet", self.schema,
                                                                   compression="zstd")
        self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def export_parquet(archive: ArchiveStore, root: Path, filters: Filters = Filters()) -> int:
    """Write every article under `root` (which must be empty or new); returns how many."""
    _pyarrow()
    if root.exists() and any(root.iterdir()):
        raise ScraperError(f"{root} is not empty: a Parquet export goes into a new or empty folder")
    root.mkdir(parents=True, exist_ok=True)
    writer, pending, key, count = _PartitionWriter(root), [], None, 0
    try:
        for row in _rows(archive, filters):
            row_key = (row.pop("site"), row.pop("month"))
            if pending and (row_key != key or len(pending) >= ROW_GROUP_ROWS):
                writer.write(key, pending)
                pending = []
            key = row_key
            pending.append(row)
            count += 1
        if pending:
            writer.write(key, pending)
    finally:
        writer.close()
    return count
