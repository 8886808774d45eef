# Two commands do everything on a fresh machine:
#   make build   creates .venv, then validates and renders every register into output/
#   make test    creates .venv, installs LibreOffice if missing, runs lint, types and tests
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint typecheck schema docs office clean bench

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/ropa build --out output

office:
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q Carlito || ./scripts/install-office

lint: $(STAMP)
	$(BIN)/ruff check ropa tests benchmarks
	$(BIN)/ruff format --check ropa tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/ropa schema

docs: $(STAMP)
	$(BIN)/python -m ropa.cli_reference

test: $(STAMP) office lint typecheck
	$(BIN)/ropa schema --check
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py
	@for b in benchmarks/bench_excel.py benchmarks/bench_word.py; do [ -f $$b ] && $(BIN)/python $$b || true; done

clean:
	rm -rf $(VENV) output/*.xlsx output/*.docx
