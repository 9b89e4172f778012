"""The commands that take the archive to other tools and back: export (JSONL, CSV, Parquet, WARC), serve
(datasette), import-warc."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from scraper.cli.common import (cli, db_option, default_db, errors_exit_1, existing_archive, filter_options,
                                usage_errors)
from scraper.serve import DEFAULT_HOST, DEFAULT_PORT
from scraper.report import write_csv, write_jsonl
from scraper.store.backend import open_archive
from scraper.store.queries import Filters, export_rows

FORMATS = ("jsonl", "csv", "parquet", "warc")


@cli.command()
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True),
              help="File (default stdout); for parquet a new or empty folder, for warc a .warc.gz or .warc file.")
@errors_exit_1
def export(db_path: str, site, since, fmt: str, output: str) -> None:
    """Stream every archived record: JSONL (captions and related links nested), CSV (those as JSON text),
    Parquet (Hive partitions by site and month), or WARC (every raw page with its article as metadata)."""
    if fmt == "warc" and since:
        raise click.UsageError("--since filters articles by publication; a WARC export holds pages (use --site)")
    if fmt in ("parquet", "warc") and output == "-":
        raise click.UsageError(f"--format {fmt} needs -o (a {'folder' if fmt == 'parquet' else 'file'})")
    with existing_archive(db_path) as archive:
        if fmt == "parquet":
            from scraper.exchange.parquet import export_parquet
            count, what = export_parquet(archive, Path(output), Filters(site, since)), "article(s)"
        elif fmt == "warc":
            from scraper.exchange.warc_export import export_warc
            count, what = export_warc(archive, Path(output), site), "page(s)"
        else:
            with click.open_file(output, "w", encoding="utf-8") as stream:
                rows = export_rows(archive, Filters(site, since), nested=(fmt == "jsonl"))
                count, what = (write_jsonl if fmt == "jsonl" else write_csv)(rows, stream), "article(s)"
    click.echo(f"exported {count} {what}", err=True)


@cli.command(name="import-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="Archive database [default: data/archive.db or $SCRAPER_DB]; created when missing.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Sites file: each site's timezone and profile apply to its pages.")
@errors_exit_1
def import_warc_command(files: tuple[str, ...], db_path: str | None, config_path: str | None) -> None:
    """Read WARC or ARC files (wget --warc-file, Heritrix, browsertrix, scraper export) into the archive; damaged
    records are reported and skipped. Exit 1 when any record was damaged."""
    from scraper.config import load_sites
    from scraper.exchange.warc_import import import_warc
    with usage_errors():
        sites = load_sites(config_path) if config_path else []
    with open_archive(db_path or default_db()) as archive:
        summary = import_warc(archive, [Path(f) for f in files], sites)
    for problem in summary.damaged:
        click.echo(f"damaged record skipped: {problem}", err=True)
    click.echo(summary.line())
    if summary.damaged:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; another than loopback shows the archive to the network.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Sites file: each site's licence and source line are shown with the archive.")
@errors_exit_1
def serve(db_path: str, host: str, port: int, config_path: str | None) -> None:
    """Browse, search, facet and chart the archive in datasette (read-only; crawls may keep writing)."""
    from scraper.config import load_sites
    from scraper.serve import serve as serve_archive
    with usage_errors():
        sites = load_sites(config_path) if config_path else []
    existing_archive(db_path, sqlite_only="serve (datasette reads SQLite)").close()
    serve_archive(db_path, host, port, sites, announce=lambda line: click.echo(line))
