"""`python -m report`: from a built warehouse, opened read-only, write the exports and the HTML
report and print the summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from report import data, series, shell
from report.area import area_lines
from report.area_pages import write_area_pages
from report.docs_site import DOCS_PAGE, write_docs_site
from report.exports import export_marts
from report.group_pages import write_group_pages
from report.page import write_report
from report.summary import summary_lines
from report.trusts import trust_lines, write_trust_pages
from rtt import command, config
from rtt.errors import RttError
from rtt.snapshots import inside_a_snapshot
from rtt.warehouse import connect


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = command.parser("python -m report", (
        "Write every mart as Parquet and CSV, the HTML report, and a summary, from a built "
        "warehouse opened read-only."), reads_published=True)
    parser.add_argument("--exports", type=Path, default=config.EXPORTS, metavar="DIR",
                        help="where the Parquet and CSV files go (default: exports/)")
    parser.add_argument("--report", type=Path, default=config.REPORT,
                        metavar="FILE", help="the HTML report's main page (default: build/report/index.html); the area pages "
                             "go in areas/ beside it")
    parser.add_argument("--dbt-docs", action="store_true",
                        help=f"also write dbt's documentation of the models beside the report ({DOCS_PAGE}), "
                             "as `make run` does")
    parser.add_argument("--area", metavar="CODE_OR_NAME",
                        help="print one area's summary (a CCG code such as 03R, or part of its name) and "
                             "write nothing else")
    parser.add_argument("--provider", metavar="CODE_OR_NAME",
                        help="print one NHS trust's summary (a trust code such as RXF, or part of its name) and "
                             "write nothing else")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return command.run("report", lambda: write_everything(args))


def refuse_published_targets(args: argparse.Namespace) -> None:
    """exports/ and build/report/ are a published build's once `make build` has published one:
    drawing into them would change a build readers have open, and no longer match its file."""
    for target in (args.exports, args.report.parent):
        if inside_a_snapshot(target):
            raise RttError(f"{target} is published by `make build` with the file it was drawn from; "
                           "draw another with --exports DIR and --report FILE elsewhere")


def write_everything(args: argparse.Namespace) -> None:
    with connect(command.warehouse_path(args), read_only=True, wait_seconds=args.lock_wait) as con:
        if args.area or args.provider:
            print("\n".join(area_lines(con, args.area) if args.area else trust_lines(con, args.provider)))
            return
        refuse_published_targets(args)
        shell.note_build(con)
        exported = export_marts(con, args.exports.resolve())
        folder, group_pages = args.report.resolve().parent, data.group_pages(con)
        shell.write_assets(folder / "assets")
        loaded = series.write_series(con, folder / "assets", group_pages)["months"]
        report = write_report(con, args.report.resolve(), group_pages)
        pages = write_area_pages(con, folder / "areas", loaded)
        groups = write_group_pages(con, folder / "groups", group_pages, loaded)
        trusts = write_trust_pages(con, folder / "trusts")
        print(f"exported {len(exported)} marts ({sum(exported.values()):,} rows) to {args.exports}")
        print(f"wrote {len(pages)} area pages to {report.parent / 'areas'} and {len(groups)} ICB and region pages "
              f"to {report.parent / 'groups'}, and {len(trusts)} NHS trust pages to {report.parent / 'trusts'}")
        print("\n".join(summary_lines(con, report, args.exports.resolve())))
    if args.dbt_docs:  # dbt opens the writer's warehouse itself, which holds every model's columns
        print(f"wrote dbt's documentation to {write_docs_site(report.parent, config.warehouse_path())}")
