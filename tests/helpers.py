"""Helpers shared by the Python tests."""

from __future__ import annotations

import os
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
