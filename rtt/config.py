"""Where things live. Every command takes its DuckDB paths from here, so RTT_DUCKDB_PATH and
RTT_WAREHOUSE_PATH rule everywhere; profiles.yml derives the same default for dbt (a test holds
them equal).

Two files, so that readers never block a refresh (docs/data.md, "Publishing"):
- the published file (RTT_DUCKDB_PATH, default rtt.duckdb): what analysts and BI tools open. It
  names the last build that passed every test, and only `python -m rtt.publish` changes it;
- the writer's warehouse (RTT_WAREHOUSE_PATH, default in the published file's builds folder):
  raw to marts, written by the ingest and dbt, opened by no reader.
Set both to one file to build and read it in place, as the tests do."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PUBLISHED_FILE = "rtt.duckdb"  # the published file, in the project root
BUILDS_SUFFIX = ".builds"  # rtt.duckdb.builds/: the writer's warehouse and the published snapshots
WRITER_FILE = "warehouse.duckdb"
DOWNLOAD_CACHE = PROJECT_ROOT / ".cache" / "downloads"
EXPORTS = PROJECT_ROOT / "exports"
REPORT = PROJECT_ROOT / "build" / "report" / "index.html"


def duckdb_path() -> Path:
    """The published file: RTT_DUCKDB_PATH if set, else DEFAULT_PUBLISHED_FILE in the project root."""
    configured = os.environ.get("RTT_DUCKDB_PATH")
    return Path(configured).absolute() if configured else PROJECT_ROOT / DEFAULT_PUBLISHED_FILE


def builds_dir(published: Path) -> Path:
    """The folder beside a published file holding its writer's warehouse and snapshots."""
    return published.with_name(published.name + BUILDS_SUFFIX)


def warehouse_path() -> Path:
    """The writer's warehouse: RTT_WAREHOUSE_PATH if set, else warehouse.duckdb in the published
    file's builds folder."""
    configured = os.environ.get("RTT_WAREHOUSE_PATH")
    return Path(configured).resolve() if configured else builds_dir(duckdb_path()) / WRITER_FILE


def local_data_dir() -> Path | None:
    """The local folder of published files named by RTT_DATA_DIR, if any."""
    configured = os.environ.get("RTT_DATA_DIR")
    return Path(configured).resolve() if configured else None
