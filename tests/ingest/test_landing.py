"""Landing extracts: every format and layout, lineage, idempotency, editions."""

import hashlib
from datetime import date

import pytest

from fixtures import rtt_extracts as fx
from tests.helpers import ingest, query, rows_by_month


def test_zip_csv_and_gz_land_every_row_with_lineage(warehouse, tmp_path):
    folder = tmp_path / "files"
    files = {
        "2025-11": fx.write_extract(folder / "nov.zip", "RTT-November-2025", seed=1),
        "2025-12": fx.write_extract(folder / "sub" / "dec.csv", "RTT-December-2025", seed=2),
        "2026-01": fx.write_extract(folder / "jan.csv.gz", "RTT-January-2026", seed=3),
    }
    assert ingest("--source-dir", folder) == 0
    expected_rows = len(fx.extract_rows())
    assert rows_by_month(warehouse) == {month: expected_rows for month in files}
    for month, path in files.items():
        lineage = query(warehouse, "select distinct source_file, source_sha256, period, loaded_at is not null "
                                   "from raw.rtt_full_extract where strftime(period_date, '%Y-%m') = ?", [month])
        assert len(lineage) == 1
        source_file, sha256, period, has_loaded_at = lineage[0]
        assert source_file.startswith(path.name)
        assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert has_loaded_at


def test_every_published_value_is_kept(warehouse, tmp_path):
    path = fx.write_extract(tmp_path / "files" / "jan.csv", seed=7)
    assert ingest("--source-dir", path.parent) == 0
    published = fx.extract_rows(seed=7)
    band_total = sum(sum(int(v) for v in row[13:118] if v != "") for row in published)
    total_all = sum(int(row[-1]) for row in published)
    landed = query(warehouse, "select sum(" + " + ".join(
        [f"coalesce(gt_{w:02d}_to_{w + 1:02d}_weeks_sum_1, 0)" for w in range(104)] + ["coalesce(gt_104_weeks_sum_1, 0)"])
        + "), sum(total_all), count(distinct provider_org_code || commissioner_org_code || rtt_part_type "
          "|| treatment_function_code) from raw.rtt_full_extract")[0]
    assert landed == (band_total, total_all, len(published))


def test_old_layout_has_52_week_bands_and_nulls_beyond(warehouse, tmp_path):
    fx.write_extract(tmp_path / "files" / "mar21.csv", "RTT-March-2021", last_week=52)
    assert ingest("--source-dir", tmp_path / "files") == 0
    ((open_52, band_60, open_104, first),) = query(
        warehouse, "select sum(gt_52_weeks_sum_1), count(gt_60_to_61_weeks_sum_1), count(gt_104_weeks_sum_1), "
                   "count(gt_00_to_01_weeks_sum_1) from raw.rtt_full_extract where period_date = '2021-03-01'")
    assert open_52 > 0 and first > 0
    assert band_60 == 0 and open_104 == 0


def test_same_month_twice_leaves_the_same_rows(warehouse, tmp_path):
    fx.write_extract(tmp_path / "files" / "jan.zip")
    assert ingest("--source-dir", tmp_path / "files") == 0
    first = query(warehouse, "select count(*), sum(total_all) from raw.rtt_full_extract")
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert query(warehouse, "select count(*), sum(total_all) from raw.rtt_full_extract") == first
    assert query(warehouse, "select count(*) from raw.ingest_log where period_date is not null") == [(1,)]


def test_revised_edition_replaces_the_original(warehouse, tmp_path):
    fx.write_extract(tmp_path / "first" / "Full-CSV-data-file-Jan26-ZIP-3630K.zip", seed=1)
    assert ingest("--source-dir", tmp_path / "first") == 0
    revised = fx.write_extract(tmp_path / "second" / "Full-CSV-data-file-Jan26-ZIP-3631K-revised.zip", seed=2)
    assert ingest("--source-dir", tmp_path / "second") == 0
    expected_total = sum(int(r[-1]) for r in fx.extract_rows(seed=2))
    assert query(warehouse, "select count(*), sum(total_all), any_value(source_file) from raw.rtt_full_extract") == [
        (len(fx.extract_rows()), expected_total, f"{revised.name} ({revised.stem}.csv)")]
    assert query(warehouse, "select edition from raw.ingest_log where period_date is not null") == [("revised",)]


def test_identical_copies_count_once(warehouse, tmp_path, capsys):
    text = fx.csv_text(fx.extract_rows())
    fx.write(tmp_path / "files" / "jan.zip", text)
    fx.write(tmp_path / "files" / "copy" / "jan.csv.gz", text)
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert rows_by_month(warehouse) == {"2026-01": len(fx.extract_rows())}
    assert "identical content; counted once" in capsys.readouterr().out


def test_revised_wins_within_one_folder(warehouse, tmp_path, capsys):
    fx.write_extract(tmp_path / "files" / "jan.zip", seed=1)
    fx.write_extract(tmp_path / "files" / "jan-revised.zip", seed=2)
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert query(warehouse, "select distinct source_file from raw.rtt_full_extract") == [("jan-revised.zip (jan-revised.csv)",)]
    assert "revised edition jan-revised.zip" in capsys.readouterr().out


def test_two_different_originals_stop_and_say_how_to_choose(warehouse, tmp_path, capsys):
    fx.write_extract(tmp_path / "files" / "a.zip", seed=1)
    fx.write_extract(tmp_path / "files" / "b.csv", seed=2)
    assert ingest("--source-dir", tmp_path / "files") == 1
    error = capsys.readouterr().err
    assert "2026-01" in error and "a.zip" in error and "b.csv" in error and "--exclude" in error
    assert rows_by_month(warehouse) == {}
    assert ingest("--source-dir", tmp_path / "files", "--exclude", "a.zip") == 0
    assert query(warehouse, "select distinct source_file from raw.rtt_full_extract") == [("b.csv",)]


def test_months_option_selects(warehouse, tmp_path):
    for period, name in [("RTT-June-2021", "jun.csv"), ("RTT-July-2021", "jul.csv"), ("RTT-March-2022", "mar.csv")]:
        fx.write_extract(tmp_path / "files" / name, period)
    assert ingest("--source-dir", tmp_path / "files", "--months", "2021-07:2022-03") == 0
    assert sorted(rows_by_month(warehouse)) == ["2021-07", "2022-03"]


def test_arithmetic_breaks_are_counted_and_shown_not_fatal(warehouse, tmp_path, capsys):
    rows = fx.extract_rows()
    rows[0][-1] = int(rows[0][-1]) + 5  # Total All no longer Total + unknown
    total = next(row for row in rows if row[11] == "C_999")  # its group's C_999: still their sum, so
    total[-1] = int(total[-1]) + 5  # the file lands, with the C_999 row's own arithmetic broken too
    fx.write(tmp_path / "files" / "jan.csv", fx.csv_text(rows))
    assert ingest("--source-dir", tmp_path / "files") == 0
    out = capsys.readouterr().out
    assert "2 rows where bands do not add up" in out and "provider RR8, commissioner 03R" in out
    assert query(warehouse, "select arithmetic_breaks from raw.ingest_log where period_date is not null") == [(2,)]


def test_a_zip_of_several_extracts_lands_each_as_its_own_source(warehouse, tmp_path):
    """NHS England's revised February and March 2022 zips are about 30 times the size of the
    others: stored uncompressed, or holding more than one CSV. Here both at once, with the
    irregular inner names and the upper-case period of that year."""
    members = {"20220228-RTT-FEBRUARY-2022-full-extract-revised.csv": "RTT-FEBRUARY-2022",
               "RTT-MARCH-2022-full-extract-revision.csv": "RTT-MARCH-2022"}
    rows = {name: fx.extract_rows(period, seed=index) for index, (name, period) in enumerate(members.items())}
    archive = fx.write_zip(tmp_path / "files" / "Full-CSV-data-file-Feb22-revised-ZIP-109268K.zip",
                           {name: fx.csv_text(found) for name, found in rows.items()}, stored=True)
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert rows_by_month(warehouse) == {"2022-02": len(rows[next(iter(rows))]), "2022-03": len(rows[list(rows)[1]])}
    assert query(warehouse, "select period_date, source_file from raw.ingest_log where period_date is not null "
                            "order by 1") == [(date(2022, 2, 1), f"{archive.name} ({list(members)[0]})"),
                                              (date(2022, 3, 1), f"{archive.name} ({list(members)[1]})")]


def test_a_zip_holding_something_besides_extracts_is_refused_naming_the_member(warehouse, tmp_path, capsys):
    fx.write_zip(tmp_path / "files" / "Full-CSV-data-file-Mar22-ZIP.zip", {
        "RTT-MARCH-2022-full-extract.csv": fx.csv_text(fx.extract_rows("RTT-MARCH-2022")),
        "notes.csv": "Note,Text\r\n1,Provisional\r\n"})
    assert ingest("--source-dir", tmp_path / "files") == 1
    error = capsys.readouterr().err
    assert "Full-CSV-data-file-Mar22-ZIP.zip (notes.csv): one of 2 CSVs in the zip, and not an RTT full extract" in error
    assert rows_by_month(warehouse) == {}


UNIFY2_VARIANTS = {  # name: (options of fx.unify2_text, the layout raw.ingest_log names)
    "C_ codes": (dict(), "Unify2"),
    "AP codes, July 2016's swapped columns": (dict(code_prefix="AP", july_2016=True), "Unify2, July 2016"),
    "bare codes, a blank last field": (dict(code_prefix="", blank_last_field=True), "Unify2"),
    "before October 2015, no Part_2A or Part_3": (dict(parts=("Part_1A", "Part_1B", "Part_2")), "Unify2"),
}


@pytest.mark.parametrize("variant", UNIFY2_VARIANTS)
def test_unify2_files_land_in_todays_columns(variant, warehouse, tmp_path):
    """Up to September 2017: front matter before the header, Year + Period Name (January is in the
    financial year's second calendar year), RTT Part Name, code forms normalised."""
    options, layout = UNIFY2_VARIANTS[variant]
    text = fx.unify2_text("2016-17", "JANUARY", seed=5, **options)
    fx.write(tmp_path / "files" / "jan17.zip", text)
    assert ingest("--source-dir", tmp_path / "files") == 0
    published = [row for row in fx.extract_rows("RTT-unused", 52, 5, fx.CCG_2013_17)
                 if row[9] in options.get("parts", fx.PARTS)]
    assert query(warehouse, "select strftime(period_date, '%Y-%m'), period, count(*), sum(total_all), "
                            "sum(gt_52_weeks_sum_1), count(gt_104_weeks_sum_1) from raw.rtt_full_extract group by all") \
        == [("2017-01", "2016-17 JANUARY", len(published), sum(int(r[-1]) for r in published),
             sum(int(r[13 + 52]) for r in published if r[13 + 52] != ""), 0)]
    assert query(warehouse, "select distinct treatment_function_code, treatment_function_name from raw.rtt_full_extract "
                            "order by 1") == sorted({(code, name) for code, name in fx.CCG_2013_17.functions}
                                                    | {("C_999", "Total")})
    assert {part for (part,) in query(warehouse, "select distinct rtt_part_type from raw.rtt_full_extract")} \
        == set(options.get("parts", fx.PARTS))
    assert query(warehouse, "select layout from raw.ingest_log where period_date is not null") == [(layout,)]
