"""Write, audit, publish (rtt/snapshots.py, rtt/publish.py), tried as the monthly refresh is run:
`python -m ingest` then `python -m rtt.publish`, the two steps of `make run`, on the fixture's
files with one month held back for the refresh.

The tests below are one published warehouse's life, in order, on one site: a first build, then
every way a run can fail (each must leave what readers see byte for byte as it was, say that
nothing was published, and leave the next run a clean start), then a refresh that adds the month
while real readers (the DuckDB CLI, a SQLAlchemy pool of duckdb-engine connections) hold the file,
then --list and --rollback. The site sits on a small tmpfs when this machine lets us mount one,
so that the disk can really fill up; otherwise a file size limit stands in for a full disk."""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from fixtures.rtt_extracts import write_extract
from fixtures.warehouse import write_files
from tests.helpers import FIXTURE_VARS, ROOT

pytestmark = pytest.mark.slow
CLI = Path(sys.executable).parent / "duckdb"
HELD_BACK = "2021-08.csv.gz"  # the month the refresh adds
TMPFS_MB = 400


@dataclass(frozen=True)
class Site:
    root: Path
    files: Path  # the published files the ingest reads
    tmpfs: bool

    @property
    def published(self) -> Path:
        return self.root / "rtt.duckdb"

    @property
    def builds(self) -> Path:
        return self.root / "rtt.duckdb.builds"

    @property
    def env(self) -> dict[str, str]:
        env = {**os.environ, "RTT_DUCKDB_PATH": str(self.published), "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
               "DBT_PROFILES_DIR": str(ROOT), "PYTHONUNBUFFERED": "1"}  # each line as it is printed
        for name in ("RTT_DATA_DIR", "RTT_WAREHOUSE_PATH"):  # the writer's warehouse is the default one
            env.pop(name, None)
        return env

    def ingest(self, **popen) -> subprocess.Popen:
        return self._start([sys.executable, "-m", "ingest", "--no-progress", "--source-dir", str(self.files),
                            "--lock-wait", "1"], **popen)

    def publish(self, *args: str, **popen) -> subprocess.Popen:
        return self._start([sys.executable, "-m", "rtt.publish", *args, "--exports", str(self.root / "exports"),
                            "--report-dir", str(self.root / "report"), "--lock-wait", "1"], **popen)

    def build(self, **popen) -> subprocess.Popen:
        return self.publish(*FIXTURE_VARS, **popen)

    def _start(self, argv: list[str], **popen) -> subprocess.Popen:
        # A session of its own, so a kill reaches the step's children (dbt, the report) too.
        return subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, start_new_session=True, **popen)


def readme_sqlalchemy() -> tuple[str, dict]:
    """The URI and engine parameters the README's BI table gives for Superset and SQLAlchemy."""
    row = next(line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith("| Superset"))
    uri, parameters = re.search(r"URI `([^`]+)`, engine parameters `([^`]+)`", row).groups()
    return uri, json.loads(parameters)


def finished(process: subprocess.Popen) -> tuple[int, str]:
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def what_readers_see(site: Site) -> dict[str, str]:
    """Every byte a reader can reach through the published names: the file, the exports and the
    report, by path, with the build they point at."""
    seen = {"published build": os.readlink(site.builds / "current")}
    for name in (site.published, site.root / "exports", site.root / "report"):
        resolved = name.resolve()
        for path in [resolved] if resolved.is_file() else sorted(p for p in resolved.rglob("*") if p.is_file()):
            seen[f"{name.name}/{path.relative_to(resolved)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def published_build(path: Path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select build_id, last_month, months from published.build").fetchone()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("published")
    tmpfs = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m", "tmpfs", str(root)],
                           capture_output=True).returncode == 0
    try:
        files = write_files(root / "files")
        (root / "later").mkdir()
        shutil.move(files / "rtt" / HELD_BACK, root / "later" / HELD_BACK)
        made = Site(root, files, tmpfs)
        for step in (made.ingest(), made.build()):
            code, output = finished(step)
            assert code == 0, output[-3000:]
        yield made
    finally:
        if tmpfs:
            subprocess.run(["umount", "-l", str(root)], check=False)


def assert_nothing_published(site: Site, before: dict, code: int, output: str, by_the_publisher: bool = True) -> None:
    """The run failed, every byte readers can reach is as it was, and (when the failure stopped
    `python -m rtt.publish`, not the ingest before it) the run said so, naming the published file."""
    assert code != 0, output[-2000:]
    assert what_readers_see(site) == before
    if by_the_publisher:
        assert "Nothing was published" in output and f"{site.published} still holds build" in output, output[-2000:]


def test_the_first_build_is_published_with_its_exports_and_report(site):
    build_id, last_month, months = published_build(site.published)
    assert (last_month, months) == ("2021-07", 4)  # August is held back for the refresh
    assert site.published.is_symlink() and (site.root / "exports" / "build.json").exists()
    assert build_id in (site.root / "exports" / "build.json").read_text()
    assert f'class="build-id">{build_id}<' in (site.root / "report" / "index.html").read_text()
    with duckdb.connect(str(site.published), read_only=True) as con:  # the readers' schemas only
        schemas = {row[0] for row in con.execute("select distinct schema_name from duckdb_tables()").fetchall()}
    assert schemas == {"marts", "seeds", "published"}


def test_a_refused_file_publishes_nothing(site):
    before = what_readers_see(site)
    refused = site.files / "rtt" / "2021-09.csv"
    write_extract(refused, "RTT-September-2021", seed=5)
    lines = refused.read_text().splitlines()
    lines[1] = re.sub(r",\d+,", ",many,", lines[1], count=1)  # a count that is not a number
    refused.write_text("\n".join(lines) + "\n")
    try:
        code, output = finished(site.ingest())
    finally:
        refused.unlink()
    assert "2021-09.csv" in output
    assert_nothing_published(site, before, code, output, by_the_publisher=False)


def kill_when(process: subprocess.Popen, ready) -> str:
    """Kill the process and its children (kill -9) once `ready(output so far)` holds, checked every
    50 ms while a thread drains the output (a full pipe would stall the process)."""
    seen: list[str] = []

    def drain() -> None:
        for line in process.stdout:
            seen.append(line)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while process.poll() is None and not ready("".join(seen)):
        time.sleep(0.05)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    reader.join(timeout=60)
    output = "".join(seen)
    assert process.returncode == -signal.SIGKILL, output[-2000:]  # killed midway, not finished
    return output


@pytest.mark.parametrize("stage", ["the ingest", "dbt build", "the report"])
def test_a_killed_run_publishes_nothing(site, stage):
    before = what_readers_see(site)
    ready = {
        "the ingest": lambda output: " rows " in output,  # the first file landed, more to come
        "dbt build": lambda output: len(re.findall(r" START (sql|test) ", output)) >= 40,
        # the exports written, the report's area pages begun
        "the report": lambda _: any(site.builds.glob("partial-*/report/areas/*.html")),
    }[stage]
    kill_when(site.ingest() if stage == "the ingest" else site.build(), ready)
    assert what_readers_see(site) == before
    if stage == "the report":  # the half-drawn snapshot is still there, never published
        assert list(site.builds.glob("partial-*/exports/*.parquet"))


def test_a_failed_data_test_publishes_nothing(site):
    """A commissioner workbook's row landed twice: the grain test of its staging model fails, late
    in the build, after models downstream of it are built. The run starts by removing the half
    snapshot the killed report left."""
    before = what_readers_see(site)
    left = list(site.builds.glob("partial-*"))
    assert left
    writer = site.builds / "warehouse.duckdb"
    shutil.copyfile(writer, site.root / "writer.before")
    with duckdb.connect(str(writer)) as con:
        con.execute("insert into raw.rtt_admitted_commissioner_workbook "
                    "select * from raw.rtt_admitted_commissioner_workbook limit 1")
    try:
        code, output = finished(site.build())
    finally:
        os.replace(site.root / "writer.before", writer)
    failed = re.search(r"FAIL \d+ unique_combination_stg_nhs_england__rtt_commissioner_admitted", output)
    assert "dbt build failed" in output and failed, output[-3000:]
    assert f"removed {left[0]}, left by a run that did not finish" in output
    assert_nothing_published(site, before, code, output)
    assert not list(site.builds.glob("partial-*"))


def test_a_full_disk_publishes_nothing(site):
    before = what_readers_see(site)
    if site.tmpfs:  # the disk full but for 16 MB: dbt's checkpoint of the writer's warehouse does not fit
        with open(site.root / "ballast", "wb") as ballast:
            os.posix_fallocate(ballast.fileno(), 0, shutil.disk_usage(site.root).free - 16 * 2**20)
        process = site.build()
    else:  # no file may grow past 8 MB: the writer's warehouse cannot take dbt's writes
        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 2**20, 8 * 2**20))
        process = site.build(preexec_fn=limit)
    try:
        code, output = finished(process)
    finally:
        (site.root / "ballast").unlink(missing_ok=True)
    assert re.search(r"No space left|too large|File size", output, re.I), output[-3000:]
    assert_nothing_published(site, before, code, output)
    # The next run (the refresh below) must start clean: no lock, no half copy, and the writer's
    # warehouse, which DuckDB gave up on at the full disk, opens again.


def test_the_next_run_refreshes_while_readers_keep_reading_and_then_see_the_new_month(site):
    old = published_build(site.published)
    cli = subprocess.Popen([str(CLI), "-readonly", "-csv", "-noheader", str(site.published)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)

    def ask_cli() -> str:
        cli.stdin.write("select build_id, last_month from published.build;\n")
        cli.stdin.flush()
        return cli.stdout.readline().strip()

    assert ask_cli() == f"{old[0]},{old[1]}"
    # A BI tool's pool, connected as the README's BI table says, but recycling connections after
    # 2 s, not 300, so that new ones open on the new build within the test.
    uri, parameters = readme_sqlalchemy()
    engine = sqlalchemy.create_engine(uri.replace("/path/to/rtt.duckdb", str(site.published)),
                                      **{**parameters, "pool_recycle": 2}, pool_size=3)
    answers, failures, stop = [], [], threading.Event()
    query = sqlalchemy.text("""select (select build_id from published.build), (select max(month) from marts.loaded_months),
        (select count(*) from marts.ccg_monthly_activity), (select count(*) from marts.ccg_league_table)""")

    def poll() -> None:
        while not stop.is_set():
            try:
                with engine.connect() as con:
                    answers.append(tuple(con.execute(query).one()))
            except Exception as error:  # noqa: BLE001 - any failure a dashboard would show
                failures.append(repr(error))
            time.sleep(0.1)

    pollers = [threading.Thread(target=poll) for _ in range(3)]
    for poller in pollers:
        poller.start()
    try:
        shutil.copy(site.root / "later" / HELD_BACK, site.files / "rtt" / HELD_BACK)
        for step in (site.ingest(), site.build()):  # the first run after the full disk
            code, output = finished(step)
            assert code == 0, output[-3000:]
        assert not list(site.builds.glob("partial-*"))
        time.sleep(3)  # the pool recycles onto the new build
    finally:
        stop.set()
        for poller in pollers:
            poller.join()
        engine.dispose()
    # Read once the pool is closed: in one process DuckDB refuses a second configuration of a file
    # the pool holds open (duckdb-engine's), which made this read fail when a pooled connection had
    # already moved to the new build.
    new = published_build(site.published)
    assert ask_cli() == f"{old[0]},{old[1]}"  # the open session still answers, from the old build
    cli.stdin.close()
    cli.wait(timeout=30)
    fresh = subprocess.run([str(CLI), "-readonly", "-csv", "-noheader", str(site.published), "-c",
                            "select build_id, last_month, months from published.build"], capture_output=True, text=True)
    assert fresh.stdout.strip() == f"{new[0]},{new[1]},{new[2]}" and (new[1], new[2]) == ("2021-08", 5)
    assert not failures, failures[:3]
    whole = {answer[0]: answer for answer in answers}
    assert set(whole) == {old[0], new[0]}, set(whole)  # old answers, then new ones
    assert all(answer == whole[answer[0]] for answer in answers)  # each one build's, never a mix


def test_list_names_the_kept_builds_and_rollback_republishes_the_previous_one(site):
    listed = finished(site.publish("--list"))[1].splitlines()
    published = published_build(site.published)[0]
    (marked,) = [line for line in listed if line.startswith("*")]
    assert published in marked
    assert len(listed) == 2 and all(re.search(r"months \d{4}-\d\d to \d{4}-\d\d \(\d\)", line) for line in listed)
    code, output = finished(site.publish("--rollback"))
    assert code == 0, output
    rolled_back = published_build(site.published)
    assert rolled_back[0] < published and rolled_back[0] in output
    assert rolled_back[0] in (site.root / "exports" / "build.json").read_text()
    relisted = finished(site.publish("--list"))[1]
    assert published not in relisted and len(relisted.splitlines()) == 1  # withdrawn, never rolled back to again


def test_the_report_will_not_draw_into_a_published_build(site):
    before = what_readers_see(site)
    drawn = subprocess.run([sys.executable, "-m", "report", "--exports", str(site.root / "exports"),
                            "--report", str(site.root / "report" / "index.html")],
                           cwd=ROOT, env=site.env, capture_output=True, text=True)
    assert drawn.returncode == 1 and "is published by `make build`" in drawn.stderr, drawn.stderr
    assert what_readers_see(site) == before
