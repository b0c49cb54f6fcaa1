"""The README's commands for analysts run as written, after `make run`: the first query in the
DuckDB CLI the project installs (a 1.x client, so this also proves the warehouse is written in a
format 1.x reads), the Python lines, `python -m report --area`, and `dbt docs generate`; and the
README stays the front door (at most 150 lines, its links to docs/ all there).

They run in a folder laid out like a clone after `make run` (the project's environment and code
linked in, a copy of a built warehouse as rtt.duckdb, its exports in exports/), so nothing is
written into the project itself."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from report.exports import export_marts
from rtt.warehouse import MAX_VACUUM_TASKS, STORAGE_COMPATIBILITY_VERSION, connect
from tests.helpers import ROOT, built_warehouse

README = (ROOT / "README.md").read_text()
pytestmark = pytest.mark.slow  # runs dbt docs generate


def readme_blocks(section: str, language: str, text: str = README) -> list[str]:
    """The fenced blocks of one language in a section ('## <section>' up to the next '## ') of the
    README, or of another page's text."""
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


def test_the_readme_is_a_front_door():
    assert len(README.splitlines()) <= 150
    linked = re.findall(r"\]\(((?:docs|tests|ingest|bench)/[^)#]+)", README)
    assert {"docs/analysts.md", "docs/data.md", "docs/methodology.md"} <= set(linked)
    assert all((ROOT / path).exists() for path in linked), linked


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("clone")
    for linked in (".venv", "ingest", "report", "rtt"):
        (folder / linked).symlink_to(ROOT / linked)
    shutil.copy(built_warehouse(), folder / "rtt.duckdb")
    with duckdb.connect(str(folder / "rtt.duckdb"), read_only=True) as con:
        export_marts(con, folder / "exports")
    return folder


def run(command: str, cwd: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    completed = subprocess.run(shlex.split(command), cwd=cwd, input=stdin, capture_output=True, text=True,
                               env={**os.environ, **env}, timeout=300)
    assert completed.returncode == 0, f"{command}\n{completed.stdout}\n{completed.stderr}"
    return completed


def test_the_first_query_runs_in_the_installed_duckdb_cli(clone):
    (command,) = readme_blocks("Your first query", "sh")
    (sql,) = readme_blocks("Your first query", "sql")
    assert command.strip() == ".venv/bin/duckdb -readonly rtt.duckdb"
    shown = run(command.strip() + " -csv", clone, sql).stdout.splitlines()
    with duckdb.connect(str(clone / "rtt.duckdb"), read_only=True) as con:
        ranks = dict(con.execute("select ccg_code, national_rank from marts.ccg_league_table "
                                 "where measure = 'admitted_completed' and specialty = 'all'").fetchall())
    assert shown[0].startswith("national_rank,ccg_code,ccg_name")
    shown_ranks = [(int(line.split(",")[0]), line.split(",")[1]) for line in shown[1:]]
    assert [rank for rank, _ in shown_ranks] == sorted(ranks.values())[:10]  # the top ten, ties as they fall
    assert all(ranks[code] == rank for rank, code in shown_ranks)


def test_the_installed_cli_is_a_1x_client_and_the_file_is_in_the_v1_format(clone):
    """The point of the storage version: the newest CLI on PyPI is 1.x, and it opened the file above."""
    version = run(".venv/bin/duckdb --version", clone).stdout
    assert version.startswith("v1."), version
    with duckdb.connect(str(clone / "rtt.duckdb"), read_only=True) as con:
        (tags,) = con.execute("select tags from duckdb_databases() where database_name = 'rtt'").fetchone()
    assert tags["storage_version"].startswith(STORAGE_COMPATIBILITY_VERSION), tags


def test_dbt_writes_the_file_as_the_ingest_does(tmp_path):
    """The same storage format, and neither merges row groups at a checkpoint (rtt/warehouse.py,
    MAX_VACUUM_TASKS): if one did, it would pay for the merges the other skipped."""
    local = yaml.safe_load((ROOT / "profiles.yml").read_text())["rtt"]["outputs"]["local"]
    assert local["config_options"]["storage_compatibility_version"] == STORAGE_COMPATIBILITY_VERSION
    assert local["settings"]["max_vacuum_tasks"] == MAX_VACUUM_TASKS
    con = connect(tmp_path / "w.duckdb")
    try:
        assert con.execute("select current_setting('max_vacuum_tasks')").fetchone()[0] == MAX_VACUUM_TASKS
    finally:
        con.close()


def test_the_python_lines_run_in_the_project_environment(clone):
    (code,) = readme_blocks("Your first query", "python")
    printed = run(".venv/bin/python -", clone, code).stdout
    with duckdb.connect(str(clone / "rtt.duckdb"), read_only=True) as con:
        (league,) = con.execute("select count(*) from marts.ccg_league_table").fetchone()
    assert printed.startswith(f"{league} league rows;"), printed


def test_one_area_in_the_terminal(clone):
    command = re.search(r"`(\.venv/bin/python -m report --area 03R)`", README).group(1)
    printed = run(command, clone, RTT_DUCKDB_PATH=str(clone / "rtt.duckdb")).stdout
    assert "03R" in printed and "rank" in printed.lower()


def test_dbt_docs_generate(clone):
    (command,) = readme_blocks("BI tools", "sh")
    generate = command.split("&&")[0].strip()
    assert generate == "DBT_PROFILES_DIR=. .venv/bin/dbt docs generate"
    variable, *words = shlex.split(generate)
    name, value = variable.split("=")
    run(shlex.join(words), ROOT, **{name: value, "RTT_WAREHOUSE_PATH": str(clone / "rtt.duckdb"),
                                    "DBT_TARGET_PATH": str(clone / "target"), "DBT_LOG_PATH": str(clone / "logs"),
                                    "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"})
    assert (clone / "target" / "catalog.json").stat().st_size > 0
