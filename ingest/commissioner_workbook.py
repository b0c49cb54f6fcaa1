"""NHS England's monthly "Admitted – Commissioner" RTT workbooks (2014–15 and earlier), read and checked.

Before the full CSV extracts, NHS England published one workbook per month and part. The admitted
one holds, on sheet `Commissioner`, a title block ('Period:', 'Revised:' …), a header row, then one
row per commissioner (CCG, or NHS England) × treatment function (`AP100` … `AP999`) with the
completed pathways in week bands `>0-1` … `>51-52` and `52 plus`, their totals, and NHS England's
own median and 95th-percentile waits ('-' where fewer than 50 pathways). Sheet `National` holds
the same columns for England. Both land raw, column for column, with the sheet row they came from,
and so do the numbered notes of sheet `Notes`, which name the trusts that sent no data that month.

A workbook is recognised by its sheets and its header, never by its name; a workbook of another
part (non-admitted, incomplete) is recognised too, and left out with a note.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ingest.rtt_layout import describe_mismatch
from ingest.spreadsheets import Workbook, clean
from ingest.validate import EXAMPLES_SHOWN, ArithmeticReport
from rtt.errors import IngestError

COMMISSIONER_SHEET, NATIONAL_SHEET, NOTES_SHEET = "Commissioner", "National", "Notes"
ADMITTED_SUMMARY = "completed admitted pathways"
LAYOUT = "admitted commissioner workbook"
CLOSED_WEEKS = 52

BAND_HEADINGS = [f">{week}-{week + 1}" for week in range(CLOSED_WEEKS)] + ["52 plus"]
TOTAL_HEADINGS = [
    "Patients with unknown clock start date",
    "Total number of completed pathways (all)",
    "Total number of completed pathways (with a known clock start)",
    "Total (with a known clock start) within 18 weeks",
]
PUBLISHED_STATISTIC_HEADINGS = [
    "% within 18 weeks",
    "Average (median) waiting time (in weeks)",
    "95th percentile waiting time (in weeks)",
]
COUNT_HEADINGS = BAND_HEADINGS + TOTAL_HEADINGS
FUNCTION_HEADINGS = ["Treatment Function Code", "Treatment Function"]
# The commissioner's parent: an NHS England area team until March 2015, a region from April.
PARENT_HEADINGS = ("Area Team Code", "Region Code")
COMMISSIONER_HEADINGS = ["CCG Code", "CCG Name"] + FUNCTION_HEADINGS + COUNT_HEADINGS + PUBLISHED_STATISTIC_HEADINGS
NATIONAL_HEADINGS = FUNCTION_HEADINGS + COUNT_HEADINGS + PUBLISHED_STATISTIC_HEADINGS

# Raw column names: the published heading in snake_case, spelled out where it needs more than that.
RAW_NAMES = {
    "CCG Code": "ccg_code",
    "CCG Name": "ccg_name",
    "Treatment Function Code": "treatment_function_code",
    "Treatment Function": "treatment_function",
    **{heading: f"gt_{week:02d}_to_{week + 1:02d}_weeks" for week, heading in enumerate(BAND_HEADINGS[:-1])},
    "52 plus": "gt_52_weeks",
    "Patients with unknown clock start date": "patients_with_unknown_clock_start_date",
    "Total number of completed pathways (all)": "total_completed_pathways_all",
    "Total number of completed pathways (with a known clock start)": "total_completed_pathways_known_clock_start",
    "Total (with a known clock start) within 18 weeks": "total_known_clock_start_within_18_weeks",
    "% within 18 weeks": "pct_within_18_weeks",
    "Average (median) waiting time (in weeks)": "median_waiting_time_weeks",
    "95th percentile waiting time (in weeks)": "p95_waiting_time_weeks",
}
LINEAGE = [("period", "VARCHAR"), ("period_date", "DATE"), ("published", "VARCHAR"), ("revised", "VARCHAR"),
           ("source_sheet", "VARCHAR"), ("source_row", "INTEGER")]


@dataclass(frozen=True)
class CommissionerWorkbook:
    """One month's admitted commissioner workbook, as found in a folder."""

    path: Path
    period: str
    month: date
    published: str
    revised: str
    fingerprint: str  # the file's SHA-256, read once when the workbook is found
    book: Workbook = field(compare=False, repr=False)  # opened once, by discover, and read by land

    @property
    def label(self) -> str:
        return self.path.name

    @property
    def edition(self) -> str:
        # The title block says whether (and when) the month was revised.
        return "revised" if self.revised else "original"


@dataclass(frozen=True)
class SheetTable:
    """One sheet's data rows as raw columns: (name, DuckDB type) pairs and rows of values."""

    columns: list[tuple[str, str]]
    rows: list[tuple[Any, ...]]


def identify(path: Path, workbook: Workbook) -> CommissionerWorkbook | str | None:
    """The workbook's month, if it is an admitted commissioner workbook; a note saying what it is
    if it is another part's; None if it is not an RTT commissioner workbook at all."""
    if not {COMMISSIONER_SHEET, NATIONAL_SHEET} <= set(workbook.sheetnames):
        return None
    title = title_block(workbook.rows(COMMISSIONER_SHEET))
    if "Referral to Treatment" not in title.get("Title", ""):
        return None
    summary = title.get("Summary", "")
    if ADMITTED_SUMMARY not in summary.lower():
        return f"{path.name}: an RTT commissioner workbook of another part ('{summary}'); only admitted ones are landed"
    period = title.get("Period", "")
    try:
        month = datetime.strptime(period, "%B %Y").date()
    except ValueError:
        raise IngestError(f"{path.name}: sheet {COMMISSIONER_SHEET}: 'Period:' is '{period}', "
                          "expected a month like 'December 2014'") from None
    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()
    return CommissionerWorkbook(path, period, month, title.get("Published", ""), title.get("Revised", ""),
                                fingerprint, workbook)


def title_block(rows: list[list]) -> dict[str, str]:
    """'Period:' → 'December 2014', from the label-value lines above the table."""
    block = {}
    for row in rows[:20]:
        if row and isinstance(row[0], str) and row[0].endswith(":") and len(row) > 1:
            block[row[0].rstrip(":")] = clean(row[1])
    return block


@dataclass(frozen=True)
class WorkbookTables:
    commissioner: SheetTable
    national: SheetTable
    notes: SheetTable
    arithmetic: ArithmeticReport


def read_sheets(found: CommissionerWorkbook) -> WorkbookTables:
    """The sheets as raw tables, every count checked; raises IngestError naming file, sheet, row
    and column for anything that is not a non-negative whole number where a count should be.
    Rows whose bands do not add up to their published totals are counted, not refused."""
    workbook = found.book
    commissioner = read_table(found, workbook, COMMISSIONER_SHEET, COMMISSIONER_HEADINGS, parent=True)
    national = read_table(found, workbook, NATIONAL_SHEET, NATIONAL_HEADINGS, parent=False)
    return WorkbookTables(commissioner, national, read_notes(found, workbook), arithmetic_report(commissioner))


NOTE_COLUMNS = [("note_number", "INTEGER"), ("note", "VARCHAR")] + LINEAGE


def read_notes(found: CommissionerWorkbook, workbook: Workbook) -> SheetTable:
    """The numbered notes ('1. Median and 95th percentile times are …', '3. The following caveats
    apply …'), one row each; a workbook without a Notes sheet has none."""
    if NOTES_SHEET not in workbook.sheetnames:
        return SheetTable(NOTE_COLUMNS, [])
    first_row = workbook.first_row_number(NOTES_SHEET)
    notes = []
    for index, row in enumerate(workbook.rows(NOTES_SHEET)):
        match = re.match(r"\s*(\d+)\.\s+(.*)", str(row[0] or ""), re.DOTALL) if row else None
        if match:
            notes.append((int(match.group(1)), match.group(2).strip(), found.period, found.month, found.published,
                          found.revised, NOTES_SHEET, index + first_row))
    return SheetTable(NOTE_COLUMNS, notes)


def read_table(found: CommissionerWorkbook, workbook: Workbook, sheet: str, headings: list[str],
               parent: bool) -> SheetTable:
    where = f"{found.label}: sheet {sheet}"
    rows = workbook.rows(sheet)
    first_row = workbook.first_row_number(sheet)  # so that messages and lineage give the row Excel shows
    first_heading = PARENT_HEADINGS if parent else (headings[0],)
    header_index = next((i for i, row in enumerate(rows) if row and row[0] in first_heading), None)
    if header_index is None:
        raise IngestError(f"{where}: no header row starting {' or '.join(repr(h) for h in first_heading)}")
    header = [clean(cell) for cell in rows[header_index]]
    expected = ([header[0]] if parent else []) + headings
    if header[: len(expected)] != expected or any(header[len(expected):]):
        mismatch = describe_mismatch([h for h in header if h], [expected])  # trailing blank cells are no column
        raise IngestError(f"{where}: row {header_index + first_row}: {mismatch}")
    columns = raw_columns(parent)
    offset = len(expected) - len(headings)  # the parent column, on the commissioner sheet
    first_count = offset + headings.index(COUNT_HEADINGS[0])
    table_rows = []
    for index in range(header_index + 1, len(rows)):
        row = (rows[index] + [None] * len(expected))[: len(expected)]
        if all(cell is None for cell in row[first_count:]):
            continue  # blank lines and the notes below the table
        values = [header[0], none_if_dash(row[0])] if parent else []
        for heading, cell in zip(headings, row[offset:]):
            values.append(typed(cell, heading, f"{where}: row {index + first_row}: column '{heading}'"))
        table_rows.append((*values, found.period, found.month, found.published, found.revised, sheet, index + first_row))
    if not table_rows:
        raise IngestError(f"{where}: has the header but no rows")
    check_one_row_per_key(table_rows, columns, where)
    return SheetTable(columns, table_rows)


def raw_columns(commissioner_sheet: bool) -> list[tuple[str, str]]:
    """The raw table's columns, as (name, DuckDB type): the sheet's, then where each row came from."""
    if commissioner_sheet:
        parent = [("parent_org_type", "VARCHAR"), ("parent_org_code", "VARCHAR")]
        return parent + [(RAW_NAMES[h], column_type(h)) for h in COMMISSIONER_HEADINGS] + LINEAGE
    return [(RAW_NAMES[h], column_type(h)) for h in NATIONAL_HEADINGS] + LINEAGE


def column_type(heading: str) -> str:
    if heading in COUNT_HEADINGS:
        return "BIGINT"
    if heading in PUBLISHED_STATISTIC_HEADINGS:
        return "DOUBLE"
    return "VARCHAR"


def typed(cell: Any, heading: str, where: str) -> Any:
    if heading in COUNT_HEADINGS:
        if not isinstance(cell, (int, float)) or cell != int(cell) or cell < 0:
            raise IngestError(f"{where} holds '{cell if cell is not None else ''}', expected a whole number of "
                              "pathways, 0 or more")
        return int(cell)
    if heading in PUBLISHED_STATISTIC_HEADINGS:
        if cell is None or clean(cell) == "-":
            return None  # NHS England publishes '-' where it calculates no figure
        if not isinstance(cell, (int, float)):
            raise IngestError(f"{where} holds '{cell}', expected a number or '-'")
        return float(cell)
    return none_if_dash(cell)


def none_if_dash(cell: Any) -> str | None:
    text = clean(cell)
    return None if text in ("", "-") else text


def check_one_row_per_key(rows: list[tuple], columns: list[tuple[str, str]], where: str) -> None:
    names = [name for name, _ in columns]
    key = [names.index(k) for k in ("ccg_code", "treatment_function_code") if k in names]
    seen: dict[tuple, int] = {}
    for row in rows:
        identity = tuple(row[i] for i in key)
        if identity in seen:
            raise IngestError(f"{where}: rows {seen[identity]} and {row[-1]} are both "
                              f"{' / '.join(map(str, identity))}")
        seen[identity] = row[-1]


def arithmetic_report(table: SheetTable) -> ArithmeticReport:
    """Bands sum to the known-clock-start total; it plus unknown starts is the total; the first 18
    bands sum to the published within-18 count."""
    names = [name for name, _ in table.columns]
    band = [names.index(RAW_NAMES[h]) for h in BAND_HEADINGS]
    unknown, everyone, known, within_18 = (names.index(RAW_NAMES[h]) for h in TOTAL_HEADINGS)
    examples, breaks = [], 0
    for row in table.rows:
        band_sum = sum(row[i] for i in band)
        first_18 = sum(row[i] for i in band[:18])
        if band_sum != row[known] or row[known] + row[unknown] != row[everyone] or first_18 != row[within_18]:
            breaks += 1
            if len(examples) < EXAMPLES_SHOWN:
                examples.append(f"row {row[-1]} ({row[names.index('ccg_code')]}, "
                                f"{row[names.index('treatment_function_code')]}): bands sum to {band_sum}, "
                                f"known start {row[known]}, unknown {row[unknown]}, all {row[everyone]}, "
                                f"first 18 bands {first_18}, within 18 {row[within_18]}")
    return ArithmeticReport(breaks, examples)
