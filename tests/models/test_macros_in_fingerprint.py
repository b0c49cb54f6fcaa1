"""A macro is part of every month's fingerprint: after `rtt_waits_from_bands` is edited in a copy
of the project (the median moved to the 40th centile), an incremental `dbt run` rebuilds every
month, and equals a full refresh of the same copy. Before macros were fingerprinted, every month
kept the figures of the old macro. Runs on the fixture files, so it needs no data folder."""

from __future__ import annotations

import shutil

import pytest

from fixtures.warehouse import write_files
from tests.helpers import dbt, ingest, project_copy, query
from tests.models.test_incremental_equals_full import differences

pytestmark = pytest.mark.slow
MONTH_GRAINED = "intermediate.int_waits_by_ccg_month"


def fingerprints_and_medians(path) -> dict:
    return {month: (fingerprint, median) for month, fingerprint, median in query(path, f"""
        select month, any_value(build_fingerprint), sum(median_weeks) from {MONTH_GRAINED}
        where measure = 'incomplete' and specialty = 'all' group by month""")}


def test_editing_a_macro_rebuilds_every_month(warehouse, tmp_path):
    assert ingest("--source-dir", write_files(tmp_path / "files")) == 0
    project = project_copy(tmp_path)
    result = dbt(warehouse, tmp_path, "build", "--exclude-resource-type", "test", "unit_test", project=project)
    assert result.returncode == 0, result.stdout[-3000:]
    before = fingerprints_and_medians(warehouse)
    assert len(before) >= 3

    macro = project / "macros" / "rtt_waits_from_bands.sql"
    old = "{'median': 0.5,"
    assert old in macro.read_text()
    macro.write_text(macro.read_text().replace(old, "{'median': 0.4,"))
    result = dbt(warehouse, tmp_path, "run", project=project)
    assert result.returncode == 0, result.stdout[-3000:]
    after = fingerprints_and_medians(warehouse)

    assert after.keys() == before.keys()
    for month in before:
        assert after[month][0] != before[month][0], f"{month}: fingerprint unchanged"
        assert after[month][1] != before[month][1], f"{month}: still the old macro's medians"
    full = tmp_path / "full.duckdb"
    shutil.copyfile(warehouse, full)
    result = dbt(full, tmp_path, "run", "--full-refresh", project=project)
    assert result.returncode == 0, result.stdout[-3000:]
    assert differences(warehouse, full) == {}
