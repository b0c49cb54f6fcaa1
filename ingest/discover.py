"""Find the published files in a folder and its subfolders, recognised by content, not by name.

Every problem found is collected, so one run reports all of them before anything is landed.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from ingest import commissioner_workbook, rtt_layout
from ingest.commissioner_workbook import CommissionerWorkbook
from ingest.csv_source import CSV_SUFFIXES, CsvSource
from ingest.manifest import Manifest, ReferenceDataset
from ingest.spreadsheets import Workbook
from rtt.errors import IngestError
from rtt.months import MonthSelection, period_to_month


@dataclass(frozen=True)
class ExtractFile:
    """One RTT full extract: a month of every provider × commissioner × part × treatment function."""

    source: CsvSource
    layout: rtt_layout.Layout
    header_line: int  # lines of front matter before the header (Unify2 files have some)
    blank_fields: int  # empty fields ending the header, and every row (some Unify2 files have one)
    period: str
    month: date
    fingerprint: str

    @property
    def label(self) -> str:
        return self.source.label

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def edition(self) -> str:
        # NHS England names revised editions "...-revised.zip"; nothing inside the CSV says so.
        return "revised" if "revised" in self.source.label.lower() else "original"


@dataclass(frozen=True)
class ReferenceFile:
    dataset: ReferenceDataset
    path: Path
    edition: str | None = None  # for a dataset published a file per year: the year this file is

    @property
    def key(self) -> str:
        """One file per key: the dataset, or the dataset's edition."""
        return f"{self.dataset.name} {self.edition}" if self.edition else self.dataset.name


@dataclass
class Inventory:
    """What a folder holds, after choosing one file per month."""

    extracts: dict[date, ExtractFile] = field(default_factory=dict)
    workbooks: dict[date, CommissionerWorkbook] = field(default_factory=dict)  # months before the extracts
    references: dict[str, ReferenceFile] = field(default_factory=dict)  # by ReferenceFile.key
    notes: list[str] = field(default_factory=list)  # duplicates counted once, editions superseded
    ignored: list[Path] = field(default_factory=list)

    def select_months(self, months: MonthSelection | None) -> None:
        if months is not None:
            self.extracts = {m: f for m, f in self.extracts.items() if m in months}
            self.workbooks = {m: f for m, f in self.workbooks.items() if m in months}


def scan_folder(folder: Path, manifest: Manifest, exclude: tuple[str, ...] = ()) -> Inventory:
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder")
    inventory, problems = Inventory(), []
    found_extracts: dict[date, list[ExtractFile]] = defaultdict(list)
    found_workbooks: dict[date, list[CommissionerWorkbook]] = defaultdict(list)
    found_references: dict[str, list[ReferenceFile]] = defaultdict(list)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = str(path.relative_to(folder))
        if any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(relative, g) for g in exclude):
            continue
        try:
            found = classify(path, manifest)
        except IngestError as error:
            problems.append(str(error))
            continue
        for item in found if isinstance(found, list) else [found]:  # a zip may hold several extracts
            if isinstance(item, ExtractFile):
                found_extracts[item.month].append(item)
            elif isinstance(item, CommissionerWorkbook):
                found_workbooks[item.month].append(item)
            elif isinstance(item, str):  # recognised, and left out for the reason it gives
                inventory.notes.append(item)
                inventory.ignored.append(path)
            elif isinstance(item, ReferenceFile):
                found_references[item.key].append(item)
            else:
                inventory.ignored.append(path)
    for found_files, chosen in ((found_extracts, inventory.extracts), (found_workbooks, inventory.workbooks)):
        for month, files in sorted(found_files.items()):
            try:
                chosen[month] = choose_edition(month, files, inventory.notes)
            except IngestError as error:
                problems.append(str(error))
    for key, files in found_references.items():
        if len(files) > 1:
            listed = ", ".join(str(f.path) for f in files)
            problems.append(f"{key}: found in {len(files)} files ({listed}); keep one, or pass --exclude")
        else:
            inventory.references[key] = files[0]
    if problems:
        raise IngestError("\n".join(problems))
    return inventory


Found = ExtractFile | CommissionerWorkbook | ReferenceFile | str | None


def classify(path: Path, manifest: Manifest) -> Found | list[ExtractFile]:
    """What a file is: an RTT extract, an RTT commissioner workbook, a known reference dataset, a
    note on a recognised file that is left out, or nothing we know (None); for a zip holding
    several CSVs, the extract each one is."""
    name = path.name.lower()
    if name.endswith((".xlsx", ".xls")):
        return classify_workbook(path, manifest)
    if not name.endswith(CSV_SUFFIXES):
        return None
    sources = CsvSource.all_from_path(path)
    if not sources:
        return None  # a zip of something else
    if len(sources) > 1:
        return [extract_in_archive(source, len(sources)) for source in sources]
    (source,) = sources
    rows = source.peek_rows(HEADER_SEARCH_LINES)
    if rtt_header_line(rows) is not None:
        return read_extract_identity(source, rows)
    header = rows[0]
    for dataset in manifest.references:
        if dataset.matches_header(header) or dataset.matches_first_line(",".join(f'"{c}"' for c in header)):
            return reference_file(dataset, path)
        if dataset.resembles_header(header):
            raise IngestError(f"{source.label}: looks like {dataset.title}, but not in a layout we know: "
                              f"{rtt_layout.describe_mismatch(header, dataset.headers)}")
    return None


def extract_in_archive(source: CsvSource, members: int) -> ExtractFile:
    """One of several CSVs in a zip (NHS England's largest revised zips hold more than one): each
    must be an RTT extract, recognised by its content like any other, and lands as its own source."""
    rows = source.peek_rows(HEADER_SEARCH_LINES)
    if rtt_header_line(rows) is None:
        raise IngestError(f"{source.label}: one of {members} CSVs in the zip, and not an RTT full extract "
                          f"(its header starts {', '.join(rows[0][:4])}); a zip of several CSVs is read only "
                          "when each is an extract")
    return read_extract_identity(source, rows)


def reference_file(dataset: ReferenceDataset, path: Path) -> ReferenceFile:
    if not dataset.edition_in_name:
        return ReferenceFile(dataset, path)
    edition = dataset.edition_of(path.name)
    if edition is None:
        raise IngestError(f"{path.name}: {dataset.title}; only its name says which year it is, and this name "
                          f"does not (expected a year as published, matching '{dataset.edition_in_name}', "
                          f"e.g. 2024_2025.csv). Rename it so.")
    return ReferenceFile(dataset, path, edition)


# Unify2 files open with lines of front matter: the header is looked for in the first lines.
HEADER_SEARCH_LINES = 10


def rtt_header_line(rows: list[list[str]]) -> int | None:
    """Which of the first lines is an RTT extract's header, found by its content, or None."""
    return next((number for number, row in enumerate(rows) if rtt_layout.looks_like_rtt_extract(row)), None)


def read_extract_identity(source: CsvSource, rows: list[list[str]]) -> ExtractFile:
    header_line = rtt_header_line(rows)
    header = rows[header_line]
    layout = rtt_layout.match_layout(header)
    if layout is None:
        raise IngestError(f"{source.label}: not an RTT full extract layout: {rtt_layout.describe_mismatch(header)}")
    if len(rows) < header_line + 2:
        raise IngestError(f"{source.label}: has the RTT header but no rows")
    first_row = dict(zip(header, rows[header_line + 1]))
    period = layout.period_of(first_row)
    try:
        month = period_to_month(period)
    except ValueError as error:
        raise IngestError(f"{source.label}: line {header_line + 2}: {error}") from error
    blank_fields = len(header) - len(layout.columns)
    return ExtractFile(source, layout, header_line, blank_fields, period, month, source.content_fingerprint())


def classify_workbook(path: Path, manifest: Manifest) -> Found:
    workbook = Workbook(path)
    for dataset in manifest.references:
        if dataset.matching_sheets(workbook.sheetnames):
            return ReferenceFile(dataset, path)
    return commissioner_workbook.identify(path, workbook)


MonthlyFile = TypeVar("MonthlyFile", ExtractFile, CommissionerWorkbook)


def choose_edition(month: date, files: list[MonthlyFile], notes: list[str]) -> MonthlyFile:
    """One file per month: identical copies count once; a revised edition wins over an original."""
    by_content: dict[str, list[MonthlyFile]] = defaultdict(list)
    for extract in files:
        by_content[extract.fingerprint].append(extract)
    editions = [copies[0] for copies in by_content.values()]
    for copies in by_content.values():
        if len(copies) > 1:
            names = " and ".join(c.label for c in copies)
            notes.append(f"{month:%Y-%m}: {names} hold identical content; counted once")
    if len(editions) == 1:
        return editions[0]
    revised = [e for e in editions if e.edition == "revised"]
    if len(revised) == 1:
        for other in editions:
            if other is not revised[0]:
                notes.append(f"{month:%Y-%m}: revised edition {revised[0].label} replaces {other.label}")
        return revised[0]
    listed = "\n  ".join(f"{e.path} ({e.edition})" for e in editions)
    raise IngestError(
        f"{month:%Y-%m}: {len(editions)} different files claim this month and none is the one revised edition:\n"
        f"  {listed}\nKeep one in the folder, or pass --exclude NAME for the others."
    )
