"""`python -m tests.fixture_warehouse PATH`: a small warehouse built only from files the project
writes itself, so contributors without the real data still get every dbt model, data test and
unit test run on something (`make test` builds it, with or without RTT_DATA_DIR).

It holds, in the published formats: four months of RTT data (one in the layout with bands to 52
weeks, before April 2021; two with bands to 104 weeks, the second with a provider missing; one
from a 2014-15 style "Admitted - Commissioner" workbook), an ODS successor file, an ONS sub-ICB
population workbook and GP-registered patient counts for the 106 locations, NHS England's
need-weighted populations for two allocation years (one in each published layout), and an RTT overview
time series whose months are not among those loaded (so the comparison with NHS England has
nothing to compare, rather than a made-up expectation). The reference lookups come from the seeds.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

import xlwt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ingest import allocation_fixtures, rtt_fixtures, workbook_fixtures  # noqa: E402

TIMESERIES_GROUPS = {  # the published headings of the series' columns, group over measure
    "Incomplete RTT pathways": [
        "Median wait (weeks)", "92nd percentile (weeks)", "No. within 18 weeks", "No. > 52 weeks",
        "No. > 65 weeks", "No. > 78 weeks", "No. > 104 weeks", "Total waiting (mil)"],
    "Completed admitted (unadjusted) RTT pathways": [
        "Median wait (weeks)", "95th percentile (weeks)", "No. within 18 weeks", "No. > 52 weeks",
        "No. of pathways (all)"],
    "Completed non-admitted RTT pathways": [
        "Median wait (weeks)", "95th percentile (weeks)", "No. within 18 weeks", "No. > 52 weeks",
        "No. of pathways (all)"],
    "New RTT periods": ["No. of new RTT periods"],
}


def write_files(folder: Path) -> Path:
    rtt = folder / "rtt"
    rtt_fixtures.write_extract(rtt / "2021-03.csv", "RTT-March-2021", last_week=52, seed=1)
    rtt_fixtures.write_extract(rtt / "2021-07.zip", "RTT-July-2021", seed=2)
    without_rxf = [r for r in rtt_fixtures.extract_rows("RTT-August-2021", seed=3) if r[3] != "RXF"]
    rtt_fixtures.write(rtt / "2021-08.csv.gz", rtt_fixtures.csv_text(without_rxf))
    workbook_fixtures.write_workbook(rtt / "Admitted-Commissioner-Jan15.xls", period="January 2015",
                                     rows=few_pathways(workbook_fixtures.commissioner_rows()))
    write_successors(folder / "reference" / "succ.csv")
    write_sub_icb_populations(folder / "reference" / "sub-icb-populations.xls")
    write_timeseries(folder / "rtt" / "timeseries.xls")
    write_gp_registered(folder / "reference" / "gp-reg-pat-prac-sing-age-regions.csv")
    allocation_fixtures.write_allocations(folder / "reference" / "allocations")
    return folder


def few_pathways(rows: list[list]) -> list[list]:
    """Workbook rows with under 50 pathways each, where NHS England publishes no percentile (as the
    fixture's '-' says), with AP999 still the sum of the functions."""
    bands = len(workbook_fixtures.BANDS)
    thinned, by_commissioner = [], {}
    for row in rows:
        if row[3] == "AP999":
            continue
        counts = [value if index % 9 == 0 else 0 for index, value in enumerate(row[5:5 + bands])]
        unknown = row[5 + bands]
        thinned.append(row[:5] + counts + workbook_fixtures.totals(counts, unknown))
        total = by_commissioner.setdefault(row[1], (row[:3], [0] * bands, 0))
        by_commissioner[row[1]] = (total[0], [a + b for a, b in zip(total[1], counts)], total[2] + unknown)
    for head, counts, unknown in by_commissioner.values():
        thinned.append(head + ["AP999", "Total"] + counts + workbook_fixtures.totals(counts, unknown))
    return thinned


def write_gp_registered(path: Path) -> None:
    """Patients registered at a GP practice on 1 August 2021, all sexes and ages, for the 106
    sub-ICB locations, in the published layout (so `population_source: gp_registered` builds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "seeds" / "ons_loc22_icb22_lookup.csv", newline="", encoding="utf-8-sig") as handle:
        locations = list(csv.DictReader(handle))
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["PUBLICATION", "EXTRACT_DATE", "ORG_TYPE", "ORG_CODE", "ONS_CODE", "SEX", "AGE",
                         "NUMBER_OF_PATIENTS"])
        for index, location in enumerate(locations):
            writer.writerow(["GP_PRAC_PAT_LIST", "2021-08-01", "SUB_ICB_LOCATION_CODE", location["LOC22CDH"],
                             location["LOC22CD"], "ALL", "ALL", 210_000 + 997 * index])


def write_successors(path: Path) -> None:
    """The ODS successor file's layout: no header, every field quoted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [("10C", "D4U1Y", "", "20210401", "1"), ("02V", "15F", "", "20180401", "1")]
    path.write_text("".join(",".join(f'"{v}"' for v in line) + "\n" for line in lines))


def write_sub_icb_populations(path: Path) -> None:
    """One sheet per mid-year, a title, then the header row and one row per sub-ICB location."""
    with open(ROOT / "seeds" / "ons_loc22_icb22_lookup.csv", newline="", encoding="utf-8-sig") as handle:
        locations = list(csv.DictReader(handle))
    book = xlwt.Workbook()
    header = ["SICBL 2024 Code", "SICBL 2024 Name", "ICB 2024 Code", "ICB 2024 Name", "NHSER 2024 Code",
              "NHSER 2024 Name", "Total"]
    for year in (2022, 2023, 2024):
        sheet = book.add_sheet(f"Mid-{year} ICB 2024")
        sheet.write(0, 0, f"Mid-{year} population estimates for sub-ICB locations (fixture)")
        for column, heading in enumerate(header):
            sheet.write(3, column, heading)
        for row, location in enumerate(locations, start=4):
            values = [location["LOC22CD"], location["LOC22NM"], location["ICB22CD"], location["ICB22NM"],
                      location["NHSER22CD"], location["NHSER22NM"], 200_000 + 1_000 * row + year]
            for column, value in enumerate(values):
                sheet.write(row, column, value)
    book.save(str(path))


def write_timeseries(path: Path) -> None:
    """Sheet 'Full Time Series': title lines, a row of groups over a row of measures, one row a
    month; April 2007 only, a month the fixture does not load."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Full Time Series")
    sheet.write(0, 0, "Title: Referral to Treatment (RTT) Waiting Times, England")
    sheet.write(9, 0, "Year")
    sheet.write(9, 1, "Month")
    column = 2
    values = ["2007/08", date(2007, 4, 1)]
    for group, measures in TIMESERIES_GROUPS.items():
        sheet.write(9, column, group)
        for measure in measures:
            sheet.write(10, column, measure)
            values.append("52+" if "percentile" in measure else 1000.0 + column)
            column += 1
    as_date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for index, value in enumerate(values):
        sheet.write(11, index, value, as_date if isinstance(value, date) else xlwt.Style.default_style)
    book.save(str(path))


def main(argv: list[str]) -> int:
    from ingest.cli import main as ingest

    warehouse = Path(argv[0]).resolve()
    folder = write_files(warehouse.parent / "fixture-files")
    warehouse.unlink(missing_ok=True)
    return ingest(["--no-progress", "--source-dir", str(folder), "--duckdb", str(warehouse)])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
