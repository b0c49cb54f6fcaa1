# Two commands do everything on a fresh machine:
#   make run    build the warehouse: install, ingest, dbt build
#   make test   install, then every test and lint the project has
# Point them at a folder of published files with RTT_DATA_DIR=/path/to/files (otherwise
# `make run` downloads from NHS England). RTT_DUCKDB_PATH moves the warehouse file;
# INGEST_ARGS passes options to `python -m ingest` (see `python -m ingest --help`).

VENV      ?= .venv
BIN       := $(VENV)/bin
PYTHON    ?= python3
TEST_DB   := build/test.duckdb

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DBT_PARTIAL_PARSE := False

.PHONY: run test install ingest build lint pytest test-warehouse dbt-test clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

ingest: install
	$(BIN)/python -m ingest $(INGEST_ARGS)

# DBT_VARS sets the window and population source, e.g.
#   make run DBT_VARS='{window_start: "2024-07", window_end: "2025-03", population_source: gp_registered}'
build: install
	$(BIN)/dbt build $(if $(DBT_VARS),--vars '$(DBT_VARS)')

run: ingest build

# With RTT_DATA_DIR set, `make test` lands the real files once in a throwaway warehouse:
# the Python tests check it against the files, then dbt builds and tests the models on it.
test-warehouse: install
ifdef RTT_DATA_DIR
	mkdir -p build && rm -f $(TEST_DB)
	RTT_DUCKDB_PATH=$(TEST_DB) $(BIN)/python -m ingest --no-progress
endif

pytest: install test-warehouse
	RTT_TEST_WAREHOUSE=$(TEST_DB) $(BIN)/pytest

lint: install
	$(BIN)/sqlfluff lint models tests/generic tests/singular macros

dbt-test: install test-warehouse
ifdef RTT_DATA_DIR
	RTT_DUCKDB_PATH=$(TEST_DB) $(BIN)/dbt build
else
	@echo "dbt-test: skipped, RTT_DATA_DIR is not set (see README)"
endif

test: pytest lint dbt-test

clean:
	rm -rf $(VENV) target logs build exports .pytest_cache
