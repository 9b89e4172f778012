"""The commands of crawling, fetching and reading one article or search result: parse options, call the API,
format output, set exit codes.

The network side (requests, the crawler, the fetch pipeline) is imported by the commands that use it, so that
the commands analysts run many times (search, stats, export, history) start without it."""
from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
from datetime import datetime, timezone

import click

from scraper import defaults
from scraper.cli.common import (cli, db_option, errors_exit_1, existing_archive, filter_options, PublishedDate,
                                usage_errors)
from scraper.errors import LockHeld, ScraperError
from scraper.extract import extract as extract_record
from scraper.parse_pool import CRAWL_PRELOAD, start_server as start_parse_server
from scraper.report import render_history, render_stats
from scraper.store.backend import is_postgres, open_archive, search as search_archive
from scraper.store.queries import RANK_NEWEST, Filters, stats
from scraper.store.queries import history as article_history
from scraper.urls import canonicalize


@cli.command()
@click.argument("file", type=click.File("rb"))
@click.option("--url", help="The page's URL (resolves relative links; used when the page has no canonical).")
@click.option("--encoding", help="Charset the page was served with (as an HTTP header would say).")
@click.option("--timezone", "timezone_name", help="IANA zone for naive page times, e.g. Asia/Ho_Chi_Minh.")
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
@errors_exit_1
def extract(file, url: str | None, encoding: str | None, timezone_name: str | None, pretty: bool) -> None:
    """Parse a saved page (FILE, or - for stdin) and print its record as JSON."""
    article = extract_record(file.read(), url, encoding=encoding, timezone_name=timezone_name, now=_saved_at(file))
    click.echo(article.to_json(pretty))


def _saved_at(file) -> datetime | None:
    """When a saved page was written (its file's modification time): its dates are judged against that moment
    ("2 hours ago" means two hours before it was saved); a page read from stdin is judged against now."""
    name = getattr(file, "name", "")
    if not isinstance(name, str) or not os.path.isfile(name):
        return None
    return datetime.fromtimestamp(os.path.getmtime(name), timezone.utc)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Store into this archive instead of printing.")
@click.option("--pretty", is_flag=True, help="Indent the JSON.")
def fetch(urls: tuple[str, ...], db_path: str | None, pretty: bool) -> None:
    """Fetch article URLs; print each record as JSON, or archive them with --db."""
    from scraper.fetch import Fetcher, fetch_with_retries
    from scraper.parse import analyse
    from scraper.pipeline import ingest
    failures = 0
    archive = open_archive(db_path) if db_path else None
    fetcher = Fetcher()
    try:
        for url in urls:
            try:
                response = fetch_with_retries(fetcher, canonicalize(url))
                parsed = analyse(response, None, None, with_links=False)
                if archive:
                    done = ingest(archive, response, parsed)
                    if done.article is None:
                        raise ScraperError(f"{url}: page kept, but no article could be read from it "
                                           f"({done.failure or 'a feed or sitemap'})")
                    click.echo(f"{done.saved.outcome.value}\t{done.article.url}")
                elif parsed.article is None:
                    raise ScraperError(parsed.failure or f"{url}: a feed or sitemap, not an article page")
                else:
                    click.echo(parsed.article.to_json(pretty))
            except ScraperError as e:
                failures += 1
                click.echo(f"error: {e}", err=True)
    finally:
        fetcher.close()
        if archive:
            archive.close()
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("query")
@db_option
@filter_options
@click.option("--until", type=PublishedDate(), help="Published before (YYYY-MM-DD).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
@click.option("--all-matches", is_flag=True,
              help=f"Rank every match; by default a query matching over {RANK_NEWEST:,} articles ranks the newest.")
@errors_exit_1
def search(query: str, db_path: str, site, since, until, limit: int, as_json: bool, all_matches: bool) -> None:
    """Full-text search, accent-insensitive: `cong nhan` finds `công nhân`."""
    with existing_archive(db_path) as archive:
        rows = search_archive(archive, query, Filters(site, since, until), limit,
                              rank_newest=None if all_matches else RANK_NEWEST)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{(row['published'] or '')[:10]:10}  {row['title']}\n            {row['url']}\n"
                       f"            {row['snippet']}")
            for caption in row["captions"]:
                credit = f" (credit: {caption['credit']})" if caption["credit"] else ""
                click.echo(f"            photo: {caption['caption']}{credit}")
    if not as_json:
        click.echo(f"{len(rows)} result(s)", err=True)
    if rows.ranked_newest:
        click.echo(f"note: over {rows.ranked_newest:,} matches; ranked the newest {rows.ranked_newest:,} "
                   "(narrow the query, or --all-matches to rank all)", err=True)


@cli.command()
@click.argument("url")
@db_option
@errors_exit_1
def history(url: str, db_path: str) -> None:
    """The versions of an article, with a diff of title and body between them."""
    with existing_archive(db_path) as archive:
        states = article_history(archive, canonicalize(url))
    if not states:
        raise click.ClickException(f"no archived article at {url}")
    click.echo(render_history(states))


@cli.command()
@db_option
@click.option("--site", help="Only pages of this site.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="The crawl's sites file: each site's timezone and profile apply as they did in the crawl.")
@errors_exit_1
def reparse(db_path: str, site: str | None, config_path: str | None) -> None:
    """Re-extract archived pages with the current extractor, updating articles in place."""
    from scraper.config import load_sites
    from scraper.pipeline import reparse as reparse_pages
    with usage_errors():
        sites = load_sites(config_path) if config_path else []
    with existing_archive(db_path) as archive:
        counts = reparse_pages(archive, site, sites)
    click.echo(", ".join(f"{outcome.value}: {n}" for outcome, n in counts.items()) or "no stored pages")


@cli.command()
@db_option
@errors_exit_1
def optimize(db_path: str) -> None:
    """Compact the full-text index after a large import or crawl (searches get faster)."""
    with existing_archive(db_path) as archive:
        archive.optimize()
    click.echo("optimized")


@cli.command(name="stats")
@db_option
@click.option("--json", "as_json", is_flag=True)
@errors_exit_1
def stats_command(db_path: str, as_json: bool) -> None:
    """Articles per site, date range, versions, aliases, pages by status, last crawl runs."""
    with existing_archive(db_path) as archive:
        result = stats(archive)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else render_stats(result))


@cli.command(name="crawl")
@click.argument("seeds", nargs=-1)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="Sites file (TOML).")
@db_option
@click.option("--delay", type=click.FloatRange(0),
              help=f"Seconds between requests to one site [default: {defaults.DELAY:g}].")
@click.option("--concurrency", type=click.IntRange(1, 256),
              help=f"Sites fetched in parallel (one connection per site) [default: {defaults.CONCURRENCY}].")
@click.option("--parse-processes", type=click.IntRange(0, 64),
              help="Processes that parse pages; 0 parses in the crawl process [default: cores - 1, at least 1].")
@click.option("--max-pages", type=click.IntRange(1), help="Stop after this many fetches in this run.")
@click.option("--max-depth", type=click.IntRange(0),
              help=f"Links followed from a seed [default: {defaults.MAX_DEPTH}].")
@click.option("--recrawl-after", help=f"Revisit article pages older than this [default: {defaults.RECRAWL_AFTER}].")
@click.option("--user-agent", help="User-Agent header (name the tool and a contact URL); robots.txt rules for its "
                                   "first word apply.")
@click.option("--timeout", type=click.FloatRange(1),
              help=f"Per-request read timeout [default: {defaults.READ_TIMEOUT:g}].")
@click.option("--quiet", is_flag=True, help="One summary line, as for cron.")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Crawler processes on this machine (PostgreSQL archives only; more machines may join).")
@click.option("--exclusive", is_flag=True,
              help="PostgreSQL: run alone (exit 3 while other crawls run) instead of joining them.")
@click.option("--lease", type=click.FloatRange(5),
              help=f"PostgreSQL: seconds a claimed URL is this worker's; a dead worker's URLs return after it "
                   f"[default: {defaults.LEASE:g}].")
def crawl_command(seeds, config_path, db_path, quiet, verbose, workers, exclusive, **options) -> None:
    """Crawl seed URLs or the sites of --config into the archive. Exit 3 if another crawl holds the database
    (on PostgreSQL crawls join one another as workers of one crawl, unless --exclusive)."""
    if workers == 1 and options.get("parse_processes") != 0:
        start_parse_server(CRAWL_PRELOAD)  # its imports overlap the crawl's own, which follow
    from scraper.crawl import Progress, crawl
    with usage_errors():
        sites = _sites(config_path, seeds)
        config = _crawl_config(options)
    if workers > 1:
        _check_fleet(db_path, exclusive)
        setup_logging(verbose, quiet)
        _crawl_fleet(db_path, sites, config, workers, logging.getLogger().level)
        return
    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    setup_logging(verbose, quiet, progress)
    try:
        summary = crawl(db_path, sites, config, progress=progress, exclusive=exclusive)
    except LockHeld as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(3)
    except ScraperError as e:
        raise click.ClickException(str(e)) from None
    click.echo(summary.line())
    if summary.exit_status:
        sys.exit(summary.exit_status)


def _check_fleet(db_path: str, exclusive: bool) -> None:
    if not is_postgres(db_path):
        raise click.UsageError("--workers needs a PostgreSQL archive (--db postgresql://…): an SQLite file takes "
                               "one crawler at a time")
    if exclusive:
        raise click.UsageError("--exclusive runs one crawler alone; it cannot start several --workers")


def _crawl_fleet(db_path: str, sites: list, config, workers: int, log_level: int) -> None:
    """Every worker's summary line; the exit status is the worst of theirs."""
    from scraper.crawl.fleet import crawl_workers
    results = crawl_workers(db_path, sites, config, workers, log_level)
    for result in results:
        click.echo(result.line)
    if worst := max(result.exit_status for result in results):
        sys.exit(worst)


def _sites(config_path: str | None, seeds: tuple[str, ...]) -> list:
    from scraper.config import load_sites, sites_from_seeds
    sites = (load_sites(config_path) if config_path else []) + (sites_from_seeds(list(seeds)) if seeds else [])
    if not sites:
        raise click.UsageError("give seed URLs or --config sites.toml")
    return sites


def _crawl_config(options: dict):
    """CrawlConfig with what the command line gave; everything it did not give keeps CrawlConfig's default."""
    from scraper.config import CrawlConfig, parse_duration
    given = {name: value for name, value in options.items() if value is not None}
    config = CrawlConfig()
    fetch = dataclasses.replace(config.fetch, **{field: given.pop(option) for option, field in
                                                 (("timeout", "read_timeout"), ("user_agent", "user_agent"))
                                                 if option in given})
    if "recrawl_after" in given:
        given["recrawl_after"] = parse_duration(given["recrawl_after"])
    return dataclasses.replace(config, fetch=fetch, **given)


def setup_logging(verbose: int, quiet: bool, progress=None) -> None:
    """Page-level warnings on a terminal (above the progress display); cron logs (quiet or not a terminal) get
    errors only, unless -v."""
    if verbose:
        level = (logging.INFO, logging.DEBUG)[min(verbose, 2) - 1]
    else:
        level = logging.ERROR if quiet or not sys.stderr.isatty() else logging.WARNING
    if progress is not None and progress.enabled:
        logging.basicConfig(level=level, format="%(name)s: %(message)s", handlers=[progress.log_handler()])
    else:
        logging.basicConfig(level=level, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
