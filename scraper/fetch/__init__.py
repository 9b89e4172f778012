"""HTTP for the crawler and for one-off fetches: a transport (transport.py), the policies it is used under
(policy.py: limits, statuses, retries) and bounded reading (limits.py), composed by the Fetcher (fetcher.py)."""
from scraper.fetch.fetcher import Fetcher, fetch_with_retries
from scraper.fetch.policy import (DEFAULT_USER_AGENT, FEED_TYPES, HTML_TYPES, FetchConfig, RetryPolicy, media_type,
                                  parse_retry_after)
from scraper.fetch.transport import connection_problem

__all__ = ["Fetcher", "fetch_with_retries", "FetchConfig", "RetryPolicy", "DEFAULT_USER_AGENT", "HTML_TYPES",
           "FEED_TYPES", "media_type", "parse_retry_after", "connection_problem"]
