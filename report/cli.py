"""`python -m report`: from a built warehouse, opened read-only, write the exports and the HTML
report and print the summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest import config
from ingest.errors import IngestError
from ingest.warehouse import DEFAULT_LOCK_WAIT_SECONDS, connect
from report.area import area_lines
from report.area_pages import write_area_pages
from report.exports import export_marts
from report.page import write_report
from report.summary import summary_lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m report", description=(
        "Write every mart as Parquet and CSV, the HTML report, and a summary, from a built "
        "warehouse opened read-only."))
    parser.add_argument("--duckdb", type=Path, default=None, metavar="PATH",
                        help="the warehouse file (default: $RTT_DUCKDB_PATH, else rtt.duckdb)")
    parser.add_argument("--exports", type=Path, default=config.PROJECT_ROOT / "exports", metavar="DIR",
                        help="where the Parquet and CSV files go (default: exports/)")
    parser.add_argument("--report", type=Path, default=config.PROJECT_ROOT / "build" / "report" / "index.html",
                        metavar="FILE", help="the HTML report's main page (default: build/report/index.html); the area pages "
                             "go in areas/ beside it")
    parser.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_SECONDS, metavar="SECONDS",
                        help="how long to wait while another process writes the warehouse")
    parser.add_argument("--area", metavar="CODE_OR_NAME",
                        help="print one area's summary (a CCG code such as 03R, or part of its name) and "
                             "write nothing else")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database = (args.duckdb or config.duckdb_path()).resolve()
    try:
        con = connect(database, read_only=True, wait_seconds=args.lock_wait)
    except IngestError as error:  # no warehouse yet, or held by a writer
        print(f"report: {error}", file=sys.stderr)
        return error.exit_code
    try:
        if args.area:
            print("\n".join(area_lines(con, args.area)))
            return 0
        exported = export_marts(con, args.exports.resolve())
        report = write_report(con, args.report.resolve())
        pages = write_area_pages(con, report.parent / "areas")
        print(f"exported {len(exported)} marts ({sum(exported.values()):,} rows) to {args.exports}")
        print(f"wrote {len(pages)} area pages to {report.parent / 'areas'}")
        print("\n".join(summary_lines(con, report, args.exports.resolve())))
    except IngestError as error:  # an area that is not there
        print(f"report: {error}", file=sys.stderr)
        return error.exit_code
    finally:
        con.close()
    return 0
