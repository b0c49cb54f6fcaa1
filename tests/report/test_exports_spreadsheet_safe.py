"""The CSV exports open safely in Excel: a text cell that starts like a formula (=, +, -, @, a tab
or a carriage return) is written with a leading apostrophe, so a spreadsheet shows it as text;
numbers, negative ones included, stay numbers; the Parquet export keeps every value as it is."""

from __future__ import annotations

import csv

import duckdb

from report.exports import FORMULA_STARTS, export_marts

TEXTS = ["=HYPERLINK(\"http://x\",\"click\")", "+44 20", "-5 weeks", "@SUM(A1)", "\tTab", "\rReturn",
         "NHS Leeds CCG", "a = b", ""]


def test_formula_like_text_is_defused_and_numbers_stay_numbers(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.sample (name varchar, rate double, count bigint)")
        con.executemany("insert into marts.sample values (?, ?, ?)",
                        [(text, -1.5 * index, -index) for index, text in enumerate(TEXTS)])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert export_marts(con, tmp_path / "exports", tables=["sample"]) == {"sample": len(TEXTS)}
        parquet = con.execute(f"select * from '{tmp_path / 'exports' / 'sample.parquet'}' order by count desc").fetchall()
    assert [row[0] for row in parquet] == TEXTS  # Parquet: as in the mart

    with open(tmp_path / "exports" / "sample.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for text, row in zip(TEXTS, rows):
        formula_like = text[:1] in FORMULA_STARTS
        assert row["name"] == ("'" + text if formula_like else text), text
        assert not row["rate"].startswith("'") and float(row["rate"]) <= 0  # a number, negative or zero
        assert int(row["count"]) <= 0
    assert sum(text[:1] in FORMULA_STARTS for text in TEXTS) == 6  # every kind of start was tried
