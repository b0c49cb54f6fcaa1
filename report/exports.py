"""Every mart as Parquet and CSV, so BI tools and notebooks never need the DuckDB file (and never
hold its lock). Written by DuckDB itself from a read-only connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

FORMATS = {"parquet": "(format parquet)", "csv": "(format csv, header true)"}


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' order by table_name").fetchall()]


def export_marts(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write exports/<mart>.parquet and .csv for every mart; returns rows per mart."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    for table in mart_tables(con):
        for suffix, options in FORMATS.items():
            target = folder / f"{table}.{suffix}"
            partial = target.with_name(target.name + ".part")
            con.execute(f"copy (select * from marts.{table}) to '{partial}' {options}")
            partial.replace(target)  # a BI tool never sees a half-written file
        (rows[table],) = con.execute(f"select count(*) from marts.{table}").fetchone()
    return rows
