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


def reconciliation(con) -> list[dict]:
    return rows(con, "select * from marts.rtt_reconciliation where specialty = 'all' order by month, measure")
