"""The SQLite archive: the only package that writes SQL."""
from scraper.store.archive import Archive, FetchedPage, Outcome, Saved, utcnow

__all__ = ["Archive", "FetchedPage", "Outcome", "Saved", "utcnow"]
