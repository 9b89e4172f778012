"""What every command shares: the click group, the --db and filter options, and how errors become exit codes
(0 ok, 1 failed, 2 usage, 3 another crawl holds the lock)."""
from __future__ import annotations

import contextlib
import functools
import os
from datetime import datetime
from pathlib import Path

import click

from scraper import __version__
from scraper.errors import ScraperError
from scraper.store.backend import is_postgres, open_archive
from scraper.store.contracts import ArchiveStore

DEFAULT_DB = Path("data") / "archive.db"


def default_db() -> str:
    return os.environ.get("SCRAPER_DB") or str(DEFAULT_DB)


def db_option(fn):
    return click.option("--db", "db_path", default=default_db, show_default="data/archive.db or $SCRAPER_DB",
                        type=click.Path(dir_okay=False),
                        help="Archive: an SQLite file, or a postgresql://user@host/dbname URL.")(fn)


def existing_archive(db_path: str, sqlite_only: str | None = None) -> ArchiveStore:
    """Reading commands open an archive that exists: a mistyped --db must not leave an empty one behind.
    `sqlite_only` names a command that reads SQLite alone so far, refused on a PostgreSQL URL."""
    if is_postgres(db_path):
        if sqlite_only:
            raise ScraperError(f"{sqlite_only} reads SQLite archives only, not yet PostgreSQL "
                               "(every other command works on both)")
        return open_archive(db_path)
    if not Path(db_path).is_file():
        raise ScraperError(f"no archive at {db_path} (scraper crawl, or scraper fetch --db, creates one)")
    return open_archive(db_path)


class PublishedDate(click.ParamType):
    """YYYY-MM-DD (or YYYY-MM, YYYY), checked: `published` is compared as ISO text, so a mistyped date would
    otherwise match nothing, or everything, without a word."""
    name = "date"

    def convert(self, value, param, ctx):
        for pattern in ("%Y-%m-%d", "%Y-%m", "%Y"):
            try:
                return datetime.strptime(value, pattern).strftime(pattern)
            except ValueError:
                continue
        self.fail(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", param, ctx)


def filter_options(fn):
    fn = click.option("--site", help="Only this site (host without www.).")(fn)
    fn = click.option("--since", type=PublishedDate(), help="Published on or after (YYYY-MM-DD).")(fn)
    return fn


@contextlib.contextmanager
def usage_errors():
    """What a command was asked to do (a seed, a sites file, a duration) that cannot be read is a usage error
    (exit 2), reported before anything starts."""
    try:
        yield
    except ScraperError as e:
        raise click.UsageError(str(e)) from None


def errors_exit_1(fn):
    """Errors we raise on purpose become a one-line message and exit 1, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ScraperError as e:
            raise click.ClickException(str(e)) from None
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scraper")
def cli() -> None:
    """Crawl news sites into a deduplicated, versioned, searchable SQLite archive."""
