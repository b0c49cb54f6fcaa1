"""Helpers shared by the Python tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb

from ingest.cli import main

# Read once at import: the `warehouse` fixture removes RTT_DATA_DIR so the CLI only sees test folders.
SHARED_DATA = Path(os.environ["RTT_DATA_DIR"]) if os.environ.get("RTT_DATA_DIR") else None


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


ROOT = Path(__file__).resolve().parent.parent
DBT = Path(sys.executable).parent / "dbt"


def dbt(warehouse: Path, tmp_path: Path, *args: str, project: Path = ROOT) -> subprocess.CompletedProcess:
    """`dbt <args>` on the given warehouse, with its own target and log folders (so `make test`'s
    docs are not disturbed), never sending usage statistics; `project` runs a copy of the project."""
    env = {**os.environ, "RTT_DUCKDB_PATH": str(warehouse), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    env.pop("RTT_DATA_DIR", None)
    return subprocess.run([str(DBT), *args, "--target-path", str(tmp_path / "target"), "--log-path",
                           str(tmp_path / "logs")], cwd=project, env=env, capture_output=True, text=True)


def project_copy(tmp_path: Path) -> Path:
    """A copy of the dbt project (no warehouse, venv or build output), for tests that edit it."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "target", "logs", "exports", "*.duckdb", "bench", "docs", "__pycache__"))
    return copy


LEAGUE_MODELS = ("ccg_league_by_basis", "ccg_league_table")  # what `dbt run --select` builds on these inputs


def league_table_inputs(warehouse: Path, areas: list[tuple], month: date = date(2025, 1, 1)) -> Path:
    """A warehouse holding only what the league's models (LEAGUE_MODELS) read: one month of
    (code, pathways, population[, need-weighted population]) per area, admitted completed, all
    specialties; the need-weighted population is the population unless given."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts; create schema intermediate")
        con.execute("create table intermediate.int_analysis_window as select ?::date as month", [month])
        con.execute("""create table marts.ccg_monthly_activity (ccg_code varchar, ccg_name varchar, measure varchar,
            specialty varchar, month date, pathways bigint, population double, need_weighted_population double,
            need_index_year varchar, absent_provider_pathways double, code_published_as varchar,
            population_source varchar, population_vintage date)""")
        con.executemany("insert into marts.ccg_monthly_activity values (?, ?, 'admitted_completed', 'all', ?, ?, ?, ?, "
                        "'2024/25', 0, null, 'ons', date '2024-06-30')",
                        [(code, f"Area {code}", month, pathways, population, (need or [population])[0])
                         for code, pathways, population, *need in areas])
    return warehouse
