"""The data dictionary is the one definition of what the archive's tables and columns mean: it covers the
schema as migrated, the README's table is made from it, and datasette's metadata carries it."""
from __future__ import annotations

from pathlib import Path

from scraper.serve.metadata import HIDDEN_TABLES, build_metadata
from scraper.store import Archive
from scraper.store.dictionary import dictionary, readme_tables

HIDDEN = 1  # table_xinfo's mark of a virtual table's hidden column (FTS5's own `rank`); 2 and 3 are computed
README = Path(__file__).resolve().parent.parent / "README.md"


def schema_columns(db_path) -> dict[str, list[str]]:
    with Archive(db_path) as archive:
        tables = [t for t in archive.db.table_names() if t not in HIDDEN_TABLES and not t.startswith("articles_fts_")]
        return {t: [row[1] for row in archive.db.execute(f"PRAGMA table_xinfo([{t}])") if row[6] != HIDDEN]
                for t in tables}


def test_every_table_and_column_of_the_schema_is_described(db_path):
    described = {table.name: list(table.columns) for table in dictionary().tables}
    assert {t: sorted(c) for t, c in described.items()} == {t: sorted(c) for t, c in schema_columns(db_path).items()}
    assert all(text.strip() for table in dictionary().tables for text in table.columns.values())


def test_the_readme_table_is_made_from_the_dictionary():
    assert readme_tables() in README.read_text(encoding="utf-8"), "run `make docs`"


def test_datasette_metadata_carries_the_descriptions_and_searches_through_the_index():
    metadata = build_metadata("archive")
    tables = metadata["databases"]["archive"]["tables"]
    captions = next(table for table in dictionary().tables if table.name == "captions")
    assert tables["captions"]["columns"]["credit"] == captions.columns["credit"]
    assert tables["articles"]["fts_table"] == "articles_fts" and tables["articles"]["fts_pk"] == "id"
    assert "published_month" in tables["articles"]["facets"]
    assert all(tables[name].get("hidden") for name in HIDDEN_TABLES)
