"""Parity of the DuckDB and Spark builds (`make test-spark`).

`python -m spark.parity input DIR` writes the input both engines build from: the fixture
months (fixtures/warehouse.py), and when RTT_DATA_DIR is set a small real subset beside
them: two full-extract months, one 2014-15 workbook month, the reference files, and NHS England's
time series cut to those three months (whole, it would also hold NHS England's figures for the
fixture's made-up months, and the check against it would rightly fail on both engines). The
input is written at test time and never committed.

`python -m spark.parity compare --duckdb FILE --spark-warehouse DIR` compares every mart
DuckDB built with the table Spark wrote (Parquet under DIR/marts.db/), row for row by the mart's
grain (its unique_combination test): the same keys, the same columns and types, counts and text
exactly, doubles to 1e-9 relative. It prints `engine_parity spark: K of N marts equal` and exits 1
unless K = N."""

from __future__ import annotations

import argparse
import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import xlwt
import yaml

from fixtures import warehouse as fixture_warehouse
from ingest.spreadsheets import Workbook
from report.exports import mart_tables
from rtt.config import PROJECT_ROOT as ROOT

RELATIVE_TOLERANCE = 1e-9
# The real subset: file names in RTT_DATA_DIR (months the fixture does not use), and those months.
REAL_FILES = ["rtt/2025-01_rtt_full_extract_zip.zip", "rtt/2025-02_rtt_full_extract_zip.zip",
              "rtt/Admitted-Commissioner-Dec14-revised-XLS-2386K1.xls",
              "reference/sapeicb20222024.xlsx", "reference/succ.csv", "reference/ods/etr.csv",
              "reference/gp-reg-pat-prac-sing-age-regions.zip",
              # Both layouts of the allocation files, and a year that serves 2021's months as the nearest.
              "reference/allocations/aif-allocation-tool-2022_2023.csv",
              "reference/allocations/aif-allocation-tool-2024_2025.csv",
              "reference/allocations/icb-allocation-tool-2025_2026.csv"]
REAL_MONTHS = {date(2025, 1, 1), date(2025, 2, 1), date(2014, 12, 1)}
TIMESERIES = "rtt/2026-02_rtt_overview_timeseries.xlsx"
SERIES_SHEET, SERIES_FIRST_MONTH_ROW = "Full Time Series", 11  # rows above it: titles, then the headings


def write_input(folder: Path, data_dir: Path | None) -> Path:
    """The fixture's files, and with the real folder its subset, in place of the fixture's
    reference files (one file for each dataset)."""
    shutil.rmtree(folder, ignore_errors=True)
    fixture_warehouse.write_files(folder)
    if data_dir:
        shutil.rmtree(folder / "reference")
        (folder / "rtt" / "timeseries.xls").unlink()
        for name in REAL_FILES:
            target = folder / "real" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(data_dir / name)
        series_of_months(data_dir / TIMESERIES, folder / "real" / "rtt" / "timeseries.xls", REAL_MONTHS)
    return folder


def series_of_months(source: Path, target: Path, months: set[date]) -> None:
    """NHS England's time series, its titles and headings as published, with only `months`."""
    rows = Workbook(source).rows(SERIES_SHEET)
    kept = rows[:SERIES_FIRST_MONTH_ROW] + [row for row in rows[SERIES_FIRST_MONTH_ROW:] if row[1] in months]
    book = xlwt.Workbook()
    sheet = book.add_sheet(SERIES_SHEET)
    as_date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for row_number, row in enumerate(kept):
        for column, value in enumerate(row):
            if value is not None:
                sheet.write(row_number, column, value, as_date if isinstance(value, date) else xlwt.Style.default_style)
    book.save(str(target))


def mart_grains() -> dict[str, list[str]]:
    """Each mart's grain, as its unique_combination test states it: in the mart's YAML, or in the
    YAML of the int_ model it publishes whole (whose meta columns_described_in names the mart)."""
    grains = {}
    for path in (ROOT / "models").rglob("_*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            described_in = model.get("config", {}).get("meta", {}).get("columns_described_in", [])
            # an int_ model names the mart it publishes; int_area_statistics names only int_ steps
            names = [name for name in described_in if not name.startswith("int_")] or [model["name"]]
            for test in model.get("data_tests", []):
                if isinstance(test, dict) and "unique_combination" in test:
                    grains.update(dict.fromkeys(names, test["unique_combination"]["arguments"]["columns"]))
    return grains


def columns(con, relation: str) -> dict[str, str]:
    return {name: kind for name, kind, *_ in con.execute(f"describe select * from {relation}").fetchall()}


def differences(con, ours: str, theirs: str, grain: list[str]) -> list[str]:
    """What differs between two relations with the same grain; empty when they are equal."""
    our_columns, their_columns = columns(con, ours), columns(con, theirs)
    if our_columns != their_columns:
        return [f"columns differ: {our_columns} against {their_columns}"]
    found = []
    counts = con.execute(f"select (select count(*) from {ours}), (select count(*) from {theirs})").fetchone()
    if counts[0] != counts[1]:
        found.append(f"{counts[0]:,} rows against {counts[1]:,}")
    keys = ", ".join(grain)
    for left, right in ((ours, theirs), (theirs, ours)):
        (missing,) = con.execute(f"select count(*) from (select {keys} from {left} except select {keys} "
                                 f"from {right})").fetchone()
        if missing:
            found.append(f"{missing:,} keys of {left} not in {right}")
    on = " and ".join(f"a.{key} is not distinct from b.{key}" for key in grain)
    for name, kind in our_columns.items():
        if name in grain:
            continue
        a, b = f"a.{name}", f"b.{name}"
        if kind in ("DOUBLE", "FLOAT"):
            differ = (f"({a} is null) <> ({b} is null) or abs({a} - {b}) > "
                      f"{RELATIVE_TOLERANCE} * greatest(abs({a}), abs({b}))")
        else:
            differ = f"{a} is distinct from {b}"
        (rows,) = con.execute(f"select count(*) from {ours} as a join {theirs} as b on {on} "
                              f"where {differ}").fetchone()
        if rows:
            found.append(f"{name}: {rows:,} rows differ")
    return found


def compare(duckdb_path: Path, spark_warehouse: Path) -> int:
    grains = mart_grains()
    marts = mart_tables()
    equal = 0
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        for mart in marts:
            folder = spark_warehouse / "marts.db" / mart
            if not folder.is_dir():
                print(f"  {mart}: Spark wrote no table at {folder}")
                continue
            spark = f"read_parquet('{folder}/*.parquet')"
            found = differences(con, f"marts.{mart}", spark, grains[mart])
            (rows,) = con.execute(f"select count(*) from marts.{mart}").fetchone()
            print(f"  {mart}: {rows:,} rows, " + ("equal" if not found else "; ".join(found)))
            equal += not found
    print(f"engine_parity spark: {equal} of {len(marts)} marts equal")
    return 0 if equal == len(marts) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spark.parity")
    commands = parser.add_subparsers(dest="command", required=True)
    to_write = commands.add_parser("input", help="write the input both engines build from")
    to_write.add_argument("folder", type=Path)
    to_compare = commands.add_parser("compare", help="compare every mart of the two builds")
    to_compare.add_argument("--duckdb", type=Path, required=True)
    to_compare.add_argument("--spark-warehouse", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "input":
        data_dir = Path(os.environ["RTT_DATA_DIR"]).resolve() if os.environ.get("RTT_DATA_DIR") else None
        write_input(args.folder, data_dir)
        print(f"parity input in {args.folder}: the fixture months" + (
            f", and from {data_dir}: " + ", ".join(REAL_FILES) + f", and {TIMESERIES} cut to those months"
            if data_dir else ""))
        return 0
    return compare(args.duckdb, args.spark_warehouse)


if __name__ == "__main__":
    raise SystemExit(main())
