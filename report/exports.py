"""Every mart as Parquet and CSV, so BI tools and notebooks never need the DuckDB file (and never
hold its lock). Written by DuckDB itself from a read-only connection.

Which marts: those the `bi_exports` exposure in models/exposures.yml depends on, the one list
of what the exports promise, so a model that was deleted (whose stale table may linger in the
warehouse) is never exported, and dbt's lineage shows what the exports read."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from rtt.config import PROJECT_ROOT
from rtt.warehouse import Connection, quoted

FORMATS = {"parquet": "(format parquet)", "csv": "(format csv, header true)"}
EXPOSURES = PROJECT_ROOT / "models" / "exposures.yml"


def mart_tables(exposure: str = "bi_exports", path: Path = EXPOSURES) -> list[str]:
    exposures = {e["name"]: e for e in yaml.safe_load(path.read_text())["exposures"]}
    return sorted(re.fullmatch(r"ref\('(\w+)'\)", ref).group(1) for ref in exposures[exposure]["depends_on"])


def export_marts(con: Connection, folder: Path, tables: list[str] | None = None,
                 schema: str = "marts") -> dict[str, int]:
    """Write exports/<mart>.parquet and .csv for every mart (or the tables named); returns rows per
    table."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = {}
    for table in tables or mart_tables():
        relation = f"{schema}.{table}"
        for suffix, options in FORMATS.items():
            target = folder / f"{table}.{suffix}"
            partial = target.with_name(target.name + ".part")
            selected = spreadsheet_safe_columns(con, relation) if suffix == "csv" else "*"
            con.execute(f"copy (select {selected} from {relation}) to '{partial}' {options}")
            partial.replace(target)  # a BI tool never sees a half-written file
        (rows[table],) = con.execute(f"select count(*) from {relation}").fetchone()
    return rows


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"): text starting with one
# of these. Excel is what opens the CSV, so such text gets a leading apostrophe, which Excel takes
# as "text" and does not show. Numbers are typed columns and stay numbers; Parquet keeps every value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe_columns(con: Connection, relation: str) -> str:
    """The relation's columns for the CSV, each text column with its formula starts defused."""
    starts = ", ".join(f"chr({ord(start)})" for start in FORMULA_STARTS)
    return ", ".join(
        f"case when left({quoted(name)}, 1) in ({starts}) then chr(39) || {quoted(name)} else {quoted(name)} end "
        f"as {quoted(name)}" if kind == "VARCHAR" else quoted(name)
        for name, kind, *_ in con.execute(f"describe {relation}").fetchall())
