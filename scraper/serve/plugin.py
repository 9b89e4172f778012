"""datasette hooks for the archive: the search's accent folding, readable bodies and diffs, the raw page of a
`pages` row. Loaded by `scraper serve`, and by a plain `datasette archive.db` too (an entry point)."""
from __future__ import annotations

import zlib

from datasette import hookimpl
from datasette.utils import escape_fts
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from scraper.extract.encoding import decode_html
from scraper.report import version_diff
from scraper.similarity import fold
from scraper.store.schema import fold_letters

BODY_COLUMNS = {("articles", "body"), ("article_versions", "body")}
BODY_STYLE = "max-height: 24em; overflow-y: auto; min-width: 30em"
"""A body keeps its paragraphs and scrolls inside its cell, so a table of 50 articles stays a table."""
DIFF_COLUMN = "latest_diff"
RAW_PAGE_PATH = "/-/raw-page/{}"
RAW_PAGE_ROUTE = "^" + RAW_PAGE_PATH.format(r"(?P<id>\d+)") + "$"


def folded_escape_fts(query: str) -> str:
    """datasette's quoting of a search, after the letters the index folds (đ, Ð) are folded the same way."""
    return escape_fts(fold_letters(query))


def diff_sql(old_version, old_title, old_body, new_version, new_title, new_body) -> str:
    return version_diff({"version": old_version, "title": old_title, "body": old_body},
                        {"version": new_version, "title": new_title, "body": new_body})


@hookimpl(trylast=True)
def prepare_connection(conn) -> None:
    """Last, so that our `escape_fts` replaces datasette's own: `?_search=Đà` must meet the folded index."""
    conn.create_function("escape_fts", 1, folded_escape_fts, deterministic=True)
    conn.create_function("scraper_fold", 1, lambda text: fold(text) if text is not None else None,
                         deterministic=True)
    conn.create_function("scraper_diff", 6, diff_sql, deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if (table, column) in BODY_COLUMNS and isinstance(value, str):
        paragraphs = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in value.split("\n\n"))
        return Markup(f'<div style="{BODY_STYLE}">{paragraphs}</div>')
    if column == DIFF_COLUMN and isinstance(value, str):
        return Markup(f'<pre style="white-space: pre-wrap">{escape(value)}</pre>')
    if (table, column) == ("articles", "page_id") and isinstance(value, int):
        url = datasette.urls.row(database, "pages", str(value))
        return Markup(f'<a href="{escape(url)}">page {value}</a>')
    if (table, column) == ("pages", "body") and isinstance(value, bytes):
        url = datasette.urls.path(RAW_PAGE_PATH.format(row["id"]))
        return Markup(f'<a href="{escape(url)}">raw page</a> ({len(value):,} bytes compressed)')
    return None


async def raw_page(datasette, request) -> Response:
    """The page as fetched, decompressed and decoded as the extractor decodes it, as plain text: its scripts
    never run in the analyst's browser."""
    database = datasette.get_database()
    rows = await database.execute("SELECT body, encoding FROM pages WHERE id = ?", [int(request.url_vars["id"])])
    row = rows.first()
    if row is None or row["body"] is None:
        raise NotFound("no stored body for that page")
    text, _ = decode_html(zlib.decompress(row["body"]), row["encoding"])  # a server's bad label is no error
    return Response.text(text)


@hookimpl
def register_routes():
    return [(RAW_PAGE_ROUTE, raw_page)]
