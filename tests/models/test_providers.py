"""Providers reach today's NHS trust: the fixture's months before October 2017 carry South
Tyneside (`RE9`) and Sunderland (`RLN`), which merged into `R0B` in 2019, and both roll up to it
through the successor file; a merged trust is not counted as a provider that sent no data while
the trust it became submits under its own code."""

from __future__ import annotations

from datetime import date

from tests.helpers import fixture_warehouse, query


def test_old_trust_codes_roll_up_to_todays_trust():
    warehouse = fixture_warehouse()
    assert query(warehouse, "select provider_code, organisation_code, trust_match, provider_kind "
                            "from marts.providers where provider_code in ('RE9', 'RLN', 'R0B') order by 1") == [
        ("R0B", "R0B", "own_code", "nhs_trust"),
        ("RE9", "R0B", "successor", "nhs_trust"),
        ("RLN", "R0B", "successor", "nhs_trust")]
    # Their July 2016 pathways are R0B's: every pathway of theirs in raw is in the flows, under R0B.
    raw, rolled_up = query(warehouse, """
        select
            (select sum(total_all) from raw.rtt_full_extract
             where provider_org_code in ('RE9', 'RLN') and period_date = date '2016-07-01'
               and rtt_part_type = 'Part_1A' and treatment_function_code = 'C_999'
               and commissioner_org_code in ('03R', '15F')),
            (select sum(f.pathways) from intermediate.int_rtt_activity_by_provider_ccg_month as f
             join marts.providers as p using (provider_code)
             where p.organisation_code = 'R0B' and f.month = date '2016-07-01'
               and f.measure = 'admitted_completed' and f.specialty = 'all')""")[0]
    assert raw == rolled_up > 0


def test_a_merged_trust_is_not_a_missing_provider():
    warehouse = fixture_warehouse()
    later = query(warehouse, "select count(*) from intermediate.int_provider_submissions "
                             "where provider_code = 'R0B' and month > date '2016-07-01'")[0][0]
    assert later > 0  # R0B submits in the later months ...
    assert query(warehouse, "select count(*) from intermediate.int_provider_absences "
                            "where provider_code in ('RE9', 'RLN')") == [(0,)]  # ... so RE9 and RLN are not absent
    # RXF, which sent nothing in August 2021 and has no other code, still is.
    assert query(warehouse, "select month from intermediate.int_provider_absences where provider_code = 'RXF'") == \
        [(date(2021, 8, 1),)]
