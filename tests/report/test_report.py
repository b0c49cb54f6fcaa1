"""The report and exports, from the warehouse `make test` built from the real files: the page is
drawn in headless Chromium with no network and no console errors, and the exports match the
marts row for row."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from report.cli import main as report_main
from report.exports import mart_tables

WAREHOUSE = Path(os.environ.get("RTT_TEST_WAREHOUSE", "-"))
BUILD = Path(__file__).resolve().parents[2] / "build" / "report"
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    not WAREHOUSE.exists(), reason="needs the warehouse `make test` builds from RTT_DATA_DIR (RTT_TEST_WAREHOUSE)")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    paths = {"report": BUILD / "index.html", "exports": out / "exports"}
    assert report_main(["--duckdb", str(WAREHOUSE), "--report", str(paths["report"]),
                        "--exports", str(paths["exports"])]) == 0
    return paths


def test_exports_match_the_marts_row_for_row(built):
    with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
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


def test_report_states_window_population_and_vintage(built):
    page = built["report"].read_text()
    assert re.search(r"<(script|link|img)[^>]+(src|href)=", page) is None  # nothing loaded from elsewhere
    for words in ("Window:", "Population:", "vintage", "Reconciliation", "Funnel plot"):
        assert words in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_draws_in_a_browser_without_errors(built):
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_context(offline=True, viewport={"width": 1300, "height": 900}).new_page()
        page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
        page.goto(built["report"].as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        charts = page.locator(".js-plotly-plot")
        assert charts.count() == 5
        bars = page.locator(".js-plotly-plot >> nth=0").locator("g.point").count()
        with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
            ccgs = con.execute("select count(*) from intermediate.int_ccg21s_with_ics_and_region").fetchone()[0]
        assert bars == ccgs  # one bar per CCG
        assert page.locator(".js-plotly-plot >> nth=1").locator(".scatterlayer .point").count() >= ccgs
        with duckdb.connect(str(WAREHOUSE), read_only=True) as con:
            icbs = con.execute("select count(distinct ics_code) from intermediate.int_ics_memberships "
                               "where grouping = 'icb22'").fetchone()[0]
        assert page.locator(".js-plotly-plot >> nth=4").locator(".scatterlayer .trace").count() == icbs + 1  # + England
        page.screenshot(path=str(BUILD / "screenshot.png"), full_page=True)
        browser.close()
    assert problems == []
