"""Where things live. Every command takes the DuckDB path from here so RTT_DUCKDB_PATH rules everywhere."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOWNLOAD_CACHE = PROJECT_ROOT / ".cache" / "downloads"


def duckdb_path() -> Path:
    """The warehouse file: RTT_DUCKDB_PATH if set, else rtt.duckdb in the project root."""
    configured = os.environ.get("RTT_DUCKDB_PATH")
    return Path(configured).resolve() if configured else PROJECT_ROOT / "rtt.duckdb"


def local_data_dir() -> Path | None:
    """The local folder of published files named by RTT_DATA_DIR, if any."""
    configured = os.environ.get("RTT_DATA_DIR")
    return Path(configured).resolve() if configured else None
