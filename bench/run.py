"""`make bench`: speed and memory of the ingest and the build, measured in one run on this machine.

Prints one `name=value` line per figure, then a readable table. Needs RTT_DATA_DIR (the real
files). Noisy figures are medians of several runs. Not a test: nothing here asserts.
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.discover import scan_folder  # noqa: E402
from ingest.manifest import load_manifest  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
BIN = Path(sys.executable).parent
TARGETS = {"ingest_vs_bare_duckdb": "<= 1.25", "peer_vs_ingest": ">= 5", "build_seconds_12m": "<= 60",
           "build_23m_vs_1m": "<= 23 (linear)", "add_one_month_vs_share": "<= 1.5",
           "add_one_month_above_floor_vs_share": "(see README)"}


def median_seconds(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(command: list[str], database: Path) -> None:
    env = {**os.environ, "RTT_DUCKDB_PATH": str(database), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    env.pop("RTT_DATA_DIR", None)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def ingest(folder: Path, database: Path, *extra: str) -> None:
    run([str(BIN / "python"), "-m", "ingest", "--no-progress", "--source-dir", str(folder), *extra], database)


def dbt_build(database: Path) -> None:
    run([str(BIN / "dbt"), "build", "--quiet"], database)


def folder_of(paths: list[Path], into: Path) -> Path:
    """A folder of links to the given files, so a run sees exactly those."""
    into.mkdir(parents=True)
    for index, path in enumerate(paths):
        (into / f"{index:03d}-{path.name}").symlink_to(path)
    return into


def main() -> int:
    data = Path(os.environ.get("RTT_DATA_DIR", ROOT.parent / "shared" / "data")).resolve()
    inventory = scan_folder(data, load_manifest())
    months = sorted(inventory.extracts)
    references = [r.path for r in inventory.references.values()]
    january = next(p for p in (data / "rtt").glob("*January-2026*.csv.gz"))
    work = Path(tempfile.mkdtemp(prefix="rtt-bench-"))
    figures: dict[str, float] = {}
    try:
        # 1. One month: our ingest (validation and lineage included) against bare DuckDB and pandas loaders.
        one = folder_of([january], work / "one")

        def ours():
            (work / "ours.duckdb").unlink(missing_ok=True)
            ingest(one, work / "ours.duckdb", "--skip-reference")

        def bare():
            with duckdb.connect(str(work / "bare.duckdb")) as con:
                con.execute(f"create or replace table t as select * from read_csv('{january}')")

        def pandas_sqlite():
            import pandas
            frame = pandas.read_csv(january)
            with sqlite3.connect(work / "peer.sqlite") as con:
                frame.to_sql("rtt", con, if_exists="replace", index=False)

        def pandas_duckdb():
            import pandas
            frame = pandas.read_csv(january)
            with duckdb.connect(str(work / "pandas.duckdb")) as con:
                con.register("frame", frame)
                con.execute("create or replace table t as select * from frame")

        ours_seconds = median_seconds(ours)
        # Our ingest runs in a new process, so add a bare run's process start-up for fairness.
        startup = median_seconds(lambda: subprocess.run([str(BIN / "python"), "-c", "import duckdb"], check=True))
        bare_seconds = median_seconds(bare) + startup
        figures["ingest_seconds_1m"] = ours_seconds
        figures["bare_duckdb_seconds_1m"] = bare_seconds
        figures["ingest_vs_bare_duckdb"] = ours_seconds / bare_seconds
        figures["peer_vs_ingest"] = median_seconds(pandas_sqlite, 1) / ours_seconds
        figures["pandas_duckdb_vs_ingest"] = median_seconds(pandas_duckdb, 1) / ours_seconds

        # 2. Ingest + dbt build from empty for the first 1, 12 and 23 months (references included).
        for count in (1, 12, len(months)):
            folder = folder_of(references + [inventory.extracts[m].source.path for m in months[:count]],
                               work / f"first{count}")
            database = work / f"first{count}.duckdb"
            started = time.perf_counter()
            ingest(folder, database)
            dbt_build(database)
            figures[f"build_seconds_{count}m"] = time.perf_counter() - started
            if count == len(months):  # the largest child process so far is this run's
                figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        last = len(months)
        figures[f"build_{last}m_vs_1m"] = figures[f"build_seconds_{last}m"] / figures["build_seconds_1m"]

        # 3. Adding the newest month to a warehouse holding the ones before it.
        before = folder_of(references + [inventory.extracts[m].source.path for m in months[:-1]], work / "before")
        newest = folder_of([inventory.extracts[months[-1]].source.path], work / "newest")
        database = work / "grow.duckdb"
        ingest(before, database)
        dbt_build(database)
        started = time.perf_counter()
        ingest(newest, database, "--skip-reference")
        dbt_build(database)
        figures["add_one_month_seconds"] = time.perf_counter() - started
        share = figures[f"build_seconds_{last}m"] / last
        figures["add_one_month_vs_share"] = figures["add_one_month_seconds"] / share
        # dbt's own floor: start-up, parsing and ~150 nodes, paid once per build whatever changed.
        figures["dbt_build_unchanged_seconds"] = median_seconds(lambda: dbt_build(database), 2)
        figures["add_one_month_above_floor_vs_share"] = (
            figures["add_one_month_seconds"] - figures["dbt_build_unchanged_seconds"]) / share
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for name, value in figures.items():
        print(f"{name}={value:.2f}")
    print(f"\n{'figure':<28}{'value':>10}  target")
    for name, value in figures.items():
        print(f"{name:<28}{value:>10.2f}  {TARGETS.get(name, '')}")
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}; "
          f"{REPEATS} repeats for the one-month figures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
