"""The archive's data dictionary (dictionary.toml): table and column descriptions for `scraper serve`, and the
README's table of tables made from them, so that the two never tell different stories."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

README_START = "<!-- tables: made from scraper/store/dictionary.toml by `make docs` -->"
README_END = "<!-- end of tables -->"


@dataclass(frozen=True)
class Table:
    name: str
    rows: str  # what one row is, for "one row per …"
    description: str
    columns: dict[str, str]


@dataclass(frozen=True)
class Dictionary:
    title: str
    description: str
    tables: tuple[Table, ...]


@functools.cache
def dictionary() -> Dictionary:
    data = tomllib.loads(resources.files("scraper.store").joinpath("dictionary.toml").read_text(encoding="utf-8"))
    tables = tuple(Table(name, t["rows"], t["description"], dict(t["columns"])) for name, t in data["tables"].items())
    return Dictionary(data["title"], data["description"], tables)


def readme_tables() -> str:
    """The README's table of tables, between its markers."""
    lines = [README_START, "| table | one row per | columns |", "|---|---|---|"]
    for table in dictionary().tables:
        columns = ", ".join(f"`{name}`" for name in table.columns)
        lines.append(f"| `{table.name}` | {table.rows} | {columns} |")
    return "\n".join([*lines, README_END])


def update_readme(text: str) -> str:
    """README text with its table of tables made anew from the dictionary."""
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    return text[:start] + readme_tables() + text[end:]


if __name__ == "__main__":
    import pathlib
    import sys
    readme = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    readme.write_text(update_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
