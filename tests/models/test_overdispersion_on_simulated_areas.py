"""The over-dispersed funnel limits checked against what the method must do, not against the same
formula written twice: the league table's own SQL is run (`dbt run -s ccg_league_table`) on areas
simulated with a known truth, and its estimates are held to properties derived independently.

- No real spread (every area's true rate is England's; counts are Poisson): the between-area SD is
  0, so the over-dispersed limits are the chance-alone limits (England ± z·√(rate/population)),
  which agree with the exact Poisson funnel to well under 1% at these counts; and φ is the second
  moment of a standard normal winsorised at its 10th and 90th percentiles (computed with scipy),
  about 0.68: winsorising, as Spiegelhalter (2005) prescribes, shrinks φ below 1.
- A known spread (true rates normal around England's with SD τ): the estimated SD recovers τ to
  within the downward bias winsorising brings (about a fifth), and an area set far above the rest
  is flagged above the 99.8% limit; of the areas inside the spread, no more are flagged than that
  bias lets through (a few per 400 instead of 0.1%).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pytest
from scipy import integrate, stats

from tests.helpers import LEAGUE_MODELS, dbt, league_table_inputs

pytestmark = pytest.mark.slow  # runs dbt

ENGLAND_PER_1000 = 50.0
AREAS = 400


def build_league_table(tmp_path: Path, per_1000: np.ndarray, populations: np.ndarray, seed: int) -> list[dict]:
    """Counts drawn from Poisson(population × true rate) into the two tables the model reads, then
    the model itself built on them; its rows back as dicts."""
    rng = np.random.default_rng(seed)
    pathways = rng.poisson(populations * per_1000 / 1000)
    warehouse = league_table_inputs(tmp_path / "simulated.duckdb", [
        (f"A{i:03d}", int(n), float(p)) for i, (n, p) in enumerate(zip(pathways, populations))])
    result = dbt(warehouse, tmp_path, "run", "--select", *LEAGUE_MODELS)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute("select * from marts.ccg_league_table order by ccg_code")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def winsorised_normal_second_moment(share: float = 0.1) -> float:
    """E[min(max(Z, q), -q)²] for Z standard normal winsorised at its `share` and 1 - `share` quantiles."""
    q = stats.norm.ppf(1 - share)
    inside, _ = integrate.quad(lambda z: z * z * stats.norm.pdf(z), -q, q)
    return inside + 2 * share * q * q


@pytest.fixture(scope="module")
def populations() -> np.ndarray:
    return np.random.default_rng(7).uniform(150_000, 1_500_000, AREAS)


def test_with_no_real_spread_the_limits_are_chance_alone(tmp_path, populations):
    rows = build_league_table(tmp_path, np.full(AREAS, ENGLAND_PER_1000), populations, seed=11)
    phi = rows[0]["overdispersion_phi"]
    # The winsorised z² of AREAS normal draws has sampling SD about 0.05 at this size.
    assert phi == pytest.approx(winsorised_normal_second_moment(), abs=0.15)
    assert all(r["between_ccg_sd_per_1000"] == 0 for r in rows)
    for r in rows:
        chance_sd = np.sqrt(r["england_per_1000"] / r["population"] * 1000)
        assert r["overdispersed_upper_998"] == pytest.approx(r["england_per_1000"] + 3.090232 * chance_sd, rel=1e-12)
        assert r["overdispersed_upper_998"] == pytest.approx(r["funnel_upper_998"], rel=0.005)
        assert r["overdispersed_lower_95"] == pytest.approx(r["funnel_lower_95"], rel=0.005)
    # About 5% of areas fall outside 95% limits by chance; none should be far out.
    outside_95 = sum(r["vs_england_overdispersed"] != "within" for r in rows) / AREAS
    assert 0.01 < outside_95 < 0.10


def test_a_known_spread_is_recovered_and_only_the_outlier_is_flagged(tmp_path, populations):
    tau = 8.0  # per 1,000: a between-area SD far above chance at these populations, as in the real data
    truth = np.random.default_rng(5).normal(ENGLAND_PER_1000, tau, AREAS)
    truth[0] = ENGLAND_PER_1000 + 6 * tau  # one area far beyond the spread
    rows = build_league_table(tmp_path, truth, populations, seed=13)
    estimated = rows[0]["between_ccg_sd_per_1000"]
    assert rows[0]["overdispersion_phi"] > 10  # chance alone cannot explain it
    # Winsorising the z-scores shrinks φ, and with it τ, by a factor of about √0.68 ≈ 0.82.
    assert 0.7 * tau < estimated < 1.05 * tau
    flagged = {r["ccg_code"] for r in rows if r["vs_england_overdispersed"] == "above_99_8"}
    assert "A000" in flagged
    # A normal spread puts 0.1% above true 99.8% limits; limits narrowed by the estimate's bias let
    # more through: as many as a normal tail beyond 3.09 × estimated / true SD, give or take chance.
    expected = (AREAS - 1) * stats.norm.sf(3.090232 * estimated / tau)
    assert len(flagged - {"A000"}) <= expected + 3 * np.sqrt(expected) + 1
    chance_only = sum(r["vs_england"] != "within" for r in rows) / AREAS
    assert chance_only > 0.8  # against chance alone almost every area is "significant", which is the point
