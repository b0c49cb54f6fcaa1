"""One page per ICB and NHS England region: build/report/groups/<grouping>-<code>.html, for the 42
ICBs and 7 regions of 2022, and the STPs and regions of April 2021 whose members differ (only
Bassetlaw moved). Each holds its figures as JSON (id "group"), every number quoted from the marts:
its spread over the window (marts.ics_variation: between-member SD, best and worst members, the levelling-up
gap), its members ranked with their intervals (marts.ccg_league_table), and its waiting list
(marts.ics_waiting_times) aligned to the loaded months; its rate each month is in the shared
assets/series.js (marts.ics_monthly_rates). The shared assets/group.js draws them."""

from __future__ import annotations

import html
from pathlib import Path

from report import data, series, shell
from report.area_pages import PEER_COLUMNS
from rtt.warehouse import Connection

SCRIPTS = ("plotly.min.js", "series.js", "report.js", "monthly.js", "group.js")
MEMBER_COLUMNS = PEER_COLUMNS + ("rank_lower_95", "rank_upper_95", "england_per_1000", "monthly_england_per_1000",
                                 "window_start", "window_end")


def group_content(group: dict, windows: dict[str, dict], member_windows: dict[str, dict[str, dict]],
                  waits: list[dict], loaded: list) -> dict:
    """Everything one ICB's or region's page quotes, for every selection."""
    return {
        "grouping": group["grouping"], "code": group["code"], "name": group["name"], "kind": group["kind"],
        "selections": {key: {
            "window": window,
            "members": sorted(({"code": code, **{c: member_windows[code][key][c] for c in MEMBER_COLUMNS}}
                               for code in group["members"] if key in member_windows.get(code, {})),
                              key=lambda member: member["national_rank"]),
        } for key, window in windows.items()},
        "waits": {specialty: series.aligned([w for w in waits if w["specialty"] == specialty], loaded,
                                            series.WAIT_COLUMNS)
                  for specialty in dict.fromkeys(w["specialty"] for w in waits)},
    }


def links_html(group: dict, groups: list[dict], areas: dict[str, dict]) -> str:
    """Where a reader goes from here: the region it is in, the ICBs in it, its member CCGs' pages."""
    members, is_region = set(group["members"]), group["grouping"].startswith("region")
    inside = [g for g in groups if is_region and not g["grouping"].startswith("region") and set(g["members"]) <= members]
    around = [g for g in groups if not is_region and g["grouping"].startswith("region") and members <= set(g["members"])]
    link = lambda g: (f'<a href="{shell.group_href(g["grouping"], g["code"])}">{html.escape(g["name"])}</a> '  # noqa: E731
                      f'({html.escape(g["kind"])})')
    parts = []
    if around:
        parts.append("In: " + ", ".join(link(g) for g in around))
    if inside:
        parts.append("Its ICBs: " + ", ".join(link(g) for g in inside))
    parts.append("Its CCGs: " + ", ".join(f'<a href="../areas/{code}.html">{html.escape(areas[code]["ccg_name"])}</a>'
                                         for code in group["members"] if code in areas))
    return "".join(f"<p>{part}.</p>" for part in parts)


def group_page(content: dict, links: str, choices: list[tuple[str, str]], areas: list[dict]) -> str:
    name = html.escape(content["name"])
    sections = (
        ("Month by month", '<div id="rates"></div>'),
        ("Its members, ranked", '<table id="members"></table>'),
        ("Waiting list", '<div id="waits"></div>'),
        ("Related pages", f'<div id="links">{links}</div>'),
    )
    return shell.drawn_page(f"{content['name']}: RTT activity per 1,000 residents", f"{name} ({content['kind']})",
                            html.escape(content["kind"]), sections, "group", content, choices, areas, SCRIPTS)


def write_group_pages(con: Connection, folder: Path, groups: list[dict], loaded: list) -> list[Path]:
    """Write the page of each of `groups` (data.group_pages), its monthly figures aligned to the
    `loaded` months of the shared assets/series.js; returns the pages."""
    choices, areas = data.selections(con), data.areas(con)
    by_code = {area["ccg_code"]: area for area in areas}
    windows, waits = data.group_windows(con), data.group_waits(con)
    member_windows = {code: {data.selection_key(w["measure"], w["specialty"]): w for w in found}
                      for code, found in data.area_windows(con).items()}
    written = []
    for group in groups:
        key = (group["grouping"], group["code"])
        content = group_content(group, windows.get(key, {}), member_windows, waits.get(key, []), loaded)
        written.append(shell.write_atomically(folder / shell.group_href(*key), group_page(
            content, links_html(group, groups, by_code), choices, areas)))
    return written
