"""`python -m report --area`: one area's summary in the terminal, its numbers as the marts hold
them, and a clear refusal with near matches for an area that is not there."""

from __future__ import annotations

import duckdb

from report.cli import main as report_main
from tests.helpers import built_warehouse


def area(capsys, wanted: str) -> tuple[int, str, str]:
    code = report_main(["--duckdb", str(built_warehouse()), "--area", wanted])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_area_by_code_or_name_quotes_the_marts(capsys):
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        ccg_code, ccg_name, per_1000, rank, rank_of, england = con.execute(
            "select ccg_code, ccg_name, per_1000, national_rank, rank_of, england_per_1000 "
            "from marts.ccg_league_table where measure = 'admitted_completed' and specialty = 'all' "
            "order by national_rank, ccg_code limit 1").fetchone()
        peers = con.execute("select count(*) from marts.ccg_areas as member "
                            "join marts.ccg_areas as own using (icb22_code) where own.ccg_code = ?",
                            [ccg_code]).fetchone()[0]
    code, out, _ = area(capsys, ccg_code)
    assert code == 0
    assert out.startswith(f"{ccg_name} ({ccg_code})")
    assert f"{per_1000:.1f} per 1,000 residents" in out and f"England {england:.1f}" in out
    assert f"national rank {rank} of {rank_of}" in out
    assert out.count(". NHS ") == peers  # one line per member of its ICB
    core = ccg_name.removeprefix("NHS ").removesuffix(" CCG")
    assert area(capsys, core.lower())[1] == out  # part of the name finds the same area


def test_an_area_shows_its_need_adjusted_rank_and_its_icb_gap(capsys):
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        need_index, ratio, rank, lower_rank, upper_rank, rank_of = con.execute(
            "select need_index, standardised_ratio, need_adjusted_national_rank, need_adjusted_rank_lower_95, "
            "need_adjusted_rank_upper_95, rank_of from marts.ccg_need_adjusted_league "
            "where ccg_code = '15F' and measure = 'admitted_completed' and specialty = 'all'").fetchone()
        own_gap, best, icb_gap, target_gap, lower, upper = con.execute(
            "select u.pathways_a_year_at_ics_best, u.ics_best_ccg_name, v.pathways_a_year_at_ics_best, "
            "u.pathways_a_year_at_england_upper_quartile, u.pathways_a_year_at_england_upper_quartile_lower_95, "
            "u.pathways_a_year_at_england_upper_quartile_upper_95 "
            "from marts.ics_levelling_up as u join marts.ics_variation as v using (grouping, ics_code, measure, specialty) "
            "where u.grouping = 'icb22' and u.ccg_code = '15F' and measure = 'admitted_completed' "
            "and specialty = 'all'").fetchone()
    code, out, _ = area(capsys, "15F")
    assert code == 0
    assert f"need index {need_index:.2f}" in out and f"{ratio:.2f} times England's rate for its need" in out
    assert f"need-adjusted rank {rank} of {rank_of} (95% interval {lower_rank} – {upper_rank})" in out
    assert (f"it would complete {target_gap:,.0f} more a year (95% interval {lower:,.0f} – {upper:,.0f})" in out
            if target_gap > 0 else "it is at or above England's target" in out)
    assert (f"at the rate of {best}, its ICB's highest member (a maximum that grows with the ICB's size), it would "
            f"complete {own_gap:,.0f} more a year, its ICB {icb_gap:,.0f}") in out


def test_an_unknown_area_fails_with_near_matches(capsys):
    code, out, err = area(capsys, "Wakfield")
    assert code != 0 and out == ""
    assert "no area 'Wakfield'" in err and "03R NHS Wakefield CCG" in err
