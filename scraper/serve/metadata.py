"""What datasette shows about the archive: the data dictionary's descriptions, full-text search wired to
`articles_fts`, facets, canned queries and the charts' dashboard."""
from __future__ import annotations

import html
import tomllib
from importlib import resources
from typing import TYPE_CHECKING, Any

from scraper.store.dictionary import dictionary

if TYPE_CHECKING:
    from scraper.config import SiteConfig

HIDDEN_TABLES = ("_sqlite_migrations", "fts_deferred")
ARTICLE_FACETS = ["site", "category", "published_month"]
DASHBOARD = "archive"
CHART_RENDERING = {"usermeta": {"embedOptions": {"renderer": "svg", "actions": False}}}
"""Vega-Embed reads its options from the spec: SVG marks are elements (a test counts them), and the export
menu would offer an online editor."""


def queries_file() -> dict[str, Any]:
    return tomllib.loads(resources.files("scraper.serve").joinpath("queries.toml").read_text(encoding="utf-8"))


def build_metadata(database: str, sites: list[SiteConfig] = ()) -> dict[str, Any]:
    """datasette metadata for the archive file that datasette names `database`."""
    book = dictionary()
    definitions = queries_file()
    return {
        "title": book.title,
        "description": book.description,
        "databases": {database: {
            "description_html": _sites_html(sites),
            "tables": {**_tables(), **{name: {"hidden": True} for name in HIDDEN_TABLES}},
            "queries": {name: {"title": q["title"], "description": q["description"], "sql": q["sql"].strip()}
                        for name, q in definitions["queries"].items()},
        }},
        "plugins": {"datasette-dashboards": {DASHBOARD: _dashboard(database, definitions)}},
    }


def _tables() -> dict[str, dict]:
    tables = {table.name: {"description": table.description, "columns": table.columns}
              for table in dictionary().tables}
    tables["articles"].update(fts_table="articles_fts", fts_pk="id", facets=ARTICLE_FACETS, sort_desc="published",
                              label_column="title")
    tables["pages"]["sort_desc"] = "fetched_at"
    tables["crawl_runs"]["sort_desc"] = "id"
    return tables


def _sites_html(sites: list[SiteConfig]) -> str:
    """Each site's licence and source line, where the sites file gives them."""
    lines = []
    for site in sites:
        terms = [f"licence: {site.license}" if site.license else "", f"source: {site.source}" if site.source else ""]
        if any(terms):
            lines.append(f"<li><strong>{html.escape(site.name)}</strong> ({html.escape(site.key)}): "
                         f"{html.escape('; '.join(t for t in terms if t))}</li>")
    return f"<p>Sites and their terms:</p><ul>{''.join(lines)}</ul>" if lines else ""


def _dashboard(database: str, definitions: dict[str, Any]) -> dict[str, Any]:
    charts = {}
    for slug, chart in definitions["charts"].items():
        encoding = {channel: chart[channel] for channel in ("x", "y", "color") if channel in chart}
        charts[slug] = {"title": chart["title"], "db": database, "query": chart["sql"].strip(),
                        "library": "vega-lite",
                        "display": {"mark": chart["mark"], "encoding": encoding, **CHART_RENDERING}}
    return {**definitions["dashboard"], "charts": charts}
