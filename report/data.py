"""The queries behind the report and the summary, each returning plain rows as dicts. They read
marts only (the html_report exposure lists which, and a test holds it to this file), and compute
nothing: every figure drawn is a mart's column."""

from __future__ import annotations

from collections.abc import Callable

from rtt.warehouse import Connection

MEASURE, SPECIALTY = "admitted_completed", "all"
SPECIALTIES = ["general_surgery", "trauma_orthopaedics", "cardiology", "gynaecology"]
# What the selectors offer, in this order, with the words the pages use.
MEASURES = {
    "admitted_completed": "completed admitted pathways",
    "non_admitted_completed": "completed non-admitted pathways",
    "all_completed": "all completed pathways",
    "incomplete": "waiting list (month-end)",
    "new_periods": "new RTT periods (clock starts)",
}


SPECIALTY_LABELS = {"all": "all specialties", "trauma_orthopaedics": "trauma & orthopaedics"}
# The bases of marts.ccg_league_by_basis, as the basis selector offers them.
BASES = {"crude": "crude (per 1,000 residents)", "need_adjusted": "need-adjusted (for NHS England's need index)"}


def specialty_label(specialty: str) -> str:
    return SPECIALTY_LABELS.get(specialty, specialty.replace("_", " "))


def selection_key(measure: str, specialty: str) -> str:
    return f"{measure}/{specialty}"


def rows(con: Connection, sql: str, params=None) -> list[dict]:
    result = con.execute(sql, params or [])
    names = [d[0] for d in result.description]
    return [dict(zip(names, row)) for row in result.fetchall()]


def league(con: Connection, measure: str = MEASURE, specialty: str = SPECIALTY) -> list[dict]:
    return rows(con, "select * from marts.ccg_league_table where measure = ? and specialty = ? "
                     "order by per_1000 desc", [measure, specialty])


def summary(con: Connection, measure: str = MEASURE, specialty: str = SPECIALTY) -> dict:
    (found,) = rows(con, "select * from marts.ccg_league_summary where measure = ? and specialty = ?",
                    [measure, specialty])
    return found


def summaries(con: Connection) -> dict[str, dict]:
    return {key: found for key, (found,) in by_selection(rows(con, "select * from marts.ccg_league_summary")).items()}


def grouped(found: list[dict], key: Callable[[dict], str]) -> dict[str, list[dict]]:
    """Rows grouped by `key`, in their order."""
    groups: dict[str, list[dict]] = {}
    for row in found:
        groups.setdefault(key(row), []).append(row)
    return groups


def by_selection(found: list[dict]) -> dict[str, list[dict]]:
    """Rows grouped by their measure and specialty (selection_key)."""
    return grouped(found, lambda row: selection_key(row["measure"], row["specialty"]))


def selections(con: Connection) -> list[tuple[str, str]]:
    """Every measure × specialty the marts rank, measures in the selectors' order, `all` first."""
    found = con.execute("select distinct measure, specialty from marts.ccg_league_summary").fetchall()
    return sorted(found, key=lambda pair: (list(MEASURES).index(pair[0]), pair[1] != "all", pair[1]))


def leagues(con: Connection) -> dict[str, dict[str, list[dict]]]:
    """The league for every selection and basis (crude, need-adjusted), highest rate first."""
    found = by_selection(rows(con, "select * from marts.ccg_league_by_basis "
                                   "order by measure, specialty, basis, per_1000 desc, ccg_code"))
    return {key: grouped(league, lambda row: row["basis"]) for key, league in found.items()}


def levelling_up(con: Connection, grouping: str = "icb22") -> dict[str, list[dict]]:
    """Each ICB's members at their need-adjusted rates beside the ICB's best, with the ICB's
    levelling-up gaps, for every selection; the smallest gap first (drawn at the bottom)."""
    return by_selection(rows(con, """
        select u.*, v.pathways_a_year_at_ics_best as ics_pathways_a_year_at_best,
               v.pathways_a_year_at_england_upper_quartile as ics_pathways_a_year_at_england_upper_quartile
        from marts.ics_levelling_up as u
        join marts.ics_variation as v using (grouping, ics_code, measure, specialty)
        where u.grouping = ?
        order by u.measure, u.specialty, v.pathways_a_year_at_ics_best nulls first, u.ics_code,
                 u.need_adjusted_per_1000""", [grouping]))


def ics_members(con: Connection) -> dict[str, list[dict]]:
    """Each ICB's spread and its members' window rates, for every selection, narrowest ICB first."""
    return by_selection(rows(con, """
        select v.measure, v.specialty, v.ics_code, v.ics_name, v.max_min_ratio, v.cv, v.best_ccg_name,
               v.worst_ccg_name, l.ccg_code, l.ccg_name, l.per_1000, l.monthly_per_1000, l.counted_as,
               l.national_rank, l.rank_of
        from marts.ics_variation as v
        join marts.ccg_areas as a on a.icb22_code = v.ics_code
        join marts.ccg_league_table as l on l.ccg_code = a.ccg_code
            and l.measure = v.measure and l.specialty = v.specialty
        where v.grouping = 'icb22'
        order by v.measure, v.specialty, v.max_min_ratio, l.per_1000"""))


def widest_ics(con: Connection, grouping: str = "icb22", measure: str = MEASURE, specialty: str = SPECIALTY) -> dict:
    return rows(con, "select * from marts.ics_variation where grouping = ? and measure = ? and specialty = ? "
                     "order by max_min_ratio desc nulls last limit 1", [grouping, measure, specialty])[0]


def month_labels(con: Connection) -> dict[str, str]:
    """Each loaded month's label as the marts write it ('Sep 2024'), by ISO date."""
    return {f"{month:%Y-%m-%d}": label for month, label in
            con.execute("select month, month_label from marts.loaded_months").fetchall()}


def series_breaks(con: Connection) -> list[dict]:
    """The breaks in NHS England's series, oldest first, as the area pages mark them."""
    return rows(con, "select break_month, break_month_label, break_name, description from marts.series_breaks "
                     "order by break_month")


def latest_month(con: Connection):
    return con.execute("select month from marts.loaded_months where is_latest").fetchone()[0]


def reconciliation(con: Connection) -> list[dict]:
    return rows(con, "select * from marts.rtt_reconciliation where specialty = 'all' order by month, measure")


def waiting_list_medians(con: Connection, grouping: str = "icb22") -> tuple[list[dict], list[dict]]:
    """The waiting list's median wait each month, for every ICS and for England."""
    ics = rows(con, """
        select ics_name, month, median_weeks, p92_weeks, over_52_weeks_per_1000
        from marts.ics_waiting_times
        where grouping = ? and measure = 'incomplete' and specialty = 'all'
        order by ics_name, month""", [grouping])
    england = rows(con, """
        select month, median_weeks, p92_weeks from marts.england_waiting_times
        where measure = 'incomplete' and specialty = 'all' order by month""")
    return ics, england


def series_checks(con: Connection) -> list[dict]:
    """Our England medians and upper percentiles against NHS England's time series: the largest
    difference, by the percentile convention of the months compared."""
    return rows(con, """
        select percentile_convention, count(distinct month) as months,
               max(greatest(abs(our_median_weeks - published_median_weeks),
                            abs(our_upper_percentile_weeks - published_upper_percentile_weeks)))
                   as largest_difference_weeks
        from marts.published_series_comparison
        group by percentile_convention
        order by percentile_convention""")


def workbook_checks(con: Connection) -> dict:
    """The 2014-15 commissioner rows against their published percentiles, by outcome."""
    (found,) = rows(con, """
        select count(*) as compared, count(*) filter (where outcome = 'matches') as reproduced,
               count(*) filter (where outcome = 'published_in_open_band') as open_band,
               count(*) filter (where outcome not in ('matches', 'published_in_open_band')) as differ
        from marts.published_percentile_comparison where has_published_figures""")
    return found


def window_caveats(con: Connection) -> list[dict]:
    """NHS England's published caveats for the workbook months in the analysis window."""
    return rows(con, """
        select month, published_caveats from marts.loaded_months
        where in_analysis_window and published_caveats is not null
        order by month""")


# The area pages: every CCG's rows, queried once and grouped by CCG in Python.

def by_area(found: list[dict]) -> dict[str, list[dict]]:
    """Rows grouped by CCG, the code taken out of each row (the page it goes to says it)."""
    return grouped(found, lambda row: row.pop("ccg_code"))


def areas(con: Connection) -> list[dict]:
    """Each CCG with the ICB it belongs to, by name: the area pages, the search box and `--area`
    all look areas up here."""
    return rows(con, """
        select ccg_code, ccg_name, icb22_code as ics_code, icb22_name as ics_name
        from marts.ccg_areas
        order by ccg_name""")


def area_months(con: Connection) -> dict[str, list[dict]]:
    """Each CCG's month-by-month rate and rank, and what to read with care that month (its ICB's
    and England's rates are shared by many pages: england_months, icb_months)."""
    return by_area(rows(con, """
        select ccg_code, measure, specialty, month, pathways, per_1000, national_rank, absent_provider_share,
               absent_provider_codes, incomplete_data_flag, code_published_as
        from marts.ccg_monthly_activity
        order by ccg_code, measure, specialty, month"""))


def loaded_months(con: Connection) -> list:
    """Every loaded month, oldest first: the months the pages' monthly series are aligned to."""
    return [month for (month,) in con.execute("select month from marts.loaded_months order by month").fetchall()]


def england_months(con: Connection) -> list[dict]:
    """England's rate each month, and how many CCGs were ranked, for every measure and specialty."""
    return rows(con, """
        select distinct measure, specialty, month, england_per_1000, rank_of
        from marts.ccg_monthly_activity
        order by measure, specialty, month""")


def england_waits(con: Connection) -> list[dict]:
    """England's waiting list each month, by specialty."""
    return rows(con, """
        select specialty, month, median_weeks, pct_within_18_weeks, over_52_weeks_per_1000
        from marts.england_waiting_times
        where measure = 'incomplete'
        order by specialty, month""")


def mtg_claims(con: Connection) -> list[dict]:
    """The MTG release's claims beside this build's findings, when the window is the release's own
    (none otherwise: on other months they would not be like for like)."""
    return rows(con, """
        select claim, found, this_build_agrees
        from marts.mtg_claims
        where window_is_the_claims
        order by kind, claim_id""")


def distant_populations(con: Connection) -> dict[str, dict[str, list]]:
    """Each CCG's months whose population is more than two years from the month, by the population
    they have (the same for every measure and specialty, so listed once, not on every monthly row)."""
    found = rows(con, """
        select distinct ccg_code, population_vintage_label, month
        from marts.ccg_monthly_activity
        where population_vintage_distant
        order by ccg_code, population_vintage_label, month""")
    return {code: {label: [row["month"] for row in labelled]
                   for label, labelled in grouped(own, lambda row: row["population_vintage_label"]).items()}
            for code, own in by_area(found).items()}


def area_windows(con: Connection, ccg_code: str | None = None) -> dict[str, list[dict]]:
    """Each CCG's (or one CCG's) window figures, crude (the league table) and need-adjusted, with
    its ICB's levelling-up gap, for every selection."""
    return by_area(rows(con, """
        select l.ccg_code, l.ccg_name, l.measure, l.specialty, l.window_start, l.window_end, l.months, l.pathways,
               l.population, l.counted_as, l.per_1000, l.monthly_per_1000, l.per_1000_lower_95, l.per_1000_upper_95,
               l.england_per_1000, l.monthly_england_per_1000, l.national_rank, l.rank_lower_95, l.rank_upper_95, l.rank_of,
               l.vs_england_overdispersed, l.absent_provider_share, l.incomplete_data_flag, l.area_caveat_flag,
               l.population_source, l.population_vintage_earliest, l.population_vintage_latest,
               n.need_index, n.need_index_year_earliest, n.need_index_year_latest, n.standardised_ratio,
               n.ratio_lower_95, n.ratio_upper_95, n.need_adjusted_per_1000, n.need_adjusted_national_rank,
               n.need_adjusted_rank_lower_95, n.need_adjusted_rank_upper_95,
               n.vs_england_overdispersed as need_adjusted_vs_england_overdispersed,
               u.ics_code as icb_code, u.ics_best_ccg_code as icb_best_ccg_code,
               u.ics_best_ccg_name as icb_best_ccg_name,
               u.ics_best_need_adjusted_per_1000 as icb_best_need_adjusted_per_1000,
               u.pathways_a_year_at_ics_best, u.pathways_a_year_at_england_upper_quartile,
               u.pathways_a_year_at_england_upper_quartile_lower_95,
               u.pathways_a_year_at_england_upper_quartile_upper_95, u.england_upper_quartile_per_1000,
               v.pathways_a_year_at_ics_best as icb_pathways_a_year_at_best,
               v.pathways_a_year_at_england_upper_quartile as icb_pathways_a_year_at_england_upper_quartile,
               v.pathways_a_year_at_england_upper_quartile_lower_95 as icb_pathways_a_year_at_england_upper_quartile_lower_95,
               v.pathways_a_year_at_england_upper_quartile_upper_95 as icb_pathways_a_year_at_england_upper_quartile_upper_95
        from marts.ccg_league_table as l
        join marts.ccg_need_adjusted_league as n using (ccg_code, measure, specialty)
        left join marts.ics_levelling_up as u
            on u.grouping = 'icb22' and u.ccg_code = l.ccg_code and u.measure = l.measure and u.specialty = l.specialty
        left join marts.ics_variation as v
            on v.grouping = u.grouping and v.ics_code = u.ics_code and v.measure = u.measure
            and v.specialty = u.specialty
        where l.ccg_code = coalesce(?, l.ccg_code)
        order by l.ccg_code, l.measure, l.specialty""", [ccg_code]))


def area_waits(con: Connection) -> dict[str, list[dict]]:
    """Each CCG's waiting list month by month, by specialty (England's: england_waits)."""
    return by_area(rows(con, """
        select ccg_code, specialty, month, median_weeks, pct_within_18_weeks, over_52_weeks_per_1000
        from marts.ccg_waiting_times
        where measure = 'incomplete'
        order by ccg_code, specialty, month"""))




# The ICB and region pages: each grouping of int_ics_memberships, as marts.ccg_areas names it.
GROUPINGS = {
    "icb22": ("icb22_code", "icb22_name", "ICB of July 2022"),
    "region22": ("region22_code", "region22_name", "NHS England region (2022)"),
    "stp21": ("stp21_code", "stp21_name", "STP/ICS of April 2021"),
    "region21": ("region21_code", "region21_name", "NHS England region of April 2021"),
}
# The 2021 areas get a page only where their members differ from the same code's in 2022.
LATER_GROUPING = {"stp21": "icb22", "region21": "region22"}


def group_pages(con: Connection) -> list[dict]:
    """Every ICB and region of 2022, and the 2021 STPs and regions whose members differ (only
    Bassetlaw moved): code, name, grouping, what it is, and its member CCGs."""
    found = rows(con, "select * from marts.ccg_areas order by ccg_name")
    members: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], str] = {}
    for area in found:
        for grouping, (code, name, _) in GROUPINGS.items():
            if area[code] is not None:
                members.setdefault((grouping, area[code]), []).append(area["ccg_code"])
                names[(grouping, area[code])] = area[name]
    return [{"grouping": grouping, "code": code, "name": names[(grouping, code)], "kind": GROUPINGS[grouping][2],
             "members": ccgs}
            for (grouping, code), ccgs in sorted(members.items(), key=lambda item: (list(GROUPINGS).index(item[0][0]),
                                                                                   names[item[0]]))
            if grouping not in LATER_GROUPING or set(ccgs) != set(members.get((LATER_GROUPING[grouping], code), []))]


def group_windows(con: Connection) -> dict[tuple[str, str], dict[str, dict]]:
    """Each ICS's or region's spread, best and worst, and levelling-up gap over the window, by
    (grouping, code) and selection."""
    found = rows(con, """
        select grouping, ics_code, measure, specialty, member_count, pooled_per_1000, monthly_pooled_per_1000,
               counted_as, months, min_per_1000, max_per_1000, max_min_ratio, spread_beyond_chance, best_ccg_name,
               best_national_rank, worst_ccg_name, worst_national_rank, rank_of, need_adjusted_per_1000,
               best_need_adjusted_ccg_name, best_need_adjusted_per_1000, pathways_a_year_at_ics_best,
               pathways_a_year_at_england_upper_quartile, pathways_a_year_at_england_upper_quartile_lower_95,
               pathways_a_year_at_england_upper_quartile_upper_95, need_adjusted_between_member_sd_per_1000,
               need_adjusted_between_member_cv
        from marts.ics_variation""")
    windows: dict[tuple[str, str], dict[str, dict]] = {}
    for row in found:
        windows.setdefault((row.pop("grouping"), row.pop("ics_code")), {})[
            selection_key(row["measure"], row["specialty"])] = row
    return windows


def group_months(con: Connection) -> list[dict]:
    """Each ICS's and region's rate each month, for every measure and specialty."""
    return rows(con, """
        select grouping, ics_code, measure, specialty, month, per_1000
        from marts.ics_monthly_rates
        order by grouping, ics_code, measure, specialty, month""")


def group_waits(con: Connection) -> dict[tuple[str, str], list[dict]]:
    """Each ICS's and region's waiting list month by month, by specialty."""
    return grouped(rows(con, """
        select grouping, ics_code, specialty, month, median_weeks, pct_within_18_weeks, over_52_weeks_per_1000
        from marts.ics_waiting_times
        where measure = 'incomplete'
        order by grouping, ics_code, specialty, month"""), lambda row: (row.pop("grouping"), row.pop("ics_code")))
