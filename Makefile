# Task runner. Quick start: `make run` (set up, build demo data, start the
# dashboard) and `make test` (the whole test suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
PORT ?= 8501
# pytest-xdist workers for the fast tiers (this machine has 2 cores); `make test-fast WORKERS=0`
# runs in one process. pytest exits 5 when it collected no test, which fails the target.
WORKERS ?= 2
PYTEST := $(BIN)/pytest

.PHONY: setup etl db run test test-fast test-browser lint format bench schema clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install pinned dependencies

etl: setup  ## build a new database from data/raw (demo data when empty) and publish it
	$(BIN)/energiezukunft etl

db: setup  ## build the database only if none is published yet
	@test -f data/processed/current.txt || $(BIN)/energiezukunft etl

run: db  ## start the dashboard on the served database
	$(BIN)/streamlit run streamlit_app.py --server.port $(PORT)

test: test-fast test-browser  ## the whole test suite (unit, integration, app, then browser)

test-fast: setup  ## unit, integration and app tests, no browser (two workers, <= 2 min)
	$(PYTEST) -m "not browser" -n $(WORKERS) --dist loadfile

test-browser: setup  ## the browser tier alone: the real app in headless Chromium
	$(PYTEST) -m browser

lint: setup  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup  ## benchmarks (not part of the test suite); prints a table
	$(BIN)/python -m bench

schema: setup  ## regenerate docs/schema.md from etl/schema/
	$(BIN)/energiezukunft schema

clean:
	rm -rf data/processed/*.duckdb data/processed/current.txt data/raw/demo
