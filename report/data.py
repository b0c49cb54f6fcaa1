"""The queries behind the report and the summary, each returning plain rows as dicts."""

from __future__ import annotations

import duckdb

MEASURE, SPECIALTY = "admitted_completed", "all"
SPECIALTIES = ["general_surgery", "trauma_orthopaedics", "cardiology", "gynaecology"]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list[dict]:
    result = con.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def league(con, measure: str = MEASURE, specialty: str = SPECIALTY) -> list[dict]:
    return rows(con, "select * from marts.ccg_league_table where measure = ? and specialty = ? "
                     "order by per_1000 desc", [measure, specialty])


def summary(con, measure: str = MEASURE, specialty: str = SPECIALTY) -> dict:
    (found,) = rows(con, "select * from marts.ccg_league_summary where measure = ? and specialty = ?",
                    [measure, specialty])
    return found


def ics_members(con, grouping: str = "icb22", measure: str = MEASURE, specialty: str = SPECIALTY) -> list[dict]:
    return rows(con, """
        select v.ics_code, v.ics_name, v.max_min_ratio, v.cv, v.best_ccg_name, v.worst_ccg_name,
               l.ccg_code, l.ccg_name, l.per_1000, l.national_rank, l.rank_of
        from marts.ics_variation as v
        join intermediate.int_ics_memberships as m on m.grouping = v.grouping and m.ics_code = v.ics_code
        join marts.ccg_league_table as l on l.ccg_code = m.ccg_code
            and l.measure = v.measure and l.specialty = v.specialty
        where v.grouping = ? and v.measure = ? and v.specialty = ?
        order by v.max_min_ratio, l.per_1000""", [grouping, measure, specialty])


def widest_ics(con, grouping: str = "icb22", measure: str = MEASURE, specialty: str = SPECIALTY) -> dict:
    return rows(con, "select * from marts.ics_variation where grouping = ? and measure = ? and specialty = ? "
                     "order by max_min_ratio desc nulls last limit 1", [grouping, measure, specialty])[0]


def latest_month(con):
    return con.execute("select max(month) from intermediate.int_months_loaded").fetchone()[0]


def reconciliation(con) -> list[dict]:
    return rows(con, "select * from marts.rtt_reconciliation where specialty = 'all' order by month, measure")


def waiting_list_medians(con, grouping: str = "icb22") -> tuple[list[dict], list[dict]]:
    """The waiting list's median wait each month, for every ICS and for England."""
    ics = rows(con, """
        select ics_name, month, median_weeks, p92_weeks, over_52_weeks_per_1000
        from marts.ics_waiting_times
        where grouping = ? and measure = 'incomplete' and specialty = 'all'
        order by ics_name, month""", [grouping])
    england = rows(con, """
        select month, median_weeks, p92_weeks from marts.england_waiting_times
        where measure = 'incomplete' and specialty = 'all' order by month""")
    return ics, england


def series_checks(con) -> list[dict]:
    """Our England medians and upper percentiles against NHS England's time series: the largest
    difference, by the percentile convention of the months compared."""
    return rows(con, """
        select percentile_convention, count(distinct month) as months,
               max(greatest(abs(our_median_weeks - published_median_weeks),
                            abs(our_upper_percentile_weeks - published_upper_percentile_weeks)))
                   as largest_difference_weeks
        from marts.published_series_comparison
        group by percentile_convention
        order by percentile_convention""")


def workbook_checks(con) -> dict:
    """The 2014-15 commissioner rows against their published percentiles, by outcome."""
    (found,) = rows(con, """
        select count(*) as compared, count(*) filter (where outcome = 'matches') as reproduced,
               count(*) filter (where outcome = 'published_in_open_band') as open_band,
               count(*) filter (where outcome not in ('matches', 'published_in_open_band')) as differ
        from marts.published_percentile_comparison where has_published_figures""")
    return found


def window_caveats(con) -> list[dict]:
    """NHS England's published caveats for the workbook months in the analysis window."""
    return rows(con, """
        select months.month, months.published_caveats
        from intermediate.int_months_loaded as months
        join intermediate.int_analysis_window as analysis_window using (month)
        where months.published_caveats is not null
        order by months.month""")
