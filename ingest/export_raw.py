"""`python -m ingest.export_raw --to DIR`: every raw table of the warehouse as Parquet, so an
engine that reads files (Spark, Databricks) builds the same models from the same rows. The ingest
stays the one ingest: it lands in DuckDB, and this copies what it landed, lineage columns and all.

Each table becomes a folder DIR/<table>/, the shape Spark reads (the dbt `spark` target's
on-run-start hook, macro register_raw_tables, points raw.<table> at it). The RTT extract, the one
large table, is partitioned by month (DIR/rtt_full_extract/period_date=2024-04-01/...). A table is
written beside the old one and swapped in, so a reader never sees half of it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ingest.land import RTT_TABLE
from rtt import command
from rtt.warehouse import Connection, connect

PARTITIONED_BY = {RTT_TABLE.removeprefix("raw."): "period_date"}


def raw_tables(con: Connection) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'raw' order by table_name").fetchall()]


def export_raw(con: Connection, folder: Path) -> dict[str, int]:
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
    parser = command.parser("python -m ingest.export_raw", (
        "Write every raw table of the warehouse as Parquet (the RTT extract partitioned by month), "
        "for the dbt `spark` target or a Databricks workspace."))
    parser.add_argument("--to", type=Path, required=True, metavar="DIR", help="the folder to write")
    args = parser.parse_args(argv)

    def export() -> None:
        with connect(command.warehouse_path(args), read_only=True, wait_seconds=args.lock_wait) as con:
            written = export_raw(con, args.to)
        print(f"exported {len(written)} raw tables ({sum(written.values()):,} rows) to {args.to}")

    return command.run("export_raw", export)


if __name__ == "__main__":
    raise SystemExit(main())
