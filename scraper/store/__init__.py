"""The SQLite archive: the only package that writes SQL."""
from scraper.store.archive import Archive, Outcome, Saved
from scraper.store.database import utcnow

__all__ = ["Archive", "Outcome", "Saved", "utcnow"]
