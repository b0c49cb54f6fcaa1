"""Helpers shared by the Python tests."""

from __future__ import annotations

import os
import subprocess
import sys
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


def dbt(warehouse: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """`dbt <args>` on the given warehouse, with its own target and log folders (so `make test`'s
    docs are not disturbed), never sending usage statistics."""
    env = {**os.environ, "RTT_DUCKDB_PATH": str(warehouse), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    env.pop("RTT_DATA_DIR", None)
    return subprocess.run([str(DBT), *args, "--target-path", str(tmp_path / "target"), "--log-path",
                           str(tmp_path / "logs")], cwd=ROOT, env=env, capture_output=True, text=True)
