"""Spreadsheets (.xlsx and .xls) as rows of Python values, read with python-calamine (fast,
Rust): the one home of spreadsheet reading for the reference workbooks and NHS England's
commissioner workbooks alike. Empty cells become None."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from rtt.errors import IngestError


class Workbook:
    """A workbook's sheets as rows of Python values, with empty cells as None."""

    def __init__(self, path: Path):
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as error:  # calamine raises its own error types for unreadable files
            raise IngestError(f"{path.name}: not a readable workbook ({error})") from error
        self.sheetnames: list[str] = self._book.sheet_names

    def rows(self, sheet: str) -> list[list]:
        return [[None if cell == "" else cell for cell in row]
                for row in self._book.get_sheet_by_name(sheet).to_python()]

    def first_row_number(self, sheet: str) -> int:
        """The spreadsheet row number (from 1) of `rows(sheet)[0]`: the used range may start lower."""
        start = self._book.get_sheet_by_name(sheet).start
        return (start[0] if start else 0) + 1


def split_at_header(rows: list[list], is_header: Callable[[list], bool], missing: str) -> tuple[list[str], list[list]]:
    for index, row in enumerate(rows):
        if is_header(row):
            header = [clean(c) for c in row]
            while header and not header[-1]:
                header.pop()
            return header, rows[index + 1:]
    raise IngestError(missing)


def clean(cell: Any) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""
