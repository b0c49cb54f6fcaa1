"""Areas simulated with a known truth, a year of months each, put through the league's own SQL
(the models of LEAGUE_MODELS): what the tests of the intervals, funnels and ranks compare with.

Each area has a true rate a year; its monthly count has mean population × rate ÷ 12 × England's
seasonal pattern that month, and is Poisson (dispersion 1) or negative binomial with variance
dispersion × mean. Each replicate is a specialty of its own, so one build holds many independent
league tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
from scipy import stats

from tests.helpers import LEAGUE_MODELS, dbt, league_inputs

MONTHS = [date(2025, m, 1) for m in range(3, 13)] + [date(2026, 1, 1), date(2026, 2, 1)]
SEASON = np.array([1.05, 0.95, 1.02, 1.0, 0.97, 0.93, 1.04, 1.06, 1.0, 0.88, 1.07, 1.03])  # mean 1


def monthly_counts(rng: np.random.Generator, per_1000_a_year: np.ndarray, populations: np.ndarray,
                   dispersion) -> np.ndarray:
    """Counts by area × month with mean population × rate ÷ 12 × season and variance dispersion ×
    mean; `dispersion` is one number, or a function of the area's mean monthly count."""
    mean = np.outer(populations * per_1000_a_year / 1000 / 12, SEASON)
    if callable(dispersion):
        dispersion = dispersion(mean.mean(axis=1, keepdims=True))
    elif dispersion == 1:
        return rng.poisson(mean)
    # numpy's negative binomial(n, p) has mean n(1 − p)/p and variance mean / p.
    p = 1 / np.asarray(dispersion, dtype=float)
    return rng.negative_binomial(mean * p / (1 - p), p)


def build(tmp_path: Path, replicates: dict[str, np.ndarray], populations: np.ndarray, dispersion,
          seed: int) -> list[dict]:
    """Build the league on simulated months, one specialty per replicate (name → true rates a year);
    its crude rows back as dicts, each with its replicate's `true_per_1000` and `true_rank`."""
    rng = np.random.default_rng(seed)
    rows, truth = [], {}
    for name, per_1000 in replicates.items():
        counts = monthly_counts(rng, per_1000, populations, dispersion)
        ranks = stats.rankdata(-per_1000, method="min")
        for i, population in enumerate(populations):
            code = f"A{i:03d}"
            truth[name, code] = (float(per_1000[i]), int(ranks[i]))
            rows += [(code, month, int(n), float(population), float(population), name)
                     for month, n in zip(MONTHS, counts[i])]
    warehouse = league_inputs(tmp_path / "simulated.duckdb", rows)
    result = dbt(warehouse, tmp_path, "run", "--select", *LEAGUE_MODELS)
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute("select * from marts.ccg_league_by_basis where basis = 'crude' "
                             "order by specialty, ccg_code")
        names = [c[0] for c in cursor.description]
        found = [dict(zip(names, row)) for row in cursor.fetchall()]
    for row in found:
        row["true_per_1000"], row["true_rank"] = truth[row["specialty"], row["ccg_code"]]
    return found


def share(rows: list[dict], holds) -> float:
    return sum(bool(holds(r)) for r in rows) / len(rows)


def at_least_up_to_simulation(observed: float, target: float, draws: int) -> bool:
    """observed ≥ target, less two standard errors of a share estimated from `draws` draws."""
    return observed >= target - 2 * np.sqrt(target * (1 - target) / draws)
