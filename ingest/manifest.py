"""The datasets named in sources.toml, and how each is recognised in a folder by its content."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_PATH = Path(__file__).with_name("sources.toml")


@dataclass(frozen=True)
class ReferenceDataset:
    name: str
    title: str
    publisher: str
    home: str  # the page a person would visit to get the file by hand
    table: str
    # Where to download it from (see sources.toml for the order they are tried in).
    url: str = ""
    editions: tuple[str, ...] = ()  # one address per edition (a file per year), each read from its name
    edition_in_name: str = ""  # regex: the edition as the file name says it, e.g. '(20\d\d)_(20\d\d)'
    page: str = ""
    series: str = ""
    link: str = ""  # regex on a link's address
    link_text: str = ""  # found by this link text on the newest RTT financial-year page
    hosts: tuple[str, ...] = ()
    optional_for: str = ""  # the one setting that needs it: without it the build completes, that setting fails
    header: tuple[str, ...] = ()  # recognised by its CSV header ...
    headers: tuple[tuple[str, ...], ...] = ()  # ... or by one of several (a layout that changed) ...
    sheet: str = ""  # ... or by a workbook sheet name (a regex) ...
    first_row: str = ""  # ... or, for a file with no header, by its first line (a regex)
    columns: tuple[str, ...] = ()  # names for a file published without a header
    integers: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()  # landed as DOUBLE
    weighted_columns: str = ""  # regex: columns that must each sum to the population column's total
    population_columns: tuple[str, ...] = ()  # that column, as each layout names it
    dates: dict[str, str] = field(default_factory=dict)  # column -> strptime format

    @property
    def optional(self) -> bool:
        return bool(self.optional_for)

    @property
    def downloadable(self) -> bool:
        return bool(self.url or self.editions or self.page or self.series or self.link_text)

    def published_columns(self) -> list[tuple[str, str]]:
        """(column as published, DuckDB type) for a CSV dataset: how its table looks when landed
        (every layout's columns, for a dataset whose layout changed)."""
        names = dict.fromkeys(self.columns or self.header or [c for h in self.headers for c in h])
        return [(c, "BIGINT" if c in self.integers else "DOUBLE" if c in self.numbers
                 else "DATE" if c in self.dates else "VARCHAR") for c in names]

    def matches_header(self, header: list[str]) -> bool:
        return tuple(header) in ((self.header,) if self.header else self.headers)

    def resembles_header(self, header: list[str]) -> bool:
        """Shares most of the columns of one of its layouts: meant to be this dataset, but changed."""
        return any(len(set(header) & set(known)) >= 0.6 * len(known) for known in self.headers)

    def edition_of(self, file_name: str) -> str | None:
        """'2024/25' for a file named like '2024_2025.csv', for a dataset published a file per year."""
        found = re.search(self.edition_in_name, file_name) if self.edition_in_name else None
        if found is None or int(found.group(2)) != int(found.group(1)) + 1:
            return None
        return f"{found.group(1)}/{found.group(2)[2:]}"

    def matches_first_line(self, line: str) -> bool:
        return bool(self.first_row) and re.fullmatch(self.first_row, line.strip()) is not None

    def matching_sheets(self, sheet_names: list[str]) -> list[str]:
        return [s for s in sheet_names if self.sheet and re.fullmatch(self.sheet, s)]


@dataclass(frozen=True)
class Manifest:
    rtt_index: str
    rtt_host: str
    rtt_table: str
    references: tuple[ReferenceDataset, ...]

    def reference(self, name: str) -> ReferenceDataset:
        return next(r for r in self.references if r.name == name)


def load_manifest(path: Path = MANIFEST_PATH) -> Manifest:
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    references = []
    for name, entry in data["reference"].items():
        entry = {k: tuple(tuple(i) if isinstance(i, list) else i for i in v) if isinstance(v, list) else v
                 for k, v in entry.items()}
        references.append(ReferenceDataset(name=name, **entry))
    rtt = data["rtt"]
    return Manifest(rtt["index"], rtt["host"], rtt["table"], tuple(references))
