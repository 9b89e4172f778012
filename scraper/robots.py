"""robots.txt per host via protego: 4xx means allow all; 5xx or no answer means disallow for this run (RFC 9309)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from scraper.errors import FetchError, InvalidURL, TransientError
from scraper.fetch import Fetcher

MAX_ROBOTS_BYTES = 512_000
ROBOTS_TYPES = frozenset({"text/plain", "text/html", "application/octet-stream", ""})


@dataclass(frozen=True)
class RobotsRules:
    """One host's rules. `unreachable` hosts are disallowed entirely until a later run asks again."""
    parser: Protego | None
    user_agent: str
    unreachable: bool = False

    def allowed(self, url: str) -> bool:
        if self.unreachable:
            return False
        return self.parser is None or self.parser.can_fetch(url, self.user_agent)

    def crawl_delay(self) -> float | None:
        delay = self.parser.crawl_delay(self.user_agent) if self.parser else None
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser else []


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def parse_robots(body: bytes, user_agent: str) -> RobotsRules:
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
    return RobotsRules(Protego.parse(text), user_agent)


class RobotsCache:
    """Fetched once per host per run; threads asking for the same host wait for the first answer."""

    def __init__(self, fetcher: Fetcher):
        self.fetcher = fetcher
        self.token = fetcher.config.robots_token
        self._rules: dict[str, RobotsRules] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}

    def rules_for(self, url: str, allow_internal: bool) -> tuple[RobotsRules, bool]:
        """The host's rules, and whether this call had to request robots.txt (a request the delay applies to)."""
        key = robots_url(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(key, threading.Lock())
        with host_lock:
            if key in self._rules:
                return self._rules[key], False
            self._rules[key] = self._load(key, allow_internal)
            return self._rules[key], True

    def _load(self, url: str, allow_internal: bool) -> RobotsRules:
        try:
            response = self.fetcher.fetch(url, accept=ROBOTS_TYPES | {"text/x-robots"}, allow_internal=allow_internal)
        except TransientError:
            return RobotsRules(None, self.token, unreachable=True)
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500:
                return RobotsRules(None, self.token)
            if e.status is not None and e.status >= 500:
                return RobotsRules(None, self.token, unreachable=True)
            return RobotsRules(None, self.token)
        except InvalidURL:
            return RobotsRules(None, self.token, unreachable=True)
        return parse_robots(response.body or b"", self.token)
