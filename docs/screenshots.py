"""`make docs`: the README's screenshots of `scraper serve`, taken from the demo archive in headless Chromium
(the same browser and server helpers as the tests), so that they are made, never drawn by hand."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import browser, chromium_missing, served  # noqa: E402
from newssite import build_demo_archive  # noqa: E402

SHOTS = {
    "serve-search.png": "/archive/articles?_search=benh+vien+da+khoa",
    "serve-dashboard.png": "/-/dashboards/archive",
}
SEARCH_BOX = "#_search"
CHART = "#chart-per-day svg .mark-symbol.role-mark path"


def main() -> int:
    missing = chromium_missing()
    if missing:
        print(f"screenshots not made: {missing}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        db = build_demo_archive(Path(folder) / "archive.db")
        with served(db) as url, browser() as chromium:
            tab = chromium.new_page(viewport={"width": 1200, "height": 800})
            for name, path in SHOTS.items():
                tab.goto(url + path)
                if "dashboards" in path:
                    tab.wait_for_selector(CHART)
                else:  # past the column descriptions, to the search box, facets and rows
                    tab.locator(SEARCH_BOX).evaluate("box => window.scrollTo(0, box.getBoundingClientRect().top"
                                                     " + window.scrollY - 100)")
                tab.screenshot(path=str(HERE / name))
                print(f"wrote docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
