"""`python -m scraper` runs the CLI."""
from scraper.cli import main

main()
