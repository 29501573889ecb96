# antq-kg: the two commands a newcomer runs are `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
STORE ?= .antq/store
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test lint typecheck jstest chromium virtuoso unit bench gazetteer links clean

$(STAMP): pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: install, build the graph from data/, validate it, serve SPARQL on $(HOST):$(PORT)
serve: $(STAMP)
	$(VENV)/bin/antq-kg --store $(STORE) build --replace data/articles
	$(VENV)/bin/antq-kg --store $(STORE) validate
	$(VENV)/bin/antq-kg --store $(STORE) serve --host $(HOST) --port $(PORT)

## test: install with test extras, lint, type-check, run the whole suite
test: $(STAMP) lint typecheck jstest unit

lint: $(STAMP)
	$(PY) -m ruff check src tests bench scripts
	$(PY) -m ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(PY) -m mypy

## jstest: the query page's JavaScript logic (src/antq_kg/web/static/results.js) under node's test runner
jstest:
	node --test tests/browser/js/

## chromium: Debian's chromium for the browser tests, installed once when missing (never inside pytest)
chromium:
	sh scripts/ensure-chromium.sh

## virtuoso: Debian's Virtuoso server binaries for the remote-store tests, installed once when missing
virtuoso:
	sh scripts/ensure-virtuoso.sh

unit: $(STAMP) chromium virtuoso
	$(PY) -m pytest

## bench: the speed and memory figures, quick sizes (bench/README.md: what each means, its goal, the full runs)
BENCH_QUICK := bench/bench_build.py bench/bench_validate.py bench/bench_soak.py
bench: $(STAMP)
	for b in $(filter-out $(BENCH_QUICK),$(wildcard bench/bench_*.py)); do $(PY) $$b || exit 1; done
	for b in $(BENCH_QUICK); do $(PY) $$b --quick || exit 1; done

## gazetteer: regenerate data/gazetteer/ from the pinned PyPI packages (see data/gazetteer/README.md)
gazetteer: $(STAMP)
	$(PY) scripts/build_gazetteer.py

## links: regenerate data/links/wikidata-admin.ttl from data/links/source/ and the gazetteer (see data/links/README.md)
links: $(STAMP)
	$(PY) scripts/build_links.py

clean:
	rm -rf .antq .pytest_cache .mypy_cache .ruff_cache
