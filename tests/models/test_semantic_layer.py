"""The semantic layer (models/semantic/): MetricFlow's ratio metrics, queried with `mf query` as an
analyst would, equal independent SQL over the monthly mart and the marts' own rates at four grains:
CCG × month, ICB × month, region × quarter, England (and each CCG) × the analysis window."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.helpers import ROOT, built_vars, built_warehouse, dbt, project_copy

pytestmark = pytest.mark.slow

MEASURES = ("admitted_completed", "non_admitted_completed", "all_completed", "incomplete", "new_periods")
CRUDE = [f"{m}_per_1000" for m in MEASURES]
ADJUSTED = [f"{m}_need_adjusted_per_1000" for m in MEASURES]
MF = Path(sys.executable).parent / "mf"
TOLERANCE = 1e-9  # relative: the same sums, added in another order


@pytest.fixture(scope="module")
def semantic(tmp_path_factory):
    """A copy of the project with its semantic manifest parsed (mf reads it from the project's
    target/), and a copy of the built warehouse to query (mf opens it as dbt does, writable)."""
    tmp = tmp_path_factory.mktemp("semantic")
    project = project_copy(tmp)
    (project / ".venv").symlink_to(ROOT / ".venv")
    warehouse = tmp / "warehouse.duckdb"
    shutil.copy(built_warehouse(), warehouse)
    parsed = dbt(warehouse, project, "parse", *built_vars(), project=project)
    assert parsed.returncode == 0, parsed.stdout[-2000:]
    return project, warehouse


def mf(semantic, tmp_path: Path, *args: str) -> Path:
    """`mf query <args>` in the project copy; its result as a CSV file."""
    project, warehouse = semantic
    out = tmp_path / "result.csv"
    env = {**os.environ, "RTT_DUCKDB_PATH": str(warehouse), "RTT_WAREHOUSE_PATH": str(warehouse), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    done = subprocess.run([str(MF), "query", *args, "--csv", str(out)], cwd=project, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0 and out.exists(), done.stdout[-3000:] + done.stderr[-3000:]
    return out


def differences(warehouse: Path, result: Path, expected_sql: str, keys: list[str], metrics: list[str]) -> list:
    """Rows where the metric differs from the expected one (both absent counts as equal), or
    whose keys are in one side only; `expected_sql` gives the keys and each metric's expected value."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute(f"create temp table found as select * from read_csv('{result}', header = true)")
        join = " and ".join(f"cast(f.{k} as varchar) = cast(e.{k} as varchar)" for k in keys)
        differ = " or ".join(
            f"(f.{m} is null) <> (e.{m} is null) or abs(f.{m} - e.{m}) > {TOLERANCE} * greatest(abs(e.{m}), 1e-12)"
            for m in metrics)
        return con.execute(f"""
            select {', '.join(f'coalesce(cast(f.{k} as varchar), cast(e.{k} as varchar)) as {k}' for k in keys)},
                   f.{metrics[0]}, e.{metrics[0]}
            from found as f full join ({expected_sql}) as e on {join}
            where f.{keys[0]} is null or e.{keys[0]} is null or {differ}
            limit 5""").fetchall()


def ratio_columns(metrics: list[str], pathways: str = "pathways") -> str:
    """1,000 × Σ pathways ÷ Σ population for each measure: the independent SQL of each metric."""
    columns = []
    for metric in metrics:
        measure = metric.split("_need_adjusted")[0].removesuffix("_per_1000")
        population = "need_weighted_population" if "need_adjusted" in metric else "population"
        when = f"measure = '{measure}'"
        columns.append(f"1000.0 * sum(case when {when} then {pathways} end) "
                       f"/ nullif(sum(case when {when} then {population} end), 0) as {metric}")
    return ", ".join(columns)


def test_the_configs_validate_against_the_warehouse_and_every_measure_has_its_rates(semantic):
    project, warehouse = semantic
    env = {**os.environ, "RTT_DUCKDB_PATH": str(warehouse), "RTT_WAREHOUSE_PATH": str(warehouse), "DBT_PROFILES_DIR": str(ROOT)}
    validated = subprocess.run([str(MF), "validate-configs"], cwd=project, env=env, capture_output=True, text=True)
    assert validated.returncode == 0 and "ERRORS: 0" in validated.stdout, validated.stdout[-3000:]
    assert "against data warehouse" in validated.stdout
    listed = subprocess.run([str(MF), "list", "metrics"], cwd=project, env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stdout[-2000:]
    assert all(metric in listed.stdout for metric in CRUDE + ADJUSTED)


def test_ccg_by_month_equals_the_monthly_mart(semantic, tmp_path):
    result = mf(semantic, tmp_path, "--metrics", ",".join(CRUDE + ADJUSTED),
                "--group-by", "ccg,metric_time__month,ccg_month__specialty")
    keys = ["ccg", "metric_time__month", "ccg_month__specialty"]
    independent = f"""select ccg_code as ccg, month::timestamp as metric_time__month,
                             specialty as ccg_month__specialty, {ratio_columns(CRUDE + ADJUSTED)}
                      from marts.ccg_monthly_activity group by all"""
    assert differences(semantic[1], result, independent, keys, CRUDE + ADJUSTED) == []
    # and the mart's own per_1000 and need_adjusted_per_1000, measure by measure
    marts = ", ".join(f"max(case when measure = '{m}' then per_1000 end) as {m}_per_1000, "
                      f"max(case when measure = '{m}' then need_adjusted_per_1000 end) as {m}_need_adjusted_per_1000"
                      for m in MEASURES)
    own = f"""select ccg_code as ccg, month::timestamp as metric_time__month, specialty as ccg_month__specialty, {marts}
              from marts.ccg_monthly_activity group by all"""
    assert differences(semantic[1], result, own, keys, CRUDE + ADJUSTED) == []


def test_icb_by_month_equals_the_marts_icb_rate(semantic, tmp_path):
    result = mf(semantic, tmp_path, "--metrics", ",".join(CRUDE),
                "--group-by", "ccg_month__icb22_code,metric_time__month,ccg_month__specialty")
    keys = ["ccg_month__icb22_code", "metric_time__month", "ccg_month__specialty"]
    marts = ", ".join(f"max(case when measure = '{m}' then icb_per_1000 end) as {m}_per_1000" for m in MEASURES)
    own = f"""select icb22_code as ccg_month__icb22_code, month::timestamp as metric_time__month,
                     specialty as ccg_month__specialty, {marts}
              from marts.ccg_monthly_activity group by all"""
    assert differences(semantic[1], result, own, keys, CRUDE) == []


def test_region_by_quarter_equals_independent_sql(semantic, tmp_path):
    result = mf(semantic, tmp_path, "--metrics", ",".join(CRUDE + ADJUSTED),
                "--group-by", "ccg__region22_name,metric_time__quarter,ccg_month__specialty")
    keys = ["ccg__region22_name", "metric_time__quarter", "ccg_month__specialty"]
    independent = f"""select areas.region22_name as ccg__region22_name,
                             date_trunc('quarter', activity.month)::timestamp as metric_time__quarter,
                             activity.specialty as ccg_month__specialty, {ratio_columns(CRUDE + ADJUSTED)}
                      from marts.ccg_monthly_activity as activity
                      inner join marts.ccg_areas as areas using (ccg_code) group by all"""
    assert differences(semantic[1], result, independent, keys, CRUDE + ADJUSTED) == []


def test_the_window_for_england_and_each_ccg_equals_the_league(semantic, tmp_path):
    """Over the window a rate is per 1,000 a month (the population summed over its months): the
    league's monthly_england_per_1000 and each CCG's monthly_per_1000, crude and need-adjusted."""
    with duckdb.connect(str(semantic[1]), read_only=True) as con:
        start, end = con.execute("select min(window_start), max(window_end) from marts.ccg_league_table").fetchone()
    window = ["--start-time", f"{start}", "--end-time", f"{end}"]
    england = mf(semantic, tmp_path, "--metrics", ",".join(CRUDE + ADJUSTED), "--group-by", "ccg_month__specialty",
                 *window)
    marts = ", ".join(f"max(case when measure = '{m}' then monthly_england_per_1000 end) as {m}{suffix}"
                      for m in MEASURES for suffix in ("_per_1000", "_need_adjusted_per_1000"))
    own = f"""select specialty as ccg_month__specialty, {marts} from marts.ccg_league_by_basis
              where basis = 'crude' group by all"""
    assert differences(semantic[1], england, own, ["ccg_month__specialty"], CRUDE + ADJUSTED) == []

    ccgs = mf(semantic, tmp_path, "--metrics", ",".join(CRUDE + ADJUSTED), "--group-by", "ccg,ccg_month__specialty",
              *window)
    marts = ", ".join(f"max(case when measure = '{m}' and basis = '{basis}' then monthly_per_1000 end) as {m}{suffix}"
                      for m in MEASURES for basis, suffix in (("crude", "_per_1000"),
                                                              ("need_adjusted", "_need_adjusted_per_1000")))
    own = f"""select ccg_code as ccg, specialty as ccg_month__specialty, {marts} from marts.ccg_league_by_basis
              group by all"""
    assert differences(semantic[1], ccgs, own, ["ccg", "ccg_month__specialty"], CRUDE + ADJUSTED) == []


def test_the_readme_queries_run_as_written(semantic):
    """The two `mf query` lines of docs/analysts.md, in the project after a build (its target/ parsed)."""
    project, warehouse = semantic
    readme = (ROOT / "docs" / "analysts.md").read_text().split("## Metrics at any grain\n", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert len(commands) == 2
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (in_window,) = con.execute("select count(*) from marts.loaded_months "
                                   "where month between '2025-03-01' and '2026-02-01'").fetchone()
    for command, has_rows in zip(commands, (True, in_window > 0)):  # the fixture has no month of the window
        done = subprocess.run(shlex.split(command), cwd=project, capture_output=True, text=True,
                              env={**os.environ, "RTT_DUCKDB_PATH": str(warehouse), "RTT_WAREHOUSE_PATH": str(warehouse)})
        assert done.returncode == 0, command + done.stdout[-2000:]
        shown = "admitted_completed_per_1000" in done.stdout
        assert shown == has_rows and (shown or "empty result set" in done.stdout), command + done.stdout[-2000:]
