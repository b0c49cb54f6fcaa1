"""Landing the monthly "Admitted - Commissioner" workbooks (.xls): both sheets, lineage to the
spreadsheet row, editions, other parts left out with a note, and bad workbooks refused whole."""

from __future__ import annotations

import hashlib

import pytest

from fixtures import workbooks as wx
from tests.helpers import ingest, query

NATIONAL = wx.national_rows(wx.commissioner_rows())  # for workbooks whose commissioner rows are spoiled
COMMISSIONER_TABLE = "raw.rtt_admitted_commissioner_workbook"
NATIONAL_TABLE = "raw.rtt_admitted_national_workbook"


def landed(warehouse) -> list[tuple]:
    return query(warehouse, f"select period_date, count(*), sum(total_completed_pathways_all) "
                            f"from {COMMISSIONER_TABLE} group by 1 order by 1")


def test_every_sheet_lands_with_lineage_to_the_row(warehouse, tmp_path):
    rows = wx.commissioner_rows(seed=3)
    path = wx.write_workbook(tmp_path / "files" / "dec14.xls", rows=rows)
    assert ingest("--source-dir", path.parent) == 0

    band_sum = sum(sum(row[5:58]) for row in rows)
    ((count, bands, everyone, first_row, parents, medians, sha256, revised),) = query(
        warehouse, "select count(*), sum(" + " + ".join([f"gt_{w:02d}_to_{w + 1:02d}_weeks" for w in range(52)]
                                                       + ["gt_52_weeks"]) + "), "
        "sum(total_completed_pathways_all), min(source_row), count(parent_org_code), "
        f"count(median_waiting_time_weeks), any_value(source_sha256), any_value(revised) from {COMMISSIONER_TABLE}")
    assert (count, bands, everyone) == (len(rows), band_sum, sum(row[59] for row in rows))
    assert first_row == wx.header_row_number() + 1  # the row a reader finds in Excel
    assert parents == len(rows) - 3  # NHS England's parent '-' is no parent
    assert medians == 0  # '-' is no figure
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest() and revised == "9th July 2015"
    national = query(warehouse, f"select treatment_function_code, total_completed_pathways_all "
                                f"from {NATIONAL_TABLE} order by 1")
    assert national == [(row[0], row[2 + 53 + 1]) for row in sorted(wx.national_rows(rows))]
    notes = query(warehouse, "select note_number, note, source_row from raw.rtt_admitted_workbook_notes order by 1")
    assert [(n, note[:20], row) for n, note, row in notes] == [
        (1, "Median and 95th perc", 3), (3, "The following caveat", 4)]  # the sheet starts at B2


def test_landing_a_month_again_replaces_it(warehouse, tmp_path):
    wx.write_workbook(tmp_path / "files" / "dec14.xls")
    assert ingest("--source-dir", tmp_path / "files") == 0
    first = landed(warehouse)
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert landed(warehouse) == first
    assert query(warehouse, "select count(*) from raw.ingest_log where layout = 'admitted commissioner workbook'") == [(1,)]


def test_a_revised_edition_replaces_the_original(warehouse, tmp_path, capsys):
    wx.write_workbook(tmp_path / "files" / "a.xls", rows=wx.commissioner_rows(seed=1), revised="")
    revised = wx.write_workbook(tmp_path / "files" / "b.xls", rows=wx.commissioner_rows(seed=2))
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert query(warehouse, f"select distinct source_file from {COMMISSIONER_TABLE}") == [(revised.name,)]
    assert "revised edition b.xls replaces a.xls" in capsys.readouterr().out


def test_a_workbook_of_another_part_is_left_out_with_a_note(warehouse, tmp_path, capsys):
    wx.write_workbook(tmp_path / "files" / "admitted.xls")
    wx.write_workbook(tmp_path / "files" / "nonadmitted.xls", summary="completed non-admitted pathways")
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert query(warehouse, f"select distinct source_file from {COMMISSIONER_TABLE}") == [("admitted.xls",)]
    assert "nonadmitted.xls: an RTT commissioner workbook of another part" in capsys.readouterr().out


def negative_count(path):
    rows = wx.commissioner_rows()
    rows[4][10] = -2
    return wx.write_workbook(path, rows=rows, national=NATIONAL), f"row {wx.header_row_number() + 5}: column '>5-6' holds '-2'"


def text_in_a_count(path):
    rows = wx.commissioner_rows()
    rows[0][5] = "n/a"
    return wx.write_workbook(path, rows=rows, national=NATIONAL), "column '>0-1' holds 'n/a', expected a whole number"


def missing_column(path):
    header = wx.commissioner_header()
    rows = [row[:57] + row[58:] for row in wx.commissioner_rows()]
    return wx.write_workbook(path, rows=rows, header=header[:57] + header[58:]), "missing columns: 52 plus"


def repeated_row(path):
    rows = wx.commissioner_rows()
    return wx.write_workbook(path, rows=rows + [rows[0]]), "are both 03R / AP100"


def bad_period(path):
    return wx.write_workbook(path, period="Decembuary 2014"), "'Period:' is 'Decembuary 2014'"


def no_rows(path):
    return wx.write_workbook(path, rows=[]), "has the header but no rows"


@pytest.mark.parametrize("make_bad_workbook",
                         [negative_count, text_in_a_count, missing_column, repeated_row, bad_period, no_rows],
                         ids=lambda f: f.__name__)
def test_a_bad_workbook_stops_with_a_clear_error_and_changes_nothing(make_bad_workbook, warehouse, tmp_path,
                                                                      capsys):
    wx.write_workbook(tmp_path / "good" / "dec14.xls", period="December 2014")
    assert ingest("--source-dir", tmp_path / "good") == 0
    before = landed(warehouse)

    bad_path, fault = make_bad_workbook(tmp_path / "bad" / "jan15.xls")
    capsys.readouterr()
    assert ingest("--source-dir", tmp_path / "bad") == 1
    error = capsys.readouterr().err
    assert error.startswith(f"ingest: stopped. {bad_path.name}")
    assert fault in error
    assert landed(warehouse) == before
