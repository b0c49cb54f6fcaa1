"""`python -m report --provider`: one NHS trust's summary in the terminal, quoted from the marts,
and a clear refusal with near matches for a trust that is not there."""

from __future__ import annotations

import duckdb

from report.cli import main as report_main
from tests.helpers import built_warehouse


def provider(capsys, wanted: str) -> tuple[int, str, str]:
    code = report_main(["--duckdb", str(built_warehouse()), "--provider", wanted])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_trust_by_code_or_name_quotes_the_marts(capsys):
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        code, name, per_1000, rank, rank_of, pooled = con.execute(
            "select trust_code, trust_name, per_1000, national_rank, rank_of, england_per_1000 "
            "from marts.trust_league_table where measure = 'admitted_completed' and specialty = 'all' "
            "and basis = 'crude' order by national_rank, trust_code limit 1").fetchone()
        catchment, = con.execute("select catchment_population from marts.trust_catchments "
                                 "where trust_code = ? and specialty = 'all'",
                                 [code]).fetchone()
    status, out, _ = provider(capsys, code)
    assert status == 0
    assert out.startswith(f"{name} ({code})") and f"catchment {catchment:,.0f} residents" in out
    assert "crude, " in out and f"{per_1000:.1f} per 1,000 of catchment" in out
    assert f"rank {rank} of {rank_of}" in out and f"the trusts' pooled rate {pooled:.1f}" in out
    assert provider(capsys, name.lower())[1] == out  # its name, in any case, finds the same trust


def test_an_unknown_trust_fails_with_near_matches(capsys):
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        (name,) = con.execute("select trust_name from marts.trust_catchments where specialty = 'all' "
                              "order by trust_code limit 1").fetchone()
    word = max(name.split(), key=len).lower()
    misspelt = word[:-2] + word[-1] + word[-2]  # the last two letters swapped
    status, _, err = provider(capsys, misspelt)
    assert status == 2
    assert f"no NHS trust '{misspelt}'" in err and name in err
