"""Which links a run queues, and for which site: each site has its own scope (its allow/deny rules, depth and
the links it was already offered), and every link goes to the scope of its own site, whichever page it was
found on. Print versions are never queued: pages name them (extract/alternates.py) and they become aliases;
the ones only their URL gives away (print=1, /print/) are recognized here."""
from __future__ import annotations

from collections.abc import Iterable

from scraper.config import SiteConfig
from scraper.discover import KIND_PRIORITY, classify
from scraper.store.frontier import FrontierEntry
from scraper.urls import is_non_html, is_print_url, site_of

OFFERED_MEMORY = 100_000  # links remembered as already offered, over all sites (a few MB)
MIN_OFFERED_PER_SITE = 10_000  # a crawl of many sites still remembers a menu's worth of links for each


class RecentSet:
    """Membership of the most recently added `size` keys; older ones are forgotten, so memory stays flat on a
    crawl of any length (the frontier remains the authority, this only saves asking it again)."""

    def __init__(self, size: int):
        self.size = size
        self._keys: dict[str, None] = {}

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        self._keys[key] = None
        if len(self._keys) > self.size:
            del self._keys[next(iter(self._keys))]


def frontier_row(url: str, site: str, depth: int, found_on: str | None, kind: str | None = None) -> dict:
    kind = kind or classify(url)
    return {"url": url, "site": site, "kind": kind, "depth": depth, "priority": KIND_PRIORITY[kind],
            "found_on": found_on}


class Scope:
    """One site's rules for the links offered to it in this run."""

    def __init__(self, site: SiteConfig, memory: int):
        self.site = site
        self._offered = RecentSet(memory)

    def admits(self, url: str, kind: str | None) -> bool:
        """Menus and sidebars repeat on every page: each link is decided once per run."""
        if url in self._offered:
            return False
        self._offered.add(url)
        if not self.site.accepts(url) or is_print_url(url):
            return False
        return kind is not None or not is_non_html(url)


class Scopes:
    """The scopes of all the run's sites; links of sites outside the run are dropped."""

    def __init__(self, sites: Iterable[SiteConfig], max_depth: int):
        sites = list(sites)
        memory = max(OFFERED_MEMORY // max(len(sites), 1), MIN_OFFERED_PER_SITE)
        self._scopes = {site.key: Scope(site, memory) for site in sites}
        self.max_depth = max_depth

    def route(self, urls: Iterable[str], parent: FrontierEntry | None,
              kinds: dict[str, str] | None = None) -> dict[str, list[dict]]:
        """Frontier rows for the admitted links, by the site each belongs to."""
        depth = parent.depth + 1 if parent else 1
        if depth > self.max_depth:
            return {}
        rows: dict[str, list[dict]] = {}
        for url in urls:
            key = site_of(url)
            scope = self._scopes.get(key)
            kind = (kinds or {}).get(url)
            if scope is not None and scope.admits(url, kind):
                rows.setdefault(key, []).append(frontier_row(url, key, depth, parent.url if parent else None, kind))
        return rows
