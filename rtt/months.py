"""Months: parsing `--months` ranges and the `Period` text of the RTT files."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

# The one table of month names: 'january' and 'jan' -> 1, as publishers write them in periods,
# link texts ("Full CSV data file Jul21") and page addresses (".../august-2026").
MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})


def parse_month(text: str) -> date:
    """'2021-07' -> date(2021, 7, 1)."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"'{text}' is not a month: write it as YYYY-MM, e.g. 2021-07")
    return date(int(match.group(1)), int(match.group(2)), 1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class MonthSelection:
    """A set of months given as inclusive ranges, e.g. '2021-07:2022-03,2024-01'."""

    ranges: tuple[tuple[date, date], ...]

    @classmethod
    def parse(cls, spec: str) -> MonthSelection:
        ranges = []
        for part in spec.split(","):
            first, _, last = part.partition(":")
            start, end = parse_month(first), parse_month(last or first)
            if end < start:
                raise ValueError(f"month range '{part}' ends before it starts")
            ranges.append((start, end))
        return cls(tuple(ranges))

    def __contains__(self, month: date) -> bool:
        return any(start <= month <= end for start, end in self.ranges)

    def months(self) -> list[date]:
        found: set[date] = set()
        for start, end in self.ranges:
            month = start
            while month <= end:
                found.add(month)
                month = add_months(month, 1)
        return sorted(found)

    def __str__(self) -> str:
        return ",".join(f"{s:%Y-%m}" if s == e else f"{s:%Y-%m}:{e:%Y-%m}" for s, e in self.ranges)


# The window of the Medical Technology Group's 2022 report: the default when downloading.
MTG_WINDOW = MonthSelection.parse("2021-07:2022-03")


def period_to_month(period: str) -> date:
    """The RTT period as the first day of its month: today's `Period` ('RTT-January-2026', any
    case), or the Unify2 files' `Year` and `Period Name` joined ('2016-17 JUNE': a financial year,
    so January to March fall in its second calendar year)."""
    text = period.strip()
    if match := re.fullmatch(r"RTT-([A-Za-z]+)-(\d{4})", text):
        name, year = match.group(1).lower(), int(match.group(2))
    elif match := re.fullmatch(r"(\d{4})-(\d{2})\s+([A-Za-z]+)", text):
        name, year = match.group(3).lower(), int(match.group(1))
        if (year + 1) % 100 != int(match.group(2)):
            raise ValueError(f"'{period}': {match.group(1)}-{match.group(2)} is not a financial year")
        year += name in MONTH_NUMBERS and MONTH_NUMBERS[name] <= 3
    else:
        raise ValueError(f"'{period}' is not an RTT period like 'RTT-January-2026' (or '2016-17 JUNE' before "
                         "October 2017)")
    if name not in MONTH_NUMBERS:
        raise ValueError(f"'{period}': '{name}' is not a month")
    return date(year, MONTH_NUMBERS[name], 1)
