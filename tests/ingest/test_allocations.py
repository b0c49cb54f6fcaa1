"""NHS England's need-weighted populations: one file per allocation year, in two layouts, the year
read from the file's name. Each lands into one table, replacing its own year; a bad file stops the
run naming the file and the fault, and the table stays as it was. With RTT_DATA_DIR, the real files
land whole and sum to their populations."""

from __future__ import annotations

import hashlib

import pytest

from fixtures import allocations as fx
from tests.helpers import SHARED_DATA, ingest, query

TABLE = "raw.allocation_weighted_populations"


def landed_years(warehouse) -> list[tuple]:
    return query(warehouse, f"select strftime(period_date, '%Y-%m'), count(*), count(ccg21), count(ccg), "
                            f"round(sum(g_a_wp) - sum(coalesce(pop_2022_23, population)), 3) "
                            f"from {TABLE} group by 1 order by 1")


def test_both_layouts_land_in_one_table_each_year_replacing_only_itself(warehouse, tmp_path):
    fx.write_allocations(tmp_path / "files")
    assert ingest("--source-dir", tmp_path / "files") == 0
    practices = len(fx.practices(2024))
    assert landed_years(warehouse) == [("2024-04", practices, practices, 0, 0.0),  # CCG21 filled
                                       ("2025-04", practices + 1, 0, 0, 0.0)]  # the 2025/26 file names none
    assert query(warehouse, f"select distinct source_file from {TABLE} order by 1") == \
        [("2024_2025.csv",), ("2025_2026.csv",)]

    # A year landed again replaces its own rows and leaves the other year's.
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "2024_2025.csv").write_bytes(fx.allocation_csv(2024, fx.practices(2024, ccgs=5)))
    assert ingest("--source-dir", tmp_path / "again") == 0
    assert [row[:2] for row in landed_years(warehouse)] == [("2024-04", 10), ("2025-04", practices + 1)]
    assert query(warehouse, "select edition, row_count from raw.ingest_log where target_table = ? order by 1",
                 [TABLE]) == [("2024/25", 10), ("2025/26", practices + 1)]


def unnamed_year(folder):
    path = folder / "allocations.csv"
    path.write_bytes(fx.allocation_csv(2024))
    return path, "only its name says which year it is"


def changed_layout(folder):
    path = folder / "2024_2025.csv"
    text = fx.allocation_csv(2024).decode().replace("G&A WP", "Acute WP", 1)
    path.write_text(text)
    return path, "not in a layout we know: missing columns: G&A WP; unexpected columns: Acute WP"


def weights_not_summing(folder):
    path = folder / "2024_2025.csv"
    path.write_bytes(fx.allocation_csv(2024, break_sums=True))
    return path, "column 'G&A WP' sums to"


def not_a_number(folder):
    path = folder / "2024_2025.csv"
    text = fx.allocation_csv(2024).decode().splitlines()
    text[5] = text[5].replace(",53.68,", ",north,")
    path.write_text("\n".join(text) + "\n")
    return path, "column 'Latitude' holds 'north', expected a number"


@pytest.mark.parametrize("make_bad_file", [unnamed_year, changed_layout, weights_not_summing, not_a_number],
                         ids=lambda f: f.__name__)
def test_a_bad_allocation_file_stops_naming_it_and_changes_nothing(make_bad_file, warehouse, tmp_path, capsys):
    fx.write_allocations(tmp_path / "good")
    assert ingest("--source-dir", tmp_path / "good") == 0
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    (tmp_path / "bad").mkdir()
    bad_path, fault = make_bad_file(tmp_path / "bad")
    capsys.readouterr()
    assert ingest("--source-dir", tmp_path / "bad") == 1
    error = capsys.readouterr().err
    assert bad_path.name in error.splitlines()[0] and fault in error, error
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


def test_two_files_for_one_year_stop_and_name_both(warehouse, tmp_path, capsys):
    fx.write_allocations(tmp_path / "files", years=(2024,))
    (tmp_path / "files" / "copy-2024_2025.csv").write_bytes(fx.allocation_csv(2024, fx.practices(2024, ccgs=3)))
    assert ingest("--source-dir", tmp_path / "files") == 1
    error = capsys.readouterr().err
    assert "allocation_weighted_populations 2024/25: found in 2 files" in error
    assert "2024_2025.csv" in error and "copy-2024_2025.csv" in error


@pytest.mark.skipif(SHARED_DATA is None, reason="reads the real files of RTT_DATA_DIR")
def test_the_real_files_land_whole(warehouse, tmp_path):
    folder = tmp_path / "real"
    folder.mkdir()
    for path in (SHARED_DATA / "reference" / "allocations").glob("*.csv"):
        (folder / path.name).symlink_to(path.resolve())
    assert ingest("--source-dir", folder) == 0
    assert [row[:4] for row in landed_years(warehouse)] == [
        ("2022-04", 6554, 6554, 0), ("2023-04", 6553, 6553, 0), ("2024-04", 6553, 6553, 0), ("2025-04", 6348, 0, 0)]
    assert all(abs(row[4]) < 1 for row in landed_years(warehouse))  # G&A WP sums to the population
