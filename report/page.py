"""The main page: one self-contained HTML file (plotly's JavaScript inlined once; no CDN). The
measure, specialty and basis (crude or need-adjusted) selectors switch the league bars, the rank
intervals, the funnel plot, the ICB chart (the spread, or levelling up when need-adjusted), the
facts and the "read with care" list in the page itself: every selection's figures are drawn here in
Python from the marts and embedded (packed, shell.packed), and assets/main.js swaps them in (with
report.js's selectors); the specialties and waiting-times charts, which do not follow the
selection, are packed beside them and drawn once."""

from __future__ import annotations

import html
from pathlib import Path

from report import charts, data, shell, trusts, words
from rtt.warehouse import Connection

SELECTED_CHARTS = {"league": "League table", "ranks": "How sure is each rank?", "funnel": "Funnel plot",
                   "ics": "Inside each ICB"}


def reconciliation_table(rows: list[dict]) -> str:
    head = ("<tr><th>month</th><th>measure</th><th>raw</th><th>attributed to CCGs</th><th>non-geographic</th>"
            "<th>of which NONC</th><th>unmatched</th><th>unexplained</th></tr>")
    body = "".join(
        f"<tr class='{'bad' if r['unexplained_pathways'] else ''}'><td>{r['month']:%Y-%m}</td><td>{r['measure']}</td>"
        f"<td>{r['raw_pathways']:,}</td><td>{r['attributed_pathways']:,}</td><td>{r['non_geographic_pathways']:,}</td>"
        f"<td>{r['non_contracted_pathways']:,}</td><td>{r['unmatched_pathways']:,}</td>"
        f"<td>{r['unexplained_pathways']:,}</td></tr>" for r in rows)
    return f"<table>{head}{body}</table>"


def checks_table(series: list[dict], workbooks: dict) -> str:
    """How closely our figures reproduce NHS England's: the time series, then the 2014-15 workbooks."""
    head = "<tr><th>published figures</th><th>compared</th><th>result</th></tr>"
    body = "".join(
        f"<tr><td>England time series, {html.escape(r['percentile_convention'])} convention</td>"
        f"<td>{r['months']} months</td><td>medians and 92nd/95th percentiles within "
        f"{r['largest_difference_weeks']:.0e} weeks</td></tr>" for r in series)
    if workbooks["compared"]:
        body += (f"<tr><td>2014-15 commissioner workbooks: median and 95th percentile</td>"
                 f"<td>{workbooks['compared']:,} rows</td><td>{workbooks['reproduced']:,} "
                 f"({workbooks['reproduced'] / workbooks['compared']:.2%}) within 0.01 weeks; "
                 f"{workbooks['open_band']} in the open 52+ band; {workbooks['differ']} differ "
                 "(marts.published_percentile_comparison says why)</td></tr>")
    return f"<table>{head}{body}</table>"


def mtg_claims_table(claims: list[dict]) -> str:
    head = "<tr><th>the MTG's media release said</th><th>this build finds</th><th></th></tr>"
    body = "".join(f"<tr><td>{html.escape(c['claim'])}</td><td>{html.escape(c['found'] or '')}</td>"
                   f"<td>{words.agreement(c)}</td></tr>" for c in claims)
    return (f"<table id='mtg-claims'>{head}{body}</table><p>The window is the release's own months. The release's "
            "figures are its own (2022, its populations); nothing here was checked against its files.</p>")


def groups_html(groups: list[dict]) -> str:
    """Links to every ICB's and region's page, by what they are."""
    by_kind = data.grouped(groups, lambda group: group["kind"])
    return "".join(f"<p><b>{html.escape(kind)}:</b> " + ", ".join(
        f'<a href="groups/{shell.group_href(g["grouping"], g["code"])}">{html.escape(g["name"])}</a>' for g in found)
        + "</p>" for kind, found in by_kind.items())


def facts_html(league: list[dict], overall: dict) -> str:
    """The facts box for one selection and basis."""
    first = charts.as_drawn(league[0])
    adjusted = first["basis"] != "crude"
    highest = (f"<b>Highest, need-adjusted:</b> {html.escape(first['ccg_name'])} ({first['per_1000']:.1f}). "
               if adjusted else
               f"<b>Highest:</b> {html.escape(overall['top_ccg_name'])} ({first['per_1000']:.1f}), "
               + words.top_to_bottom(overall))
    gap = "" if overall["pathways_a_year_at_england_upper_quartile"] is None else (
        "<p><b>Levelling up:</b> if every CCG below England's target, the upper quartile of need-adjusted rates, "
        "treated at it, England would complete " + words.gap(
            overall["pathways_a_year_at_england_upper_quartile"],
            overall["pathways_a_year_at_england_upper_quartile_lower_95"],
            overall["pathways_a_year_at_england_upper_quartile_upper_95"])
        + f". At each ICB's highest member's rate instead, {overall['pathways_a_year_at_icb_best']:,.0f}: a sum of "
        "maxima, larger wherever an ICB has more members, so not a target.</p>")
    need = ("<p>Need-adjusted: pathways per 1,000 of the CCG's need-weighted population (NHS England's general and "
            "acute need index of the allocations formula), so a needier area is expected to treat more. England's rate "
            "is the same on both bases.</p>" if adjusted else "")
    return f"""
<p><b>Window:</b> {first['window_start']:%B %Y} – {first['window_end']:%B %Y} ({first['months']} months).
<b>Measure:</b> {html.escape(charts.rate_title(first).capitalize())},
{html.escape(data.specialty_label(first['specialty']))}.</p>
<p><b>Population:</b> {html.escape(first['population_source'])}, vintage {first['population_vintage_earliest']:%Y-%m-%d}
to {first['population_vintage_latest']:%Y-%m-%d}. <b>England:</b> {first['england_per_1000']:.1f} per 1,000.
{highest}</p>{need}{gap}
<p>Intervals are 95% intervals that allow for how much each area's count varies from month to month: here
{min(r['dispersion'] for r in league):.1f} to {max(r['dispersion'] for r in league):.1f} times what Poisson chance
alone would give, more for larger areas; they cover chance within this window, not how an area's rate drifts over a
year (docs/methodology.md). {spread_words(first['overdispersion_phi'])} The colours say where each
CCG sits against the blue limits: green above, purple below. Each rank has a 95% interval. Click a bar or a point
to open that area's page.</p>"""


def spread_words(phi: float | None) -> str:
    """What the over-dispersion of this selection means for the funnel (after Spiegelhalter 2005)."""
    if phi is None:
        return "There are too few pathways to estimate the spread between areas."
    if phi <= 1:
        return (f"Rates vary between areas no more than chance would make them (over-dispersion {phi:.1f}), so the "
                "blue limits are the grey ones.")
    return (f"Rates vary between areas more than chance would make them (over-dispersion {phi:.1f}), so many CCGs "
            "are outside the grey funnel of chance; the blue limits allow for the typical real spread between CCGs, "
            "and about 5 in 100 CCGs would fall outside their 95% limits if none were unusual.")


def read_with_care_html(league: list[dict], published_caveats: list[dict]) -> str:
    """The areas whose figure for this selection needs care, and NHS England's own caveats."""
    items = [f"{html.escape(r['ccg_name'])}: {r['absent_provider_share']:.0%} of expected activity missing "
             "(providers that usually treat its patients sent no data for part of the window)"
             for r in league if r["incomplete_data_flag"]]
    items += [f"{html.escape(r['ccg_name'])}: its code was published under another CCG's name in part of the "
              "window, so the area counted may not match its population" for r in league if r["area_caveat_flag"]]
    items += [f"{r['month']:%B %Y}, as NHS England published it: "
              f"{html.escape(r['published_caveats']).replace(chr(10), '<br>')}" for r in published_caveats]
    return "".join(f"<li>{item}</li>" for item in items) or "<li>none</li>"


def selection_content(con: Connection, leagues: dict[str, dict[str, list[dict]]]) -> dict[str, dict]:
    """For each measure × specialty and basis: its four charts and its two text blocks."""
    members, overall, levelling = data.ics_members(con), data.summaries(con), data.levelling_up(con)
    published_caveats = data.window_caveats(con)
    return {key: {basis: {
        "figures": {"league": shell.figure_data(charts.league_bars(league)),
                    "ranks": shell.figure_data(charts.rank_intervals(league)),
                    "funnel": shell.figure_data(charts.funnel(league)),
                    "ics": shell.figure_data(charts.ics_lines(members[key]) if basis == "crude"
                                             else charts.levelling_up_lines(levelling[key]))},
        "html": {"facts": facts_html(league, overall[key]),
                 "read-with-care": read_with_care_html(league, published_caveats)},
    } for basis, league in by_basis.items()} for key, by_basis in leagues.items()}


def provider_figures(con: Connection) -> dict:
    """The trusts' caterpillar and the independent sector's share against the rate, completed
    admitted pathways, all specialties (none where the window has no provider detail)."""
    league = trusts.headline_league(trusts.trust_rates(con))
    mix = list(trusts.provider_mix(con).values())
    figures = {}
    if mix:
        correlation = data.summary(con)["independent_sector_share_correlation"]
        figures["independent-sector"] = shell.figure_data(charts.independent_sector_scatter(mix, correlation))
    if league:
        figures["trust-ranks"] = shell.figure_data(charts.trust_rank_intervals(league))
    return figures


def write_report(con: Connection, path: Path, group_pages: list[dict]) -> Path:
    """The main page; `group_pages` (data.group_pages) are the ICB and region pages it links to."""
    choices, leagues = data.selections(con), data.leagues(con)
    content = selection_content(con, leagues)
    claims = data.mtg_claims(con)
    fixed = [("The Medical Technology Group's claims beside this build", mtg_claims_table(claims))] if claims else []
    fixed += [
        ("ICBs and regions: a page each", groups_html(group_pages)),
        ("The hospitals behind the areas",
         '<p><a id="trusts-page" href="trusts/index.html">NHS trusts: pathways per 1,000 of catchment</a>, a page '
         "each, and on every area's page the providers that treat its residents.</p>"
         '<div id="independent-sector"></div><div id="trust-ranks"></div>'),
        ("Specialties", '<div id="specialties"></div>'),
        ("Waiting times", '<div id="waiting-times"></div>'),
        ("Checked against NHS England's published figures",
         checks_table(data.series_checks(con), data.workbook_checks(con))),
        ("Reconciliation: every published pathway accounted for (all specialties)",
         reconciliation_table(data.reconciliation(con))),
    ]
    selected = "".join(f'<h2>{title}</h2><div id="{chart}"></div>' for chart, title in SELECTED_CHARTS.items())
    body = (shell.selectors(choices, search=True, bases=data.BASES)
            + '<p id="nothing" hidden>The marts hold no figures for this measure and specialty.</p>'
            + '<div class="facts"><div id="facts"></div><p><b>Read with care</b> — providers that usually treat '
              "these CCGs' patients sent no data for part of the window, or the area behind the code changed:</p>"
              '<ul id="read-with-care"></ul></div>'
            + selected + "".join(f"<h2>{html.escape(title)}</h2>{content}" for title, content in fixed)
            + shell.packed_script("selections", content)
            + shell.packed_script("fixed-figures", {
                "specialties": shell.figure_data(charts.specialty_multiples(
                    {s: leagues[data.selection_key(data.MEASURE, s)]["crude"] for s in data.SPECIALTIES})),
                "waiting-times": shell.figure_data(charts.waiting_lines(*data.waiting_list_medians(con))),
                **provider_figures(con)})
            + shell.json_script("plotly-template", shell.template_data())
            + shell.json_script("areas", shell.search_list(data.areas(con)))
            + f"<script>const PLOTLY_CONFIG = {shell.json_dumps(shell.PLOTLY_CONFIG)};</script>"
            + f"<script>{shell.asset('main.js')}</script>")
    return shell.write_atomically(path, shell.page(
        "RTT activity per 1,000 residents", "NHS RTT: pathways per 1,000 residents by CCG of April 2021",
        body, shell.inline_scripts()))
