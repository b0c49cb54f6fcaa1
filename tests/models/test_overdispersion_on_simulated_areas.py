"""The over-dispersed limits are calibrated: on areas simulated with a known spread of true rates
(normal around England's, SD τ) and months that vary five times more than Poisson, about 5% of
areas fall outside the 95% limits and 0.2% outside the 99.8% limits, as their names promise. The
league's own SQL is run on them (tests/models/simulation.py).

The winsorised estimator the league used before (Spiegelhalter 2005's, z-scores clipped at their
10th and 90th percentiles) shrinks the mean squared z-score to about 0.68 of its value under a
normal spread, so on these simulations its limits let 12.1% outside "95%" and 1.5% outside
"99.8%"; on the real CCGs, admitted pathways, 16.0% (crude) and 10.4% (need-adjusted) outside
"95%". These tests fail on it (docs/methodology.md gives the before and after on the real months).
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.models.simulation import build, share

pytestmark = pytest.mark.slow  # runs dbt

AREAS, REPLICATES, DISPERSION = 106, 40, 5.0
ENGLAND_PER_1000, TAU = 60.0, 8.0


@pytest.fixture(scope="module")
def populations() -> np.ndarray:
    return np.random.default_rng(7).uniform(150_000, 1_500_000, AREAS)


def outside(rows: list[dict], level: str) -> float:
    return share(rows, lambda r: not r[f"overdispersed_lower_{level}"] <= r["per_1000"] <= r[f"overdispersed_upper_{level}"])


def test_a_known_spread_puts_five_percent_outside_the_95_percent_limits(tmp_path, populations):
    rng = np.random.default_rng(5)
    # a spread far beyond chance, as for all specialties, and one where chance weighs as much
    replicates = {f"{name}{r:02d}": rng.normal(rate, tau, AREAS)
                  for name, rate, tau in [("wide", ENGLAND_PER_1000, TAU), ("narrow", 6.0, 0.4)]
                  for r in range(REPLICATES // 2)}
    rows = build(tmp_path, replicates, populations, DISPERSION, seed=13)
    # 4,240 areas: a share of 5% is estimated to ±0.7% (two SEs, taking areas as independent; they
    # share each replicate's estimated τ, so a little more), 0.2% to ±0.14%; the band allows as much
    # again above, for the τ estimated from 106 areas.
    assert 0.043 <= outside(rows, "95") <= 0.065, outside(rows, "95")
    assert outside(rows, "998") <= 0.005, outside(rows, "998")
    wide = [r["between_ccg_sd_per_1000"] for r in rows if r["specialty"].startswith("wide")]
    assert np.mean(wide) == pytest.approx(TAU, rel=0.05)


def test_no_real_spread_leaves_chance_alone(tmp_path, populations):
    replicates = {f"none{r:02d}": np.full(AREAS, ENGLAND_PER_1000) for r in range(REPLICATES // 2)}
    rows = build(tmp_path, replicates, populations, DISPERSION, seed=11)
    for r in rows:
        chance_sd = np.sqrt(r["variance_inflation"] * 1000 * r["england_per_1000"] / r["population"])
        # the spread found is small beside chance, so the limits are chance's, give or take
        assert r["between_ccg_sd_per_1000"] < chance_sd
    assert 0.03 <= outside(rows, "95") <= 0.07, outside(rows, "95")


def test_an_area_far_beyond_the_spread_is_flagged(tmp_path, populations):
    truth = np.random.default_rng(3).normal(ENGLAND_PER_1000, TAU, AREAS)
    truth[0] = ENGLAND_PER_1000 + 6 * TAU
    rows = build(tmp_path, {"outlier": truth}, populations, DISPERSION, seed=17)
    flagged = {r["ccg_code"] for r in rows if r["vs_england_overdispersed"] == "above_99_8"}
    assert flagged == {"A000"}
