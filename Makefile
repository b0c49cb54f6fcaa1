# Two commands do everything on a fresh machine:
#   make run    build the warehouse: install, ingest, dbt build, exports and report
#   make test   install, then every test and lint the project has
# Point them at a folder of published files with RTT_DATA_DIR=/path/to/files (otherwise
# `make run` downloads from NHS England). RTT_DUCKDB_PATH moves the published file readers open
# (the writer's warehouse sits beside it in <file>.builds/, docs/data.md "Publishing");
# INGEST_ARGS passes options to `python -m ingest` (see `python -m ingest --help`);
# DBT_VARS sets the window and population source, e.g.
#   make run DBT_VARS='{window_start: "2024-07", window_end: "2025-03", population_source: gp_registered}'
# The build is incremental by month (docs/data.md, "The monthly refresh"); FULL_REFRESH=1 rebuilds
# every month from scratch.

VENV      ?= .venv
BIN       := $(VENV)/bin
PYTHON    ?= python3
TEST_DB   := build/test.duckdb
# The tests' warehouses are built and read in place: one file is both writer's and published.
IN_PLACE   = RTT_DUCKDB_PATH=$(1) RTT_WAREHOUSE_PATH=$(1)
DBT       := $(BIN)/dbt

export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := False

.PHONY: run test test-fast fixture-settings install install-spark ingest build lint pytest test-warehouse dbt-test fixture-build settings browser test-spark bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

ingest: install
	$(BIN)/python -m ingest $(INGEST_ARGS)

# The ingest lands files in the writer's warehouse, which no reader opens. `make build` checks it
# holds every raw table the models read, runs dbt build with every data test, then draws the
# exports and report from a snapshot of the marts and publishes all three with one rename
# (rtt/publish.py): readers never block it, and a failure publishes nothing. The unit tests check
# the SQL on rows of their own, not the data, so `make test` runs them and the build does not.
build: install
	$(BIN)/python -m rtt.publish $(if $(FULL_REFRESH),--full-refresh) $(if $(DBT_VARS),--vars '$(DBT_VARS)')

run: ingest build

# With RTT_DATA_DIR set, `make test` lands the real files once in a throwaway warehouse, builds
# and tests the models on it, then the Python tests check it against the files and draw the report.
test-warehouse: install
ifdef RTT_DATA_DIR
	mkdir -p build && rm -f $(TEST_DB)
	$(call IN_PLACE,$(TEST_DB)) $(BIN)/python -m ingest --no-progress
endif

dbt-test: install test-warehouse
ifdef RTT_DATA_DIR
	$(call IN_PLACE,$(TEST_DB)) $(DBT) build
else
	@echo "dbt-test: skipped, RTT_DATA_DIR is not set (see README)"
endif

# Every model, data test and unit test also runs on a small warehouse built from the project's
# own fixture writers (fixtures/warehouse.py), so contributors without the real data get
# dbt's feedback too, and the Python tests a warehouse to read. Its time series holds none of its
# months, which the build says explicitly (FIXTURE_VARS). It is also built with each documented
# setting, on a copy, so the file keeps the defaults for the Python tests.
FIXTURE_DB := build/fixture.duckdb
FIXTURE_VARS := series_months_may_not_overlap: true
FIXTURE_SETTINGS := 'population_source: gp_registered' 'window_start: "2021-07", window_end: "2021-08"'
FIXTURE_DBT = $(call IN_PLACE,$(1)) $(DBT) build --quiet --target-path build/target-fixture --log-path build/logs-fixture
fixture-build: install
	mkdir -p build && rm -f $(FIXTURE_DB)
	$(BIN)/python -m fixtures.warehouse $(FIXTURE_DB)
	$(call FIXTURE_DBT,$(FIXTURE_DB)) --vars '{$(FIXTURE_VARS)}'

fixture-settings: fixture-build
	cp $(FIXTURE_DB) build/fixture-settings.duckdb
	for vars in $(FIXTURE_SETTINGS); do \
	  echo "dbt build --vars {$$vars} (fixture warehouse)"; \
	  $(call FIXTURE_DBT,build/fixture-settings.duckdb) --vars "{$(FIXTURE_VARS), $$vars}" || exit 1; \
	done
	rm -f build/fixture-settings.duckdb

# Every setting the README documents must build and pass its tests: each on a copy of the test
# warehouse, so the default build stays for the Python tests.
SETTINGS_DB := build/settings.duckdb
SETTINGS    := '{population_source: gp_registered}' '{window_start: "2024-07", window_end: "2025-03"}'
settings: install dbt-test
ifdef RTT_DATA_DIR
	cp $(TEST_DB) $(SETTINGS_DB)
	for vars in $(SETTINGS); do \
	  echo "dbt build --vars $$vars"; \
	  $(call IN_PLACE,$(SETTINGS_DB)) $(DBT) build --quiet --vars "$$vars" --target-path build/target-settings || exit 1; \
	done
	rm -f $(SETTINGS_DB)
else
	@echo "settings: skipped, RTT_DATA_DIR is not set (see README)"
endif

# Debian's Chromium draws the report in the browser test; installed when we may (root, as in CI).
# Under CI (CI=true) a browser that cannot be had stops the run; elsewhere its tests skip.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ; } \
	  || { echo "browser: chromium is not installed; the browser tests will $(if $(CI),fail,be skipped)"; [ -z "$(CI)" ]; }

# The Python tests read a built warehouse: the real files' (with RTT_DATA_DIR) or the fixture's.
PYTEST_WAREHOUSE := $(if $(RTT_DATA_DIR),$(TEST_DB),$(FIXTURE_DB))
# Two workers, each taking whole test files (a file's tests share its module fixtures and its
# files): most tests wait on dbt or a browser, so two at a time use both cores.
pytest: install fixture-build dbt-test browser
	RTT_TEST_WAREHOUSE=$(PYTEST_WAREHOUSE) $(BIN)/pytest -n 2 --dist loadfile

# The quick loop while working: lint, the fixture build, and every Python test that runs no dbt
# command and no browser of its own (those are marked slow). Under 2 minutes on 2 cores once the
# SQL has passed the lint, which then lints only what changed (lint/sql.py).
test-fast: lint fixture-build
	RTT_TEST_WAREHOUSE=$(FIXTURE_DB) $(BIN)/pytest -m "not slow" -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/python lint/sql.py

# The same models on Apache Spark, proved equal to DuckDB: from one input (the fixture months, and
# with RTT_DATA_DIR a small real subset; spark/parity.py), build and test on DuckDB, write
# raw to Parquet, build and test on Spark (target `spark`, reading that Parquet), then compare
# every mart row for row. Prints `engine_parity spark: K of N marts equal` and fails unless K = N.
PARITY := build/parity
install-spark: $(BIN)/.spark-installed
$(BIN)/.spark-installed: requirements-spark.txt $(BIN)/.installed
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null) ; } \
	  || { echo "test-spark: Spark needs a Java runtime (Debian: openjdk-17-jre-headless)"; exit 1; }
	$(BIN)/pip install --quiet -r requirements-spark.txt
	touch $@

# Without RTT_DATA_DIR the input is the fixture's alone, whose series holds none of its months.
PARITY_VARS := $(if $(RTT_DATA_DIR),,--vars '{$(FIXTURE_VARS)}')
test-spark: install-spark
	rm -rf $(PARITY) && mkdir -p $(PARITY)/spark
	$(BIN)/python -m spark.parity input $(PARITY)/files
	$(BIN)/python -m ingest --no-progress --source-dir $(PARITY)/files --duckdb $(PARITY)/duckdb.duckdb
	start=$$(date +%s); $(call IN_PLACE,$(PARITY)/duckdb.duckdb) $(DBT) build --quiet $(PARITY_VARS) \
	  --target-path $(PARITY)/target-duckdb --log-path $(PARITY)/logs-duckdb \
	  && echo "duckdb build: $$(( $$(date +%s) - start )) s"
	$(BIN)/python -m ingest.export_raw --duckdb $(PARITY)/duckdb.duckdb --to $(PARITY)/raw
	start=$$(date +%s); RTT_RAW_PARQUET_DIR=$(CURDIR)/$(PARITY)/raw RTT_SPARK_DIR=$(CURDIR)/$(PARITY)/spark \
	  $(DBT) build --quiet $(PARITY_VARS) --target spark --target-path $(PARITY)/target-spark --log-path $(PARITY)/logs-spark \
	  && echo "spark build: $$(( $$(date +%s) - start )) s"
	$(BIN)/python -m spark.parity compare --duckdb $(PARITY)/duckdb.duckdb --spark-warehouse $(PARITY)/spark/warehouse

test: fixture-build fixture-settings pytest lint settings test-spark

# Speed and memory against bare DuckDB and pandas loaders (not a test; needs RTT_DATA_DIR).
bench: install
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py

# Removes what the tests and tools built; never the published warehouse and its builds folder.
clean:
	rm -rf $(VENV) target logs build exports .pytest_cache
