"""`python -m ingest.export_raw --to DIR`: every raw table of the warehouse as Parquet, so an
engine that reads files (Spark, Databricks) builds the same models from the same rows. The ingest
stays the one ingest: it lands in DuckDB, and this copies what it landed, lineage columns and all.

Each table becomes a folder DIR/<table>/, the shape Spark reads (the dbt `spark` target's
on-run-start hook, macro register_raw_tables, points raw.<table> at it). The RTT extract, the one
large table, is partitioned by month (DIR/rtt_full_extract/period_date=2024-04-01/...). A table is
written beside the old one and swapped in, so a reader never sees half of it."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ingest import config
from ingest.errors import IngestError
from ingest.land import RTT_TABLE
from ingest.warehouse import DEFAULT_LOCK_WAIT_SECONDS, connect

PARTITIONED_BY = {RTT_TABLE.removeprefix("raw."): "period_date"}


def raw_tables(con) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'raw' order by table_name").fetchall()]


def export_raw(con, folder: Path) -> dict[str, int]:
    """Write every raw table under `folder`; returns rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in raw_tables(con):
        target, partial = folder / table, folder / f".{table}.part"
        shutil.rmtree(partial, ignore_errors=True)
        partition = PARTITIONED_BY.get(table)
        if partition:
            con.execute(f"copy raw.{table} to '{partial}' (format parquet, partition_by ({partition}))")
        else:
            partial.mkdir()
            con.execute(f"copy raw.{table} to '{partial / 'data.parquet'}' (format parquet)")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        (written[table],) = con.execute(f"select count(*) from raw.{table}").fetchone()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.export_raw", description=(
        "Write every raw table of the warehouse as Parquet (the RTT extract partitioned by month), "
        "for the dbt `spark` target or a Databricks workspace."))
    parser.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder to write")
    parser.add_argument("--duckdb", type=Path, default=None, metavar="PATH",
                        help="the warehouse file (default: $RTT_DUCKDB_PATH, else rtt.duckdb)")
    parser.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_SECONDS, metavar="SECONDS",
                        help="how long to wait while another process writes the warehouse")
    args = parser.parse_args(argv)
    try:
        con = connect((args.duckdb or config.duckdb_path()).resolve(), read_only=True, wait_seconds=args.lock_wait)
    except IngestError as error:
        print(f"export_raw: {error}", file=sys.stderr)
        return error.exit_code
    with con:
        written = export_raw(con, args.to)
    print(f"exported {len(written)} raw tables ({sum(written.values()):,} rows) to {args.to}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
