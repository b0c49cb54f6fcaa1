"""Where things live. Every command takes the DuckDB path from here, so RTT_DUCKDB_PATH rules
everywhere; profiles.yml names the same default file for dbt (a test holds them equal)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = "rtt.duckdb"  # in the project root
DOWNLOAD_CACHE = PROJECT_ROOT / ".cache" / "downloads"
EXPORTS = PROJECT_ROOT / "exports"
REPORT = PROJECT_ROOT / "build" / "report" / "index.html"


def duckdb_path() -> Path:
    """The warehouse file: RTT_DUCKDB_PATH if set, else DEFAULT_WAREHOUSE in the project root."""
    configured = os.environ.get("RTT_DUCKDB_PATH")
    return Path(configured).resolve() if configured else PROJECT_ROOT / DEFAULT_WAREHOUSE


def local_data_dir() -> Path | None:
    """The local folder of published files named by RTT_DATA_DIR, if any."""
    configured = os.environ.get("RTT_DATA_DIR")
    return Path(configured).resolve() if configured else None
