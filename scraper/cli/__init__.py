"""The command line. `cli` is the click group; importing the command modules registers their commands."""
import sys

import click

from scraper.cli import archive, commands  # noqa: F401  (registers the commands)
from scraper.cli.common import cli

__all__ = ["cli", "main"]


def main() -> None:
    """The command line, with one more net: a PostgreSQL server lost in the middle of a command is a one-line
    error (exit 1), never a traceback."""
    try:
        cli()
    except Exception as error:
        from scraper.store.postgres.connection import server_failure
        if (message := server_failure(error)) is None:
            raise
        click.echo(f"error: {message}", err=True)
        sys.exit(1)
