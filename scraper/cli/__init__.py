"""The command line. `cli` is the click group; importing the command modules registers their commands."""
from scraper.cli import archive, commands  # noqa: F401  (registers the commands)
from scraper.cli.common import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli()
