"""DuckDB allows one writer, and a reader blocks a writer. Readers open read-only; a writer or
reader that finds the file held waits a bounded time, then says which file and what to do."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from fixtures import rtt_extracts as fx
from report.cli import main as report_main
from tests.helpers import ingest


def hold(path, read_only: bool) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, time; "
                               f"con = duckdb.connect({str(path)!r}, read_only={read_only}); "
                               "print('held', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def landed(warehouse, tmp_path):
    fx.write_extract(tmp_path / "files" / "jan.csv")
    assert ingest("--source-dir", tmp_path / "files") == 0
    return warehouse


def test_reader_blocks_the_ingest_which_waits_then_explains(landed, tmp_path, capsys):
    holder = hold(landed, read_only=True)
    try:
        started = time.monotonic()
        assert ingest("--source-dir", tmp_path / "files", "--lock-wait", "1") == 3
        assert time.monotonic() - started >= 1
        error = capsys.readouterr().err
        assert str(landed) in error and f"process {holder.pid}" in error and "Close that program" in error
    finally:
        holder.kill()


def test_writer_blocks_the_report_which_waits_then_explains(landed, tmp_path, capsys):
    holder = hold(landed, read_only=False)
    try:
        assert report_main(["--duckdb", str(landed), "--lock-wait", "1", "--exports", str(tmp_path / "x"),
                            "--report", str(tmp_path / "r.html")]) == 3
        assert f"process {holder.pid}" in capsys.readouterr().err
    finally:
        holder.kill()


def test_readers_share_the_file(landed):
    holder = hold(landed, read_only=True)
    try:
        with duckdb.connect(str(landed), read_only=True) as con:
            assert con.execute("select count(*) from raw.rtt_full_extract").fetchone()[0] == len(fx.extract_rows())
    finally:
        holder.kill()


def test_warehouse_check_before_dbt_waits_then_explains(landed):
    holder = hold(landed, read_only=True)
    try:
        result = subprocess.run([sys.executable, "-m", "ingest.readiness", "--lock-wait", "1"],
                                capture_output=True, text=True, env={"RTT_WAREHOUSE_PATH": str(landed), "PATH": ""})
        assert result.returncode == 3 and "Close that program" in result.stderr
    finally:
        holder.kill()
    free = subprocess.run([sys.executable, "-m", "ingest.readiness", "--lock-wait", "1"],
                          capture_output=True, text=True, env={"RTT_WAREHOUSE_PATH": str(landed), "PATH": ""})
    # Free now, but the fixture landed no reference data: the check names what dbt would miss.
    assert free.returncode == 1 and "raw.ods_successors" in free.stderr and "--source-dir" in free.stderr
