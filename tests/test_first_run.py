"""A new user's first run, online, with no folder of files: everything that changes is downloaded
from its publisher (served here from 127.0.0.1 at the publishers' real addresses, from the real
saved pages and real files), the static lookups come from the seeds, and `dbt build` and the
report complete. Refusals that look like success stop the run with the address, the answer and
what to do, cache nothing, and leave the warehouse as it was."""

from __future__ import annotations

import hashlib
import html
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import rtt_extracts as fx
from ingest import download as ingest_download
from ingest.manifest import load_manifest
from report.cli import main as report_main
from rtt.months import MTG_WINDOW, MonthSelection, parse_month
from tests.helpers import ROOT, SHARED_DATA, dbt, ingest, query
from tests.publishers import Answer, PublisherStub, publisher_sites, serve_2021_22, serve_years

MONTHS = ("2025-01", "2025-02")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(SHARED_DATA is None, reason="serves the real files of RTT_DATA_DIR")]


def sites(publisher: PublisherStub, **options) -> dict[str, str]:
    zips = {month: SHARED_DATA / "rtt" / f"{month}_rtt_full_extract_zip.zip" for month in MONTHS}
    return publisher_sites(publisher, SHARED_DATA, zips, **options)


def online_ingest(monkeypatch, publisher: PublisherStub, cache: Path, *args) -> int:
    """`python -m ingest` with no folder: the product's own code, its session wired to the publisher."""
    monkeypatch.setattr(ingest_download, "new_session", publisher.session)
    return ingest("--download-dir", cache, "--months", f"{MONTHS[0]}:{MONTHS[-1]}", *args)


def mtg_month_zip(folder: Path, url: str, month: str, revised: bool) -> bytes:
    """A zip as 2021-22 publishes them: the era's identifiers (CCG commissioners with a hub and
    NONC, STP parents, X02), an upper-case period, an irregular inner name; a revised edition
    differs from the first. The revised February 2022 zip is stored uncompressed and also holds
    March's revised CSV (the ~110 MB zips: shared/docs/rtt_eras.md)."""
    first_day = parse_month(month)
    edition = "-revised" if revised else ""

    def member(day) -> tuple[str, str]:
        period = f"RTT-{day:%B}-{day:%Y}".upper()
        rows = fx.extract_rows(period, seed=day.month * 10 + revised, era=fx.CCG_2021_22)
        return f"{day:%Y%m}28-{period}-full-extract{edition}.csv", fx.csv_text(rows)

    members = dict([member(first_day)])
    if month == "2022-02" and revised:
        members.update([member(parse_month("2022-03"))])
    return fx.write_zip(folder / Path(url).name, members, stored=month == "2022-02" and revised).read_bytes()


def assert_every_month_reconciled(warehouse: Path, months: list[str]) -> None:
    """Each month's pathways are all in the marts: attributed to a CCG or counted as non-geographic."""
    by_month = query(warehouse, """
        select strftime(month, '%Y-%m'), sum(raw_pathways), sum(attributed_pathways),
               sum(non_geographic_pathways), sum(unmatched_pathways)
        from marts.rtt_reconciliation where specialty = 'all' group by 1 order by 1""")
    assert [row[0] for row in by_month] == months
    for month, raw, attributed, non_geographic, unmatched in by_month:
        assert raw == attributed + non_geographic and attributed > 0 and non_geographic > 0 and unmatched == 0, month


def readiness(warehouse: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RTT_WAREHOUSE_PATH": str(warehouse)}
    return subprocess.run([sys.executable, "-m", "ingest.readiness"], cwd=ROOT, env=env, capture_output=True, text=True)


def test_first_run_downloads_what_changes_and_builds_every_mart(publisher, warehouse, tmp_path, monkeypatch, capsys):
    sites(publisher, gp_registered=False)  # the optional GP counts cannot be had: the build goes on without them
    cache = tmp_path / "cache"

    assert online_ingest(monkeypatch, publisher, cache) == 0
    said = capsys.readouterr().out
    assert "gp_registered_by_age (optional) was not downloaded" in said

    required = [d for d in load_manifest().references if not d.optional]
    landed = dict(query(warehouse, "select target_table, sum(row_count) from raw.ingest_log "
                                   "where target_table <> 'raw.rtt_full_extract' group by 1"))
    assert {d.table for d in required} <= set(landed) and all(landed[d.table] > 0 for d in required)
    assert query(warehouse, "select count(*) from raw.gp_registered_by_age") == [(0,)]  # created empty
    assert query(warehouse, "select strftime(period_date, '%Y-%m'), count(*) > 100000 from raw.rtt_full_extract "
                            "group by 1 order by 1") == [(m, True) for m in MONTHS]

    ready = readiness(warehouse)
    assert ready.returncode == 0, ready.stderr
    build = dbt(warehouse, tmp_path, "build")
    assert build.returncode == 0, build.stdout[-3000:]

    # Every pathway in raw is in the reconciliation, measure by measure, and none is unmatched.
    unreconciled = query(warehouse, """
        select r.month, r.measure, r.specialty from marts.rtt_reconciliation as r
        where r.raw_pathways <> r.attributed_pathways + r.non_geographic_pathways + r.unmatched_pathways
           or r.unmatched_pathways <> 0""")
    assert unreconciled == []
    raw_total = query(warehouse, "select sum(total_all) from raw.rtt_full_extract "
                                 "where treatment_function_code = 'C_999' and rtt_part_type = 'Part_1A'")[0][0]
    reconciled = query(warehouse, "select sum(raw_pathways) from marts.rtt_reconciliation "
                                  "where measure = 'admitted_completed' and specialty = 'all'")[0][0]
    assert reconciled == raw_total > 0
    assert query(warehouse, "select count(*), count(distinct national_rank) > 90 from marts.ccg_league_table "
                            "where measure = 'admitted_completed' and specialty = 'all'") == [(106, True)]
    assert query(warehouse, "select count(*) > 0 from marts.ics_variation") == [(True,)]
    # Every allocation year downloaded, and every CCG with a need-adjusted rate.
    assert query(warehouse, "select count(*), sum(practices_reaching_a_ccg) > 25000 from marts.need_index_coverage") \
        == [(4, True)]
    assert query(warehouse, "select count(need_adjusted_per_1000) from marts.ccg_need_adjusted_league "
                            "where measure = 'admitted_completed' and specialty = 'all'") == [(106,)]

    assert report_main(["--duckdb", str(warehouse), "--exports", str(tmp_path / "exports"),
                        "--report", str(tmp_path / "report" / "index.html")]) == 0
    assert (tmp_path / "report" / "index.html").stat().st_size > 100_000

    # Asking for the GP-registered denominator without its files says which files, not a SQL error.
    gp = dbt(warehouse, tmp_path, "build", "--select", "int_populations_by_ccg_month",
             "--vars", "{population_source: gp_registered}")
    assert gp.returncode != 0
    assert "population_source: gp_registered needs patients registered at a GP practice" in gp.stdout
    assert "raw.gp_registered_by_age" in gp.stdout


def test_the_gp_counts_come_from_the_newest_edition_page_that_links_them(publisher, warehouse, tmp_path, monkeypatch):
    served = sites(publisher)
    cache = tmp_path / "cache"
    assert online_ingest(monkeypatch, publisher, cache, "--jobs", "1") == 0
    series = load_manifest().reference("gp_registered_by_age").series
    asked = [url for url in publisher.requests if url.startswith(series)]
    assert asked == [series, series + "/september-2026", series + "/august-2026"]  # the newest lacks the file
    assert served["gp_registered_by_age"] in publisher.requests
    assert query(warehouse, "select extract_date, count(*) > 1000 from raw.gp_registered_by_age group by 1") == \
        [(__import__("datetime").date(2026, 8, 1), True)]


REFUSALS = {
    # NHS England's host refuses the client: the month's extract answers 403.
    "403 refused": ("rtt", Answer(403, b"<html><body>Forbidden</body></html>", {"Content-Type": "text/html"}),
                    "answered 403 Forbidden: it refuses this client"),
    # The firewall's 202 with an empty body, where the ODS successor file should be.
    "202 empty": ("ods_successors", Answer(202), "answered 202 Accepted with an empty body, not the file"),
    # GitHub answers 404 for an allocation file that has moved.
    "404 moved": ("allocation_weighted_populations", Answer(404, b"404: Not Found", {"Content-Type": "text/plain"}),
                  "answered 404"),
    # An error page served with 200 where the ONS workbook should be.
    "html page": ("ons_sub_icb_population_mid2022_2024",
                  Answer(200, b"<!DOCTYPE html><html><body>Service unavailable</body></html>",
                         {"Content-Type": "text/html; charset=utf-8"}),
                  "with a web page where a data file was expected"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_a_refusal_stops_with_what_to_do_caches_nothing_and_leaves_the_warehouse(
        case, publisher, warehouse, tmp_path, monkeypatch, capsys):
    fx.write_extract(tmp_path / "earlier" / "jan.csv")
    assert ingest("--source-dir", tmp_path / "earlier") == 0  # a warehouse with something in it
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    served = sites(publisher)
    dataset, answer, expected = REFUSALS[case]
    refused = next(u for u in publisher.files if u.endswith(".zip") and "Full-CSV-data-file-Jan25" in u) \
        if dataset == "rtt" else served[dataset]
    publisher.answers[refused] = answer
    cache = tmp_path / "cache"

    assert online_ingest(monkeypatch, publisher, cache) == 1
    error = capsys.readouterr().err
    assert refused in error and expected in error and "--source-dir" in error
    assert publisher.requests.count(refused) == 1  # a refusal is not retried
    assert not [p for p in cache.rglob("*") if p.is_file() and (p.suffix == ".part" or dataset in str(p)
                                                                or (dataset == "rtt" and "Jan25" in p.name))]
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


def test_the_default_run_lands_the_mtg_months_as_2021_22_publishes_them(publisher, warehouse, tmp_path, monkeypatch,
                                                                        capsys):
    """`make run` with no settings: the MTG's months from the 2021-22 year page (revised editions
    preferred), in that era's shape, landed, built and drawn."""
    sites(publisher)
    serve_2021_22(publisher, SHARED_DATA, lambda url, month, revised: mtg_month_zip(tmp_path / "zips", url, month,
                                                                                      revised))
    monkeypatch.setattr(ingest_download, "new_session", publisher.session)
    assert ingest("--download-dir", tmp_path / "cache") == 0  # no --months, no folder: the MTG window
    said = capsys.readouterr().out
    assert "2022-03" in said and "identical content; counted once" in said  # March, in two zips

    landed = dict(query(warehouse, "select strftime(period_date, '%Y-%m'), source_file from raw.ingest_log "
                                   "where target_table = 'raw.rtt_full_extract'"))
    assert sorted(landed) == [f"{month:%Y-%m}" for month in MTG_WINDOW.months()]
    assert all("-revised-ZIP-" in source for source in landed.values())
    assert landed["2022-02"].endswith("(20220228-RTT-FEBRUARY-2022-full-extract-revised.csv)")

    # The fixture months are not NHS England's: its series is the one check they cannot pass.
    build = dbt(warehouse, tmp_path, "build", "--exclude", "assert_england_waits_match_nhs_england")
    assert build.returncode == 0, build.stdout[-3000:]
    assert_every_month_reconciled(warehouse, sorted(landed))
    capsys.readouterr()
    assert report_main(["--duckdb", str(warehouse), "--exports", str(tmp_path / "exports"),
                        "--report", str(tmp_path / "report" / "index.html")]) == 0
    # The window is the MTG's: each claim of its release is shown beside what this build finds.
    claims = query(warehouse, "select claim, found from marts.mtg_claims where window_is_the_claims")
    assert len(claims) == len(query(warehouse, "select * from seeds.mtg_release_claims"))
    summary, page = capsys.readouterr().out, (tmp_path / "report" / "index.html").read_text()
    for claim, found in claims:
        assert f"{claim}: this build finds {found or 'nothing'}" in summary
        assert html.escape(claim) in page


def test_every_era_from_october_2015_lands_from_the_year_pages_and_reconciles(publisher, warehouse, tmp_path,
                                                                               monkeypatch, capsys):
    """`--months 2015-09:2026-02` online: the index page's links lead to every financial-year page,
    each month's zip is in its era's layout (Unify2 with July 2016's swap, bands to 52 weeks with
    X01, the MTG months' CCG shape, today's), and every month lands and reconciles. September 2015,
    before Part_3 was collected, has no new periods."""
    months = MonthSelection.parse("2015-09:2026-02")
    zips = tmp_path / "zips"

    def era_zip(url: str, month: str, revised: bool) -> bytes:
        text = fx.month_in_its_era(parse_month(month), seed=parse_month(month).month + revised)
        return fx.write(zips / Path(url).name, text).read_bytes()

    recent = {f"{m:%Y-%m}": zips / f"{m:%Y-%m}.zip" for m in months.months() if m >= parse_month("2024-04")}
    for month, path in recent.items():
        fx.write(path, fx.month_in_its_era(parse_month(month)))
    publisher_sites(publisher, SHARED_DATA, recent)
    serve_years(publisher, SHARED_DATA, range(2015, 2024), era_zip)
    monkeypatch.setattr(ingest_download, "new_session", publisher.session)
    assert ingest("--download-dir", tmp_path / "cache", "--months", str(months)) == 0

    layouts = dict(query(warehouse, "select strftime(period_date, '%Y-%m'), layout from raw.ingest_log "
                                    "where target_table = 'raw.rtt_full_extract'"))
    assert sorted(layouts) == [f"{m:%Y-%m}" for m in months.months()]
    assert {layouts["2016-07"], layouts["2017-09"], layouts["2017-10"], layouts["2021-04"]} == {
        "Unify2, July 2016", "Unify2", "bands to 52 weeks", "bands to 104 weeks"}
    build = dbt(warehouse, tmp_path, "build", "--exclude", "assert_england_waits_match_nhs_england")
    assert build.returncode == 0, build.stdout[-3000:]
    assert_every_month_reconciled(warehouse, sorted(layouts))
    measures = dict(query(warehouse, "select strftime(month, '%Y-%m'), measures_published from marts.loaded_months"))
    assert "new_periods" not in measures["2015-09"] and "new_periods" in measures["2015-10"]
