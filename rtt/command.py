"""The one shape of a command-line entry point (`python -m ingest`, `ingest.export_raw`,
`ingest.readiness`, `report`): the same warehouse options, and every stop printed as one line
naming what was wrong, with the stop's exit code, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from rtt import config
from rtt.errors import RttError
from rtt.warehouse import DEFAULT_LOCK_WAIT_SECONDS

EXIT_CODES = ("Exit codes: 0 done; 1 bad input, no warehouse or an unknown area (each named); 2 bad options; "
              "3 the warehouse file is held by another program.")


def parser(prog: str, description: str, *, reads_published: bool = False) -> argparse.ArgumentParser:
    """An argument parser with the options every command that opens the warehouse takes. A writer
    (the ingest, its checks) opens the writer's warehouse; a reader (the report) the published file."""
    made = argparse.ArgumentParser(prog=prog, description=description, epilog=EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    default = ("the published file: $RTT_DUCKDB_PATH, else rtt.duckdb in the project root" if reads_published
               else "the writer's warehouse: $RTT_WAREHOUSE_PATH, else warehouse.duckdb in the builds folder "
                    "beside the published file")
    made.add_argument("--duckdb", type=Path, default=None, metavar="PATH", help=f"the warehouse file (default: {default})")
    made.set_defaults(configured_warehouse=config.duckdb_path if reads_published else config.warehouse_path)
    made.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_SECONDS, metavar="SECONDS",
                      help="how long to wait for another process to release the warehouse file "
                           f"(default: {DEFAULT_LOCK_WAIT_SECONDS:.0f})")
    return made


def warehouse_path(args: argparse.Namespace) -> Path:
    """--duckdb if given, else the configured file for this command (see `parser`)."""
    return (args.duckdb or args.configured_warehouse()).absolute()


def run(name: str, work: Callable[[], int | None]) -> int:
    """Run a command's work and return its exit code: a stop is one message on stderr,
    `name: stopped. what`."""
    try:
        return work() or 0
    except RttError as error:
        print(f"{name}: stopped. {error}", file=sys.stderr)
        return error.exit_code
    except duckdb.Error as error:  # e.g. a disk full during a COPY: still one line, not a traceback
        print(f"{name}: stopped. DuckDB: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a file where a folder should be
        print(f"{name}: stopped. {error}", file=sys.stderr)
        return 1
