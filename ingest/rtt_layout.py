"""The published layouts of the RTT full CSV extract and the one raw table that holds them all.

NHS England widened the week bands in April 2021: before, they stop at 52 weeks with an open
`Gt 52 Weeks SUM 1`; since, they run to 104 weeks with an open `Gt 104 Weeks SUM 1`. The raw table
carries every band of both; bands a file does not have are null. Up to September 2017 the files
were in the "Unify2" layout (shared/docs/rtt_eras.md): its columns are mapped onto today's names
here, the one place that knows them, and raw.ingest_log.layout says which layout a month came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rtt.warehouse import quoted

IDENTIFIER_COLUMNS = [
    "Period",
    "Provider Parent Org Code",
    "Provider Parent Name",
    "Provider Org Code",
    "Provider Org Name",
    "Commissioner Parent Org Code",
    "Commissioner Parent Name",
    "Commissioner Org Code",
    "Commissioner Org Name",
    "RTT Part Type",
    "RTT Part Description",
    "Treatment Function Code",
    "Treatment Function Name",
]
TOTAL_COLUMNS = ["Total", "Patients with unknown clock start date", "Total All"]


def closed_bands(last_week: int) -> list[str]:
    """'Gt 00 To 01 Weeks SUM 1' ... up to the band ending at `last_week`."""
    return [f"Gt {week:02d} To {week + 1:02d} Weeks SUM 1" for week in range(last_week)]


def open_band(last_week: int) -> str:
    return f"Gt {last_week} Weeks SUM 1"


@dataclass(frozen=True)
class Layout:
    """One published header, and how its columns fill the raw table's (which are today's)."""

    name: str
    columns: list[str]  # as published, in order
    # raw column (as published today) -> SQL over this layout's columns, where not the same column
    sources: dict[str, str] = field(default_factory=dict)
    period_columns: tuple[str, ...] = ("Period",)  # joined by a space, they are the raw `period`

    def period_of(self, row: dict[str, str]) -> str:
        """The raw `period` of a published row (rtt.months.period_to_month reads it)."""
        return " ".join(row[column].strip() for column in self.period_columns)

    def period_sql(self) -> str:
        return " || ' ' || ".join(f"trim({quoted(column)})" for column in self.period_columns)

    def raw_select(self) -> str:
        """The select list that turns a file of this layout into raw.rtt_full_extract's columns."""
        sources = {"Period": self.period_sql(), **self.sources}
        return ", ".join(f"{sources.get(column, quoted(column))} as {snake_case(column)}"
                         for column in IDENTIFIER_COLUMNS + COUNT_COLUMNS
                         if column in sources or column in self.columns)

    @property
    def counts(self) -> list[str]:
        return [c for c in self.columns if c in COUNT_COLUMNS]

    @property
    def bands(self) -> list[str]:
        return [c for c in self.columns if c in BAND_COLUMNS]


def normalised_function_code(column: str) -> str:
    """Unify2 files write a treatment function as `C_100`, `AP100`/`NP100`/`IP100` or `100`
    (and "Other" as `X01` or `APX01`): today's form is `C_100` and `X01`."""
    code = f"trim({quoted(column)})"
    return (f"case when regexp_matches({code}, '^(C_|AP|NP|IP)?[0-9]{{3}}$') then 'C_' || right({code}, 3) "
            f"when regexp_matches({code}, '^(AP|NP|IP)?X[0-9]{{2}}$') then right({code}, 3) else {code} end")


def unify2_layout(name: str, function_code: str, function_name: str) -> Layout:
    """Up to September 2017: `Year` (financial) and `Period Name` instead of `Period`, `RTT Part
    Name` for `RTT Part Type`, bands to 52 weeks. The raw `period` keeps both as published
    ('2016-17 JUNE'); rtt.months.period_to_month reads it."""
    identifiers = (["Year", "Period Name"] + IDENTIFIER_COLUMNS[1:9]
                   + ["RTT Part Name", "RTT Part Description", function_code, function_name])
    return Layout(name, identifiers + closed_bands(52) + [open_band(52)] + TOTAL_COLUMNS, {
        "RTT Part Type": quoted("RTT Part Name"),
        "Treatment Function Code": normalised_function_code(function_code),
        "Treatment Function Name": quoted(function_name),
    }, period_columns=("Year", "Period Name"))


LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in [
    *(Layout(f"bands to {weeks} weeks", IDENTIFIER_COLUMNS + closed_bands(weeks) + [open_band(weeks)] + TOTAL_COLUMNS)
      for weeks in (104, 52)),
    unify2_layout("Unify2", "Treatment Function Code", "Treatment Function Name"),
    # July 2016 only: the code is in `Treatment Function Name`, the name in `Treatment Function Description`.
    unify2_layout("Unify2, July 2016", "Treatment Function Name", "Treatment Function Description"),
]}

BAND_COLUMNS = closed_bands(104) + [open_band(104), open_band(52)]
COUNT_COLUMNS = BAND_COLUMNS + TOTAL_COLUMNS
PUBLISHED_COLUMNS = IDENTIFIER_COLUMNS + COUNT_COLUMNS

# The treatment function that totals the others ("Total"): the `all` specialty is read from it.
TOTAL_FUNCTION = "C_999"
FUNCTION_CODE = "^(C_[0-9]{3}|X0[1-6])$"  # every treatment function, as raw holds it
PART_TYPES = {
    "Part_1A": "completed admitted",
    "Part_1B": "completed non-admitted",
    "Part_2": "incomplete",
    "Part_2A": "incomplete with a decision to admit",
    "Part_3": "new RTT periods",
}
COMPLETED_PARTS = ("Part_1A", "Part_1B")
INCOMPLETE_PARTS = ("Part_2", "Part_2A")


_SYMBOLS = {"%": " pct ", ">": " over ", "<": " under ", "+": " plus "}


def snake_case(name: str) -> str:
    """'Gt 00 To 01 Weeks SUM 1' -> 'gt_00_to_01_weeks_sum_1'; '% > 52 weeks' -> 'pct_over_52_weeks'."""
    for symbol, word in _SYMBOLS.items():
        name = name.replace(symbol, word)
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def match_layout(header: list[str]) -> Layout | None:
    """The layout this header is (a trailing empty field ignored, as some Unify2 files end), or None."""
    for layout in LAYOUTS.values():
        if without_trailing_blanks(header) == layout.columns:
            return layout
    return None


def without_trailing_blanks(header: list[str]) -> list[str]:
    while header and not header[-1].strip():
        header = header[:-1]
    return header


def describe_mismatch(header: list[str], layouts: list[list[str]] | None = None) -> str:
    """Why a header is not one of the layouts (default: the RTT extract's), against the closest:
    the one message for every published file whose columns are not what they should be."""
    layouts = layouts or [layout.columns for layout in LAYOUTS.values()]
    header = without_trailing_blanks(header)
    closest = min(layouts, key=lambda cols: len(set(cols) ^ set(header)))
    missing = [c for c in closest if c not in header]
    unexpected = [c for c in header if c not in closest]
    parts = []
    if missing:
        parts.append(f"missing columns: {', '.join(missing[:8])}" + (" …" if len(missing) > 8 else ""))
    if unexpected:
        parts.append(f"unexpected columns: {', '.join(unexpected[:8])}" + (" …" if len(unexpected) > 8 else ""))
    if not parts:
        parts.append("the columns are the expected ones but in another order")
    return "; ".join(parts)


def looks_like_rtt_extract(header: list[str]) -> bool:
    """True for anything meant to be an RTT extract of any era, even a broken one, so it is
    reported, not skipped."""
    columns = set(header)
    return ("Commissioner Org Code" in columns and bool(columns & {"Period", "Period Name"})
            and bool(columns & {"RTT Part Type", "RTT Part Name"}))
