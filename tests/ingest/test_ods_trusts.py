"""ODS's NHS trusts file (etr): published without a header in ODS's 27-column layout, recognised by
its first line, landed whole with its dates typed. A file of another layout is refused, naming the
file and the columns it should have, and the warehouse stays as it was. With RTT_DATA_DIR, the
real file lands whole."""

from __future__ import annotations

import hashlib

import pytest

from fixtures import warehouse as fx
from tests.helpers import SHARED_DATA, ingest, query

TABLE = "raw.ods_nhs_trusts"


def test_the_trusts_file_lands_with_its_dates(warehouse, tmp_path):
    fx.write_trusts(tmp_path / "files" / "etr.csv")
    assert ingest("--source-dir", tmp_path / "files") == 0
    assert query(warehouse, f"select organisation_code, national_grouping, high_level_health_geography, "
                            f"strftime(open_date, '%Y-%m-%d'), strftime(close_date, '%Y-%m-%d') from {TABLE} "
                            f"order by 1") == [
        ("R0B", "Y63", "QWO", "2019-04-01", None),
        ("RJX", "Y63", "QWO", "1993-04-01", "2016-06-30"),
        ("RR8", "Y63", "QWO", "1998-04-01", None),
        ("RXF", "Y63", "QWO", "2002-04-01", None)]


@pytest.mark.parametrize("change, columns", [(lambda line: line + ',"EXTRA"', 28),
                                             (lambda line: line.rsplit(",", 1)[0], 26)],
                         ids=["a column added", "a column gone"])
def test_a_trusts_file_of_another_layout_is_refused_and_changes_nothing(change, columns, warehouse, tmp_path, capsys):
    fx.write_trusts(tmp_path / "good" / "etr.csv")
    assert ingest("--source-dir", tmp_path / "good") == 0
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()

    bad = tmp_path / "bad" / "etr.csv"
    fx.write_trusts(bad)
    bad.write_text("".join(change(line) + "\n" for line in bad.read_text().splitlines()))
    capsys.readouterr()
    assert ingest("--source-dir", tmp_path / "bad") == 1
    error = capsys.readouterr().err
    assert "etr.csv" in error.splitlines()[0], error
    assert f"{columns} columns in its first row" in error, error
    assert "raw.ods_nhs_trusts takes 27: organisation_code, name, national_grouping" in error, error
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


@pytest.mark.skipif(SHARED_DATA is None, reason="reads the real files of RTT_DATA_DIR")
def test_the_real_trusts_file_lands_whole(warehouse, tmp_path):
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "etr.csv").symlink_to(SHARED_DATA / "reference" / "ods" / "etr.csv")
    assert ingest("--source-dir", folder) == 0
    # shared/data/README.md: 210 rows, 205 open; South Tyneside and Sunderland (R0B) among them
    assert query(warehouse, f"select count(*), count(*) filter (where close_date is null), "
                            f"count(*) filter (where organisation_code = 'R0B') from {TABLE}") == [(210, 205, 1)]
