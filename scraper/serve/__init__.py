"""`scraper serve`: the archive in a browser through datasette, read-only while crawls keep writing.

datasette is an optional extra (`pip install 'scraper[serve]'`): the crawler and the CLI never need it."""
from __future__ import annotations

import socket
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


READ_METHODS = ("GET", "HEAD")


def read_only(app):
    """Only GET and HEAD reach datasette: the archive has no write endpoint, whatever plugins are installed
    (and datasette 0.65 answers a POST to a read-only canned query with a traceback)."""
    async def guarded(scope, receive, send):
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            await send({"type": "http.response.start", "status": 405,
                        "headers": [(b"allow", b"GET, HEAD"), (b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"This archive is read-only.\n"})
            return
        await app(scope, receive, send)
    return guarded


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the server starts: a busy port is our one-line error, and port 0
    gets a free port that the caller can name."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as e:
        raise ScraperError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def serve(db_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, sites: list[SiteConfig] = (),
          announce=print) -> None:
    """Serve until interrupted; `announce` gets the URL once the socket is bound."""
    import uvicorn
    app = read_only(make_datasette(db_path, sites).app())
    sock = listen(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    announce(f"serving {db_path} at http://{shown}:{bound_port}/ (read-only; Ctrl-C stops)")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])
