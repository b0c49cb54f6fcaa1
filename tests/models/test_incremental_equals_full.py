"""The monthly refresh builds only the months whose inputs changed, and must give exactly what a
build from scratch gives. From a warehouse built on two fixture months (with the fixture
warehouse's reference files), three steps a user meets: a new month arrives (from which one
provider is missing, so its usual activity is estimated from the months before), an earlier month
is re-published with different counts (which changes that estimate in the later month: the models
keyed on the history fingerprint must rebuild it), and a month is removed from raw. After each, `dbt run` (incremental) on the
warehouse and `dbt run --full-refresh` on a copy give the same rows in every intermediate and mart
table (EXCEPT ALL both ways; doubles to 1e-9 relative)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from fixtures import rtt_extracts as fx
from fixtures.warehouse import write_files
from tests.helpers import dbt, ingest

pytestmark = pytest.mark.slow
FIXTURE_MONTHS = ("20[0-9][0-9]-[0-9][0-9].*", "Admitted-Commissioner-*")  # the fixture warehouse's own months, left out


def dbt_run(warehouse: Path, tmp_path: Path, *args: str, command: str = "run") -> None:
    result = dbt(warehouse, tmp_path, command, *args)
    assert result.returncode == 0, result.stdout[-3000:]


def land_month(folder: Path, period: str, seed: int, without_provider: str | None = None) -> None:
    rows = [r for r in fx.extract_rows(period, seed=seed) if r[3] != without_provider]
    for old in folder.glob("*.csv"):
        old.unlink()
    fx.write(folder / f"{period}.csv", fx.csv_text(rows))
    assert ingest("--source-dir", folder, "--skip-reference") == 0


def differences(incremental: Path, full: Path) -> dict[str, tuple[int, int]]:
    """Rows of each intermediate and mart table found on one side only, both ways."""
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as incremental (read_only)")
    con.execute(f"attach '{full}' as full_build (read_only)")
    tables = con.execute("select schema_name, table_name from duckdb_tables() where database_name = 'incremental' "
                         "and schema_name in ('intermediate', 'marts') order by all").fetchall()
    assert len(tables) > 20
    found = {}
    for schema, table in tables:
        # built_at says when a run appended the row, so it differs between the two builds by design.
        columns = con.execute("select column_name, data_type from duckdb_columns() where database_name = 'incremental' "
                              "and schema_name = ? and table_name = ? and column_name <> 'built_at' "
                              "order by column_index", [schema, table]).fetchall()
        # A double to 6 significant digits. The builds sum doubles in parallel, in no fixed order, so
        # the last bits differ; at 10 digits a value close to a rounding boundary fell either side
        # now and then (one row of ccg_league_by_basis in one CI run). A stale month differs far more.
        select = ", ".join(f"case when {c} = 0 or {c} is null then {c} "
                           f"else round({c}, 5 - cast(floor(log10(abs({c}))) as integer)) end" if kind == "DOUBLE"
                           else c for c, kind in columns)
        one_way = con.execute(f"select count(*) from (select {select} from incremental.{schema}.{table} "
                              f"except all select {select} from full_build.{schema}.{table})").fetchone()[0]
        other_way = con.execute(f"select count(*) from (select {select} from full_build.{schema}.{table} "
                                f"except all select {select} from incremental.{schema}.{table})").fetchone()[0]
        if one_way or other_way:
            found[f"{schema}.{table}"] = (one_way, other_way)
    return found


def assert_incremental_equals_full(warehouse: Path, tmp_path: Path, step: str) -> None:
    dbt_run(warehouse, tmp_path)
    full = tmp_path / f"full-{step}.duckdb"
    shutil.copyfile(warehouse, full)
    dbt_run(full, tmp_path, "--full-refresh")
    assert differences(warehouse, full) == {}, step


def land_references(tmp_path: Path) -> None:
    """The fixture warehouse's reference files (populations, successors, need-weighted
    populations, a time series), without its months, and the seeds."""
    excluded = [arg for month in FIXTURE_MONTHS for arg in ("--exclude", month)]
    assert ingest("--source-dir", write_files(tmp_path / "references"), *excluded) == 0


@pytest.fixture
def with_references(warehouse, tmp_path) -> Path:
    """The warehouse with the reference files landed and the seeds loaded."""
    land_references(tmp_path)
    dbt_run(warehouse, tmp_path, command="seed")
    return warehouse


def test_incremental_builds_equal_full_builds(with_references, tmp_path):
    warehouse = with_references
    months = tmp_path / "months"
    land_month(months, "RTT-December-2025", seed=1)
    land_month(months, "RTT-January-2026", seed=2)
    dbt_run(warehouse, tmp_path)

    land_month(months, "RTT-February-2026", seed=3, without_provider="RXF")
    assert_incremental_equals_full(warehouse, tmp_path, "a new month, with a provider missing")

    land_month(months, "RTT-December-2025", seed=4)
    assert_incremental_equals_full(warehouse, tmp_path, "an earlier month re-published")

    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from raw.rtt_full_extract where period_date = date '2026-01-01'")
        con.execute("delete from raw.ingest_log where period_date = date '2026-01-01'")
    assert_incremental_equals_full(warehouse, tmp_path, "a month removed")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(distinct month) from marts.ccg_waiting_times").fetchone()[0] == 2


def test_after_a_refresh_the_grain_test_checks_the_month_it_appended(with_references, tmp_path):
    """The provider grain's test reads only the months the latest run built (`latest_build_only`):
    after a refresh that appended February, a February row appended twice is still named. Before
    the table exists the test still compiles (`dbt docs generate` on a new warehouse does that)."""
    warehouse = with_references
    grain_test = "int_rtt_activity_by_provider_commissioner_month,test_name:unique_combination"
    dbt_run(warehouse, tmp_path, "--select", grain_test, command="compile")
    months, table_and_inputs = tmp_path / "months", ("--select", "+int_rtt_activity_by_provider_commissioner_month")
    land_month(months, "RTT-January-2026", seed=2)
    dbt_run(warehouse, tmp_path, *table_and_inputs)
    land_month(months, "RTT-February-2026", seed=3)
    dbt_run(warehouse, tmp_path, *table_and_inputs)
    table = "intermediate.int_rtt_activity_by_provider_commissioner_month"
    with duckdb.connect(str(warehouse)) as con:
        stamps = con.execute(f"select min(built_at), max(built_at) from {table} group by month order by month").fetchall()
        (first_run, first_run_too), (second_run, second_run_too) = stamps  # January, then February
        assert first_run == first_run_too < second_run == second_run_too  # one stamp a run, each month its own run
        con.execute(f"insert into {table} select * from {table} where month = date '2026-02-01' "
                    "order by provider_code, commissioner_code, measure, specialty limit 1")
    result = dbt(warehouse, tmp_path, "test", "--select", grain_test)
    assert result.returncode != 0
    assert "Got 1 result" in result.stdout, result.stdout[-3000:]
    [compiled] = (tmp_path / "target/compiled").rglob("unique_combination_int_rtt_act*.sql")
    assert "where month >= cast('2026-02-01' as date)" in compiled.read_text()  # February alone


def test_the_comparison_sees_a_stale_month(warehouse, tmp_path):
    """The check itself can fail: a month left stale in one copy is a difference."""
    land_references(tmp_path)
    dbt_run(warehouse, tmp_path, command="seed")
    land_month(tmp_path / "months", "RTT-January-2026", seed=2)
    dbt_run(warehouse, tmp_path)
    stale = tmp_path / "stale.duckdb"
    shutil.copyfile(warehouse, stale)
    with duckdb.connect(str(stale)) as con:
        con.execute("update intermediate.int_england_waiting_times set pathways = pathways + 1 "
                    "where measure = 'incomplete' and specialty = 'all'")
    assert differences(stale, warehouse) == {"intermediate.int_england_waiting_times": (1, 1)}
