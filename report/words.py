"""Sentences the main page and the terminal summary share, so the same figure is worded once;
each copes with the marts' nulls (a ratio has none where its denominator has no pathways)."""

from __future__ import annotations


def top_to_bottom(overall: dict) -> str:
    """The top-versus-bottom-ten ratio of a ccg_league_summary row, as a sentence's end."""
    if overall["top_to_bottom_ten_ratio"] is None:
        return "the ten lowest have no pathways."
    most = ("" if overall["largest_monthly_top_to_bottom_ten_ratio"] is None else
            f"; month by month, up to {overall['largest_monthly_top_to_bottom_ten_ratio']:.2f} in "
            f"{overall['largest_ratio_month']:%B %Y}, the largest of {overall['largest_ratio_of_months']} months")
    return (f"{overall['top_to_bottom_ten_ratio']:.2f} times the mean of the ten lowest (95% interval "
            f"{overall['top_to_bottom_ten_ratio_lower_95']:.2f} – {overall['top_to_bottom_ten_ratio_upper_95']:.2f}"
            f"{most}).")


def gap(pathways: float, lower: float, upper: float) -> str:
    """A levelling-up gap in pathways a year with its 95% interval."""
    return f"{pathways:,.0f} more a year (95% interval {lower:,.0f} – {upper:,.0f})"


def times(ratio: float | None) -> str:
    """A highest-to-lowest ratio: none where the lowest has no pathways."""
    return "no ratio (the lowest has no pathways)" if ratio is None else f"{ratio:.2f} times"


def agreement(claim: dict) -> str:
    """Whether this build finds what an MTG claim says, in a word (marts.mtg_claims)."""
    return {True: "agrees", False: "differs", None: "not found in this build"}[claim["this_build_agrees"]]
