"""`python -m ingest`: find (or download) the published files, validate them, land them in raw."""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import nullcontext
from pathlib import Path

from ingest.discover import ExtractFile, Inventory, scan_folder
from ingest.land import (
    Landed,
    create_empty_optional_tables,
    create_raw_schema,
    land_extract,
    land_reference,
    land_workbook,
)
from ingest.manifest import load_manifest
from rtt import command, config
from rtt.errors import IngestError
from rtt.months import MTG_WINDOW, MonthSelection
from rtt.snapshots import adopt_unpublished
from rtt.warehouse import Connection, connect

DESCRIPTION = """\
Land NHS England's monthly RTT full CSV extracts and the ONS / NHS Digital reference files in
DuckDB, raw and with lineage (schema `raw`). Each month, and each reference table, is validated,
then replaced in one transaction: re-running replaces, never duplicates, and a bad file leaves
the warehouse as it was.

With --source-dir (or RTT_DATA_DIR) files are read from a folder and its subfolders, recognised
by their content: RTT extracts as .zip (streamed, not extracted), .csv or .csv.gz, NHS England's
older monthly "Admitted - Commissioner" workbooks (.xls, e.g. 2014-15), and the reference
datasets listed in ingest/sources.toml. Without it, the extracts are downloaded from
NHS England (following its RTT pages) into a cache folder, with every reference dataset that
changes (ONS populations, the ODS successor file, the RTT time series and, if it can be had, the
GP-registered patient counts). Static lookups ship with the project as dbt seeds.
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = command.parser("python -m ingest", DESCRIPTION)
    parser.add_argument("--months", type=month_selection, metavar="RANGES",
                        help="months to land, as YYYY-MM or YYYY-MM:YYYY-MM ranges joined by commas, e.g. "
                             "2021-07:2022-03. Default: every month in the source folder; when downloading, "
                             f"the window of the MTG report ({MTG_WINDOW}).")
    parser.add_argument("--source-dir", type=Path, metavar="DIR",
                        help="read published files from this folder instead of downloading "
                             "(default: $RTT_DATA_DIR if set)")
    parser.add_argument("--download-dir", type=Path, default=config.DOWNLOAD_CACHE, metavar="DIR",
                        help="cache for downloaded files; a file already here is not downloaded again "
                             f"(default: {config.DOWNLOAD_CACHE.relative_to(config.PROJECT_ROOT)})")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                        help="skip files whose name or path within the folder matches GLOB; repeat as needed. "
                             "Use it to choose between two different files for one month.")
    parser.add_argument("--skip-reference", action="store_true",
                        help="land only RTT extracts, leaving the reference tables as they are")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be landed, without opening the warehouse")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), metavar="N",
                        help="months landed at once (default: 2, or 1 on a one-core machine)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    return parser.parse_args(argv)


def month_selection(spec: str) -> MonthSelection:
    try:
        return MonthSelection.parse(spec)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return command.run("ingest", lambda: run(args))


def run(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    manifest = load_manifest()
    progress = not args.no_progress
    folder = args.source_dir or config.local_data_dir()
    months = args.months
    if folder is None:
        months = months or MTG_WINDOW
        folder = args.download_dir
        say(f"downloading {months} from {manifest.rtt_index} into {folder}")
        # Imported here: requests takes about 80 ms to import, which every run from a
        # folder (the monthly refresh, every test) would pay for nothing.
        from ingest.download import new_session
        from ingest.fetch import fetch_published

        fetch_published(manifest, months, folder, new_session(), progress=progress, say=say)
    inventory = scan_folder(folder.resolve(), manifest, tuple(args.exclude))
    inventory.select_months(months)
    describe(inventory, folder, months, args.skip_reference)
    if args.dry_run:
        return
    database = command.warehouse_path(args)
    if args.duckdb is None:
        adopt_unpublished(config.duckdb_path(), database)
    con = connect(database, wait_seconds=args.lock_wait)
    try:
        create_raw_schema(con)
        landed = land_all(con, inventory, args.skip_reference, progress, args.jobs)
        for dataset in create_empty_optional_tables(con, manifest):
            say(f"  {dataset.table}: no file found; created empty (optional: only `{dataset.optional_for}` needs it)")
    finally:
        con.close()
    months_landed = [item for item in landed if item.arithmetic is not None]
    say(f"landed {len(months_landed)} months ({sum(i.rows for i in months_landed):,} rows) and "
        f"{len(landed) - len(months_landed)} reference tables into {database} "
        f"in {time.perf_counter() - started:.1f} s")


def land_all(con: Connection, inventory: Inventory, skip_reference: bool, progress: bool, jobs: int) -> list[Landed]:
    """Reference tables and commissioner workbooks one by one (each takes well under a second),
    then the extracts' months `jobs` at a time: DuckDB reads a zipped CSV on
    one thread, so two months land in about the time of one and a half. Each month is its own
    transaction; after a failure no new month starts, and those running finish or roll back."""
    references = [] if skip_reference else list(inventory.references.values())
    workbooks = [workbook for _, workbook in sorted(inventory.workbooks.items())]
    extracts = [extract for _, extract in sorted(inventory.extracts.items())]
    landed: list[Landed] = []
    failure: IngestError | None = None
    with progress_bar(len(references) + len(workbooks) + len(extracts), progress) as bar:

        def record(result: Landed) -> None:
            landed.append(result)
            bar.write(summary_line(result))
            bar.update()

        try:
            for reference in references:
                record(land_reference(con, reference))
            for workbook in workbooks:
                record(land_workbook(con, workbook))
        except IngestError as error:
            failure = error
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [] if failure else [pool.submit(land_on_own_cursor, con, e) for e in extracts]
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                try:
                    record(future.result())
                except IngestError as error:
                    failure = failure or error
                    for waiting in futures:
                        waiting.cancel()
    if failure:
        done = ", ".join(sorted(item.what for item in landed)) or "nothing"
        raise IngestError(f"{failure}\nThat file's table is unchanged. Landed in this run: {done}.") from failure
    return landed


def progress_bar(files: int, shown: bool):
    """tqdm's bar over the files on a terminal; elsewhere, or with --no-progress, a stand-in that
    prints: tqdm is then never imported, which spares a scheduled monthly refresh about 40 ms."""
    if not (shown and sys.stderr.isatty()):
        return nullcontext(_Unbarred())
    from tqdm import tqdm

    return tqdm(total=files, unit="file", desc="landing", leave=False)


class _Unbarred:
    def write(self, message: str) -> None:
        say(message)

    def update(self) -> None:
        pass


def land_on_own_cursor(con: Connection, extract: ExtractFile) -> Landed:
    cursor = con.cursor()  # each thread its own connection to the same database
    try:
        return land_extract(cursor, extract)
    finally:
        cursor.close()


def summary_line(result: Landed) -> str:
    line = f"  {result.what:<45} {result.rows:>9,} rows {result.seconds:6.1f} s  {result.source}"
    report = result.arithmetic
    if report and report.breaks:
        line += f"\n    {report.breaks:,} rows where bands do not add up to the published totals, e.g.\n      " + \
                "\n      ".join(report.examples)
    return line


def describe(inventory: Inventory, folder: Path, months: MonthSelection | None, skip_reference: bool) -> None:
    say(f"found in {folder}: {len(inventory.extracts)} monthly extracts, "
        f"{len(inventory.workbooks)} monthly admitted commissioner workbooks, "
        f"{len(inventory.references)} reference files, {len(inventory.ignored)} other files ignored")
    for note in inventory.notes:
        say(f"  note: {note}")
    for month in sorted(inventory.workbooks.keys() & inventory.extracts.keys()):
        say(f"  note: {month:%Y-%m} has both a full extract and a commissioner workbook; "
            "the marts count the extract, the workbook is kept for its published percentiles")
    if months is not None:
        absent = [m for m in months.months() if m not in inventory.extracts and m not in inventory.workbooks]
        if absent:
            say(f"  no extract for: {', '.join(f'{m:%Y-%m}' for m in absent)}")
    if not inventory.extracts and not inventory.workbooks and (skip_reference or not inventory.references):
        raise IngestError(f"{folder}: nothing to land (no RTT extracts{'' if months is None else ' for ' + str(months)})")


def say(message: str) -> None:
    """Print a line, around a live progress bar if there is one (a bar means tqdm is loaded)."""
    bars = sys.modules.get("tqdm")
    if bars:
        bars.tqdm.write(message, file=sys.stdout)
    else:
        print(message, flush=True)
