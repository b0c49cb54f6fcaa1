"""`python -m ingest.export_raw`: every raw table leaves as Parquet with all its rows and
columns, lineage included, the extract in one folder per month; a second export replaces the
first; an absent warehouse is refused by name."""

from __future__ import annotations

import duckdb

from fixtures import warehouse as fixture_warehouse
from ingest.export_raw import main as export_main
from tests.helpers import ingest


def test_every_raw_table_leaves_whole_and_the_extract_by_month(warehouse, tmp_path, capsys):
    assert ingest("--source-dir", fixture_warehouse.write_files(tmp_path / "files")) == 0
    out = tmp_path / "raw"
    for _ in range(2):  # the second export replaces the first
        assert export_main(["--duckdb", str(warehouse), "--to", str(out)]) == 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()]
        assert sorted(p.name for p in out.iterdir()) == sorted(tables)
        for table in tables:
            exported = f"read_parquet('{out / table}/**/*.parquet', hive_partitioning = true)"
            columns = ", ".join(name for (name, *_) in con.execute(f"describe raw.{table}").fetchall())
            (difference,) = con.execute(
                f"select count(*) from ((select {columns} from raw.{table} except all select {columns} from {exported}) "
                f"union all (select {columns} from {exported} except all select {columns} from raw.{table}))"
            ).fetchone()
            assert difference == 0, table
        months = {str(m) for (m,) in con.execute("select distinct period_date from raw.rtt_full_extract").fetchall()}
    assert {p.name for p in (out / "rtt_full_extract").iterdir()} == {f"period_date={m}" for m in months}
    assert f"exported {len(tables)} raw tables" in capsys.readouterr().out


def test_no_warehouse_is_refused_by_name(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert export_main(["--duckdb", str(missing), "--to", str(tmp_path / "raw")]) != 0
    assert str(missing) in capsys.readouterr().err


def test_a_failed_copy_is_one_line_naming_it_not_a_traceback(warehouse, tmp_path, capsys):
    assert ingest("--source-dir", fixture_warehouse.write_files(tmp_path / "files")) == 0
    blocked = tmp_path / "raw"
    blocked.write_text("a file where the export's folder should be")
    assert export_main(["--duckdb", str(warehouse), "--to", str(blocked)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("export_raw: stopped.") and "Traceback" not in error, error
