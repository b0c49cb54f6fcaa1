"""The published layouts of the RTT full CSV extract and the one raw table that holds both.

NHS England widened the week bands in April 2021: before, they stop at 52 weeks with an open
`Gt 52 Weeks SUM 1`; since, they run to 104 weeks with an open `Gt 104 Weeks SUM 1`. The raw table
carries every band of both layouts; bands a file does not have are null.
"""

from __future__ import annotations

import re

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


LAYOUTS: dict[str, list[str]] = {
    f"bands to {weeks} weeks": IDENTIFIER_COLUMNS + closed_bands(weeks) + [open_band(weeks)] + TOTAL_COLUMNS
    for weeks in (104, 52)
}

BAND_COLUMNS = closed_bands(104) + [open_band(104), open_band(52)]
COUNT_COLUMNS = BAND_COLUMNS + TOTAL_COLUMNS
PUBLISHED_COLUMNS = IDENTIFIER_COLUMNS + COUNT_COLUMNS

# The treatment function that totals the others ("Total"): the `all` specialty is read from it.
TOTAL_FUNCTION = "C_999"
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


def match_layout(header: list[str]) -> str | None:
    """The name of the layout this header is, or None."""
    for name, columns in LAYOUTS.items():
        if header == columns:
            return name
    return None


def describe_mismatch(header: list[str], layouts: list[list[str]] | None = None) -> str:
    """Why a header is not one of the layouts (default: the RTT extract's), against the closest:
    the one message for every published file whose columns are not what they should be."""
    closest = min(layouts or LAYOUTS.values(), key=lambda cols: len(set(cols) ^ set(header)))
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
    """True for anything meant to be an RTT extract, even a broken one, so it is reported, not skipped."""
    return {"Period", "RTT Part Type", "Commissioner Org Code"} <= set(header)
