"""`python -m report --area`: one area's summary in the terminal, its numbers as the marts hold
them, and a clear refusal with near matches for an area that is not there."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from report.cli import main as report_main

WAREHOUSE = Path(os.environ.get("RTT_TEST_WAREHOUSE", "-"))
pytestmark = pytest.mark.skipif(not WAREHOUSE.exists(), reason="needs the warehouse `make test` builds")


def area(capsys, wanted: str) -> tuple[int, str, str]:
    code = report_main(["--duckdb", str(WAREHOUSE), "--area", wanted])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_area_by_code_or_name_quotes_the_marts(capsys):
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        ccg_code, ccg_name, per_1000, rank, rank_of, england = con.execute(
            "select ccg_code, ccg_name, per_1000, national_rank, rank_of, england_per_1000 "
            "from marts.ccg_league_table where measure = 'admitted_completed' and specialty = 'all' "
            "order by national_rank, ccg_code limit 1").fetchone()
        peers = con.execute("select count(*) from intermediate.int_ics_memberships as m "
                            "join intermediate.int_ics_memberships as own using (grouping, ics_code) "
                            "where m.grouping = 'icb22' and own.ccg_code = ?", [ccg_code]).fetchone()[0]
    code, out, _ = area(capsys, ccg_code)
    assert code == 0
    assert out.startswith(f"{ccg_name} ({ccg_code})")
    assert f"{per_1000:.1f} per 1,000 residents" in out and f"England {england:.1f}" in out
    assert f"national rank {rank} of {rank_of}" in out
    assert out.count(". NHS ") == peers  # one line per member of its ICB
    core = ccg_name.removeprefix("NHS ").removesuffix(" CCG")
    assert area(capsys, core.lower())[1] == out  # part of the name finds the same area


def test_an_unknown_area_fails_with_near_matches(capsys):
    code, out, err = area(capsys, "Wakfield")
    assert code != 0 and out == ""
    assert "no area 'Wakfield'" in err and "03R NHS Wakefield CCG" in err
