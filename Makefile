# Two commands do everything on a fresh machine:
#   make build   creates .venv with ropa, installs Graphviz and LibreOffice if missing (the data map, the PDF), then
#                validates every register and writes it into output/ as .xlsx, .docx, .pdf, .html and the map's .svg
#   make test    adds the developer tools, installs LibreOffice, Graphviz and Chromium if missing, runs lint, types and tests
# Both install exact versions with hashes from requirements/*.txt (the lock); `make lock` refreshes it and
# `make test-latest` runs the suite on the newest releases that pyproject.toml's ranges allow.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := $(VENV)/.installed-run
DEV := $(VENV)/.installed-dev
LOCK_RUN := requirements/run.txt
LOCK_DEV := requirements/dev.txt
# pip-compile with hashes for every file of each pinned release, without this machine's index settings
COMPILE = .venv-lock/bin/pip-compile --quiet $(UPGRADE) --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --annotation-style line
UPGRADE ?= --upgrade

.PHONY: build test test-latest lock lint typecheck schema docs data office map browser clean bench mutation

$(VENV)/bin/python:
	$(PY) -m venv $(VENV) || { ./scripts/install-system-deps venv && rm -rf $(VENV) && $(PY) -m venv $(VENV); }

# The lock first (pip and setuptools included), then ropa itself with nothing more from the index.
$(RUN): pyproject.toml $(LOCK_RUN) | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK_RUN)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(RUN)

$(DEV): pyproject.toml $(LOCK_DEV) $(RUN)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK_DEV)
	touch $(DEV)

# --pdf converts each Word register with LibreOffice; Graphviz draws the data map (both installed where missing)
build: $(RUN) map office
	$(BIN)/ropa build --html --pdf --out output

office:
	@./scripts/install-system-deps office

# Graphviz draws the data map (output/<id>-map.svg, and the pictures in the .docx and .xlsx)
map:
	@./scripts/install-system-deps map

browser:
	@./scripts/install-system-deps browser

lint: $(DEV)
	$(BIN)/ruff check ropa tests benchmarks
	$(BIN)/ruff format --check ropa tests benchmarks

typecheck: $(DEV)
	$(BIN)/mypy

schema: $(RUN)
	$(BIN)/ropa schema

docs: $(RUN)
	$(BIN)/python -m ropa.cli_reference
	$(BIN)/python -m ropa.format_doc

data: $(DEV)
	$(BIN)/python -m ropa.data.generate_countries
	$(BIN)/python -m ropa.data.generate_languages

test: $(DEV) office map browser lint typecheck
	$(BIN)/ropa schema --check
	$(BIN)/pytest

# Re-resolve the lock from pyproject.toml's ranges: the newest releases (UPGRADE= keeps today's pins and
# only adds what pyproject.toml newly asks for). Run `make test-latest` first.
lock:
	rm -rf .venv-lock && $(PY) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.6.2
	$(COMPILE) -o $(LOCK_RUN) pyproject.toml requirements/bootstrap.in
	$(COMPILE) --extra dev -c $(LOCK_RUN) -o $(LOCK_DEV) pyproject.toml requirements/bootstrap.in
	rm -rf .venv-lock

# The whole suite in a throwaway venv with the newest releases the ranges allow (not the lock):
# for a maintainer, before `make lock`. CI runs the locked set.
test-latest: office map browser
	rm -rf .venv-latest && $(PY) -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --upgrade pip
	.venv-latest/bin/pip install --quiet --upgrade -e '.[dev]'
	.venv-latest/bin/pip list --format freeze > .venv-latest/versions.txt
	.venv-latest/bin/ruff check ropa tests benchmarks
	.venv-latest/bin/mypy
	.venv-latest/bin/pytest -p no:cacheprovider

bench: $(DEV)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_checks.py
	$(BIN)/python benchmarks/bench_excel.py
	$(BIN)/python benchmarks/bench_word.py
	$(BIN)/python benchmarks/bench_quotes.py
	$(BIN)/python benchmarks/bench_import.py

# Mutation testing of the checks and the loader (mutmut, configured in pyproject.toml); not part of test or CI.
# One module at a time: make mutation MUTANTS='ropa.checks.claims*'
MUTANTS ?=
mutation: $(DEV)
	$(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python scripts/mutation_score.py

clean:
	rm -rf $(VENV) .venv-lock .venv-latest mutants output/*.xlsx output/*.docx output/*.svg output/*.html output/*.pdf
