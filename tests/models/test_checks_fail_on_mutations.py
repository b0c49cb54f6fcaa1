"""The checks an analyst's trust rests on must be able to fail. Each mutation below breaks a copy
of the warehouse `make test` built, the way a real mistake would, rebuilds what reads it (from
scratch: an incremental model would keep the months it holds), and the dbt check that guards it
must fail; on the unbroken copy the same checks pass. Two mutations need what only the real files
hold (a loaded month in NHS England's series, a published percentile); on the fixture warehouse
the series check instead must fail when told nothing overlaps is not expected."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.helpers import built_from_real_files, built_vars, built_warehouse, dbt

pytestmark = pytest.mark.slow

# mutation: (SQL that breaks the copy, the model rebuilt from it, the check that must fail)
MUTATIONS = {
    "a percentile set to null": (
        """update intermediate.int_england_waiting_times set median_weeks = null
           where measure = 'incomplete' and specialty = 'all'
             and month = (select max(month) from intermediate.int_england_waiting_times)""",
        "published_series_comparison", "assert_england_waits_match_nhs_england"),
    "100 pathways taken off one CCG-month": (
        """update intermediate.int_ccg_monthly_activity set pathways = pathways - 100
           where ccg_code = (select min(ccg_code) from intermediate.int_ccg_monthly_activity)
             and measure = 'admitted_completed' and specialty = 'all'
             and month = (select max(month) from intermediate.int_ccg_monthly_activity)""",
        "rtt_reconciliation", "assert_reconciliation_accounts_for_every_pathway"),
    # Upstream of everything the old reconciliation summed: raw must be read from raw to catch it.
    "a commissioner's rows dropped before the CCG sums": (
        """delete from intermediate.int_rtt_activity_by_commissioner_month
           where commissioner_code = '03R'
             and month = (select max(month) from intermediate.int_rtt_activity_by_commissioner_month)""",
        "int_rtt_activity_by_ccg_month int_ccg_monthly_activity rtt_reconciliation",
        "assert_reconciliation_accounts_for_every_pathway"),
    "one reproduced percentile moved by half a week": (
        """update raw.rtt_admitted_commissioner_workbook set median_waiting_time_weeks = median_waiting_time_weeks + 0.5
           where (period_date, ccg_code, treatment_function_code) = (
               select (month, commissioner_code, published_treatment_function_code)
               from marts.published_percentile_comparison
               where outcome = 'matches' and median_weeks_published is not null
               order by month, commissioner_code, published_treatment_function_code limit 1)""",
        "published_percentile_comparison", "assert_published_percentiles_reproduced"),
    "a need index raised by a tenth": (
        """update intermediate.int_need_indices set need_index = need_index * 1.1
           where ccg_code = '03R'
             and allocation_year = (select min(need_index_year) from marts.ccg_monthly_activity)""",
        "int_need_weighted_populations_by_ccg_month int_ccg_monthly_activity ccg_monthly_activity",
        "assert_need_indices_recompute_from_practices"),
    "an adjusted rate off by a hundredth": (
        """update intermediate.int_ccg_league_by_basis set per_1000 = per_1000 * 1.01
           where basis = 'need_adjusted' and ccg_code = '15F'""",
        "int_ccg_need_adjusted_league ccg_need_adjusted_league", "assert_need_adjusted_league_recomputes"),
    "a provider's month counted twice for a CCG": (
        """insert into intermediate.int_rtt_activity_by_provider_ccg_month
           select * from intermediate.int_rtt_activity_by_provider_ccg_month
           where (provider_code, ccg_code) = (
               select (provider_code, ccg_code) from intermediate.int_rtt_activity_by_provider_ccg_month
               where measure = 'admitted_completed' and specialty = 'all' and pathways > 0
                 and month = (select max(month) from intermediate.int_analysis_window)
               order by provider_code, ccg_code limit 1)
             and month = (select max(month) from intermediate.int_analysis_window)""",
        "int_ccg_provider_flows ccg_provider_flows", "assert_providers_account_for_every_pathway"),
    "a provider's month landed under another trust's code": (
        """update intermediate.int_rtt_activity_by_provider_ccg_month
           set provider_code = (select max(provider_code) from intermediate.int_providers
                                where provider_kind = 'nhs_trust' and trust_match = 'own_code')
           where provider_code = (select min(provider_code) from intermediate.int_providers
                                  where provider_kind = 'nhs_trust' and trust_match = 'own_code')
             and month = (select max(month) from intermediate.int_analysis_window)""",
        "int_ccg_provider_flows ccg_provider_flows", "assert_providers_account_for_every_pathway"),
    "the independent sector's part left out of a CCG's rate": (
        """update intermediate.int_ccg_provider_mix set independent_sector_per_1000 = 0
           where ccg_code = '03R' and independent_sector_pathways > 0""",
        "ccg_provider_mix", "assert_provider_parts_add_up_to_rates"),
}


REAL_FILES_ONLY = {"a percentile set to null", "one reproduced percentile moved by half a week"}


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "copy.duckdb"
    shutil.copyfile(built_warehouse(), target)
    return target


def test_the_guarding_checks_pass_on_the_unbroken_warehouse(copy, tmp_path):
    checks = sorted({check for _, _, check in MUTATIONS.values()})
    result = dbt(copy, tmp_path, "test", "--select", *checks, *built_vars())
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.count(" PASS ") >= len(checks)


@pytest.mark.parametrize("mutation", [
    pytest.param(name, marks=pytest.mark.skipif(name in REAL_FILES_ONLY and not built_from_real_files(),
                                                reason="needs the real files (`make test` with RTT_DATA_DIR)"))
    for name in MUTATIONS], ids=list(MUTATIONS))
def test_each_mutation_fails_its_check(mutation, copy, tmp_path):
    breaking, rebuilt, check = MUTATIONS[mutation]
    with duckdb.connect(str(copy)) as con:
        changed = con.execute(breaking).fetchone()[0]
    assert changed >= 1, f"{mutation}: the mutation touched no row"
    result = dbt(copy, tmp_path, "build", "--full-refresh", "--select", *rebuilt.split(), *built_vars())
    assert result.returncode != 0
    failed = [line for line in result.stdout.splitlines() if " FAIL " in line]
    assert any(check in line for line in failed), result.stdout[-3000:]


@pytest.mark.skipif(built_from_real_files(), reason="the real files' months are in the series")
def test_the_series_check_fails_when_nothing_was_compared(copy, tmp_path):
    """The fixture's series holds none of its months: without the var that says so, no pass."""
    result = dbt(copy, tmp_path, "test", "--select", "assert_england_waits_match_nhs_england")
    assert result.returncode != 0
    assert "FAIL 1 assert_england_waits_match_nhs_england" in result.stdout, result.stdout[-3000:]
    assert dbt(copy, tmp_path, "test", "--select", "assert_england_waits_match_nhs_england",
               *built_vars()).returncode == 0


def test_the_grain_test_fails_on_a_month_appended_twice(copy, tmp_path):
    """An incremental model that appended one provider's month twice: unique_combination (which
    groups by a hash of the key first) names the repeated keys."""
    table = "intermediate.int_rtt_activity_by_provider_commissioner_month"
    with duckdb.connect(str(copy)) as con:
        con.execute(f"insert into {table} select * from {table} order by month desc, provider_code limit 1")
        repeated = con.execute(f"select count(*) from (select distinct provider_code, commissioner_code, month, "
                               f"measure, specialty from {table} group by all having count(*) > 1)").fetchone()[0]
    assert repeated >= 1
    result = dbt(copy, tmp_path, "test", "--select",
                 "int_rtt_activity_by_provider_commissioner_month,test_name:unique_combination", *built_vars())
    assert result.returncode != 0
    assert f"Got {repeated} result" in result.stdout, result.stdout[-3000:]
