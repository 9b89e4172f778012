# Two entry points for a newcomer: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-all bench docs install clean

$(BIN)/scraper: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,serve,parquet,postgres]'
	touch $@

install: $(BIN)/scraper

demo: install
	$(BIN)/python -m scraper.demo

test: install
	$(BIN)/python -m pytest -m "not slow"

test-all: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/pip install -q -e '.[test,bench,postgres]'
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/scale.py

docs: install
	$(BIN)/python -m scraper.store.dictionary README.md
	$(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) data/archive.db*
