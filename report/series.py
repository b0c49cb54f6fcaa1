"""The monthly series many pages share, written once to build/report/assets/series.js rather than
into every page that shows them: the loaded months (every page's monthly figures are lists
aligned to them), their labels, the breaks in NHS England's series, England's rate and ranked
count each month, each ICB's and region's rate each month (those with a page), and England's
waiting list. All quoted from the
marts. A page grows with the months by its own figures only."""

from __future__ import annotations

from pathlib import Path

from report import data, shell
from rtt.warehouse import Connection

WAIT_COLUMNS = ("median_weeks", "pct_within_18_weeks", "over_52_weeks_per_1000")


def aligned(found: list[dict], months: list, columns: tuple[str, ...]) -> dict[str, list]:
    """Rows with a `month` as one list per column, one entry per loaded month (null where none)."""
    by_month = {row["month"]: row for row in found}
    return {column: [by_month[month][column] if month in by_month else None for month in months]
            for column in columns}


def shared_series(con: Connection, groups: list[dict]) -> dict:
    """The series, with the monthly rate of each of `groups` (data.group_pages) by grouping and code."""
    months = data.loaded_months(con)
    paged = {(group["grouping"], group["code"]) for group in groups}
    by_group = data.grouped([row for row in data.group_months(con) if (row["grouping"], row["ics_code"]) in paged],
                            lambda row: (row["grouping"], row["ics_code"]))
    rates: dict[str, dict[str, dict]] = {}
    for (grouping, code), found in by_group.items():
        rates.setdefault(grouping, {})[code] = {key: aligned(selection, months, ("per_1000",))["per_1000"]
                                                for key, selection in data.by_selection(found).items()}
    return {
        "months": months,
        "month_labels": data.month_labels(con),
        "series_breaks": data.series_breaks(con),
        "england": {key: aligned(found, months, ("england_per_1000", "rank_of"))
                    for key, found in data.by_selection(data.england_months(con)).items()},
        "groups": rates,
        "england_waits": {specialty: aligned(found, months, WAIT_COLUMNS) for specialty, found in
                          data.grouped(data.england_waits(con), lambda row: row["specialty"]).items()},
    }



def write_series(con: Connection, assets: Path, groups: list[dict]) -> dict:
    """Writes assets/series.js (`const PACKED_SERIES = "..."`, shell.packed) and returns what it holds."""
    series = shared_series(con, groups)
    shell.write_atomically(assets / "series.js", f"// The series the pages share (report/series.py), packed.\n"
                                                 f'const PACKED_SERIES = "{shell.packed(series)}";\n')
    return series
