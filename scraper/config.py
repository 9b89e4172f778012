"""Crawl configuration: defaults in one place, sites from sites.toml, CLI overrides with dataclasses.replace."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from scraper.errors import ConfigError, ScraperError
from scraper.extract.profiles import bundled_profiles
from scraper import defaults
from scraper.fetch import FetchConfig
from scraper.parse_pool import DEFAULT_TIMEOUT, default_processes
from scraper.urls import canonicalize, site_of

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}



def parse_duration(text: str | float | int) -> float:
    """`90`, `30m`, `12h`, `1d`, `2w` → seconds."""
    if isinstance(text, (int, float)):
        return float(text)
    match = _DURATION.match(str(text))
    if not match:
        raise ConfigError(f"not a duration: {text!r} (use e.g. 30m, 12h, 1d)")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


@dataclass(frozen=True)
class SiteConfig:
    name: str
    start_urls: tuple[str, ...]
    allow: tuple[re.Pattern, ...] = ()
    deny: tuple[re.Pattern, ...] = ()
    timezone: str | None = None
    delay: float | None = None
    max_pages: int | None = None
    recrawl_after: float | None = None
    profile: str | None = None  # a bundled profile's name, applied without matching
    license: str | None = None  # the terms the site's content is under, shown by `scraper serve`
    source: str | None = None  # the publisher line analysts should cite, shown by `scraper serve`

    @property
    def key(self) -> str:
        return site_of(self.start_urls[0])

    def accepts(self, url: str) -> bool:
        path = url.split("://", 1)[-1]
        path = path[path.find("/"):] if "/" in path else "/"
        if any(p.search(path) for p in self.deny):
            return False
        return not self.allow or any(p.search(path) for p in self.allow)


@dataclass(frozen=True)
class CrawlConfig:
    """One run's settings; the HTTP ones (User-Agent, timeouts, limits, retries) are `fetch`'s."""
    delay: float = defaults.DELAY
    concurrency: int = defaults.CONCURRENCY
    max_pages: int | None = None
    max_depth: int = defaults.MAX_DEPTH
    recrawl_after: float = field(default_factory=lambda: parse_duration(defaults.RECRAWL_AFTER))
    max_retry_wait: float = 120.0  # a retry due later than this waits for the next run, not this one
    fetch: FetchConfig = field(default_factory=FetchConfig)
    parse_processes: int = field(default_factory=default_processes)
    parse_timeout: float = DEFAULT_TIMEOUT  # seconds one page may take in a parsing process before it is killed
    commit_every: float = 0.5  # seconds of finished pages per transaction
    lease: float = defaults.LEASE  # PostgreSQL: how long a claim is this worker's alone


_SITE_KEYS = {f.name for f in fields(SiteConfig)}


def _patterns(values, where: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(v) for v in (values or []))
    except re.error as e:
        raise ConfigError(f"{where}: bad pattern: {e}") from None


def site_from_dict(data: dict, where: str) -> SiteConfig:
    unknown = set(data) - _SITE_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    starts = data.get("start_urls") or []
    if not starts:
        raise ConfigError(f"{where}: start_urls is required")
    try:
        start_urls = tuple(canonicalize(u) for u in starts)
    except ScraperError as e:
        raise ConfigError(f"{where}: {e}") from None
    return SiteConfig(
        name=str(data.get("name") or site_of(start_urls[0])), start_urls=start_urls,
        allow=_patterns(data.get("allow"), where), deny=_patterns(data.get("deny"), where),
        timezone=data.get("timezone"),
        delay=float(data["delay"]) if "delay" in data else None,
        max_pages=int(data["max_pages"]) if "max_pages" in data else None,
        recrawl_after=parse_duration(data["recrawl_after"]) if "recrawl_after" in data else None,
        profile=_known_profile(data.get("profile"), where),
        license=_text(data, "license", where), source=_text(data, "source", where),
    )


def _text(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key} must be text")
    return value


def _known_profile(name: str | None, where: str) -> str | None:
    known = {p.name for p in bundled_profiles()}
    if name is not None and name not in known:
        raise ConfigError(f"{where}: unknown profile {name!r}; bundled: {', '.join(sorted(known))}")
    return name


def load_sites(path: str | Path) -> list[SiteConfig]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"cannot read {path}: {e}") from None
    sites = data.get("site") or data.get("sites") or []
    if not isinstance(sites, list) or not sites:
        raise ConfigError(f"{path}: no [[site]] tables")
    return [site_from_dict(s, f"{path} [[site]] #{i + 1}") for i, s in enumerate(sites)]


def sites_from_seeds(seeds: list[str]) -> list[SiteConfig]:
    """Seed URLs on the command line: one site per host, every same-site page allowed."""
    by_site: dict[str, list[str]] = {}
    for seed in seeds:
        url = canonicalize(seed)
        by_site.setdefault(site_of(url), []).append(url)
    return [SiteConfig(name=key, start_urls=tuple(urls)) for key, urls in by_site.items()]
