"""Checks on an extract staged in a temp table, before it may replace anything in raw.

Fatal problems raise IngestError naming the file; arithmetic breaks (bands not summing to the
published totals) are counted and shown with examples, since they are NHS England's to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from ingest import rtt_layout
from ingest.discover import ExtractFile
from ingest.errors import IngestError
from ingest.months import period_to_month

EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class ArithmeticReport:
    breaks: int
    examples: list[str]


def quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def validate_extract(con: duckdb.DuckDBPyConnection, staged: str, extract: ExtractFile) -> ArithmeticReport:
    label = extract.source.label
    (rows,) = con.execute(f"select count(*) from {staged}").fetchone()
    if rows == 0:
        raise IngestError(f"{label}: has the RTT header but no rows")
    check_one_period(con, staged, extract)
    check_part_types(con, staged, label)
    check_non_negative(con, staged, label)
    return check_arithmetic(con, staged, extract.layout)


def check_one_period(con, staged: str, extract: ExtractFile) -> None:
    periods = [p for (p,) in con.execute(f'select distinct "Period" from {staged} order by 1').fetchall()]
    if len(periods) != 1:
        raise IngestError(f"{extract.source.label}: holds {len(periods)} periods ({', '.join(map(str, periods))}); "
                          "a full extract holds one month")
    if period_to_month(periods[0]) != extract.month:
        raise IngestError(f"{extract.source.label}: period {periods[0]} is not the month its first row gave")


def check_part_types(con, staged: str, label: str) -> None:
    known = ", ".join(f"'{p}'" for p in rtt_layout.PART_TYPES)
    unknown = con.execute(
        f'select distinct coalesce("RTT Part Type", \'(blank)\') from {staged} '
        f'where "RTT Part Type" is null or "RTT Part Type" not in ({known})').fetchall()
    if unknown:
        raise IngestError(f"{label}: unknown RTT part types {', '.join(u for (u,) in unknown)}; "
                          f"expected one of {', '.join(rtt_layout.PART_TYPES)}")


def check_non_negative(con, staged: str, label: str) -> None:
    counts = [c for c in staged_columns(con, staged) if c in rtt_layout.COUNT_COLUMNS]
    negatives = " + ".join(f"({quoted(c)} < 0)::int" for c in counts)
    found = con.execute(
        f'select "Provider Org Code", "Commissioner Org Code", "RTT Part Type", "Treatment Function Code", '
        f"{', '.join(quoted(c) for c in counts)} from {staged} where ({negatives}) > 0 limit 1").fetchone()
    if found:
        column = next(c for c, v in zip(counts, found[4:]) if v is not None and v < 0)
        raise IngestError(f"{label}: negative count {found[4 + counts.index(column)]} in '{column}' "
                          f"(provider {found[0]}, commissioner {found[1]}, {found[2]}, {found[3]})")


def band_sum_sql(layout: str) -> str:
    bands = [c for c in rtt_layout.LAYOUTS[layout] if c in rtt_layout.BAND_COLUMNS]
    return " + ".join(f"coalesce({quoted(c)}, 0)" for c in bands)


def check_arithmetic(con, staged: str, layout: str) -> ArithmeticReport:
    """Completed parts: bands sum to Total, and Total + unknown clock starts = Total All.
    Incomplete parts: bands sum to Total All. New periods carry only Total All."""
    completed = ", ".join(f"'{p}'" for p in rtt_layout.COMPLETED_PARTS)
    incomplete = ", ".join(f"'{p}'" for p in rtt_layout.INCOMPLETE_PARTS)
    total, unknown, total_all = (quoted(c) for c in rtt_layout.TOTAL_COLUMNS)
    broken = f"""
        select "Provider Org Code" as provider, "Commissioner Org Code" as commissioner,
               "RTT Part Type" as part, "Treatment Function Code" as tf,
               band_sum, {total} as total, {unknown} as unknown, {total_all} as total_all
        from (select *, {band_sum_sql(layout)} as band_sum from {staged})
        where ("RTT Part Type" in ({completed})
               and (band_sum <> coalesce({total}, 0)
                    or coalesce({total}, 0) + coalesce({unknown}, 0) <> coalesce({total_all}, 0)))
           or ("RTT Part Type" in ({incomplete}) and band_sum <> coalesce({total_all}, 0))
    """
    (breaks,) = con.execute(f"select count(*) from ({broken})").fetchone()
    examples = [
        f"provider {r[0]}, commissioner {r[1]}, {r[2]}, {r[3]}: bands sum to {r[4]}, "
        f"Total {r[5]}, unknown start {r[6]}, Total All {r[7]}"
        for r in con.execute(f"{broken} limit {EXAMPLES_SHOWN}").fetchall()
    ]
    return ArithmeticReport(breaks, examples)


def staged_columns(con, staged: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {staged}").fetchall()]
