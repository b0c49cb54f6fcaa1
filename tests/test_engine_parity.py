"""The engine-parity comparison (spark/parity.py) must be able to fail: on two small
tables with one grain, it finds a double off by more than 1e-9 relative, a count off by one, a
null where there was a value, a row on one side only and a retyped column, and lets pass a
double that differs only in its last bits."""

from __future__ import annotations

import duckdb
import pytest

from spark.parity import differences

ROWS = [("A", "2025-01-01", 10, 1.5, "x"), ("B", "2025-01-01", 20, 2.25, None)]


@pytest.fixture
def con():
    with duckdb.connect() as connection:
        for name in ("ours", "theirs"):
            connection.execute(f"create table {name} (code varchar, month date, pathways bigint, rate double, "
                               "note varchar)")
            connection.executemany(f"insert into {name} values (?, ?, ?, ?, ?)", ROWS)
        yield connection


def found(con) -> list[str]:
    return differences(con, "ours", "theirs", ["code", "month"])


def test_equal_tables_and_last_bit_differences_pass(con):
    assert found(con) == []
    con.execute("update theirs set rate = rate * (1 + 1e-13)")
    assert found(con) == []


@pytest.mark.parametrize("change, expected", [
    ("update theirs set rate = rate * (1 + 1e-6) where code = 'A'", "rate: 1 rows differ"),
    ("update theirs set pathways = pathways + 1 where code = 'B'", "pathways: 1 rows differ"),
    ("update theirs set rate = null where code = 'A'", "rate: 1 rows differ"),
    ("update theirs set note = 'y' where code = 'B'", "note: 1 rows differ"),
    ("delete from theirs where code = 'B'", "1 keys of ours not in theirs"),
    ("update theirs set month = date '2025-02-01' where code = 'A'", "1 keys of theirs not in ours"),
    ("alter table theirs alter pathways type double", "columns differ"),
])
def test_each_kind_of_difference_is_found(con, change, expected):
    con.execute(change)
    assert any(expected in line for line in found(con)), found(con)
