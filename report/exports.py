"""Every mart as Parquet and CSV, so BI tools and notebooks never need the DuckDB file (and never
hold its lock). Written by DuckDB itself from a read-only connection.

Which marts: those the `bi_exports` exposure in models/exposures.yml depends on, the one list
of what the exports promise, so a model that was deleted (whose stale table may linger in the
warehouse) is never exported, and dbt's lineage shows what the exports read."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import yaml

FORMATS = {"parquet": "(format parquet)", "csv": "(format csv, header true)"}
EXPOSURES = Path(__file__).resolve().parent.parent / "models" / "exposures.yml"


def mart_tables(exposure: str = "bi_exports", path: Path = EXPOSURES) -> list[str]:
    exposures = {e["name"]: e for e in yaml.safe_load(path.read_text())["exposures"]}
    return sorted(re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in exposures[exposure]["depends_on"])


def export_marts(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Write exports/<mart>.parquet and .csv for every mart; returns rows per mart."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    for table in mart_tables():
        for suffix, options in FORMATS.items():
            target = folder / f"{table}.{suffix}"
            partial = target.with_name(target.name + ".part")
            con.execute(f"copy (select * from marts.{table}) to '{partial}' {options}")
            partial.replace(target)  # a BI tool never sees a half-written file
        (rows[table],) = con.execute(f"select count(*) from marts.{table}").fetchone()
    return rows
