"""The ICS heterogeneity (Cochran's Q and I² of a flow; none for the waiting list, a stock),
recomputed with numpy from the built marts' own counts and populations. (The over-dispersed funnel
limits are checked against simulated areas with a known truth:
test_overdispersion_on_simulated_areas.py.)"""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from tests.helpers import built_warehouse


def groups(sql: str) -> dict[tuple, list[tuple]]:
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        found: dict[tuple, list[tuple]] = {}
        for row in con.execute(sql).fetchall():
            found.setdefault(row[:2], []).append(row[2:])
    return found


def test_spread_beyond_chance_is_i_squared_of_cochrans_q():
    ics = groups("select v.grouping || v.ics_code, v.measure || v.specialty, l.pathways, l.population, "
                 "v.heterogeneity_q, v.spread_beyond_chance, v.counted_as "
                 "from marts.ics_variation as v "
                 "join intermediate.int_ics_memberships as m on m.grouping = v.grouping and m.ics_code = v.ics_code "
                 "join marts.ccg_league_table as l on l.ccg_code = m.ccg_code "
                 "and l.measure = v.measure and l.specialty = v.specialty where v.member_count > 1")
    assert ics
    for key, rows in ics.items():
        pathways, population, q, i_squared, counted_as = map(np.array, zip(*rows))
        if counted_as[0] == "stock":  # a sum of month-end lists: no Q, no I²
            assert q[0] is None and i_squared[0] is None, key
            continue
        if pathways.sum() == 0:  # nothing expected anywhere: no Q, and no spread beyond chance
            assert q[0] is None and i_squared[0] == 0, key
            continue
        expected = population * pathways.sum() / population.sum()
        expected_q = np.sum((pathways - expected) ** 2 / expected)
        df = len(pathways) - 1
        assert q[0] == pytest.approx(expected_q, rel=1e-9), key
        assert i_squared[0] == pytest.approx(max(0.0, (expected_q - df) / expected_q), rel=1e-9, abs=1e-12), key

