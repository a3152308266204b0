# Inscrinet — the two README commands (demo, test) and a few helpers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test test-postgres screenshots bench bench-load bench-journey bench-transfers lint format install

# (Re)install when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# var/static: whitenoise warns at start-up when STATIC_ROOT is missing (the demo serves the
# sources through the finders and never collects into it).
demo: $(STAMP)
	./scripts/system-packages.sh demo
	mkdir -p var/static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	./scripts/demo.sh

# The production-like stack (gunicorn, whitenoise, task workers) on the local PostgreSQL.
serve: $(STAMP)
	./scripts/system-packages.sh demo
	./scripts/serve.sh

# The non-browser tests on two processes (pytest-xdist, a test database each), then the
# browser tests in one (one Chromium, one live server): half the time of one process.
test: $(STAMP)
	./scripts/system-packages.sh test
	mkdir -p var
	$(BIN)/pytest --ignore=tests/e2e -n 2
	$(BIN)/pytest tests/e2e

# The non-browser suite on the local PostgreSQL (CI's second pass), on two processes
# (pytest-xdist: each has its own test database).
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/inscrinet} \
		$(BIN)/pytest --ignore=tests/e2e -n 2

# Regenerates the README's pictures by driving Chromium through the browser tests.
screenshots: $(STAMP)
	INSCRINET_SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/e2e tests/test_documents.py -q

# Benchmarks (not part of `make test`): each prints its figures, measured in one run.
bench: $(STAMP)
	mkdir -p var
	$(BIN)/pytest bench -q -s

# The deadline-hour load benchmark: registrations/s on gunicorn + PostgreSQL (bench/load).
bench-load: $(STAMP)
	./scripts/system-packages.sh demo
	$(BIN)/python -m bench.load

# One journey's cost in machine instructions (valgrind), stable on a noisy machine; add
# ARGS="--compare ../other-checkout" to measure another version alike (bench/journey_cost).
bench-journey: $(STAMP)
	$(BIN)/python -m bench.journey_cost $(ARGS)

# M4 at scale: the 100k-dossier unload (CSV, XLSX) and the 50k-candidate load (bench/transfers).
bench-transfers: $(STAMP)
	$(BIN)/python -m bench.transfers

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
