"""The shared core: one default warehouse (profiles.yml agrees), and one way every command stops."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import jinja2
import pytest
import yaml

from rtt import command, config
from rtt.errors import IngestError, RttError, WarehouseLocked
from tests.helpers import ROOT


def profile_path(environ: dict[str, str]) -> Path:
    """The warehouse profiles.yml names under these environment variables, rendered as dbt does."""
    profile = yaml.safe_load((ROOT / "profiles.yml").read_text())
    template = jinja2.Template(profile["rtt"]["outputs"]["local"]["path"])
    return Path(template.render(env_var=lambda name, default=None: environ.get(name, default)))


@pytest.mark.parametrize("environ", [
    {}, {"RTT_DUCKDB_PATH": "/data/nhs.duckdb"}, {"RTT_DUCKDB_PATH": "/data/nhs.duckdb", "RTT_WAREHOUSE_PATH": "/w/x.duckdb"},
])
def test_dbt_writes_the_same_warehouse_as_the_python_commands(environ, monkeypatch):
    monkeypatch.delenv("RTT_DUCKDB_PATH", raising=False)
    monkeypatch.delenv("RTT_WAREHOUSE_PATH", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(ROOT)  # dbt runs in the project root, where a relative path starts
    assert profile_path(environ).absolute() == config.warehouse_path()
    assert config.warehouse_path() != config.duckdb_path()  # readers never open the writer's file
    assert config.duckdb_path().name == Path(environ.get("RTT_DUCKDB_PATH", config.DEFAULT_PUBLISHED_FILE)).name


def test_a_stop_is_one_named_line_with_its_exit_code(capsys):
    def stop(error: Exception):
        def work():
            raise error
        return work

    assert command.run("ingest", stop(IngestError("x.csv: column 'Period' missing"))) == 1
    assert capsys.readouterr().err == "ingest: stopped. x.csv: column 'Period' missing\n"
    assert command.run("report", stop(WarehouseLocked("rtt.duckdb is held by process 7"))) == 3
    assert command.run("export_raw", stop(duckdb.IOException("No space left on device"))) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "export_raw: stopped. DuckDB: No space left on device"
    assert command.run("report", lambda: None) == 0


def test_every_stop_shares_one_base_class():
    assert issubclass(IngestError, RttError) and issubclass(WarehouseLocked, RttError)


def test_every_command_takes_the_same_warehouse_options():
    from ingest import cli, export_raw, readiness
    from report import cli as report_cli

    for parse in (cli.parse_args, report_cli.parse_args):
        args = parse(["--duckdb", "x.duckdb", "--lock-wait", "1"])
        assert (args.duckdb.name, args.lock_wait) == ("x.duckdb", 1.0)
    for module in (export_raw, readiness):
        assert "command.parser(" in (ROOT / "ingest" / f"{module.__name__.split('.')[-1]}.py").read_text()


def test_landing_from_a_folder_imports_neither_the_downloader_nor_the_progress_bars():
    """requests costs about 80 ms a start and tqdm about 40 ms; the monthly refresh and every test
    land from a folder, with no bar to draw."""
    script = ("import sys, ingest.cli as cli\n"
              "with cli.progress_bar(3, shown=False) as bar:\n"
              "    bar.write('landed'); bar.update()\n"
              "cli.say('done')\n"
              "print(sorted({'requests', 'tqdm'} & set(sys.modules)))")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["landed", "done", "[]"]


def test_a_writer_makes_the_folder_its_warehouse_lives_in(tmp_path):
    """A clean clone has no rtt.duckdb.builds/ yet: the first ingest makes it."""
    from rtt.warehouse import connect
    con = connect(tmp_path / "rtt.duckdb.builds" / "warehouse.duckdb")
    con.close()
    assert (tmp_path / "rtt.duckdb.builds" / "warehouse.duckdb").exists()
