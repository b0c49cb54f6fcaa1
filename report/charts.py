"""The report's charts, built with plotly from the marts' rows. Every statistic drawn (rates,
intervals, funnel limits) comes from the marts; nothing is recomputed here."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from report.data import MEASURES, specialty_label

POSITION_COLOURS = {
    "above_99_8": "#1b7837", "above_95": "#7fbf7b", "within": "#9e9e9e",
    "below_95": "#c2a5cf", "below_99_8": "#762a83",
}
INCOMPLETE_COLOUR = "#f4a582"
FONT = dict(family="Arial, Helvetica, sans-serif", size=12)


def marker_colour(row: dict) -> str:
    """Orange where data are missing or the area may differ, else the position against England's
    funnel allowing for over-dispersion (against chance alone, nearly every CCG is outside)."""
    caveat = row["incomplete_data_flag"] or row["area_caveat_flag"]
    return INCOMPLETE_COLOUR if caveat else POSITION_COLOURS[row["vs_england_overdispersed"]]


# The window's rate columns of marts.ccg_league_table, which the charts draw.
RATE_COLUMNS = ("per_1000", "per_1000_lower_95", "per_1000_upper_95", "england_per_1000", "funnel_lower_95",
                "funnel_upper_95", "funnel_lower_998", "funnel_upper_998", "overdispersed_lower_95",
                "overdispersed_upper_95", "overdispersed_lower_998", "overdispersed_upper_998")


def as_drawn(row: dict, columns: tuple[str, ...] = RATE_COLUMNS) -> dict:
    """The waiting list is a stock (`counted_as`): its window rates sum month-end lists, so it is
    drawn by the marts' per-month form of each (`monthly_<column>`, the mean month-end list per
    1,000; ranks and flags are the same on either scale). Picked from the mart, not computed."""
    if row["counted_as"] != "stock":
        return row
    return {**row, **{column: row[f"monthly_{column}"] for column in columns}}


def per_whom(basis: str) -> str:
    return "residents" if basis == "crude" else "need-weighted population"


def rate_title(row: dict, basis: str | None = None) -> str:
    """What a drawn rate is: a stock's mean month-end list, a flow's pathways over the window."""
    basis = basis or row.get("basis", "crude")
    if row["counted_as"] == "stock":
        return f"mean month-end {MEASURES[row['measure']].removesuffix(' (month-end)')} per 1,000 {per_whom(basis)}"
    return f"{MEASURES[row['measure']]} per 1,000 {per_whom(basis)} over the window"


def selection_words(measure: str, specialty: str) -> str:
    return f"{MEASURES[measure].capitalize()}, {specialty_label(specialty)}"


def layout(figure: go.Figure, title: str, height: int) -> go.Figure:
    figure.update_layout(title=dict(text=title, x=0), height=height, font=FONT, template="plotly_white",
                         margin=dict(l=10, r=10, t=60, b=40), legend=dict(orientation="h", y=-0.05))
    return figure


def league_bars(league: list[dict]) -> go.Figure:
    """Ranked bars of every CCG with 95% intervals and England's rate; a bar's customdata starts
    with its CCG code, which the page uses to open the area's page."""
    ordered = sorted(map(as_drawn, league), key=lambda r: (r["per_1000"], r["ccg_code"]))
    colours = [marker_colour(r) for r in ordered]
    figure = go.Figure(go.Bar(
        x=[r["per_1000"] for r in ordered],
        y=[f"{short_name(r['ccg_name'])} ({r['national_rank']})" for r in ordered],
        orientation="h", marker_color=colours,
        error_x=dict(type="data", symmetric=False, color="#444", thickness=1,
                     array=[r["per_1000_upper_95"] - r["per_1000"] for r in ordered],
                     arrayminus=[r["per_1000"] - r["per_1000_lower_95"] for r in ordered]),
        customdata=[[r["ccg_code"], r["pathways"], r["denominator"], r["absent_provider_share"] or 0] for r in ordered],
        hovertemplate="%{y}<br>%{x:.1f} per 1,000<br>%{customdata[1]:,} pathways, "
                      f"{per_whom(ordered[0]['basis'])} %{{customdata[2]:,.0f}}"
                      "<br>missing (absent providers): %{customdata[3]:.0%}<extra></extra>",
        name="CCG rate (95% interval)"))
    england = ordered[0]["england_per_1000"]
    figure.add_vline(x=england, line_dash="dash", line_color="#d62728",
                     annotation_text=f"England {england:.1f}", annotation_position="top")
    figure.update_yaxes(tickfont=dict(size=9))
    figure.update_xaxes(title=rate_title(ordered[0]))
    return layout(figure, f"{selection_words(ordered[0]['measure'], ordered[0]['specialty'])} per 1,000 "
                          f"{per_whom(ordered[0]['basis'])}, by CCG of April 2021 (orange: read with care, see below)",
                  height=1900)


def funnel(league: list[dict]) -> go.Figure:
    """Rate against population, with 95% and 99.8% limits around England's rate: for chance, the
    months' variation included (grey), and allowing for the spread real CCGs show (blue)."""
    by_population = sorted(map(as_drawn, league), key=lambda r: (r["denominator"], r["ccg_code"]))
    population = [r["denominator"] for r in by_population]
    figure = go.Figure()
    for prefix, colour, what in (("funnel", "#999", "chance"), ("overdispersed", "#4575b4", "over-dispersed")):
        for limit, dash in (("998", "dot"), ("95", "dash")):
            for side in ("lower", "upper"):
                figure.add_trace(go.Scatter(
                    x=population, y=[r[f"{prefix}_{side}_{limit}"] for r in by_population], mode="lines",
                    line=dict(color=colour, dash=dash, width=1), hoverinfo="skip",
                    name=f"{'99.8' if limit == '998' else '95'}% limits, {what}", showlegend=side == "lower"))
    figure.add_trace(go.Scatter(x=population, y=[r["england_per_1000"] for r in by_population], mode="lines",
                                line=dict(color="#d62728"), name="England"))
    figure.add_trace(go.Scatter(
        x=population, y=[r["per_1000"] for r in by_population], mode="markers", name="CCG",
        marker=dict(size=8, color=[marker_colour(r) for r in by_population], line=dict(color="#333", width=0.5)),
        text=[r["ccg_name"] for r in by_population], customdata=[[r["ccg_code"]] for r in by_population],
        hovertemplate="%{text}<br>%{y:.1f} per 1,000<br>" + per_whom(by_population[0]["basis"])
                      + " %{x:,.0f}<extra></extra>"))
    figure.update_xaxes(title=f"{per_whom(by_population[0]['basis'])} (mean over the window)", type="log")
    figure.update_yaxes(title=rate_title(by_population[0]))
    words = selection_words(by_population[0]["measure"], by_population[0]["specialty"]).lower()
    figure = layout(figure, f"Funnel plot, {words}: how far each CCG is from England's rate, given its size "
                            "(colour: against the over-dispersed limits)", height=650)
    return figure.update_layout(legend=dict(y=-0.18), margin=dict(b=110))  # below the axis title


def short_name(name: str) -> str:
    return name.removeprefix("NHS ").removesuffix(" CCG").removesuffix(" Integrated Care Board")


def ics_lines(members: list[dict]) -> go.Figure:
    """Each ICB on one line: its member CCGs' rates, the range between best and worst."""
    members = [{**as_drawn(r, ("per_1000",)), "ics_name": short_name(r["ics_name"])} for r in members]
    order: list[str] = []
    for row in members:
        if row["ics_name"] not in order:
            order.append(row["ics_name"])
    figure = go.Figure()
    for name in order:
        rates = [r["per_1000"] for r in members if r["ics_name"] == name]
        figure.add_trace(go.Scatter(x=[min(rates), max(rates)], y=[name, name], mode="lines",
                                    line=dict(color="#bbb", width=6), hoverinfo="skip", showlegend=False))
    figure.add_trace(go.Scatter(
        x=[r["per_1000"] for r in members], y=[r["ics_name"] for r in members], mode="markers",
        marker=dict(size=9, color="#1f77b4", line=dict(color="#fff", width=1)), showlegend=False,
        customdata=[[r["ccg_code"]] for r in members],
        text=[f"{r['ccg_name']} — rank {r['national_rank']} of {r['rank_of']}" for r in members],
        hovertemplate="%{text}<br>%{x:.1f} per 1,000<extra></extra>"))
    for name in order:
        first = next(r for r in members if r["ics_name"] == name)
        if first["best_ccg_name"] == first["worst_ccg_name"]:
            continue  # one member: nothing to compare
        # No ratio where the lowest member has no pathways at all.
        ratio = "(lowest: none)" if first["max_min_ratio"] is None else f"×{first['max_min_ratio']:.2f}"
        figure.add_annotation(x=max(r["per_1000"] for r in members if r["ics_name"] == name), y=name,
                              text=f"{short_name(first['best_ccg_name'])} / {short_name(first['worst_ccg_name'])} {ratio}",
                              showarrow=False, xanchor="left", xshift=8, font=dict(size=9, color="#555"))
    figure.update_yaxes(tickfont=dict(size=9))
    figure.update_xaxes(title=rate_title(members[0]))
    words = selection_words(members[0]["measure"], members[0]["specialty"]).lower()
    return layout(figure, f"Inside each ICB (July 2022), {words}: member CCGs side by side, best / worst and their "
                          "ratio", height=1000)


def caterpillar(ordered: list[dict], labels: list[str], colours: list[str], customdata: list[list],
                hover: str, axis_title: str, title: str, height: int, tick_size: int = 9) -> go.Figure:
    """Ranks with their 95% intervals, one row each in the order given, best first: the CCGs' and
    the trusts' caterpillars. `hover` may quote customdata[1] and [2], the interval's ends."""
    figure = go.Figure(go.Scatter(
        x=[r["national_rank"] for r in ordered], y=labels, mode="markers",
        marker=dict(size=7, color=colours, line=dict(color="#333", width=0.5)),
        error_x=dict(type="data", symmetric=False, color="#777", thickness=1.5, width=0,
                     array=[r["rank_upper_95"] - r["national_rank"] for r in ordered],
                     arrayminus=[r["national_rank"] - r["rank_lower_95"] for r in ordered]),
        customdata=customdata, hovertemplate=hover, name="rank (95% interval)"))
    figure.update_yaxes(autorange="reversed", tickfont=dict(size=tick_size))
    figure.update_xaxes(title=axis_title, range=[0, ordered[0]["rank_of"] + 1])
    return layout(figure, title, height=height)


def rank_intervals(league: list[dict]) -> go.Figure:
    """A caterpillar plot: every CCG's national rank with its 95% interval, best first, so a middle
    rank that could be twenty places either way looks like it."""
    ordered = sorted(league, key=lambda r: (r["national_rank"], r["ccg_code"]))
    words = selection_words(ordered[0]["measure"], ordered[0]["specialty"]).lower()
    return caterpillar(
        ordered, [short_name(r["ccg_name"]) for r in ordered], [marker_colour(r) for r in ordered],
        [[r["ccg_code"], r["rank_lower_95"], r["rank_upper_95"]] for r in ordered],
        "%{y}: rank %{x} (95% interval %{customdata[1]} – %{customdata[2]})<extra></extra>",
        f"national rank of {ordered[0]['rank_of']} (1 = most per 1,000)",
        f"How sure is each rank? {words}, {'need-adjusted' if ordered[0]['basis'] != 'crude' else 'crude'}"
        ": rank with its 95% interval", height=1900)


def levelling_up_lines(members: list[dict]) -> go.Figure:
    """Each ICB on one line: its members' need-adjusted rates, its best member's rate marked, and
    the pathways a year its members would add at that rate (ics_levelling_up)."""
    members = [{**as_drawn(r, ("need_adjusted_per_1000", "ics_best_need_adjusted_per_1000")),
                "ics_name": short_name(r["ics_name"])} for r in members]
    order = list(dict.fromkeys(r["ics_name"] for r in members))
    figure = go.Figure()
    for name in order:
        rates = [r["need_adjusted_per_1000"] for r in members if r["ics_name"] == name]
        figure.add_trace(go.Scatter(x=[min(rates), max(rates)], y=[name, name], mode="lines",
                                    line=dict(color="#bbb", width=6), hoverinfo="skip", showlegend=False))
    best = [r for r in members if r["ccg_code"] == r["ics_best_ccg_code"]]
    others = [r for r in members if r["ccg_code"] != r["ics_best_ccg_code"]]
    for rows, colour, label in ((others, "#1f77b4", "member"), (best, "#1b7837", "the ICB's best, need-adjusted")):
        figure.add_trace(go.Scatter(
            x=[r["need_adjusted_per_1000"] for r in rows], y=[r["ics_name"] for r in rows], mode="markers",
            marker=dict(size=9, color=colour, line=dict(color="#fff", width=1)), name=label,
            customdata=[[r["ccg_code"], r["pathways_a_year_at_ics_best"]] for r in rows],
            text=[r["ccg_name"] for r in rows],
            hovertemplate="%{text}<br>%{x:.1f} per 1,000 need-weighted<br>+%{customdata[1]:,.0f} a year at the "
                          "best's rate<extra></extra>"))
    for name in order:
        first = next(r for r in members if r["ics_name"] == name)
        if not first["ics_pathways_a_year_at_best"]:
            continue  # one member, or the waiting list (a stock, no pathways a year)
        figure.add_annotation(x=first["ics_best_need_adjusted_per_1000"], y=name, showarrow=False, xanchor="left",
                              xshift=8, font=dict(size=9, color="#555"),
                              text=f"+{first['ics_pathways_a_year_at_best']:,.0f} a year at "
                                   f"{short_name(first['ics_best_ccg_name'])}'s rate")
    figure.update_yaxes(tickfont=dict(size=9))
    figure.update_xaxes(title=rate_title(members[0], "need_adjusted"))
    words = selection_words(members[0]["measure"], members[0]["specialty"]).lower()
    return layout(figure, f"Levelling up inside each ICB (July 2022), {words}: more a year if every member "
                          "treated at its best's need-adjusted rate", height=1000)


def specialty_multiples(leagues: dict[str, list[dict]]) -> go.Figure:
    """One panel per specialty: every CCG's rate in rank order, with England's rate."""
    names = list(leagues)
    figure = make_subplots(rows=2, cols=2, subplot_titles=[n.replace("_", " ").capitalize() for n in names])
    for index, name in enumerate(names):
        ordered = sorted(leagues[name], key=lambda r: r["per_1000"], reverse=True)
        row, col = index // 2 + 1, index % 2 + 1
        figure.add_trace(go.Bar(x=list(range(1, len(ordered) + 1)), y=[r["per_1000"] for r in ordered],
                                marker_color="#1f77b4", text=[r["ccg_name"] for r in ordered], showlegend=False,
                                hovertemplate="%{text}<br>rank %{x}: %{y:.2f} per 1,000<extra></extra>"),
                         row=row, col=col)
        figure.add_hline(y=ordered[0]["england_per_1000"], line_dash="dash", line_color="#d62728", row=row, col=col)
    figure.update_xaxes(title_text="national rank")
    figure.update_yaxes(title_text="per 1,000")
    return layout(figure, "Completed admitted pathways per 1,000 by specialty (dashed: England)", height=700)


def waiting_lines(ics: list[dict], england: list[dict]) -> go.Figure:
    """The waiting list's median wait each month: one thin line per ICS, England in red."""
    figure = go.Figure()
    names = sorted({r["ics_name"] for r in ics})
    for name in names:
        own = [r for r in ics if r["ics_name"] == name]
        figure.add_trace(go.Scatter(
            x=[r["month"] for r in own], y=[r["median_weeks"] for r in own], mode="lines",
            line=dict(color="#9ecae1", width=1), name=short_name(name), showlegend=False,
            customdata=[[r["p92_weeks"], r["over_52_weeks_per_1000"]] for r in own],
            hovertemplate=f"{short_name(name)}<br>%{{x|%b %Y}}: median %{{y:.1f}} weeks, 92nd percentile "
                          "%{customdata[0]:.1f}<br>waiting over 52 weeks: %{customdata[1]:.2f} per 1,000<extra></extra>"))
    figure.add_trace(go.Scatter(
        x=[r["month"] for r in england], y=[r["median_weeks"] for r in england], mode="lines+markers",
        line=dict(color="#d62728", width=3), name="England",
        hovertemplate="England<br>%{x|%b %Y}: median %{y:.2f} weeks<extra></extra>"))
    figure.update_yaxes(title="median wait of the waiting list, weeks")
    return layout(figure, "How long the waiting list has waited: median by ICB (July 2022), from the week bands "
                          "summed to the ICB", height=500)


def trust_rank_intervals(league: list[dict]) -> go.Figure:
    """The trusts' caterpillar: each NHS trust compared, its rank per 1,000 of catchment with its
    95% interval, coloured by where it sits against the trusts' over-dispersed funnel."""
    ordered = sorted(league, key=lambda r: (r["national_rank"], r["trust_code"]))
    return caterpillar(
        ordered, [r["trust_name"].title() for r in ordered],
        [POSITION_COLOURS[r["vs_england_overdispersed"]] for r in ordered],
        [[r["trust_code"], r["rank_lower_95"], r["rank_upper_95"], r["per_1000"]] for r in ordered],
        "%{y}: rank %{x} (95% interval %{customdata[1]} – %{customdata[2]}), "
        "%{customdata[3]:.1f} per 1,000 of catchment<extra></extra>",
        f"rank of {ordered[0]['rank_of']} trusts compared (1 = most per 1,000 of catchment)",
        "NHS trusts: completed admitted pathways per 1,000 of catchment over the window, all specialties: "
        "rank with its 95% interval", height=2000, tick_size=8)  # the trusts' names are long


def independent_sector_scatter(mix: list[dict], correlation: float | None) -> go.Figure:
    """Every CCG's rate against the share of its pathways the independent sector treated."""
    ordered = sorted(mix, key=lambda r: r["ccg_code"])
    figure = go.Figure(go.Scatter(
        x=[r["independent_sector_share"] for r in ordered], y=[r["per_1000"] for r in ordered], mode="markers",
        marker=dict(size=7, color="#1f77b4"), text=[r["ccg_name"] for r in ordered],
        customdata=[[r["ccg_code"]] for r in ordered],
        hovertemplate="%{text}: %{y:.1f} per 1,000, %{x:.0%} independent sector<extra></extra>", name="CCG"))
    figure.update_xaxes(title="share of its completed admitted pathways the independent sector treated", tickformat=".0%")
    figure.update_yaxes(title="completed admitted pathways per 1,000 residents over the window")
    stated = "no correlation to state" if correlation is None else f"correlation {correlation:.2f}"
    return layout(figure, f"Does the independent sector explain who is high? Every CCG, all specialties ({stated})",
                  height=500)


def trust_months(months: list[dict]) -> go.Figure:
    """One trust's month by month: completed admitted pathways per 1,000 of catchment, and its
    waiting list per 1,000 at each month end, all specialties."""
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=(
        "Completed admitted pathways per 1,000 of catchment, each month", "Waiting list per 1,000 of catchment, month end"))
    for row, measure in enumerate(("admitted_completed", "incomplete"), start=1):
        chosen = [m for m in months if m["measure"] == measure]
        figure.add_trace(go.Scatter(x=[m["month"] for m in chosen], y=[m["per_1000"] for m in chosen],
                                    mode="lines+markers", name=MEASURES[measure], showlegend=False,
                                    hovertemplate="%{x|%b %Y}: %{y:.1f}<extra></extra>"), row=row, col=1)
    # A trust page carries no template (report.js sets it on the other pages), so the axes make
    # their own room for their labels.
    figure.update_xaxes(automargin=True)
    figure.update_yaxes(automargin=True)
    return layout(figure, "Month by month, all specialties", height=520)
