"""The report and exports, from the warehouse `make test` built from the real files: the pages
are drawn in headless Chromium with no network and no console errors, the selectors and links do
what they say, every area page quotes the marts, and the exports match the marts row for row."""

from __future__ import annotations

import base64
import gzip
import html
import json
import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from report.charts import short_name
from report.cli import main as report_main
from report.docs_site import write_docs_site
from report.exports import mart_tables
from report.shell import SIGNIFICANT_FIGURES
from tests.helpers import built_warehouse

CHROMIUM = shutil.which("chromium")
in_browser = pytest.mark.slow  # each opens pages in Chromium


def query(sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = {"report": out / "report" / "index.html", "areas": out / "report" / "areas", "exports": out / "exports"}
    assert report_main(["--duckdb", str(built_warehouse()), "--report", str(paths["report"]),
                        "--exports", str(paths["exports"])]) == 0
    return paths


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless. Without it the browser tests skip, but fail under CI (CI=true)."""
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        missing = "Debian's chromium is not installed (`make browser` installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; under CI a missing browser is a failure")
        pytest.skip(missing)

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A page with no network; every console error, page error or failed request is a failure."""
    problems: list[str] = []
    context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
    opened = context.new_page()
    opened.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    opened.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    opened.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    yield opened
    context.close()
    assert problems == []


def test_exports_match_the_marts_row_for_row(built):
    with duckdb.connect(str(built_warehouse()), read_only=True) as con:
        for table in mart_tables():
            for suffix in ("parquet", "csv"):
                exported = built["exports"] / f"{table}.{suffix}"
                difference = con.execute(
                    f"select count(*) from ((select * from marts.{table} except all select * from '{exported}') "
                    f"union all (select * from '{exported}' except all select * from marts.{table}))"
                ).fetchone()[0] if suffix == "parquet" else None
                if difference is not None:
                    assert difference == 0, exported
                counts = con.execute(f"select (select count(*) from marts.{table}), (select count(*) from '{exported}')"
                                     ).fetchone()
                assert counts[0] == counts[1], exported


def test_main_page_states_window_population_and_vintage_and_loads_nothing(built):
    page_text = built["report"].read_text()
    assert re.search(r"<(script|link|img)[^>]+(src|href)=", page_text) is None  # one file, nothing loaded
    drawn = page_text + json.dumps(page_data(built["report"], "selections"))  # the facts come packed
    for words in ("Window:", "Population:", "vintage", "Reconciliation", "Funnel plot"):
        assert words in drawn
    # The MTG's claims are shown only on its own months (tests/test_first_run.py builds those).
    assert ("id='mtg-claims'" in page_text) == bool(query("select * from marts.mtg_claims where window_is_the_claims"))


def test_report_folder_stays_small(built):
    size = sum(path.stat().st_size for path in built["report"].parent.rglob("*") if path.is_file() and path.suffix != ".png")
    assert size < 30 * 2**20, f"build/report holds {size / 2**20:.1f} MB"


def unpacked(text: str):
    """What the pages' JavaScript unpacks (monthly.js): base64 of gzip of JSON."""
    return json.loads(gzip.decompress(base64.b64decode(text)))


def page_data(path: Path, block: str = "area") -> dict:
    """The figures a page carries packed: an area's ("area"), an ICB's or region's ("group"), the main page's ("selections")."""
    found = re.search(rf'<script type="application/gzip\+json;base64" id="{block}">(.*?)</script>', path.read_text())
    return unpacked(found.group(1))


def shared_series(path: Path) -> dict:
    """SERIES, as assets/series.js carries it (packed) for the pages."""
    return unpacked(re.search(r'const PACKED_SERIES = "(.*?)";', path.read_text()).group(1))


def close(ours, theirs) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    if isinstance(theirs, (bool, str)):
        return ours == theirs
    # the pages round to shell.SIGNIFICANT_FIGURES; a mart's value is quoted when it agrees to those
    return abs(ours - float(theirs)) <= 10 ** -(SIGNIFICANT_FIGURES - 1) * abs(float(theirs))


def test_every_area_page_exists_links_home_and_quotes_the_marts(built):
    areas = query("select distinct ccg_code from marts.ccg_league_table")
    pages = sorted(built["areas"].glob("*.html"))
    assert sorted(p.stem for p in pages) == sorted(code for (code,) in areas)
    quoted_columns = ("l.per_1000", "l.national_rank", "l.rank_lower_95", "l.rank_upper_95", "l.pathways",
                      "l.england_per_1000", "n.need_index", "n.need_adjusted_per_1000", "n.need_adjusted_national_rank",
                      "n.need_adjusted_rank_lower_95", "n.need_adjusted_rank_upper_95")
    windows = {(code, m, s): dict(zip((c[2:] for c in quoted_columns), values)) for code, m, s, *values in query(
        f"select ccg_code, measure, specialty, {', '.join(quoted_columns)} from marts.ccg_league_table as l "
        "join marts.ccg_need_adjusted_league as n using (ccg_code, measure, specialty)")}
    monthly = {(code, m, s, str(month)): dict(per_1000=p, national_rank=r) for code, m, s, month, p, r in query(
        "select ccg_code, measure, specialty, month, per_1000, national_rank from marts.ccg_monthly_activity")}
    england = {(m, s, str(month)): rate for m, s, month, rate in query(
        "select measure, specialty, month, 1000.0 * sum(pathways) / sum(population) from marts.ccg_monthly_activity "
        "group by all")}
    waits = {(code, s, str(month)): dict(median_weeks=w, pct_within_18_weeks=p, over_52_weeks_per_1000=o)
             for code, s, month, w, p, o in query(
                 "select ccg_code, specialty, month, median_weeks, pct_within_18_weeks, over_52_weeks_per_1000 "
                 "from marts.ccg_waiting_times where measure = 'incomplete'")}
    # The months to read with care: those the mart flags, or whose code was published under another name.
    caveats = {(code, m, s, str(month)): values for code, m, s, month, *values in query(
        "select ccg_code, measure, specialty, month, absent_provider_share, absent_provider_codes, "
        "incomplete_data_flag, code_published_as from marts.ccg_monthly_activity "
        "where incomplete_data_flag or code_published_as is not null")}
    series = shared_series(built["areas"].parent / "assets" / "series.js")
    loaded = [str(month) for (month,) in query("select month from marts.loaded_months order by month")]
    assert series["months"] == loaded
    quoted = {"windows": 0, "months": 0, "waits": 0, "caveats": 0}
    for path in pages:
        assert 'href="../index.html"' in path.read_text()
        area = page_data(path)
        assert area["code"] == path.stem
        for key, chosen in area["selections"].items():
            measure, specialty = key.split("/")
            expected = windows[(area["code"], measure, specialty)]
            assert all(close(chosen["window"][name], value) for name, value in expected.items()), (path, key)
            quoted["windows"] += 1
            months = chosen["months"]
            for index, month in enumerate(loaded):
                row = monthly.get((area["code"], measure, specialty, month))
                if row is None:  # a month the area has no figures for is null in every column
                    assert months["per_1000"][index] is None and months["national_rank"][index] is None
                    continue
                assert close(months["per_1000"][index], row["per_1000"]), (path, key, month)
                assert months["national_rank"][index] == row["national_rank"], (path, key, month)
                assert close(series["england"][key]["england_per_1000"][index], england[(measure, specialty, month)])
                quoted["months"] += 1
            for month, values in chosen["caveats"].items():
                expected = caveats[(area["code"], measure, specialty, month)]
                assert all(close(ours, theirs) for ours, theirs in zip(values, expected, strict=True)), (path, key, month)
                quoted["caveats"] += 1
        for specialty, columns in area["waits"].items():
            for index, month in enumerate(loaded):
                expected = waits.get((area["code"], specialty, month))
                if expected is not None:
                    assert all(close(columns[name][index], value) for name, value in expected.items()), (path, month)
                    quoted["waits"] += 1
    assert quoted["windows"] == len(windows) and quoted["months"] == len(monthly) and quoted["waits"] == len(waits)
    assert quoted["caveats"] == len(caveats)


def test_the_shared_series_quote_the_marts(built):
    """assets/series.js: each ICB's and England's rate and ranked count each month, and England's
    waiting list, equal the marts (a month without a figure is null)."""
    series = shared_series(built["areas"].parent / "assets" / "series.js")
    index = {month: i for i, month in enumerate(series["months"])}
    icb = query("select distinct icb22_code, measure, specialty, month, icb_per_1000 from marts.ccg_monthly_activity "
                "where icb22_code is not null")
    for code, measure, specialty, month, rate in icb:
        assert close(series["groups"]["icb22"][code][f"{measure}/{specialty}"][index[str(month)]], rate), (code, month)
    england = query("select distinct measure, specialty, month, england_per_1000, rank_of from marts.ccg_monthly_activity")
    for measure, specialty, month, rate, ranked in england:
        shared = series["england"][f"{measure}/{specialty}"]
        assert close(shared["england_per_1000"][index[str(month)]], rate) and shared["rank_of"][index[str(month)]] == ranked
    waits = query("select specialty, month, median_weeks, pct_within_18_weeks, over_52_weeks_per_1000 "
                  "from marts.england_waiting_times where measure = 'incomplete'")
    for specialty, month, *values in waits:
        shared = series["england_waits"][specialty]
        assert all(close(shared[name][index[str(month)]], value) for name, value in
                   zip(("median_weeks", "pct_within_18_weeks", "over_52_weeks_per_1000"), values)), (specialty, month)
    assert icb and england and sum(len(v) for v in series["groups"]["icb22"].values()) == len(
        {(c, m, s) for c, m, s, *_ in icb})


@in_browser
def test_main_page_draws_in_a_browser(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    assert page.locator(".js-plotly-plot").count() == 8
    (ccgs,) = query("select count(*) from intermediate.int_ccg21s_with_ics_and_region")[0]
    assert page.locator("#league g.point").count() == ccgs  # one bar per CCG
    assert page.locator("#funnel .scatterlayer .point").count() >= ccgs
    (icbs,) = query("select count(distinct ics_code) from intermediate.int_ics_memberships where grouping = 'icb22'")[0]
    assert page.locator("#waiting-times .scatterlayer .trace").count() == icbs + 1  # + England
    assert page.locator("#ranks .scatterlayer .point").count() == ccgs  # one rank interval per CCG
    page.screenshot(path=str(built["report"].parent / "screenshot.png"), full_page=True)


@in_browser
def test_main_page_draws_the_trusts_and_the_independent_sector(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#trust-ranks .main-svg")
    ((trusts, best),) = query(
        "select count(*), arg_min(trust_name, national_rank) from marts.trust_league_table "
        "where measure = 'admitted_completed' and specialty = 'all' and basis = 'crude'")
    assert page.locator("#trust-ranks .scatterlayer .point").count() == trusts  # one rank interval per trust
    assert best.title() in page.locator("#trust-ranks .yaxislayer-above").text_content()
    ((ccgs, correlation),) = query(
        "select count(m.independent_sector_share), any_value(s.independent_sector_share_correlation) "
        "from marts.ccg_provider_mix as m join marts.ccg_league_summary as s using (measure, specialty) "
        "where measure = 'admitted_completed' and specialty = 'all' and basis = 'crude'")
    assert page.locator("#independent-sector .scatterlayer .point").count() == ccgs  # every CCG with providers
    stated = "no correlation to state" if correlation is None else f"correlation {correlation:.2f}"
    assert stated in page.locator("#independent-sector .gtitle").text_content()
    page.locator("#trust-ranks").screenshot(path=str(built["report"].parent / "screenshot-trusts.png"))


@in_browser
def test_a_trust_page_draws_its_months_and_links_to_the_areas_it_serves(built, page):
    ((code, months),) = query(
        "select trust_code, count(distinct month) from marts.trust_monthly_activity where trust_code = "
        "(select arg_min(trust_code, national_rank) from marts.trust_league_table "
        " where measure = 'admitted_completed' and specialty = 'all' and basis = 'crude') group by trust_code")
    page.goto((built["report"].parent / "trusts" / f"{code}.html").as_uri())
    page.wait_for_selector("#monthly .main-svg")
    assert page.locator("#monthly .scatterlayer .point").count() == 2 * months  # admitted, and the waiting list
    page.click("#sources a >> nth=0")
    page.wait_for_selector("#rates .main-svg")  # the area page of its catchment's largest part draws
    assert "Where its residents are treated" in page.content()


def top_bar_label(page) -> str:
    """The label of the bar drawn highest on the league chart."""
    return page.evaluate("""() => [...document.querySelectorAll('#league .ytick text')]
        .sort((a, b) => a.getBoundingClientRect().y - b.getBoundingClientRect().y)[0].textContent""")


def first_in_league(measure: str, specialty: str) -> tuple[str, str, float]:
    (found,) = query("select ccg_code, ccg_name, england_per_1000 from marts.ccg_league_table "
                     "where measure = ? and specialty = ? and national_rank = 1 order by ccg_code desc limit 1",
                     [measure, specialty])
    return found


@in_browser
def test_choosing_a_measure_and_specialty_redraws_the_league(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    code, name, _ = first_in_league("admitted_completed", "all")
    assert top_bar_label(page) == f"{short_name(name)} (1)"
    page.select_option("#measure", "non_admitted_completed")
    page.select_option("#specialty", "cardiology")
    code, name, england = first_in_league("non_admitted_completed", "cardiology")
    page.wait_for_function("name => document.querySelector('#league .gtitle').textContent.includes('cardiology')",
                           arg=name)
    assert top_bar_label(page) == f"{short_name(name)} (1)"
    assert "cardiology" in page.inner_text("#facts") and f"England: {england:.1f}" in page.inner_text("#facts")
    page.screenshot(path=str(built["report"].parent / "screenshot-non-admitted-cardiology.png"))


@in_browser
def test_clicking_a_bar_opens_that_areas_page(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    code, _, _ = first_in_league("admitted_completed", "all")
    box = max((bar.bounding_box() for bar in page.locator("#league g.point path").all()), key=lambda b: -b["y"])
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**/areas/{code}.html#admitted_completed/all/crude")
    page.wait_for_selector("#rates .main-svg")


@in_browser
def test_an_area_page_opens_with_the_selection_made_on_the_main_page(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    page.select_option("#measure", "non_admitted_completed")
    page.select_option("#specialty", "cardiology")
    code, _, _ = first_in_league("non_admitted_completed", "cardiology")
    page.fill("#area-search", code)
    page.press("#area-search", "Enter")
    page.wait_for_url(f"**/areas/{code}.html#non_admitted_completed/cardiology/crude")
    page.wait_for_selector("#rates .main-svg")
    assert page.input_value("#measure") == "non_admitted_completed"
    assert page.input_value("#specialty") == "cardiology"
    (rank_of,) = query("select max(rank_of) from marts.ccg_league_table")[0]
    assert f"National rank 1 of {rank_of}" in page.inner_text("#facts")
    assert "cardiology" in page.text_content("#rates .gtitle")


@in_browser
def test_search_box_finds_an_area_by_name(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    (code, name), = query("select distinct ccg_code, ccg_name from marts.ccg_league_table where ccg_name ilike '%leeds%'")
    page.fill("#area-search", "Leeds")
    assert page.inner_text("#area-results") == f"{name} ({code})"
    page.press("#area-search", "Enter")
    page.wait_for_url(f"**/areas/{code}.html#admitted_completed/all/crude")


@in_browser
def test_wakefield_page_shows_its_rank_for_every_loaded_month(built, page):
    ranks = query("select strftime(month, '%b %Y'), national_rank from marts.ccg_monthly_activity "
                  "where ccg_code = '03R' and measure = 'admitted_completed' and specialty = 'all' order by month")
    (rank_of,) = query("select max(rank_of) from marts.ccg_league_table")[0]
    page.goto((built["areas"] / "03R.html").as_uri())
    page.wait_for_selector("#rates .main-svg")
    assert "NHS Wakefield CCG" in page.inner_text("h1")
    rows = [row.split("\t") for row in page.inner_text("#monthly").splitlines()[1:]]
    assert [(row[0], row[5]) for row in rows] == [(month, f"{rank} of {rank_of}") for month, rank in ranks]
    assert page.locator("#rates .scatterlayer .trace").first.locator(".point").count() == len(ranks)
    assert page.locator("#ranks .scatterlayer .point").count() == len(ranks)
    # The breaks in NHS England's series that fall inside the loaded months are marked.
    first, last = query("select min(month), max(month) from marts.ccg_monthly_activity where ccg_code = '03R'")[0]
    marked = [f"{label}: {name.replace('_', ' ')}" for label, name in query(
        "select break_month_label, break_name from marts.series_breaks where break_month > ? and break_month <= ?",
        [first, last])]
    assert marked and all(text in page.inner_text("#rates") for text in marked), marked
    # A month whose population is more than two years off is named under "read with care".
    distant = query("select strftime(month, '%b %Y') from marts.ccg_monthly_activity where ccg_code = '03R' "
                    "and population_vintage_distant and measure = 'admitted_completed' and specialty = 'all'")
    caveats = page.inner_text("#caveats")
    assert ("more than two years from the month" in caveats) == bool(distant)
    assert all(month in caveats for (month,) in distant)
    page.screenshot(path=str(built["report"].parent / "screenshot-wakefield.png"), full_page=True)
    page.click("#main-page")
    page.wait_for_url("**/report/index.html#admitted_completed/all/crude")


def first_need_adjusted(measure: str, specialty: str) -> tuple:
    (found,) = query("select ccg_code, ccg_name, need_adjusted_rank_lower_95, need_adjusted_rank_upper_95 "
                     "from marts.ccg_need_adjusted_league where measure = ? and specialty = ? "
                     "and need_adjusted_national_rank = 1 order by ccg_code desc limit 1", [measure, specialty])
    return found


@in_browser
def test_the_need_adjusted_switch_redraws_the_league_ranks_and_icb_gaps(built, page):
    page.goto(built["report"].as_uri())
    page.wait_for_selector("#league .main-svg")
    page.select_option("#basis", "need_adjusted")
    page.wait_for_function("() => document.querySelector('#league .gtitle').textContent.includes('need-weighted')")
    code, name, lower, upper = first_need_adjusted("admitted_completed", "all")
    assert top_bar_label(page) == f"{short_name(name)} (1)"
    assert page.url.endswith("#admitted_completed/all/need_adjusted")
    # The caterpillar's first point is the need-adjusted first, its interval the mart's.
    first_rank = page.evaluate("() => document.getElementById('ranks').data[0].customdata[0]")
    assert first_rank == [code, lower, upper]
    # The ICB chart shows levelling up, with each ICB's gap as the mart sums it.
    (gap, best), = query("select pathways_a_year_at_ics_best, best_need_adjusted_ccg_name from marts.ics_variation "
                         "where grouping = 'icb22' and measure = 'admitted_completed' and specialty = 'all' "
                         "order by pathways_a_year_at_ics_best desc limit 1")
    assert f"+{gap:,.0f} a year at {short_name(best)}'s rate" in page.inner_text("#ics")
    (england_gap, lower, upper), = query(
        "select pathways_a_year_at_england_upper_quartile, pathways_a_year_at_england_upper_quartile_lower_95, "
        "pathways_a_year_at_england_upper_quartile_upper_95 from marts.ccg_league_summary "
        "where measure = 'admitted_completed' and specialty = 'all'")
    assert f"{england_gap:,.0f} more a year (95% interval {lower:,.0f} – {upper:,.0f})" in page.inner_text("#facts")
    page.screenshot(path=str(built["report"].parent / "screenshot-need-adjusted.png"), full_page=True)
    # The basis travels to an area page and back.
    page.fill("#area-search", code)
    page.press("#area-search", "Enter")
    page.wait_for_url(f"**/areas/{code}.html#admitted_completed/all/need_adjusted")
    page.wait_for_selector("#rates .main-svg")
    assert "need-adjusted rank 1 of" in page.inner_text("#need")
    page.click("#main-page")
    page.wait_for_url("**/report/index.html#admitted_completed/all/need_adjusted")
    page.wait_for_selector("#league .main-svg")
    assert page.input_value("#basis") == "need_adjusted"


@in_browser
def test_an_area_page_shows_its_need_index_adjusted_rank_and_icb_gap(built, page):
    (need_index, rank, lower, upper, rank_of), = query(
        "select need_index, need_adjusted_national_rank, need_adjusted_rank_lower_95, need_adjusted_rank_upper_95, "
        "rank_of from marts.ccg_need_adjusted_league where ccg_code = '15F' and measure = 'admitted_completed' "
        "and specialty = 'all'")
    (own_gap, icb_gap, own_target_gap, gap_lower, gap_upper), = query(
        "select u.pathways_a_year_at_ics_best, v.pathways_a_year_at_ics_best, u.pathways_a_year_at_england_upper_quartile, "
        "u.pathways_a_year_at_england_upper_quartile_lower_95, u.pathways_a_year_at_england_upper_quartile_upper_95 "
        "from marts.ics_levelling_up as u "
        "join marts.ics_variation as v using (grouping, ics_code, measure, specialty) where u.grouping = 'icb22' "
        "and u.ccg_code = '15F' and measure = 'admitted_completed' and specialty = 'all'")
    page.goto((built["areas"] / "15F.html").as_uri())
    page.wait_for_selector("#rates .main-svg")
    need = page.inner_text("#need")
    assert f"need index {need_index:.2f}" in need
    assert f"need-adjusted rank {rank} of {rank_of} (95% interval {lower} – {upper})" in need
    gap = page.inner_text("#levelling-up")
    # the page quotes the marts to SIGNIFICANT_FIGURES, then rounds to whole pathways
    own_gap, icb_gap, own_target_gap, gap_lower, gap_upper = (float(f"{v:.{SIGNIFICANT_FIGURES}g}") for v in (
        own_gap, icb_gap, own_target_gap, gap_lower, gap_upper))
    assert f"{own_gap:,.0f} more a year, its ICB {icb_gap:,.0f}" in gap
    assert (f"{own_target_gap:,.0f} more a year (95% interval {gap_lower:,.0f} – {gap_upper:,.0f})" in gap
            if own_target_gap > 0 else "it is at or above England's target" in gap)



def test_every_icb_and_region_page_exists_and_quotes_the_marts(built):
    """A page for each ICB and region of 2022, and each 2021 STP or region whose members differ;
    its spread, members, waiting list and monthly rate (assets/series.js) equal the marts."""
    groups = built["report"].parent / "groups"
    members = {}
    for grouping, column in (("icb22", "icb22_code"), ("region22", "region22_code"), ("stp21", "stp21_code"),
                             ("region21", "region21_code")):
        for code, ccgs in query(f"select {column}, list(ccg_code order by ccg_code) from marts.ccg_areas group by 1"):
            members[(grouping, code)] = ccgs
    expected = {key for key in members if key[0] in ("icb22", "region22")
                or members[key] != members.get(("icb22" if key[0] == "stp21" else "region22", key[1]))}
    assert len([key for key in expected if key[0] == "icb22"]) == len({c for g, c in members if g == "icb22"})
    assert sorted(path.stem for path in groups.glob("*.html")) == sorted(f"{g}-{c}" for g, c in expected)

    spread = {(g, c, m, s): dict(member_count=n, pooled_per_1000=p, spread_beyond_chance=i, best_ccg_name=b,
                                 pathways_a_year_at_ics_best=gap)
              for g, c, m, s, n, p, i, b, gap in query(
                  "select grouping, ics_code, measure, specialty, member_count, pooled_per_1000, spread_beyond_chance, "
                  "best_ccg_name, pathways_a_year_at_ics_best from marts.ics_variation")}
    league = {(code, m, s): (rank, rate, low, high) for code, m, s, rank, rate, low, high in query(
        "select ccg_code, measure, specialty, national_rank, per_1000, per_1000_lower_95, per_1000_upper_95 "
        "from marts.ccg_league_table")}
    waits = {(g, c, s, str(month)): w for g, c, s, month, w in query(
        "select grouping, ics_code, specialty, month, median_weeks from marts.ics_waiting_times where measure = 'incomplete'")}
    rates = {(g, c, m, s, str(month)): r for g, c, m, s, month, r in query(
        "select grouping, ics_code, measure, specialty, month, per_1000 from marts.ics_monthly_rates")}
    series = shared_series(built["areas"].parent / "assets" / "series.js")
    checked = 0
    for grouping, code in expected:
        group = page_data(groups / f"{grouping}-{code}.html", "group")
        assert (group["grouping"], group["code"]) == (grouping, code)
        for key, chosen in group["selections"].items():
            measure, specialty = key.split("/")
            assert all(close(chosen["window"][name], value)
                       for name, value in spread[(grouping, code, measure, specialty)].items()), (grouping, code, key)
            ranked = [(m["national_rank"], m["per_1000"], m["per_1000_lower_95"], m["per_1000_upper_95"])
                      for m in chosen["members"]]
            assert [m["code"] for m in chosen["members"]] == sorted(
                (c for c in members[(grouping, code)] if (c, measure, specialty) in league),
                key=lambda c: (league[(c, measure, specialty)][0], [m["code"] for m in chosen["members"]].index(c)))
            assert all(close(ours, theirs) for row, member in zip(ranked, chosen["members"])
                       for ours, theirs in zip(row, league[(member["code"], measure, specialty)]))
            for index, month in enumerate(series["months"]):
                assert close(series["groups"][grouping][code][key][index], rates.get((grouping, code, measure, specialty,
                                                                                       month)))
            checked += 1
        for specialty, columns in group["waits"].items():
            for index, month in enumerate(series["months"]):
                assert close(columns["median_weeks"][index], waits.get((grouping, code, specialty, month)))
    assert checked == sum(1 for key in spread if key[:2] in expected)


@in_browser
def test_icb_and_region_pages_draw_and_link_to_each_other_and_their_areas(built, page):
    """From the main page to an ICB, to one of its CCGs and back to the ICB from the CCG's page, then
    to its region, which lists the ICB."""
    (code, name), = query("select icb22_code, icb22_name from marts.ccg_areas where ccg_code = '03R'")
    page.goto(built["report"].as_uri())
    page.click(f'a[href="groups/icb22-{code}.html"]')
    page.wait_for_selector("#rates .main-svg")
    page.wait_for_selector("#waits .main-svg")
    assert name in page.inner_text("h1") and "beyond chance" in page.inner_text("#facts")
    (members,) = query(f"select count(*) from marts.ccg_league_table where measure = 'admitted_completed' "
                       f"and specialty = 'all' and ccg_code in (select ccg_code from marts.ccg_areas "
                       f"where icb22_code = '{code}')")[0]
    assert page.locator("#members tr").count() == members + 1  # and the header
    page.click('#members a[href*="03R.html"]')
    page.wait_for_url("**/areas/03R.html#admitted_completed/all/crude")
    page.click("#icb-page")
    page.wait_for_url(f"**/groups/icb22-{code}.html")
    (region,) = query("select region22_code from marts.ccg_areas where ccg_code = '03R'")[0]
    page.click(f'#links a[href="region22-{region}.html"]')
    page.wait_for_selector("#rates .main-svg")
    assert page.locator(f'#links a[href="icb22-{code}.html"]').count() == 1
    page.screenshot(path=str(built["report"].parent / "screenshot-region.png"), full_page=True)


@in_browser
def test_dbt_docs_open_offline_from_every_pages_footer(built, browser, tmp_path):
    """`python -m report --dbt-docs` writes dbt's static documentation beside the report; every
    page's footer leads to it, and it opens with no network, naming the marts and their columns.
    (dbt's own page logs Angular's file:// template warnings, so only the network is watched.)"""
    warehouse = tmp_path / "warehouse.duckdb"  # dbt opens the file writable: a copy
    shutil.copy(built_warehouse(), warehouse)
    docs = write_docs_site(built["report"].parent, warehouse)
    assert docs == built["report"].parent / "docs.html"
    for path, root in ((built["report"], ""), (next(built["areas"].glob("*.html")), "../"),
                       (next((built["report"].parent / "groups").glob("*.html")), "../")):
        assert f'<a class="dbt-docs" href="{root}docs.html">' in path.read_text(), path
    context = browser.new_context(offline=True)
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if not request.url.startswith("file:") else None)
    page.goto(next(built["areas"].glob("*.html")).as_uri())
    page.click("a.dbt-docs")
    page.wait_for_url("**/report/docs.html*")
    page.goto(docs.as_uri() + "#!/model/model.rtt_warehouse.ccg_league_table")
    page.wait_for_selector("text=national_rank", timeout=60_000)
    assert "ccg_league_table" in page.inner_text("body")
    context.close()
    assert [url for url in fetched if not url.startswith("data:")] == []


def test_every_trust_page_exists_and_quotes_the_marts(built):
    folder = built["report"].parent / "trusts"
    trusts = dict(query("select trust_code, compared from marts.trust_catchments where specialty = 'all'"))
    assert {path.stem for path in folder.glob("*.html")} == set(trusts) | {"index"}
    index = (folder / "index.html").read_text()
    assert all(f'href="{code}.html"' in index for code in trusts)  # compared in the league, or listed as not
    for code, name, per_1000, lower, upper, rank, rank_of, rank_lower, rank_upper in query(
            "select trust_code, trust_name, per_1000, per_1000_lower_95, per_1000_upper_95, national_rank, rank_of, "
            "rank_lower_95, rank_upper_95 from marts.trust_league_table "
            "where measure = 'admitted_completed' and specialty = 'all' and basis = 'crude' "
            "order by national_rank, trust_code limit 3"):
        page = (folder / f"{code}.html").read_text()
        assert f"<td>{per_1000:.1f}</td><td>{lower:.1f} – {upper:.1f}</td><td>{rank} of {rank_of}</td>" \
               f"<td>{rank_lower} – {rank_upper}</td>" in page, code
        assert f'<a href="{code}.html">{html.escape(name)}</a>' in index and trusts[code]
    (first_source,) = query("select ccg_code from marts.ccg_provider_flows where organisation_code = ? "
                            "and measure = 'new_periods' and specialty = 'all' order by pathways desc, ccg_code limit 1",
                            [code])
    assert f'<a href="../areas/{first_source[0]}.html">' in page  # its catchment's largest part links to the area


def test_an_area_page_names_who_treats_its_residents(built):
    ccg_code, main_code, main_name, main_share, per_1000, independent = query(
        "select ccg_code, main_provider_code, main_provider_name, main_provider_share, per_1000, "
        "independent_sector_per_1000 from marts.ccg_provider_mix "
        "where measure = 'admitted_completed' and specialty = 'all' and basis = 'crude' and main_provider_kind = 'nhs_trust' "
        "order by ccg_code limit 1")[0]
    page = (built["areas"] / f"{ccg_code}.html").read_text()
    section = page[page.index("<h2>Where its residents are treated</h2>"):]
    assert f"{per_1000:.1f} per 1,000 residents" in section and f"the independent sector {independent:.1f}" in section
    assert f'<a href="../trusts/{main_code}.html">' in section and f"{main_share:.1%}" in section
    assert (built["report"].parent / "trusts" / f"{main_code}.html").exists() == \
        bool(query("select 1 from marts.trust_catchments where trust_code = ? and specialty = 'all'", [main_code]))
