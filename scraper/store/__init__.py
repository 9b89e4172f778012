"""The archive and the frontier, the only package that writes SQL: SQLite in these modules (the default),
PostgreSQL in postgres/ behind the same contracts (contracts.py); backend.py picks one from `--db`."""
from scraper.store.archive import Archive, Outcome, Saved
from scraper.store.database import utcnow

__all__ = ["Archive", "Outcome", "Saved", "utcnow"]
