"""dbt's documentation of every model and column, beside the report: `dbt docs generate --static`
writes one offline file (the manifest and catalog inlined, no server), copied to docs.html in the
report folder, where every page's footer links to it. `python -m report --dbt-docs` (as `make
run` does) writes it once the report is written, from the writer's warehouse, which holds every model
(the published file holds the marts and seeds only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rtt.config import PROJECT_ROOT
from rtt.errors import RttError

DOCS_PAGE = "docs.html"


def write_docs_site(report_folder: Path, warehouse: Path) -> Path:
    dbt = Path(sys.executable).parent / "dbt"
    env = {**os.environ, "RTT_WAREHOUSE_PATH": str(warehouse), "DBT_PROFILES_DIR": str(PROJECT_ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    with tempfile.TemporaryDirectory(prefix="rtt-docs-") as work:
        done = subprocess.run([str(dbt), "docs", "generate", "--static", "--quiet", "--target-path", work,
                               "--log-path", str(Path(work) / "logs")],
                              cwd=PROJECT_ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RttError(f"{warehouse}: dbt docs generate failed: {(done.stdout + done.stderr).strip()[-600:]}")
        report_folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy(Path(work) / "static_index.html", report_folder / DOCS_PAGE))
