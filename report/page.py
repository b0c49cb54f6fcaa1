"""The report page: one self-contained HTML file (plotly's JavaScript inlined once; no CDN)."""

from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

import plotly.offline

from report import charts, data

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; margin: 2rem auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.facts { background: #f6f8fa; padding: 0.8rem 1rem; border-radius: 4px; }
table { border-collapse: collapse; font-size: 0.85rem; } td, th { padding: 2px 8px; text-align: right; }
th { background: #eee; } td:first-child, th:first-child, td:nth-child(2), th:nth-child(2) { text-align: left; }
tr.bad td { background: #fdd; }
"""


def figure_div(figure) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False})


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


def write_report(con, path: Path) -> Path:
    league = data.league(con)
    overall = data.summary(con)
    first = league[0]
    flagged = [r for r in league if r["incomplete_data_flag"]]
    sections = [
        ("League table", figure_div(charts.league_bars(league))),
        ("Funnel plot", figure_div(charts.funnel(league))),
        ("Variation inside each ICB", figure_div(charts.ics_lines(data.ics_members(con)))),
        ("Specialties", figure_div(charts.specialty_multiples(
            {s: data.league(con, specialty=s) for s in data.SPECIALTIES}))),
        ("Waiting times", figure_div(charts.waiting_lines(*data.waiting_list_medians(con)))),
        ("Checked against NHS England's published figures",
         checks_table(data.series_checks(con), data.workbook_checks(con))),
        ("Reconciliation: every published pathway accounted for (all specialties)",
         reconciliation_table(data.reconciliation(con))),
    ]
    gaps = "".join(f"<li>{html.escape(r['ccg_name'])}: {r['absent_provider_share']:.0%} of expected activity missing</li>"
                   for r in flagged)
    gaps += "".join(f"<li>{html.escape(r['ccg_name'])}: its code was published under another CCG's name in part of "
                    "the window, so the area counted may not match its population</li>"
                    for r in league if r["area_caveat_flag"])
    gaps += "".join(f"<li>{r['month']:%B %Y}, as NHS England published it: "
                    f"{html.escape(r['published_caveats']).replace(chr(10), '<br>')}</li>"
                    for r in data.window_caveats(con))
    facts = f"""
<div class="facts">
<p><b>Window:</b> {first['window_start']:%B %Y} – {first['window_end']:%B %Y} ({first['months']} months).
<b>Measure:</b> completed admitted pathways (RTT Part 1A, all specialties unless stated), per 1,000 residents.</p>
<p><b>Population:</b> {html.escape(first['population_source'])}, vintage {first['population_vintage_earliest']:%Y-%m-%d}
to {first['population_vintage_latest']:%Y-%m-%d}. <b>England:</b> {overall['england_per_1000']:.1f} per 1,000.
<b>Highest:</b> {html.escape(overall['top_ccg_name'])} ({overall['top_per_1000']:.1f}),
{overall['top_to_bottom_ten_ratio']:.2f} times the mean of the ten lowest ({overall['bottom_ten_mean_per_1000']:.1f}).</p>
<p><b>Read with care</b> — providers that usually treat these CCGs' patients sent no data for part of the window,
or the area behind the code changed:</p>
<ul>{gaps or '<li>none</li>'}</ul>
<p>Intervals are 95% Poisson intervals. Rates vary between areas far more than chance alone would make them
(over-dispersion {first['overdispersion_phi']:.0f}), so nearly every CCG is outside the grey Poisson funnel; the
blue limits allow for the typical real spread between CCGs (± {first['between_ccg_sd_per_1000']:.1f} per 1,000,
after Spiegelhalter 2005), and the colours say where each CCG sits against those: green above, purple below.</p>
</div>"""
    body = "".join(f"<h2>{html.escape(title)}</h2>{content}" for title, content in sections)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>RTT activity per 1,000 residents</title>
<style>{STYLE}</style><script>{plotly.offline.get_plotlyjs()}</script></head>
<body><h1>NHS RTT: completed pathways per 1,000 residents by CCG of April 2021</h1>{facts}{body}
<p style="color:#777">Built {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC from NHS England, ONS and NHS Digital
data (Open Government Licence v3.0).</p></body></html>"""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(page, encoding="utf-8")
    partial.replace(path)
    return path
