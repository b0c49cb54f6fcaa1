"""An independent check of the months' dispersion on the real files: split the window's months
into odd and even, and compare each CCG's two halves against its expected counts. Under Poisson
chance the z-scores' variance is 1; on the real months of admitted pathways it is about 4 (the
check that showed the league's intervals too narrow). Divided by the square root of the dispersion
the league now estimates (int_extra_poisson_dispersion, from consecutive months, not from this
split), it is about 1 again for all specialties (1.01), and about 5% of CCGs fall beyond ±1.96.
The smaller specialties come out below 1 (gynaecology 0.65, general surgery 0.80): their intervals
are wider than this check needs, which errs on the side the issue asked for; the test holds every
specialty to "not too narrow" and all specialties to 1 within two standard errors."""

from __future__ import annotations

import pytest

from tests.helpers import built_warehouse, needs_real_files, query

pytestmark = needs_real_files

SPLIT_HALVES = """
with monthly as (
    select m.ccg_code, m.specialty, m.pathways as observed, m.population * m.england_per_1000 / 1000 as expected,
           month(m.month) % 2 as half
    from marts.ccg_monthly_activity as m
    join intermediate.int_analysis_window as w on m.month = w.month
    where m.measure = 'admitted_completed'),
halves as (
    select specialty, ccg_code,
           sum(observed) filter (half = 1) as o1, sum(expected) filter (half = 1) as e1,
           sum(observed) filter (half = 0) as o0, sum(expected) filter (half = 0) as e0
    from monthly group by all),
z as (
    select h.specialty, (o1 / e1 - o0 / e0) / sqrt(o1 / e1 ^ 2 + o0 / e0 ^ 2) as poisson_z, d.dispersion
    from halves as h
    join intermediate.int_extra_poisson_dispersion as d
      on d.area_kind = 'ccg' and d.area_code = h.ccg_code and d.measure = 'admitted_completed'
     and d.specialty = h.specialty)
select specialty, var_samp(poisson_z), var_samp(poisson_z / sqrt(dispersion)),
       avg((abs(poisson_z / sqrt(dispersion)) > 1.959964)::int)
from z group by specialty
"""


@pytest.fixture(scope="module")
def split_halves() -> dict[str, tuple[float, float, float]]:
    return {specialty: rest for specialty, *rest in query(built_warehouse(), SPLIT_HALVES)}


def test_poisson_chance_is_far_too_narrow_for_all_specialties(split_halves):
    poisson_variance, _, _ = split_halves["all"]
    assert poisson_variance > 2.5


def test_the_estimated_dispersion_brings_all_specialties_back_to_chance(split_halves):
    _, variance, beyond = split_halves["all"]
    # 106 CCGs: a variance of 1 is estimated to ±0.28 (two SEs, √(2 / 105)), a share of 5% to ±4%.
    assert 0.72 < variance < 1.28, variance
    assert beyond < 0.09, beyond


@pytest.mark.parametrize("specialty", ["trauma_orthopaedics", "general_surgery", "cardiology", "gynaecology"])
def test_no_specialty_is_left_narrower_than_chance(split_halves, specialty):
    _, variance, beyond = split_halves[specialty]
    assert variance < 1.28, variance
    assert beyond < 0.09, beyond
