# Two set-up commands: `make run` and `make test`. Both create .venv and install.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint typecheck migrate seed serve schema bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## make run: install, migrate, load the demo data (once), print tokens, serve on :8000
run: $(STAMP)
	$(BIN)/python -m dispatch migrate
	$(BIN)/python -m dispatch seed-demo
	$(BIN)/python -m dispatch serve

## make test: install, lint, then the whole suite on SQLite and PostgreSQL
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy models resolvers schema subscriptions dispatch.py app.py

migrate: $(STAMP)
	$(BIN)/python -m dispatch migrate

schema: $(STAMP)
	$(BIN)/python -m dispatch export-schema schema.graphql

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
