"""The crawler, one concern a module: scope.py (which links a run queues), scheduler.py (whose turn: per-site
Slots and claims), worker.py (robots, fetch, parse hand-off), outcome.py (what became of a URL, and recording
it), crawler.py (the loop), progress.py (summary and terminal display), run.py (one locked run)."""
from scraper.crawl.crawler import Crawler
from scraper.crawl.progress import Progress, Summary
from scraper.crawl.run import crawl

__all__ = ["Crawler", "Progress", "Summary", "crawl"]
