"""The rank intervals checked against what they must do on areas simulated with a known truth: the
league's own SQL (ccg_league_by_basis) is run on Poisson counts drawn from chosen true rates.

- Equal true rates: nothing tells the areas apart, so every interval is wide and they all overlap.
- Well-separated true rates: every area's interval is narrow and holds its true rank.
- A realistic spread (the real data's between-area SD): the true rank lies inside the interval for
  at least 95% of areas, without the intervals being the whole table.
- The same input gives the same intervals on every build (they are computed, not drawn).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest
from scipy import stats

from tests.helpers import LEAGUE_MODELS, dbt, league_table_inputs

pytestmark = pytest.mark.slow  # runs dbt

AREAS = 106
ENGLAND_PER_1000 = 60.0


def intervals(tmp_path: Path, truth: np.ndarray, populations: np.ndarray, seed: int, name: str = "sim") -> dict:
    """Build the league on Poisson draws at the true rates; (rank, lower, upper) by area."""
    pathways = np.random.default_rng(seed).poisson(populations * truth / 1000)
    warehouse = league_table_inputs(tmp_path / f"{name}.duckdb", [
        (f"A{i:03d}", int(n), float(p)) for i, (n, p) in enumerate(zip(pathways, populations))])
    result = dbt(warehouse, tmp_path / name, "run", "--select", *LEAGUE_MODELS)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select ccg_code, national_rank, rank_lower_95, rank_upper_95 from marts.ccg_league_table "
                           "order by ccg_code").fetchall()
    return {code: (rank, lower, upper) for code, rank, lower, upper in rows}


def true_ranks(truth: np.ndarray) -> dict:
    order = stats.rankdata(-truth, method="min")
    return {f"A{i:03d}": int(rank) for i, rank in enumerate(order)}


@pytest.fixture(scope="module")
def populations() -> np.ndarray:
    return np.random.default_rng(3).uniform(150_000, 1_500_000, AREAS)


def test_equal_true_rates_give_wide_overlapping_intervals(tmp_path, populations):
    found = intervals(tmp_path, np.full(AREAS, ENGLAND_PER_1000), populations, seed=21)
    widths = [upper - lower for _, lower, upper in found.values()]
    assert np.median(widths) >= AREAS / 2
    middle = AREAS // 2
    assert all(lower <= middle <= upper for _, lower, upper in found.values())  # every pair overlaps
    assert all(lower <= rank <= upper for rank, lower, upper in found.values())


def test_well_separated_rates_give_narrow_intervals_holding_the_true_rank(tmp_path):
    # 1 per 1,000 apart, where chance moves a rate by about 0.1 (5 to 10 million people).
    populations = np.random.default_rng(4).uniform(5_000_000, 10_000_000, AREAS)
    truth = ENGLAND_PER_1000 + 1.0 * (np.arange(AREAS) - AREAS / 2)
    found = intervals(tmp_path, truth, populations, seed=22)
    expected = true_ranks(truth)
    assert all(upper - lower <= 2 for _, lower, upper in found.values())
    assert all(lower <= expected[code] <= upper for code, (_, lower, upper) in found.items())


def test_a_realistic_spread_covers_the_true_rank_without_covering_everything(tmp_path, populations):
    tau = 8.0  # per 1,000, about the real between-CCG SD of admitted pathways over a year
    truth = np.random.default_rng(9).normal(ENGLAND_PER_1000, tau, AREAS)
    found = intervals(tmp_path, truth, populations, seed=23)
    expected = true_ranks(truth)
    covered = sum(lower <= expected[code] <= upper for code, (_, lower, upper) in found.items()) / AREAS
    assert covered >= 0.95
    widths = [upper - lower for _, lower, upper in found.values()]
    assert 1 <= np.median(widths) < AREAS / 4
    assert all(lower <= rank <= upper for rank, lower, upper in found.values())


def test_the_intervals_are_the_same_on_every_build(tmp_path, populations):
    truth = np.random.default_rng(10).normal(ENGLAND_PER_1000, 4.0, AREAS)
    first = intervals(tmp_path, truth, populations, seed=24, name="first")
    second = intervals(tmp_path, truth, populations, seed=24, name="second")
    assert first == second
