"""`python -m ingest.readiness`: run before `dbt build`. Waits (bounded) until the warehouse can
be written, then checks that it holds every raw table the models read, so a missing dataset is
named with how to get it instead of a wall of "Catalog Error" lines from dbt."""

from __future__ import annotations

from pathlib import Path

from ingest.land import RTT_TABLE, WORKBOOK_TABLES
from ingest.manifest import Manifest, load_manifest
from rtt import command
from rtt.errors import RttError
from rtt.warehouse import Connection, connect, table_exists

HOW_TO_LAND = ("`make ingest` downloads every dataset that has an address; for a file you have, put it in a "
               "folder and run `python -m ingest --source-dir FOLDER` (or `RTT_DATA_DIR=FOLDER make run`).")


def missing(con: Connection, manifest: Manifest) -> list[str]:
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
        raise RttError(f"{path} lacks what `dbt build` reads:\n  {listed}\n{HOW_TO_LAND}")


def main(argv: list[str] | None = None) -> int:
    args = command.parser("python -m ingest.readiness", __doc__).parse_args(argv)
    path = command.warehouse_path(args)

    def check_ready() -> None:
        if not path.exists():
            raise RttError(f"{path}: no warehouse here yet. {HOW_TO_LAND}")
        check(path, args.lock_wait)

    return command.run("before dbt build", check_ready)


if __name__ == "__main__":
    raise SystemExit(main())
