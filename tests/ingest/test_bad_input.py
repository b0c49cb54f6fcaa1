"""Bad files: a clear error naming the file and the fault, and the warehouse as it was."""

import gzip
import subprocess
import sys
import time

import pytest

from fixtures import rtt_extracts as fx
from tests.helpers import ingest, rows_by_month


def good_text() -> str:
    return fx.csv_text(fx.extract_rows("RTT-February-2026"))


def damaged_zip(path, damage):
    target = fx.write(path.with_suffix(".zip"), good_text())
    target.write_bytes(damage(target.read_bytes()))
    return target, "zip"


def corrupt_zip(path):
    return damaged_zip(path, lambda data: data[:200] + b"\x00" * 64 + data[264:])


def truncated_zip(path):
    return damaged_zip(path, lambda data: data[: len(data) // 2])


def truncated_csv(path):
    text = good_text()
    path.write_text(text[: len(text) - 40])  # cut inside the last row
    return path, "Expected Number of Columns: 121 Found"


def truncated_gzip(path):
    data = gzip.compress(good_text().encode())
    target = path.with_suffix(".csv.gz")
    target.write_bytes(data[: len(data) // 2])
    return target, "truncated"


def wrong_header(path):
    columns = fx.header()
    columns[20] = "Gt 07 To 08 Weeks"  # a renamed band
    path.write_text(fx.csv_text(fx.extract_rows("RTT-February-2026"), columns))
    return path, "unexpected columns: Gt 07 To 08 Weeks"


def missing_column(path):
    columns = fx.header()
    rows = [row[:-2] + row[-1:] for row in fx.extract_rows("RTT-February-2026")]
    path.write_text(fx.csv_text(rows, columns[:-2] + columns[-1:]))
    return path, "missing columns: Patients with unknown clock start date"


def non_numeric_count(path):
    rows = fx.extract_rows("RTT-February-2026")
    rows[4][20] = "n/a"
    path.write_text(fx.csv_text(rows))
    return path, 'Could not convert string "n/a"'


def negative_count(path):
    rows = fx.extract_rows("RTT-February-2026")
    rows[2][15] = -3
    path.write_text(fx.csv_text(rows))
    return path, "negative count -3 in 'Gt 02 To 03 Weeks SUM 1'"


def empty_file(path):
    path.write_bytes(b"")
    return path, "empty"


def header_only(path):
    path.write_text(",".join(fx.header()) + "\r\n")
    return path, "no rows"


def two_periods(path):
    rows = fx.extract_rows("RTT-February-2026") + fx.extract_rows("RTT-March-2026")
    path.write_text(fx.csv_text(rows))
    return path, "holds 2 periods (RTT-February-2026, RTT-March-2026)"


def unknown_part(path):
    rows = fx.extract_rows("RTT-February-2026")
    rows[1][9] = "Part_9"
    path.write_text(fx.csv_text(rows))
    return path, "unknown RTT part types Part_9"


def repeated_row(path):
    rows = fx.extract_rows("RTT-February-2026")
    path.write_text(fx.csv_text(rows + [rows[7]]))
    return path, f"2 rows for provider {rows[7][3]}, commissioner {rows[7][7]}, {rows[7][9]}, {rows[7][11]}"


def total_not_the_sum(path):
    rows = fx.extract_rows("RTT-February-2026")
    total = next(row for row in rows if row[11] == "C_999")
    total[-1] += 1  # Total All of the C_999 row, one more than its functions
    path.write_text(fx.csv_text(rows))
    return path, (f"the C_999 (Total) row of provider {total[3]}, commissioner {total[7]}, {total[9]} holds "
                  f"{total[-1]:,} pathways but its treatment functions sum to {total[-1] - 1:,}")


def bad_period(path):
    rows = fx.extract_rows("RTT-Febtober-2026")
    path.write_text(fx.csv_text(rows))
    return path, "'RTT-Febtober-2026': 'febtober' is not a month"


# October 2017 – March 2021 (bands to 52 weeks, X01) and April 2021 – June 2022 (the MTG months).
def bands_to_52_without_the_open_band(path):
    columns = fx.header(52)
    rows = [row[:13 + 52] + row[13 + 53:] for row in fx.extract_rows("RTT-February-2019", 52, era=fx.CCG_2017_20)]
    path.write_text(fx.csv_text(rows, columns[:13 + 52] + columns[13 + 53:]))
    return path, "missing columns: Gt 52 Weeks SUM 1"


def mtg_month_without_its_year(path):
    path.write_text(fx.csv_text(fx.extract_rows("RTT-FEBRUARY", era=fx.CCG_2021_22)))
    return path, "'RTT-FEBRUARY' is not an RTT period"


# Unify2 (up to September 2017): each way a file of that era may be wrong.
def unify2_with_a_53rd_week(path):
    lines = fx.unify2_text("2016-17", "FEBRUARY").splitlines(keepends=True)
    lines[2] = lines[2].replace("Gt 52 Weeks SUM 1", "Gt 52 To 53 Weeks SUM 1")
    path.write_text("".join(lines))
    return path, "unexpected columns: Gt 52 To 53 Weeks SUM 1"


def unify2_without_part_name(path):
    lines = fx.unify2_text("2016-17", "FEBRUARY").splitlines(keepends=True)
    lines[2] = lines[2].replace("RTT Part Name", "RTT Part Type")
    path.write_text("".join(lines))
    return path, "missing columns: RTT Part Name; unexpected columns: RTT Part Type"


def unify2_calendar_year(path):
    path.write_text(fx.unify2_text("2016", "FEBRUARY"))
    return path, "'2016 FEBRUARY' is not an RTT period"


def unify2_not_a_financial_year(path):
    path.write_text(fx.unify2_text("2016-18", "FEBRUARY"))
    return path, "'2016-18 FEBRUARY': 2016-18 is not a financial year"


def unify2_two_months(path):
    june, july = (fx.unify2_text("2016-17", month).splitlines(keepends=True) for month in ("FEBRUARY", "MARCH"))
    path.write_text("".join(june + july[3:]))
    return path, "holds 2 periods (2016-17 FEBRUARY, 2016-17 MARCH)"


def unify2_value_in_the_blank_field(path):
    lines = fx.unify2_text("2016-17", "FEBRUARY", blank_last_field=True).splitlines(keepends=True)
    lines[5] = lines[5].rstrip("\r\n") + "oops\r\n"
    path.write_text("".join(lines))
    return path, "the header ends in an empty field, and a row holds 'oops' there"


def unify2_unknown_function_code(path):
    lines = fx.unify2_text("2016-17", "FEBRUARY").splitlines(keepends=True)
    lines[3] = lines[3].replace(",C_100,", ",ZZ100,", 1)
    path.write_text("".join(lines))
    return path, "treatment function codes in a form we do not know: ZZ100"


BAD_FILES = [corrupt_zip, truncated_zip, truncated_csv, truncated_gzip, wrong_header, missing_column,
             non_numeric_count, negative_count, empty_file, header_only, two_periods, unknown_part, repeated_row,
             total_not_the_sum, bad_period, unify2_with_a_53rd_week, unify2_without_part_name, unify2_calendar_year,
             unify2_not_a_financial_year, unify2_two_months, unify2_value_in_the_blank_field,
             unify2_unknown_function_code, bands_to_52_without_the_open_band, mtg_month_without_its_year]


@pytest.mark.parametrize("make_bad_file", BAD_FILES, ids=lambda f: f.__name__)
def test_bad_file_stops_with_a_clear_error_and_changes_nothing(make_bad_file, warehouse, tmp_path, capsys):
    fx.write_extract(tmp_path / "good" / "jan.zip", "RTT-January-2026")
    assert ingest("--source-dir", tmp_path / "good") == 0
    before = rows_by_month(warehouse)

    (tmp_path / "bad").mkdir()
    bad_path, fault = make_bad_file(tmp_path / "bad" / "feb.csv")
    capsys.readouterr()
    assert ingest("--source-dir", tmp_path / "bad") == 1
    error = capsys.readouterr().err
    assert error.startswith(f"ingest: stopped. {bad_path.name}")  # the file is named first
    assert fault in error
    assert len(error) < 1500  # the fault, not a page of reader settings
    assert rows_by_month(warehouse) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_month_does_not_undo_or_half_land(jobs, warehouse, tmp_path, capsys):
    """Months are landed one transaction each, alone or side by side: a bad month leaves the
    good one whole and itself absent, and the message says which landed."""
    fx.write_extract(tmp_path / "files" / "jan.csv", "RTT-January-2026")
    rows = fx.extract_rows("RTT-February-2026")
    rows[-1][30] = "x"
    (tmp_path / "files" / "feb.csv").write_text(fx.csv_text(rows))
    assert ingest("--source-dir", tmp_path / "files", "--jobs", jobs) == 1
    assert rows_by_month(warehouse) == {"2026-01": len(fx.extract_rows())}
    assert "Landed in this run: 2026-01" in capsys.readouterr().err


def test_held_warehouse_waits_then_says_what_to_do(warehouse, tmp_path, capsys):
    fx.write_extract(tmp_path / "files" / "jan.csv")
    assert ingest("--source-dir", tmp_path / "files") == 0
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"con = duckdb.connect({str(warehouse)!r}); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert ingest("--source-dir", tmp_path / "files", "--lock-wait", "1.5") == 3
        waited = time.monotonic() - started
        error = capsys.readouterr().err
        assert str(warehouse) in error and f"process {holder.pid}" in error and "Close that program" in error
        assert 1.5 <= waited < 10
    finally:
        holder.kill()
        holder.wait()
