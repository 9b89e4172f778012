"""scraper: a news-article crawler and archiver. The CLI is a thin layer over this API."""
from scraper.errors import ExtractionError, FetchError, InvalidURL, ScraperError
from scraper.extract import extract
from scraper.models import Article, Caption, RelatedLink

__version__ = "0.1.0"
__all__ = ["extract", "Article", "Caption", "RelatedLink", "ScraperError", "FetchError", "InvalidURL",
           "ExtractionError", "__version__"]
