"""`scraper serve`: the archive in a browser through datasette, read-only while crawls keep writing.

datasette is an optional extra (`pip install 'scraper[serve]'`): the crawler and the CLI never need it."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scraper.errors import ScraperError

if TYPE_CHECKING:
    from scraper.config import SiteConfig

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
SETTINGS = {"allow_download": False, "default_page_size": 50, "sql_time_limit_ms": 5000, "truncate_cells_html": 400}
"""No download of the whole file (it can be gigabytes); a query may take 5 s, enough for a GROUP BY over
200,000 articles; long bodies are cut in table views and shown whole on an article's own page."""


def _datasette():
    try:
        from datasette.app import Datasette
    except ImportError:
        raise ScraperError("scraper serve needs datasette: pip install 'scraper[serve]'") from None
    return Datasette


def make_datasette(db_path: str, sites: list[SiteConfig] = ()):
    """A datasette over the archive, opened read-only (`mode=ro`: datasette never writes to a mutable file)."""
    from scraper.serve.metadata import build_metadata
    path = Path(db_path)
    return _datasette()([str(path)], metadata=build_metadata(path.stem, sites), settings=SETTINGS)


def serve(db_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, sites: list[SiteConfig] = ()) -> None:
    import uvicorn
    app = make_datasette(db_path, sites).app()
    uvicorn.run(app, host=host, port=port, log_level="warning")
