"""Checks on a month's rows as landed in raw (inside the transaction that landed them), so a
fatal problem rolls the month back. They read the snake_case columns and name the published ones.

Fatal problems raise IngestError naming the file; arithmetic breaks (bands not summing to the
published totals) are counted and shown with examples, since they are NHS England's to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest import rtt_layout
from rtt.errors import IngestError
from rtt.months import period_to_month
from rtt.warehouse import Connection

EXAMPLES_SHOWN = 3
SNAKE = {column: rtt_layout.snake_case(column) for column in rtt_layout.PUBLISHED_COLUMNS}


@dataclass(frozen=True)
class ArithmeticReport:
    breaks: int
    examples: list[str]


def validate_month(con: Connection, rows: str, label: str, layout: rtt_layout.Layout, month) -> ArithmeticReport:
    """`rows` is a SQL relation (a table, or a filtered subquery) holding one file's rows."""
    (count,) = con.execute(f"select count(*) from {rows}").fetchone()
    if count == 0:
        raise IngestError(f"{label}: has the RTT header but no rows")
    check_one_period(con, rows, label, month)
    check_one_row_per_key(con, rows, label)
    check_part_types(con, rows, label)
    check_function_codes(con, rows, label)
    check_non_negative(con, rows, label, layout)
    check_total_is_the_sum_of_functions(con, rows, label)
    return check_arithmetic(con, rows, layout)


def check_one_period(con: Connection, rows: str, label: str, month) -> None:
    periods = [p for (p,) in con.execute(f"select distinct period from {rows} order by 1").fetchall()]
    if len(periods) != 1:
        raise IngestError(f"{label}: holds {len(periods)} periods ({', '.join(map(str, periods))}); "
                          "a full extract holds one month")
    if period_to_month(periods[0]) != month:
        raise IngestError(f"{label}: period {periods[0]} is not the month its first row gave")


def check_one_row_per_key(con: Connection, rows: str, label: str) -> None:
    """One row per provider × commissioner × part × treatment function: a repeated row would be
    counted twice. Checked here, once per month as it lands, rather than over all of raw in dbt."""
    repeated = con.execute(
        f"select provider_org_code, commissioner_org_code, rtt_part_type, treatment_function_code, count(*) "
        f"from {rows} group by all having count(*) > 1 limit 1").fetchone()
    if repeated:
        raise IngestError(f"{label}: {repeated[4]} rows for provider {repeated[0]}, commissioner {repeated[1]}, "
                          f"{repeated[2]}, {repeated[3]}; a full extract has one row for each")


def check_part_types(con: Connection, rows: str, label: str) -> None:
    known = ", ".join(f"'{p}'" for p in rtt_layout.PART_TYPES)
    unknown = con.execute(
        f"select distinct coalesce(rtt_part_type, '(blank)') from {rows} "
        f"where rtt_part_type is null or rtt_part_type not in ({known})").fetchall()
    if unknown:
        raise IngestError(f"{label}: unknown RTT part types {', '.join(u for (u,) in unknown)}; "
                          f"expected one of {', '.join(rtt_layout.PART_TYPES)}")


def check_function_codes(con: Connection, rows: str, label: str) -> None:
    """Treatment functions as `C_100` … `C_999` or `X01` … `X06` (older code forms are normalised
    to these as they land): anything else is a form we do not know, and would join no specialty."""
    unknown = con.execute(f"select distinct coalesce(treatment_function_code, '(blank)') from {rows} where "
                          f"not regexp_matches(coalesce(treatment_function_code, ''), '{rtt_layout.FUNCTION_CODE}') "
                          "order by 1 limit 5").fetchall()
    if unknown:
        raise IngestError(f"{label}: treatment function codes in a form we do not know: "
                          f"{', '.join(u for (u,) in unknown)}; expected C_100 … C_999 or X01 … X06")


def check_non_negative(con: Connection, rows: str, label: str, layout: rtt_layout.Layout) -> None:
    counts = layout.counts
    found = con.execute(
        f"select provider_org_code, commissioner_org_code, rtt_part_type, treatment_function_code, "
        f"{', '.join(SNAKE[c] for c in counts)} from {rows} "
        f"where least({', '.join(f'coalesce({SNAKE[c]}, 0)' for c in counts)}) < 0 limit 1").fetchone()
    if found:
        column, value = next((c, v) for c, v in zip(counts, found[4:]) if v is not None and v < 0)
        raise IngestError(f"{label}: negative count {value} in '{column}' "
                          f"(provider {found[0]}, commissioner {found[1]}, {found[2]}, {found[3]})")


def check_total_is_the_sum_of_functions(con: Connection, rows: str, label: str) -> None:
    """C_999 ("Total") is the sum of the other treatment functions for every provider ×
    commissioner × part: the marts read the `all` specialty from it. Checked once per month as it
    lands, rather than over all of raw on every build."""
    total = rtt_layout.TOTAL_FUNCTION
    broken = con.execute(f"""
        select * from (
            select provider_org_code, commissioner_org_code, rtt_part_type,
                   coalesce(sum(total_all) filter (where treatment_function_code = '{total}'), 0) as published_total,
                   coalesce(sum(total_all) filter (where treatment_function_code <> '{total}'), 0) as sum_of_functions
            from {rows} group by all)
        where published_total <> sum_of_functions limit 1""").fetchone()
    if broken:
        raise IngestError(f"{label}: the {rtt_layout.TOTAL_FUNCTION} (Total) row of provider {broken[0]}, commissioner "
                          f"{broken[1]}, {broken[2]} holds {broken[3]:,} pathways but its treatment functions sum to "
                          f"{broken[4]:,}; the marts read every specialty's total from {rtt_layout.TOTAL_FUNCTION}")


def band_sum_sql(layout: rtt_layout.Layout) -> str:
    return " + ".join(f"coalesce({SNAKE[c]}, 0)" for c in layout.bands)


def check_arithmetic(con: Connection, rows: str, layout: rtt_layout.Layout) -> ArithmeticReport:
    """Completed parts: bands sum to Total, and Total + unknown clock starts = Total All.
    Incomplete parts: bands sum to Total All. New periods carry only Total All."""
    completed = ", ".join(f"'{p}'" for p in rtt_layout.COMPLETED_PARTS)
    incomplete = ", ".join(f"'{p}'" for p in rtt_layout.INCOMPLETE_PARTS)
    # One query: the broken rows are few, so they are counted in a window beside the first few
    # rather than by a second pass over the month's band columns.
    found = con.execute(f"""
        select provider_org_code, commissioner_org_code, rtt_part_type, treatment_function_code,
               band_sum, total, patients_with_unknown_clock_start_date, total_all, count(*) over () as breaks
        from (select *, {band_sum_sql(layout)} as band_sum from {rows})
        where (rtt_part_type in ({completed})
               and (band_sum <> coalesce(total, 0)
                    or coalesce(total, 0) + coalesce(patients_with_unknown_clock_start_date, 0)
                       <> coalesce(total_all, 0)))
           or (rtt_part_type in ({incomplete}) and band_sum <> coalesce(total_all, 0))
        limit {EXAMPLES_SHOWN}""").fetchall()
    breaks = found[0][8] if found else 0
    examples = [
        f"provider {r[0]}, commissioner {r[1]}, {r[2]}, {r[3]}: bands sum to {r[4]}, "
        f"Total {r[5]}, unknown start {r[6]}, Total All {r[7]}"
        for r in found
    ]
    return ArithmeticReport(breaks, examples)
