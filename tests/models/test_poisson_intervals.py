"""The interval macros used by the league table, evaluated in DuckDB, against exact Poisson
limits from the chi-square distribution."""


import duckdb
import jinja2
import pytest
from scipy.stats import chi2

from tests.helpers import ROOT

MACROS = (ROOT / "macros" / "poisson_intervals.sql").read_text()
Z = {0.95: 1.959964, 0.998: 3.090232}


def macro_value(expression: str) -> float:
    sql = jinja2.Environment().from_string(MACROS + "{{ " + expression + " }}").render().strip()
    return duckdb.sql(f"select {sql}").fetchall()[0][0]


def exact(count: int, level: float) -> tuple[float, float]:
    alpha = 1 - level
    lower = chi2.ppf(alpha / 2, 2 * count) / 2 if count else 0.0
    return lower, chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2


def check(count: int, level: float, relative: float) -> None:
    lower, upper = exact(count, level)
    assert macro_value(f"poisson_lower({count}, {Z[level]})") == pytest.approx(lower, rel=relative)
    assert macro_value(f"poisson_upper({count}, {Z[level]})") == pytest.approx(upper, rel=relative)


@pytest.mark.parametrize("count", [30, 57, 300, 4_000, 95_000])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_within_0_2_percent_of_exact_from_30(count, level):
    check(count, level, 2e-3)


@pytest.mark.parametrize("count", [10, 15, 29])
def test_within_0_2_percent_of_exact_from_10_at_95(count):
    check(count, 0.95, 2e-3)


@pytest.mark.parametrize("count", [5, 10, 29])
def test_small_counts_at_99_8_stay_within_7_percent(count):
    check(count, 0.998, 7e-2)


@pytest.mark.parametrize("count", [0, 1])
def test_lower_limit_never_below_zero(count):
    assert macro_value(f"poisson_lower({count}, {Z[0.998]})") >= 0.0
    assert macro_value(f"poisson_upper({count}, {Z[0.998]})") >= exact(count, 0.998)[1]
