"""Helpers shared by the Python tests."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from ingest.cli import main
from rtt.config import PROJECT_ROOT

# Read once at import: the `warehouse` fixture removes RTT_DATA_DIR so the CLI only sees test folders.
SHARED_DATA = Path(os.environ["RTT_DATA_DIR"]) if os.environ.get("RTT_DATA_DIR") else None


@functools.cache
def built_warehouse() -> Path:
    """The built warehouse the tests of the marts and the report read. `make test` names it in
    RTT_TEST_WAREHOUSE: built from the real files with RTT_DATA_DIR, else the fixture warehouse
    (`make fixture-build`). Run alone, pytest builds the fixture warehouse once, in a temporary
    folder, so no such test skips for want of data."""
    configured = os.environ.get("RTT_TEST_WAREHOUSE")
    if configured:
        if not Path(configured).exists():
            raise RuntimeError(f"RTT_TEST_WAREHOUSE={configured} does not exist: `make fixture-build` builds one")
        return Path(configured)
    return _fixture_warehouse_built_here()


def fixture_warehouse() -> Path:
    """The warehouse built from the project's fixture files, whichever built_warehouse() is: for
    what only the fixture holds (its older eras' trust codes). `make test` builds it beside the
    real one (build/fixture.duckdb)."""
    if not built_from_real_files():
        return built_warehouse()
    made = ROOT / "build" / "fixture.duckdb"
    return made if made.exists() else _fixture_warehouse_built_here()


@functools.cache
def _fixture_warehouse_built_here() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rtt-fixture-warehouse-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "fixture.duckdb"
    made = subprocess.run([sys.executable, "-m", "fixtures.warehouse", str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr[-3000:]
    result = dbt(path, folder, "build", *FIXTURE_VARS)
    assert result.returncode == 0, result.stdout[-3000:]
    return path


def built_from_real_files() -> bool:
    """Whether built_warehouse() holds the real files (`make test` with RTT_DATA_DIR) rather than the fixture."""
    return SHARED_DATA is not None and bool(os.environ.get("RTT_TEST_WAREHOUSE"))


def built_vars() -> tuple[str, ...]:
    """The --vars a dbt command on a copy of built_warehouse() needs: the fixture's, or none."""
    return () if built_from_real_files() else FIXTURE_VARS


# For what only the real files hold (a published figure, NHS England's series for a loaded month).
needs_real_files = pytest.mark.skipif(not built_from_real_files(), reason="checks figures of the real files "
                                      "(`make test` with RTT_DATA_DIR)")


def query(path: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def rows_by_month(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("select count(*) from duckdb_tables() where schema_name = 'raw' "
                             "and table_name = 'rtt_full_extract'").fetchone()[0]
        if not tables:
            return {}
        return {f"{m:%Y-%m}": n for m, n in con.execute(
            "select period_date, count(*) from raw.rtt_full_extract group by 1").fetchall()}


def ingest(*args: str | Path) -> int:
    return main(["--no-progress", *map(str, args)])


ROOT = PROJECT_ROOT
DBT = Path(sys.executable).parent / "dbt"
# The fixture's RTT time series holds none of its months: the fixture build says so explicitly
# (the Makefile's fixture-build passes the same), so that check is not a silent pass elsewhere.
FIXTURE_VARS = ("--vars", "{series_months_may_not_overlap: true}")


# dbt parses the whole project again (10-13 s) when the profile differs from its last parse's, and
# the profile names the warehouse file. So every call below opens its warehouse by one name that
# stays put, a hard link (DuckDB names the database after the path it opens, and a symbolic link
# resolves to the file's own name), and starts from the parse the previous call left: only the
# first call parses in full, and any with other vars or on a copy of the project. Where no link
# can be made (another file system; no warehouse yet) the call opens the file by its own name.
_LINKS = Path(tempfile.mkdtemp(prefix="rtt-dbt-"))
atexit.register(shutil.rmtree, _LINKS, True)
_LINK = _LINKS / "warehouse.duckdb"
_LAST_PARSE = _LINKS / "partial_parse.msgpack"
_linked: list[Path] = []  # the file the link names now


def _open_name(warehouse: Path) -> Path:
    """The name dbt opens `warehouse` by. DuckDB keeps its write-ahead log beside that name: one a
    crashed call left there goes back beside the file it belongs to, never into the next."""
    wal = _LINK.with_name(_LINK.name + ".wal")
    if wal.exists() and _linked:
        os.replace(wal, _linked[0].with_name(_linked[0].name + ".wal"))
    _LINK.unlink(missing_ok=True)
    _linked.clear()
    try:
        os.link(warehouse, _LINK)
    except OSError:
        return Path(warehouse)
    _linked.append(Path(warehouse).resolve())
    return _LINK


def dbt(warehouse: Path, tmp_path: Path, *args: str, project: Path = ROOT) -> subprocess.CompletedProcess:
    """`dbt <args>` on the given warehouse, with its own target and log folders (so `make test`'s
    docs are not disturbed), never sending usage statistics; `project` runs a copy of the project."""
    env = {**os.environ, "RTT_WAREHOUSE_PATH": str(_open_name(warehouse)), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    env.pop("RTT_DATA_DIR", None)
    parse = tmp_path / "target" / "partial_parse.msgpack"
    if project == ROOT and _LAST_PARSE.exists() and not parse.exists():
        parse.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_LAST_PARSE, parse)
    result = subprocess.run([str(DBT), *args, "--target-path", str(tmp_path / "target"), "--log-path",
                             str(tmp_path / "logs")], cwd=project, env=env, capture_output=True, text=True)
    if project == ROOT and parse.exists():
        shutil.copyfile(parse, _LAST_PARSE)
    return result


def project_copy(tmp_path: Path) -> Path:
    """A copy of the dbt project (no warehouse, venv or build output), for tests that edit it."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "target", "logs", "exports", "*.duckdb", "bench", "docs", "__pycache__"))
    return copy


# What `dbt run --select` builds on the inputs below: the statistics' steps and the league's marts.
LEAGUE_MODELS = ("int_area_months_in_window", "int_extra_poisson_dispersion", "int_area_window_rates",
                 "int_area_rate_spread", "int_area_rank_intervals", "int_area_statistics", "int_ccg_league_by_basis",
                 "ccg_league_by_basis", "ccg_league_table")


def league_inputs(warehouse: Path, rows: list[tuple]) -> Path:
    """A warehouse holding only what the league's models (LEAGUE_MODELS) read: the seed
    rtt_measures, the months of the analysis window, and (code, month, pathways, population[,
    need-weighted population[, specialty]]) rows of admitted completed pathways; the need-weighted
    population is the population unless given, the specialty `all`. Each specialty is a
    comparison of its own, so one build can hold many simulated replicates."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts; create schema intermediate; create schema seeds")
        con.execute(f"create table seeds.rtt_measures as select * from read_csv('{ROOT / 'seeds' / 'rtt_measures.csv'}')")
        con.execute("create table intermediate.int_ics_memberships (grouping varchar, ccg_code varchar, "
                    "ics_code varchar, ics_name varchar)")  # no groupings: CCGs alone
        con.execute("create table intermediate.int_analysis_window as select distinct unnest(?::date[]) as month",
                    [sorted({row[1] for row in rows})])
        # No providers: the trusts' rows of the statistics (int_area_months_in_window) are none
        con.execute("""create table intermediate.int_months_loaded (month date, data_source varchar);
            create table intermediate.int_providers (provider_code varchar, organisation_code varchar, provider_kind varchar);
            create table intermediate.int_rtt_activity_by_provider_ccg_month (provider_code varchar, ccg_code varchar,
                month date, measure varchar, specialty varchar, pathways bigint);
            create table intermediate.int_trust_catchments (trust_code varchar, trust_name varchar, ccg_code varchar,
                specialty varchar, new_periods bigint, catchment_share double);
            create table intermediate.int_trust_comparability (trust_code varchar, specialty varchar,
                not_compared_because varchar)""")
        con.execute("""create table intermediate.int_ccg_monthly_activity (ccg_code varchar, ccg_name varchar, measure varchar,
            specialty varchar, month date, pathways bigint, population double, need_weighted_population double,
            need_index_year varchar, absent_provider_pathways double, code_published_as varchar,
            population_source varchar, population_vintage date)""")
        # a DataFrame, not executemany: a simulation's 50,000 rows insert in a blink, not a minute
        areas = pd.DataFrame([(code, f"Area {code}", (extra[1:] or ["all"])[0], month, pathways, population,
                               (extra or [population])[0]) for code, month, pathways, population, *extra in rows],
                             columns=["code", "name", "specialty", "month", "pathways", "population", "need"])
        con.register("areas", areas)
        con.execute("insert into intermediate.int_ccg_monthly_activity select code, name, 'admitted_completed', specialty, "
                    "month, pathways, population, need, '2024/25', 0, null, 'ons', date '2024-06-30' from areas")
    return warehouse


def league_table_inputs(warehouse: Path, areas: list[tuple], month: date = date(2025, 1, 1)) -> Path:
    """league_inputs for one month: (code, pathways, population[, need-weighted population]) per area."""
    return league_inputs(warehouse, [(code, month, pathways, population, *need)
                                     for code, pathways, population, *need in areas])
