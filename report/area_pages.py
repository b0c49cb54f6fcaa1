"""One page per CCG of April 2021: build/report/areas/<ccg_code>.html. Each holds the area's own
figures as JSON (id "area"), every number quoted from the marts (month-by-month figures as one
list per column, aligned to the loaded months of the shared assets/series.js, which also holds
its ICB's and England's series), and the shared assets/area.js draws them: the rate month by
month beside its ICB's and England's, its national rank each month, its specialties, its waiting
list beside England's, its ICB peers and its caveats, for whichever measure and specialty is
chosen. The pages share one copy of plotly's JavaScript in build/report/assets/."""

from __future__ import annotations

import html
from pathlib import Path

from report import data, series, shell, trusts
from rtt.warehouse import Connection

SCRIPTS = ("plotly.min.js", "series.js", "report.js", "monthly.js", "area.js")
MONTHLY_COLUMNS = ("pathways", "per_1000", "national_rank")
# The months to read with care, as {month: [these columns]}: those the mart flags (providers that
# usually treat the area's patients sent no data for at least var absent_provider_flag_share of its
# activity) or whose code was published under another name. Smaller absences, in most months of
# most areas, stay in marts.ccg_monthly_activity: listed on every page they were most of its size.
CAVEAT_COLUMNS = ("absent_provider_share", "absent_provider_codes", "incomplete_data_flag", "code_published_as")
PEER_COLUMNS = ("ccg_name", "counted_as", "per_1000", "monthly_per_1000", "per_1000_lower_95", "per_1000_upper_95",
                "national_rank", "pathways")


def area_content(area: dict, months: list[dict], windows: dict[str, dict[str, dict]], waits: list[dict],
                 members: list[str], loaded: list, distant_populations: dict[str, list]) -> dict:
    """Everything one area's page quotes, for every selection: its own monthly figures as lists
    aligned to the loaded months (assets/series.js holds those and its ICB's and England's), and
    the months to read with care listed, not a column of mostly nothing."""
    own = windows[area["ccg_code"]]
    by_selection = data.by_selection(months)
    return {
        "code": area["ccg_code"], "name": area["ccg_name"], "icb_code": area["ics_code"], "icb_name": area["ics_name"],
        "distant_populations": distant_populations, "caveat_columns": CAVEAT_COLUMNS,
        "selections": {key: {
            "window": window,
            "months": series.aligned(by_selection.get(key, []), loaded, MONTHLY_COLUMNS),
            "caveats": {row["month"].isoformat(): [row[c] for c in CAVEAT_COLUMNS] for row in by_selection.get(key, [])
                        if row["incomplete_data_flag"] or row["code_published_as"]},
            "peers": sorted(({"code": code, **{c: windows[code][key][c] for c in PEER_COLUMNS}}
                             for code in members if key in windows[code]), key=lambda peer: peer["national_rank"]),
        } for key, window in own.items()},
        "waits": {specialty: series.aligned([w for w in waits if w["specialty"] == specialty], loaded,
                                            series.WAIT_COLUMNS)
                  for specialty in dict.fromkeys(w["specialty"] for w in waits)},
    }


def area_page(content: dict, choices: list[tuple[str, str]], areas: list[dict], treated: str) -> str:
    name = html.escape(content["name"])
    icb = html.escape(content["icb_name"] or "no ICB of July 2022")
    icb_link = (f'<a id="icb-page" href="../groups/{html.escape(shell.group_href("icb22", content["icb_code"]))}">'
                f'{icb}</a>' if content["icb_code"] else icb)
    sections = (
        ("Month by month", '<div id="rates"></div><div id="ranks"></div><table id="monthly"></table>'),
        ("Every measure and specialty over the window", '<table id="specialties"></table>'),
        ("Waiting list", '<div id="waits"></div>'),
        (f"Its ICB's members: {icb}", '<table id="peers"></table>'),
        ("Where its residents are treated", f'<div id="treated">{treated}</div>'),
        ("Read with care", '<ul id="caveats"></ul>'),
    )
    return shell.drawn_page(f"{content['name']}: RTT activity per 1,000 residents", f"{name} ({content['code']})",
                            f"ICB: {icb_link}", sections, "area", content, choices, areas, SCRIPTS)


def write_area_pages(con: Connection, folder: Path, loaded: list) -> list[Path]:
    """Write every area's page, its monthly figures aligned to the `loaded` months of the shared
    assets/series.js; returns the pages."""
    choices, areas = data.selections(con), data.areas(con)
    months, waits, distant = data.area_months(con), data.area_waits(con), data.distant_populations(con)
    treating, mixes = trusts.treating(con), trusts.provider_mix(con)
    windows = {code: {data.selection_key(w["measure"], w["specialty"]): w for w in found}
               for code, found in data.area_windows(con).items()}
    members: dict[str | None, list[str]] = {}
    for area in areas:
        members.setdefault(area["ics_code"], []).append(area["ccg_code"])
    written = []
    for area in areas:
        content = area_content(area, months.get(area["ccg_code"], []), windows, waits.get(area["ccg_code"], []),
                               members[area["ics_code"]] if area["ics_code"] else [area["ccg_code"]], loaded,
                               distant.get(area["ccg_code"], {}))
        written.append(shell.write_atomically(folder / f"{area['ccg_code']}.html",
                                              area_page(content, choices, areas, trusts.treated_html(
                                                  area["ccg_code"], treating.get(area["ccg_code"], []),
                                                  mixes.get(area["ccg_code"])))))
    return written
