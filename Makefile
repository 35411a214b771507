# Two commands for a newcomer: `make test` and `make crawl`. Each builds the virtualenv
# from pyproject.toml first (only Python 3.10+ and make are needed).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= output/news.db

.PHONY: all venv test lint crawl demo bench clean

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .

# The whole suite: unit, fixture, end-to-end (mirror on 127.0.0.1), Scrapyd.
test: $(STAMP) lint
	$(BIN)/python -m pytest

# The main job: crawl the live site (both languages) into $(DB), incrementally.
crawl: $(STAMP)
	$(BIN)/newscrawl crawl --lang en --db $(DB)
	$(BIN)/newscrawl crawl --lang ru --db $(DB)

# Watch the whole job offline: serve the bundled mirror on loopback and crawl it.
demo: $(STAMP)
	$(BIN)/newscrawl demo

bench: $(STAMP)
	$(BIN)/python bench/bench_crawl.py
	$(BIN)/python bench/bench_storage.py
	$(BIN)/python bench/bench_incremental.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
