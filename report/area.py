"""`python -m report --area 03R` (a code, or part of a name): one area's summary in the terminal,
for analysts who live in a shell: its rank, rate and interval against England, its ICB peers, its
waiting list, and the caveats that apply to it."""

from __future__ import annotations

import difflib

from report import data, words
from rtt.errors import RttError
from rtt.warehouse import Connection


class UnknownArea(RttError):
    exit_code = 2


def find_area(con: Connection, wanted: str) -> dict:
    """The CCG whose code is `wanted`, or whose name holds it (one match only)."""
    areas = data.areas(con)
    text = wanted.strip().lower()
    exact = [a for a in areas if a["ccg_code"].lower() == text]
    named = exact or [a for a in areas if text in a["ccg_name"].lower()]
    if len(named) == 1:
        return named[0]
    if named:
        listed = ", ".join(f"{a['ccg_code']} {a['ccg_name']}" for a in named[:10])
        raise UnknownArea(f"'{wanted}' matches {len(named)} areas: {listed}. Give the code.")
    # Near matches by code, and by the name without its "NHS ... CCG" wrapping (a misspelt place).
    by_core = {a["ccg_name"].removeprefix("NHS ").removesuffix(" CCG").lower(): a for a in areas}
    by_code = {a["ccg_code"].lower(): a for a in areas}
    near = [by_code[c] for c in difflib.get_close_matches(text, list(by_code), n=3, cutoff=0.6)]
    near += [by_core[c] for c in difflib.get_close_matches(text, list(by_core), n=3, cutoff=0.6)]
    suggestions = ", ".join(dict.fromkeys(f"{a['ccg_code']} {a['ccg_name']}" for a in near)) or "none"
    raise UnknownArea(f"no area '{wanted}' among the {len(areas)} CCGs of April 2021; near matches: {suggestions}")


def area_lines(con: Connection, wanted: str, measure: str = data.MEASURE, specialty: str = data.SPECIALTY) -> list[str]:
    area = find_area(con, wanted)
    (row,) = [w for w in data.area_windows(con, area["ccg_code"])[area["ccg_code"]]
              if w["measure"] == measure and w["specialty"] == specialty]
    peers = data.rows(con, """
        select l.ccg_code, l.ccg_name, l.per_1000, l.national_rank, member.icb22_name as ics_name
        from marts.ccg_areas as member
        join marts.ccg_areas as own on own.icb22_code = member.icb22_code
        join marts.ccg_league_table as l on l.ccg_code = member.ccg_code and l.measure = ? and l.specialty = ?
        where own.ccg_code = ?
        order by l.national_rank""", [measure, specialty, area["ccg_code"]])
    waits = data.rows(con, """
        select month, median_weeks, median_open_band, pct_within_18_weeks, over_52_weeks_per_1000
        from marts.ccg_waiting_times
        where ccg_code = ? and measure = 'incomplete' and specialty = 'all'
        order by month desc limit 1""", [area["ccg_code"]])
    lines = [
        f"{row['ccg_name']} ({area['ccg_code']}): {measure.replace('_', ' ')}, {specialty.replace('_', ' ')} specialties, "
        f"{row['window_start']:%b %Y} – {row['window_end']:%b %Y} ({row['months']} months)",
        f"  {row['per_1000']:.1f} per 1,000 residents (95% interval {row['per_1000_lower_95']:.1f} – "
        f"{row['per_1000_upper_95']:.1f}); England {row['england_per_1000']:.1f}",
        f"  national rank {row['national_rank']} of {row['rank_of']} (95% interval {row['rank_lower_95']} – "
        f"{row['rank_upper_95']}); against England allowing for the real spread "
        f"between areas: {row['vs_england_overdispersed'].replace('_', ' ').replace('99 8', '99.8%').replace(' 95', ' 95%')}",
        f"  {row['pathways']:,} pathways; population {row['population']:,.0f} ({row['population_source']}, "
        f"vintage {row['population_vintage_earliest']:%Y-%m-%d} to {row['population_vintage_latest']:%Y-%m-%d})",
    ]
    lines.append(f"  for its need (NHS England's need index {row['need_index']:.2f}, {row['need_index_year_earliest']} to "
                 f"{row['need_index_year_latest']}): {row['standardised_ratio']:.2f} times England's rate for its need "
                 f"(95% interval {row['ratio_lower_95']:.2f} – {row['ratio_upper_95']:.2f}); need-adjusted rank "
                 f"{row['need_adjusted_national_rank']} of {row['rank_of']} (95% interval "
                 f"{row['need_adjusted_rank_lower_95']} – {row['need_adjusted_rank_upper_95']})")
    if row["pathways_a_year_at_england_upper_quartile"] is not None:
        target = f"England's target, the upper quartile of need-adjusted rates ({row['england_upper_quartile_per_1000']:.1f})"
        own = ("at " + target + ", it would complete " + words.gap(
            row["pathways_a_year_at_england_upper_quartile"], row["pathways_a_year_at_england_upper_quartile_lower_95"],
            row["pathways_a_year_at_england_upper_quartile_upper_95"])
            if row["pathways_a_year_at_england_upper_quartile"] > 0 else f"it is at or above {target}")
        lines.append(f"  levelling up: {own}; its ICB's members below the target, " + words.gap(
            row["icb_pathways_a_year_at_england_upper_quartile"],
            row["icb_pathways_a_year_at_england_upper_quartile_lower_95"],
            row["icb_pathways_a_year_at_england_upper_quartile_upper_95"]))
        lines.append(f"  for comparison, at the rate of {row['icb_best_ccg_name']}, its ICB's highest member (a maximum "
                     f"that grows with the ICB's size), it would complete {row['pathways_a_year_at_ics_best']:,.0f} more "
                     f"a year, its ICB {row['icb_pathways_a_year_at_best']:,.0f}")
    if peers:
        lines.append(f"ICB peers ({peers[0]['ics_name']}):")
        lines += [f"  {p['national_rank']:>3}. {p['ccg_name']:<45} {p['per_1000']:7.1f}"
                  + ("   <- this area" if p["ccg_code"] == area["ccg_code"] else "") for p in peers]
    if waits:
        w = waits[0]
        median = "beyond the top band" if w["median_open_band"] else f"{w['median_weeks']:.1f} weeks"
        lines.append(f"Waiting list, {w['month']:%B %Y}: median wait {median}; "
                     f"{w['pct_within_18_weeks']:.1%} within 18 weeks; "
                     f"{w['over_52_weeks_per_1000']:.2f} per 1,000 residents waiting over 52 weeks")
    caveats = []
    if row["incomplete_data_flag"]:
        caveats.append(f"providers that usually treat its patients sent no data for part of the window: "
                       f"{row['absent_provider_share']:.0%} of its expected activity is missing")
    if row["area_caveat_flag"]:
        caveats.append("its code was published under another CCG's name in part of the window, "
                       "so the area counted may not match its population")
    lines.append("Read with care: " + ("; ".join(caveats) if caveats else "nothing flagged for this area") + ".")
    return lines
