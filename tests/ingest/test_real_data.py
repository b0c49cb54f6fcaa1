"""The real published files (RTT_DATA_DIR) land whole: every row and every column of every month,
each month once, and every reference dataset. Checked against an independent read of each file."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import duckdb
import pytest
import xlrd

from ingest import rtt_layout
from ingest.discover import scan_folder
from ingest.manifest import load_manifest
from tests.helpers import SHARED_DATA, ingest, query

pytestmark = pytest.mark.skipif(SHARED_DATA is None, reason="set RTT_DATA_DIR to the real published files")


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory) -> Path:
    """The warehouse `make test` already built from RTT_DATA_DIR, or one built here."""
    prebuilt = os.environ.get("RTT_TEST_WAREHOUSE")
    if prebuilt and Path(prebuilt).exists():
        return Path(prebuilt)
    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    assert ingest("--source-dir", SHARED_DATA, "--duckdb", path) == 0
    return path


def independent_read(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The file as table `published`, read by DuckDB's own CSV detection, not the ingest's
    typed reader. Returns its columns."""
    con.execute("drop table if exists published")
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            (member,) = archive.namelist()
            with archive.open(member) as stream:
                con.read_csv(stream).create("published")
    else:
        con.read_csv(str(path)).create("published")
    return [row[0] for row in con.execute("describe published").fetchall()]


def test_every_row_and_column_of_every_month(real_warehouse):
    inventory = scan_folder(SHARED_DATA.resolve(), load_manifest())
    con = duckdb.connect()
    for month, extract in sorted(inventory.extracts.items()):
        columns = independent_read(con, extract.source.path)
        assert rtt_layout.match_layout(columns), extract.source.label
        sums = ", ".join(f'sum("{c}")' if c in rtt_layout.COUNT_COLUMNS else f'count(distinct "{c}")'
                         for c in columns)
        expected = con.execute(f"select count(*), {sums} from published").fetchone()
        landed_sums = ", ".join(f"sum({rtt_layout.snake_case(c)})" if c in rtt_layout.COUNT_COLUMNS
                                else f"count(distinct {rtt_layout.snake_case(c)})" for c in columns)
        landed = query(real_warehouse, f"select count(*), {landed_sums} from raw.rtt_full_extract "
                                       "where period_date = ?", [month])[0]
        assert landed == expected, f"{month:%Y-%m}: {extract.source.label}"


def test_each_month_once_and_every_reference_table(real_warehouse):
    inventory = scan_folder(SHARED_DATA.resolve(), load_manifest())
    log = query(real_warehouse, "select strftime(period_date, '%Y-%m'), count(*) from raw.ingest_log "
                                "where target_table = 'raw.rtt_full_extract' group by 1")
    assert sorted(log) == [(f"{m:%Y-%m}", 1) for m in sorted(inventory.extracts)]
    landed_months = query(real_warehouse, "select count(distinct period_date) from raw.rtt_full_extract")
    assert landed_months == [(len(inventory.extracts),)]
    for dataset in load_manifest().references:
        assert query(real_warehouse, f"select count(*) > 0 from {dataset.table}") == [(True,)], dataset.table


def test_every_commissioner_workbook_lands_whole(real_warehouse):
    """Each 2014-15 workbook against xlrd's independent read of its Commissioner sheet: rows,
    the sum of every count column, and the spreadsheet row of the first one (the header is on
    row 14, per the data README)."""
    inventory = scan_folder(SHARED_DATA.resolve(), load_manifest())
    assert inventory.workbooks, "the shared folder holds the 2014-15 workbooks"
    for month, workbook in sorted(inventory.workbooks.items()):
        sheet = xlrd.open_workbook(str(workbook.path)).sheet_by_name("Commissioner")
        header_index = next(r for r in range(sheet.nrows) if sheet.cell_value(r, 2) == "CCG Code")
        data = [sheet.row_values(r) for r in range(header_index + 1, sheet.nrows) if sheet.cell_value(r, 2)]
        count_columns = range(6, 6 + 53 + 4)  # the parent column is B: bands start at G
        expected = (len(data), [int(sum(row[c] for row in data)) for c in count_columns], header_index + 2)
        landed = query(real_warehouse,
                       "select count(*), [" + ", ".join(
                           [f"sum(gt_{w:02d}_to_{w + 1:02d}_weeks)" for w in range(52)]
                           + ["sum(gt_52_weeks)", "sum(patients_with_unknown_clock_start_date)",
                              "sum(total_completed_pathways_all)", "sum(total_completed_pathways_known_clock_start)",
                              "sum(total_known_clock_start_within_18_weeks)"])
                       + "], min(source_row) from raw.rtt_admitted_commissioner_workbook where period_date = ?",
                       [month])[0]
        assert (landed[0], [int(v) for v in landed[1]], landed[2]) == expected, workbook.label
