# Two set-up commands: `make run` and `make test`. Both create .venv and install.
#
# Python: the first of python3.13, python3.12, python3.11, python3 that is 3.11 or later,
# unless PYTHON= names one (`make test PYTHON=/usr/bin/python3.12`). The venv remembers
# its Python: when the chosen one is another version, the venv is rebuilt with it.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
  $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; \
done)
endif
PYTHON_VERSION := $(if $(PYTHON),$(shell $(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null))
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(PYTHON_VERSION)

.PHONY: run test check lint typecheck migrate seed serve schema bench clean install python

## make install: the venv with the project and its dev tools, for the chosen Python
install: $(STAMP)

# `python` is order-only: it checks and says which Python, and never forces a reinstall.
$(STAMP): pyproject.toml | python
	@if [ -x $(BIN)/python ] && [ "$$($(BIN)/python -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)" != "$(PYTHON_VERSION)" ]; then \
	  echo "$(VENV) holds $$($(BIN)/python --version 2>&1 || echo 'a Python that no longer runs'), not $(PYTHON_VERSION): rebuilding it"; \
	  rm -rf $(VENV); \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## make python: which Python is used (3.11 or later, else a clear refusal)
python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.11 or later found (tried $(PYTHON_CANDIDATES))." >&2; \
	  echo "Install Python 3.11, 3.12 or 3.13, or name one: make $(or $(MAKECMDGOALS),run) PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi
	@if [ -z "$(PYTHON_VERSION)" ]; then \
	  echo "PYTHON=$(PYTHON) does not run." >&2; exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "PYTHON=$(PYTHON) is Python $(PYTHON_VERSION); 3.11 or later is required (3.11 to 3.13 are supported)." >&2; \
	  exit 1; \
	}
	@echo "Python $(PYTHON_VERSION) ($(PYTHON): $$($(PYTHON) -c 'import sys; print(sys.executable)')) for $(VENV)"

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
	$(BIN)/mypy models resolvers schema subscriptions observability dispatch.py app.py

migrate: $(STAMP)
	$(BIN)/python -m dispatch migrate

schema: $(STAMP)
	$(BIN)/python -m dispatch export-schema schema.graphql

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
