"""The league table's over-dispersed funnel limits and the ICS heterogeneity (Q, I²), recomputed
here with numpy from the built marts' own counts and populations."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import numpy as np
import pytest

WAREHOUSE = Path(os.environ.get("RTT_TEST_WAREHOUSE", "-"))
pytestmark = pytest.mark.skipif(not WAREHOUSE.exists(), reason="needs the warehouse `make test` builds")


def groups(sql: str) -> dict[tuple, list[tuple]]:
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
        found: dict[tuple, list[tuple]] = {}
        for row in con.execute(sql).fetchall():
            found.setdefault(row[:2], []).append(row[2:])
    return found


def test_overdispersed_limits_follow_spiegelhalter():
    league = groups("select measure, specialty, pathways, population, england_per_1000, overdispersion_phi, "
                    "between_ccg_sd_per_1000, overdispersed_lower_95, overdispersed_upper_998 "
                    "from marts.ccg_league_table order by measure, specialty, ccg_code")
    assert league
    for key, rows in league.items():
        pathways, population, england, phi, tau, lower_95, upper_998 = map(np.array, zip(*rows))
        rate = 1000 * pathways / population
        variance = 1000 * england / population  # of a rate per 1,000 under Poisson chance at England's rate
        z = (rate - england) / np.sqrt(variance)
        z = np.clip(z, np.quantile(z, 0.1), np.quantile(z, 0.9))
        expected_phi = np.mean(z ** 2)
        weights = 1 / variance
        expected_tau2 = max(0.0, (len(z) * expected_phi - (len(z) - 1))
                            / (weights.sum() - (weights ** 2).sum() / weights.sum()))
        assert phi == pytest.approx(np.full(len(z), expected_phi), rel=1e-9), key
        assert tau == pytest.approx(np.full(len(z), np.sqrt(expected_tau2)), rel=1e-9), key
        assert lower_95 == pytest.approx(england - 1.959964 * np.sqrt(variance + expected_tau2), rel=1e-9), key
        assert upper_998 == pytest.approx(england + 3.090232 * np.sqrt(variance + expected_tau2), rel=1e-9), key


def test_spread_beyond_chance_is_i_squared_of_cochrans_q():
    ics = groups("select v.grouping || v.ics_code, v.measure || v.specialty, l.pathways, l.population, "
                 "v.heterogeneity_q, v.spread_beyond_chance "
                 "from marts.ics_variation as v "
                 "join intermediate.int_ics_memberships as m on m.grouping = v.grouping and m.ics_code = v.ics_code "
                 "join marts.ccg_league_table as l on l.ccg_code = m.ccg_code "
                 "and l.measure = v.measure and l.specialty = v.specialty where v.member_count > 1")
    assert ics
    for key, rows in ics.items():
        pathways, population, q, i_squared = map(np.array, zip(*rows))
        expected = population * pathways.sum() / population.sum()
        expected_q = np.sum((pathways - expected) ** 2 / expected)
        df = len(pathways) - 1
        assert q[0] == pytest.approx(expected_q, rel=1e-9), key
        assert i_squared[0] == pytest.approx(max(0.0, (expected_q - df) / expected_q), rel=1e-9, abs=1e-12), key

