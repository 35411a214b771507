# Two commands for a newcomer: `make test` and `make crawl`. Each builds the virtualenv
# from pyproject.toml first (only Python 3.10+ and make are needed), with the versions
# in constraints.txt: the ones the suite last passed on.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= output/news.db
CONSTRAINTS := constraints.txt
# The oldest and newest CPython the project supports (requires-python and the newest on
# this machine): pyenv's, when there, else whatever python3.10 / python3.13 is on PATH.
PYTHON_OLDEST ?= $(lastword python3.10 $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10))
PYTHON_NEWEST ?= $(lastword python3.13 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13))

.PHONY: all venv test lint crawl demo bench clean lock test-minimums test-pythons \
	test-oldest test-newest check-install

all: test

# Python's bundled pip, not upgraded: the venv is built as a user's would be.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test]'
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
	$(BIN)/python bench/bench_max_runtime.py

# A fresh virtualenv $(1) from interpreter $(2), the project installed with the
# constraints file $(3), then ruff and the whole suite in it. Each suite takes minutes:
# these targets run one after another, never in parallel.
define suite_in
	rm -rf $(1)
	$(2) -m venv $(1)
	$(1)/bin/python -m pip install --quiet -c $(3) -e '.[test]'
	$(1)/bin/python -m pip list --format=freeze > $(1)/versions.txt
	$(1)/bin/python --version
	$(1)/bin/python -m ruff check .
	$(1)/bin/python -m pytest -p no:cacheprovider
endef

# The declared floors are true: every `>=` of pyproject.toml pinned (`==floor`), on the
# oldest supported CPython. The exact versions run are left in .venv-minimums/versions.txt.
test-minimums:
	$(PYTHON) .ci/floors.py > .floors.txt
	$(call suite_in,.venv-minimums,$(PYTHON_OLDEST),.floors.txt)

# The supported Pythons: the oldest and the newest CPython, with constraints.txt.
test-pythons: test-oldest test-newest

test-oldest:
	$(call suite_in,.venv-oldest,$(PYTHON_OLDEST),$(CONSTRAINTS))

test-newest:
	$(call suite_in,.venv-newest,$(PYTHON_NEWEST),$(CONSTRAINTS))

# What a new user does, outside make: a venv with Python's bundled pip, not upgraded,
# `pip install .` without constraints; then every extraction layer must import, and
# `newscrawl doctor` must list each as available.
check-install:
	rm -rf .venv-plain
	$(PYTHON) -m venv .venv-plain
	.venv-plain/bin/python -m pip --version
	.venv-plain/bin/python -m pip install --quiet .
	.venv-plain/bin/python -c 'import trafilatura, justext, lxml.html.clean'
	cd /tmp && $(CURDIR)/.venv-plain/bin/newscrawl doctor \
		$(CURDIR)/tests/fixtures/articles/mirror_bitrix_en_seed.html --lang en \
		> $(CURDIR)/.venv-plain/doctor.txt
	cat .venv-plain/doctor.txt
	grep -q '^    trafilatura  available' .venv-plain/doctor.txt
	grep -q '^    htmldate     available' .venv-plain/doctor.txt
	! grep -q 'NOT AVAILABLE' .venv-plain/doctor.txt

# constraints.txt anew: the newest releases pyproject.toml allows, resolved in fresh
# virtualenvs of the oldest and the default CPython (pins they do not share get a marker,
# .ci/lock.py). Run `make test test-pythons test-minimums` before committing the new file.
define freeze_in
	rm -rf $(1)
	$(2) -m venv $(1)
	$(1)/bin/python -m pip install --quiet '.[test]'
	$(1)/bin/python -m pip freeze --exclude-editable > $(1)/freeze.txt
endef

lock:
	$(call freeze_in,.venv-lock-oldest,$(PYTHON_OLDEST))
	$(call freeze_in,.venv-lock,$(PYTHON))
	$(PYTHON) .ci/lock.py .venv-lock-oldest/freeze.txt \
		"$$($(PYTHON_OLDEST) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
		.venv-lock/freeze.txt > $(CONSTRAINTS)
	rm -rf .venv-lock .venv-lock-oldest

clean:
	rm -rf $(VENV) .venv-minimums .venv-oldest .venv-newest .venv-plain .venv-lock* \
		.floors.txt .pytest_cache .ruff_cache *.egg-info
