"""The SQL normal quantile (macro normal_quantile, Acklam's approximation) against scipy's, across
its three regions: the rank intervals' critical values depend on it."""

from __future__ import annotations

import json

import pytest
from scipy import stats

from tests.helpers import dbt

pytestmark = pytest.mark.slow  # runs dbt

PROBABILITIES = [1e-9, 0.001, 0.02, 0.02425, 0.1, 0.5, 0.8, 0.975, 0.97575, 0.99976, 0.9999999]


def test_the_sql_normal_quantile_matches_scipy(tmp_path):
    columns = ", ".join(f"{{{{ normal_quantile({p!r}) }}}} as q{i}" for i, p in enumerate(PROBABILITIES))
    result = dbt(tmp_path / "empty.duckdb", tmp_path, "show", "--inline", f"select {columns}", "--output", "json",
                 "--log-format", "text")
    assert result.returncode == 0, result.stdout[-3000:]
    shown = json.loads(result.stdout[result.stdout.index("{"):])["show"][0]
    for index, p in enumerate(PROBABILITIES):
        assert shown[f"q{index}"] == pytest.approx(stats.norm.ppf(p), rel=2e-9, abs=1e-12), p
