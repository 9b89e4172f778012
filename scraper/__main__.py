"""`python -m scraper` runs the CLI (guarded: parsing processes started by spawn import this module too)."""
from scraper.cli import main

if __name__ == "__main__":
    main()
