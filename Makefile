# Two commands do everything on a fresh machine:
#   make build   creates .venv with ropa, then validates and renders every register into output/
#   make test    adds the developer tools, installs LibreOffice if missing, runs lint, types and tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := $(VENV)/.installed-run
DEV := $(VENV)/.installed-dev

.PHONY: build test lint typecheck schema docs data office clean bench mutation

$(VENV)/bin/python:
	$(PY) -m venv $(VENV) || { ./scripts/install-system-deps venv && rm -rf $(VENV) && $(PY) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

$(RUN): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $(RUN)

$(DEV): pyproject.toml $(RUN)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV)

build: $(RUN)
	$(BIN)/ropa build --out output

office:
	@./scripts/install-system-deps office

lint: $(DEV)
	$(BIN)/ruff check ropa tests benchmarks
	$(BIN)/ruff format --check ropa tests benchmarks

typecheck: $(DEV)
	$(BIN)/mypy

schema: $(RUN)
	$(BIN)/ropa schema

docs: $(RUN)
	$(BIN)/python -m ropa.cli_reference

data: $(DEV)
	$(BIN)/python -m ropa.data.generate_countries

test: $(DEV) office lint typecheck
	$(BIN)/ropa schema --check
	$(BIN)/pytest

bench: $(DEV)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_excel.py
	$(BIN)/python benchmarks/bench_word.py

# Mutation testing of the checks and the loader (mutmut, configured in pyproject.toml); not part of test or CI.
# One module at a time: make mutation MUTANTS='ropa.checks.claims*'
MUTANTS ?=
mutation: $(DEV)
	$(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/python scripts/mutation_score.py

clean:
	rm -rf $(VENV) mutants output/*.xlsx output/*.docx
