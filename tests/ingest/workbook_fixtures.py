"""Small "Admitted - Commissioner" workbooks in the published .xls layout, written by the tests.

Like the real ones, the used range starts at B2: a title block, a header row, then one row per
commissioner × treatment function whose counts obey NHS England's arithmetic (bands sum to the
known-start total, AP999 sums the functions), and a National sheet that sums the commissioners.
Headings are spelled out here, independently of ingest.commissioner_workbook.
"""

from __future__ import annotations

import random
from pathlib import Path

import xlwt

BANDS = [f">{w}-{w + 1}" for w in range(52)] + ["52 plus"]
TOTALS = ["Patients with unknown clock start date", "Total number of completed pathways (all)",
          "Total number of completed pathways (with a known clock start)",
          "Total (with a known clock start) within 18 weeks", "% within 18 weeks",
          "Average (median) waiting time (in weeks)", "95th percentile waiting time (in weeks)"]
COMMISSIONERS = [("Q72", "03R", "NHS WAKEFIELD CCG"), ("Q72", "02T", "NHS CALDERDALE CCG"), ("- ", "X24", "NHS ENGLAND")]
FUNCTIONS = [("AP100", "General Surgery"), ("AP110", "Trauma & Orthopaedics")]
FIRST_ROW, FIRST_COLUMN = 1, 1  # B2, zero-based


def commissioner_header(parent: str = "Area Team Code") -> list[str]:
    return [parent, "CCG Code", "CCG Name", "Treatment Function Code", "Treatment Function"] + BANDS + TOTALS


def commissioner_rows(seed: int = 1) -> list[list]:
    rng = random.Random(seed)
    rows = []
    for parent, code, name in COMMISSIONERS:
        per_function = [(function, label, [rng.choice([0, 1, 3, 8]) for _ in BANDS], rng.choice([0, 1]))
                        for function, label in FUNCTIONS]
        total = [sum(f[2][i] for f in per_function) for i in range(len(BANDS))]
        per_function.append(("AP999", "Total", total, sum(f[3] for f in per_function)))
        for function, label, bands, unknown in per_function:
            rows.append([parent, code, name, function, label] + bands + totals(bands, unknown))
    return rows


def totals(bands: list[int], unknown: int) -> list:
    known = sum(bands)
    within = sum(bands[:18])
    share = within / known if known else "-"
    return [unknown, known + unknown, known, within, share, "-", "-"]  # too few pathways for percentiles


def national_rows(rows: list[list]) -> list[list]:
    by_function: dict[str, list] = {}
    for row in rows:
        counts = row[5:5 + len(BANDS) + 4]
        if row[3] in by_function:
            by_function[row[3]][2:] = [a + b for a, b in zip(by_function[row[3]][2:], counts)]
        else:
            by_function[row[3]] = [row[3], row[4]] + list(counts)
    return [values + ["-", "-", "-"] for values in by_function.values()]


def write_workbook(path: Path, period: str = "December 2014", rows: list[list] | None = None,
                   header: list[str] | None = None, summary: str = "completed admitted pathways",
                   revised: str = "9th July 2015", national: list[list] | None = None) -> Path:
    rows = commissioner_rows() if rows is None else rows
    national = national_rows(rows) if national is None else national
    book = xlwt.Workbook()
    for sheet_name, table_header, table_rows in (
            ("National", ["Treatment Function Code", "Treatment Function"] + BANDS + TOTALS, national),
            ("Commissioner", header or commissioner_header(), rows)):
        sheet = book.add_sheet(sheet_name)
        title = [("Title:", "Referral to Treatment (RTT) Waiting Times"),
                 ("Summary:", f"Monthly Referral to Treatment (RTT) waiting times for {summary}."),
                 ("", ""), ("Period:", period), ("Source:", "Unify2 data collection - RTT"),
                 ("Basis:", "Commissioner"), ("Published:", "12th February 2015"), ("Revised:", revised),
                 ("Status:", "Published"), ("", ""), (f"{sheet_name} Level Data", "")]
        for r, (label, value) in enumerate(title):
            sheet.write(FIRST_ROW + r, FIRST_COLUMN, label)
            sheet.write(FIRST_ROW + r, FIRST_COLUMN + 1, value)
        header_row = FIRST_ROW + len(title)
        for c, heading in enumerate(table_header):
            sheet.write(header_row, FIRST_COLUMN + c, heading)
        for r, row in enumerate(table_rows, start=header_row + 1):
            for c, value in enumerate(row):
                sheet.write(r, FIRST_COLUMN + c, value)
        sheet.write(header_row + len(table_rows) + 2, FIRST_COLUMN, "Notes:")
    notes = book.add_sheet("Notes")
    for r, text in enumerate(["Notes:", "1. Median and 95th percentile times are calculated from aggregate data",
                              f"3. The following caveats apply to the {period} data:\n\nRXX Test Trust did not "
                              "submit any RTT data"]):
        notes.write(FIRST_ROW + r, FIRST_COLUMN, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(path))
    return path


def header_row_number() -> int:
    """The spreadsheet row (from 1) of the Commissioner header: data starts on the next row."""
    return FIRST_ROW + 11 + 1
