"""Stage a reference file into a temp table with its published column names.

CSVs (plain, gzipped or zipped) are read by DuckDB as text; `land.typed_select` types them.
The two workbooks are read through ingest.spreadsheets, since their tables start below title
rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ingest.csv_source import CsvSource
from ingest.manifest import ReferenceDataset
from ingest.spreadsheets import Workbook, clean, split_at_header
from rtt.errors import IngestError
from rtt.warehouse import Connection, quoted

Table = tuple[list[tuple[str, str]], list[tuple[Any, ...]]]  # (name, DuckDB type) pairs, rows


def stage_reference(con: Connection, dataset: ReferenceDataset, path: Path, staged: str) -> None:
    if dataset.sheet:
        reader = WORKBOOK_READERS[dataset.name]
        workbook = Workbook(path)
        columns, rows = reader(workbook, dataset)
        if not rows:
            raise IngestError(f"{path.name}: no data rows found in the sheets matching '{dataset.sheet}'")
        create_table(con, staged, columns, rows)
        return
    source = CsvSource.from_path(path)
    if dataset.columns:  # published without a header
        first_row = source.peek_rows(1)[0]
        if len(first_row) != len(dataset.columns):
            raise IngestError(
                f"{source.label}: {len(first_row)} columns in its first row, where {dataset.table} takes "
                f"{len(dataset.columns)}: {', '.join(dataset.columns)}. Its layout has changed, so it is refused")
        source.read_into(con, staged, {c: "VARCHAR" for c in dataset.columns}, header=False)
    else:
        source.read_into(con, staged)


def create_table(con: Connection, name: str, columns: list[tuple[str, str]], rows: list[tuple[Any, ...]]) -> None:
    """One statement, each column bound as a list and unnested alongside the others: binding row
    by row (executemany) takes seconds for a few hundred wide rows."""
    values = [[row[index] for row in rows] for index in range(len(columns))]  # also for no rows
    selected = ", ".join(f"unnest(?::{kind}[]) as {quoted(c)}" for c, kind in columns)
    con.execute(f"create or replace temp table {name} as select {selected}", values)


def read_sub_icb_population(workbook, dataset: ReferenceDataset) -> Table:
    """One sheet per mid-year ('Mid-2022 ICB 2024' ...): a title block, then a header row starting
    'SICBL 2024 Code', then one row per sub-ICB location. Stacked, with the year as `mid_year`."""
    columns: list[tuple[str, str]] = []
    rows: list[tuple[Any, ...]] = []
    for sheet_name in dataset.matching_sheets(workbook.sheetnames):
        mid_year = int(re.fullmatch(dataset.sheet, sheet_name).group(1))
        header, body = split_at_header(workbook.rows(sheet_name), lambda row: row[0] == "SICBL 2024 Code",
                                       f"{sheet_name}: no header row starting 'SICBL 2024 Code'")
        first_count = header.index("Total")
        sheet_columns = [("mid_year", "INTEGER")] + [
            (name, "BIGINT" if i >= first_count else "VARCHAR") for i, name in enumerate(header)]
        if columns and sheet_columns != columns:
            raise IngestError(f"{sheet_name}: its columns differ from the other years' sheets")
        columns = sheet_columns
        rows += [(mid_year, *row[: len(header)]) for row in body if row[0]]
    return columns, rows


def read_rtt_timeseries(workbook, dataset: ReferenceDataset) -> Table:
    """'Full Time Series': two header rows (a group such as 'Incomplete RTT pathways' over its
    measures), then one row per month. A '-' (no figure) becomes null; text such as '52+' (an
    open-band percentile) is kept, so such a column is text; other columns are numbers."""
    (sheet_name,) = dataset.matching_sheets(workbook.sheetnames)
    group_row, body = split_at_header(workbook.rows(sheet_name), lambda row: "Year" in row and "Month" in row,
                                      f"{sheet_name}: no header row with 'Year' and 'Month'")
    measure_row = body.pop(0)
    first = group_row.index("Year")
    names, group = [], ""
    for index in range(first, len(group_row)):
        group = clean(group_row[index]) or group
        measure = clean(measure_row[index]) if index < len(measure_row) else ""
        if index > first + 1 and not measure:
            break
        names.append(group if index <= first + 1 else f"{group} {measure}")
    data = [tuple(None if v == "-" else v for v in row[first: first + len(names)])
            for row in body if len(row) > first + 1 and isinstance(row[first + 1], date)]
    columns = [("Year", "VARCHAR"), ("Month", "DATE")]
    for index in range(2, len(names)):
        numeric = all(isinstance(r[index], (int, float)) or r[index] is None for r in data)
        columns.append((names[index], "DOUBLE" if numeric else "VARCHAR"))
    rows = [(r[0], r[1], *(v if kind == "DOUBLE" or v is None else str(v)
                                  for v, (_, kind) in zip(r[2:], columns[2:]))) for r in data]
    return columns, rows


WORKBOOK_READERS: dict[str, Callable[[Any, ReferenceDataset], Table]] = {
    "ons_sub_icb_population_mid2022_2024": read_sub_icb_population,
    "rtt_overview_timeseries": read_rtt_timeseries,
}
