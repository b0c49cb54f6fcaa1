"""Sentences the main page and the terminal summary share, so the same figure is worded once;
each copes with the marts' nulls (a ratio has none where its denominator has no pathways)."""

from __future__ import annotations


def top_to_bottom(overall: dict) -> str:
    """The top-versus-bottom-ten ratio of a ccg_league_summary row, as a sentence's end."""
    if overall["top_to_bottom_ten_ratio"] is None:
        return "the ten lowest have no pathways."
    most = ("" if overall["largest_monthly_top_to_bottom_ten_ratio"] is None else
            f" (up to {overall['largest_monthly_top_to_bottom_ten_ratio']:.2f} in {overall['largest_ratio_month']:%B %Y})")
    return f"{overall['top_to_bottom_ten_ratio']:.2f} times the mean of the ten lowest{most}."


def times(ratio: float | None) -> str:
    """A highest-to-lowest ratio: none where the lowest has no pathways."""
    return "no ratio (the lowest has no pathways)" if ratio is None else f"{ratio:.2f} times"


def agreement(claim: dict) -> str:
    """Whether this build finds what an MTG claim says, in a word (marts.mtg_claims)."""
    return {True: "agrees", False: "differs", None: "not found in this build"}[claim["this_build_agrees"]]
