"""`python -m ingest.readiness`: run before `dbt build`. Waits (bounded) until the warehouse can
be written, then checks that it holds every raw table the models read, so a missing dataset is
named with how to get it instead of a wall of "Catalog Error" lines from dbt."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest import config
from ingest.errors import IngestError
from ingest.land import RTT_TABLE, WORKBOOK_TABLES, table_exists
from ingest.manifest import Manifest, load_manifest
from ingest.warehouse import DEFAULT_LOCK_WAIT_SECONDS, connect

HOW_TO_LAND = ("`make ingest` downloads every dataset that has an address; for a file you have, put it in a "
               "folder and run `python -m ingest --source-dir FOLDER` (or `RTT_DATA_DIR=FOLDER make run`).")


def missing(con, manifest: Manifest) -> list[str]:
    """One line per required raw table that is absent or empty, saying where to get it."""
    lines = []
    months = sum(con.execute(f"select count(*) from {table}").fetchone()[0]
                 for table in (RTT_TABLE, *WORKBOOK_TABLES.values()) if table_exists(con, table))
    if not months:
        lines.append(f"{RTT_TABLE}: no month of RTT data landed; from {manifest.rtt_index}")
    for dataset in manifest.references:
        if dataset.optional:
            continue
        if not table_exists(con, dataset.table) or not con.execute(f"select count(*) from {dataset.table}").fetchone()[0]:
            where = "downloaded by `make ingest`" if dataset.downloadable else "no download address"
            lines.append(f"{dataset.table}: {dataset.title} ({dataset.publisher}; {where}; by hand from {dataset.home})")
    return lines


def check(path: Path, wait_seconds: float) -> None:
    con = connect(path, wait_seconds=wait_seconds)
    try:
        gaps = missing(con, load_manifest())
    finally:
        con.close()
    if gaps:
        listed = "\n  ".join(gaps)
        raise IngestError(f"{path} lacks what `dbt build` reads:\n  {listed}\n{HOW_TO_LAND}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.readiness", description=__doc__)
    parser.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_SECONDS, metavar="SECONDS")
    args = parser.parse_args(argv)
    path = config.duckdb_path()
    try:
        if not path.exists():
            raise IngestError(f"{path}: no warehouse here yet. {HOW_TO_LAND}")
        check(path, args.lock_wait)
    except IngestError as error:
        print(f"before dbt build: {error}", file=sys.stderr)
        return error.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
