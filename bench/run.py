"""`make bench`: speed and memory of the ingest, the build and the monthly refresh, measured in
one run on this machine, up to a 184-month history made by relabelling the real months forward.

Prints one `name=value` line per figure, then a readable table with the targets. Needs
RTT_DATA_DIR (the real files). Noisy figures are medians of several runs. Not a test: nothing
here asserts. BENCH_SCALE_MONTHS changes the length of the long history (default 184).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.discover import scan_folder  # noqa: E402
from ingest.manifest import load_manifest  # noqa: E402
from rtt.months import add_months  # noqa: E402
from rtt.snapshots import Publication, new_build_id, write_published_file  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
SCALE_MONTHS = int(os.environ.get("BENCH_SCALE_MONTHS", "184"))
BIN = Path(sys.executable).parent
TARGETS = {"ingest_vs_bare_duckdb": "<= 1.25", "peer_vs_ingest_share_of_bare": ">= 0.8",
           "build_seconds_12m": "<= 60", "refresh_vs_noop": "<= 1.5", "noop_23m_vs_1m": "<= 1.3",
           "month_beyond_23m_vs_at_23m": "<= 1.1", "refresh_184m_vs_23m": "<= 1.3", "peak_rss_mb_184m": "<= 4500",
           "report_growth_mb_a_month": "<= 0.05"}


ONE_MONTH_REPEATS = 5  # a pair of one-month loads takes about 5 s; their ratio is the noisy one


def median_seconds(*actions, repeats: int = REPEATS) -> list[float]:
    """Each action's median time, the actions timed in turn: a shared machine's speed drifts
    by a tenth within a minute, and in turn that drift falls on each action alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeats):
        for action, samples in zip(actions, times):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
    return [statistics.median(samples) for samples in times]


def run(command: list[str], database: Path) -> float:
    """Run one step in a new process, as a user would: its peak memory (MB), its own and no other
    step's (os.wait4 reports the one process)."""
    # dbt's parse cache is keyed on the profile, which names the warehouse: one target folder per
    # warehouse lets builds of two warehouses take turns without a full parse each time.
    env = {**os.environ, "RTT_DUCKDB_PATH": str(database), "RTT_WAREHOUSE_PATH": str(database), "DBT_PROFILES_DIR": str(ROOT),
           "DBT_TARGET_PATH": f"{database}.target", "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    env.pop("RTT_DATA_DIR", None)
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command[:4])} … failed (exit code {process.returncode}):\n"
                               f"{errors.read().decode(errors='replace')[-3000:]}")
    return usage.ru_maxrss / 1024


def ingest(folder: Path, database: Path, *extra: str) -> float:
    return run([str(BIN / "python"), "-m", "ingest", "--no-progress", "--source-dir", str(folder), *extra], database)


def dbt_build(database: Path) -> float:
    """The build `make build` runs: data tests, not unit tests (which read no data)."""
    return run([str(BIN / "dbt"), "build", "--quiet", "--exclude-resource-type", "unit_test"], database)


def folder_of(paths: list[Path], into: Path) -> Path:
    """A folder of links to the given files, so a run sees exactly those."""
    into.mkdir(parents=True)
    for index, path in enumerate(paths):
        (into / f"{index:03d}-{path.name}").symlink_to(path)
    return into


def start_clock() -> float:
    """The time now, once what the bench wrote before (the relabelled history, a build brought
    back to its state) is on disk: the kernel would otherwise flush those gigabytes on the clock
    of the step being timed."""
    os.sync()
    return time.perf_counter()


class Build(NamedTuple):
    landing_seconds: float
    dbt_seconds: float
    landing_peak_mb: float
    dbt_peak_mb: float


def timed_build(references: list[Path], extracts: list[Path], database: Path, folder: Path) -> Build:
    """Ingest the files into a new warehouse, and build it."""
    files = folder_of(references + extracts, folder)
    started = start_clock()
    landing_peak = ingest(files, database)
    landed = time.perf_counter()
    dbt_peak = dbt_build(database)
    return Build(landed - started, time.perf_counter() - landed, landing_peak, dbt_peak)


class Refresh(NamedTuple):
    seconds: float  # landing the month, dbt build and publishing
    noop_seconds: float  # a dbt build with nothing to do, timed in turn with the refresh
    publish_seconds: float  # of the refresh: the snapshot of the published tables and its rename
    published_mb: float  # the published file


def median_refresh_and_noop(database: Path, newest: Path, work: Path) -> Refresh:
    """The refresh is one month's work on top of the no-op floor, whose noise on a shared machine
    (±3 s) is as large as the work: medians of REPEATS refreshes, each followed by a build with
    nothing to do, so the two sides of their ratio are timed in turn and drift falls on both."""
    refreshes, noops = [], []
    for _ in range(REPEATS):
        refreshes.append(timed_refresh(database, newest, work))
        started = start_clock()
        dbt_build(database)
        noops.append(time.perf_counter() - started)
    return Refresh(statistics.median(r[0] for r in refreshes), statistics.median(noops),
                   statistics.median(r[1] for r in refreshes), refreshes[-1][2])


def timed_publish(database: Path, work: Path) -> tuple[float, float]:
    """What `make build` adds to dbt to publish a build (rtt/snapshots.py): the published tables
    copied into a new snapshot file, and the one rename. Seconds, and the file's size (MB). The
    exports and report drawn from it are timed apart (report_seconds_*)."""
    publication = Publication(work / "published" / "rtt.duckdb", work / "published" / "exports",
                              work / "published" / "report")
    publication.builds.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build_id = new_build_id()
    candidate = publication.new_candidate(build_id)
    build = write_published_file(database, candidate / "rtt.duckdb",
                                 {"build": build_id, "built_at": datetime.now(UTC).isoformat(timespec="seconds")})
    snapshot = publication.commit(candidate, build)
    publication.publish(snapshot)
    seconds = time.perf_counter() - started
    megabytes = (snapshot.folder / "rtt.duckdb").stat().st_size / 1e6
    publication.prune(keep=1)
    return seconds, megabytes


def median_build(references: list[Path], extracts: list[Path], work: Path, name: str) -> tuple[float, float, Path]:
    """A build from nothing (landing, dbt build) REPEATS times, each into a new warehouse: the
    median landing and build, and the last warehouse, kept for the figures that read it."""
    runs = []
    for attempt in range(REPEATS):
        database = work / f"{name}-{attempt}.duckdb"
        runs.append(timed_build(references, extracts, database, work / f"{name}-{attempt}"))
        shutil.rmtree(work / f"{name}-{attempt}")  # the folder of links
        if attempt < REPEATS - 1:
            database.unlink()
    return (statistics.median(b.landing_seconds for b in runs), statistics.median(b.dbt_seconds for b in runs),
            database)


def timed_refresh(database: Path, newest: Path, work: Path) -> tuple[float, float, float]:
    """The monthly refresh: with the newest month taken out of a built warehouse (and the build
    brought back to that state), seconds to land it again, build and publish; and publishing's
    seconds and file size alone."""
    with duckdb.connect(str(database)) as con:
        month = con.execute("select max(period_date) from raw.rtt_full_extract").fetchone()[0]
        con.execute("delete from raw.rtt_full_extract where period_date = ?", [month])
        con.execute("delete from raw.ingest_log where period_date = ?", [month])
    dbt_build(database)
    folder = work / f"refresh-{month:%Y-%m}"
    shutil.rmtree(folder, ignore_errors=True)
    folder_of([newest], folder)
    started = start_clock()
    ingest(folder, database, "--skip-reference")
    dbt_build(database)
    publish_seconds, published_mb = timed_publish(database, work)
    return time.perf_counter() - started, publish_seconds, published_mb


def relabelled_history(real: list[Path], count: int, into: Path) -> list[Path]:
    """The real months, then copies of them relabelled to the months after (Period and nothing
    else changed), as gzipped CSVs: `count` months in all. Written to a temporary folder."""
    into.mkdir(parents=True)
    csvs = []
    for index, path in enumerate(real):  # each real CSV once, out of its zip
        with zipfile.ZipFile(path) as archive:
            member = next(n for n in archive.namelist() if n.lower().endswith(".csv"))
            target = into / f"real-{index:02d}.csv"
            with archive.open(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        csvs.append(target)
    with duckdb.connect() as con:
        first_month = con.execute(f"select max(Period) from read_csv('{csvs[-1]}', all_varchar = true)").fetchone()[0]
        last_real = datetime.strptime(first_month.removeprefix("RTT-"), "%B-%Y").date()
        history = list(real)
        for offset in range(1, count - len(real) + 1):
            month = add_months(last_real, offset)
            target = into / f"relabelled-{month:%Y-%m}.csv.gz"
            con.execute(f"copy (select * replace ('RTT-{month:%B-%Y}' as Period) "
                        f"from read_csv('{csvs[(offset - 1) % len(csvs)]}', all_varchar = true)) "
                        f"to '{target}' (header, compression gzip)")
            history.append(target)
    for path in csvs:
        path.unlink()
    return history


def timed_report(database: Path, into: Path) -> tuple[float, float]:
    """`python -m report` on the warehouse, as `make build` draws it from a snapshot: seconds, and
    the size of the report folder it writes (MB)."""
    started = time.perf_counter()
    run([str(BIN / "python"), "-m", "report", "--exports", str(into / "exports"),
         "--report", str(into / "report" / "index.html")], database)
    seconds = time.perf_counter() - started
    size = sum(path.stat().st_size for path in (into / "report").rglob("*") if path.is_file())
    shutil.rmtree(into, ignore_errors=True)
    return seconds, size / 1e6


def record_refresh(figures: dict[str, float], months: int, refresh: Refresh) -> None:
    figures[f"refresh_seconds_{months}m"], figures[f"noop_beside_refresh_seconds_{months}m"] = refresh[:2]
    figures[f"publish_seconds_{months}m"] = refresh.publish_seconds
    figures[f"publish_share_of_refresh_{months}m"] = refresh.publish_seconds / refresh.seconds
    figures[f"published_mb_{months}m"] = refresh.published_mb


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
            """DuckDB alone, in a new process as our ingest is, into a new file."""
            (work / "bare.duckdb").unlink(missing_ok=True)
            load = (f"import duckdb\nwith duckdb.connect({str(work / 'bare.duckdb')!r}) as con:\n"
                    f"    con.execute(\"create table t as select * from read_csv('{january}')\")")
            run([str(BIN / "python"), "-c", load], work / "bare.duckdb")

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

        ours_seconds, bare_seconds = median_seconds(ours, bare, repeats=ONE_MONTH_REPEATS)
        figures["ingest_seconds_1m"] = ours_seconds
        figures["bare_duckdb_seconds_1m"] = bare_seconds
        figures["ingest_vs_bare_duckdb"] = ours_seconds / bare_seconds
        peer_seconds, pandas_duckdb_seconds = median_seconds(pandas_sqlite, pandas_duckdb, repeats=1)
        figures["peer_vs_ingest"] = peer_seconds / ours_seconds
        figures["pandas_duckdb_vs_ingest"] = pandas_duckdb_seconds / ours_seconds

        figures["peer_vs_bare_duckdb"] = peer_seconds / bare_seconds
        figures["peer_vs_ingest_share_of_bare"] = figures["peer_vs_ingest"] / figures["peer_vs_bare_duckdb"]

        # 2. From nothing: ingest + dbt build of the first 1, 12 and 23 real months (with every
        #    reference file); then the monthly refresh and the no-op floor at 1 and 23 months.
        #    Each build is a median of REPEATS, each from nothing: the 23-month one is the
        #    denominator of the 184-month ratio, so one slow or fast sample of it moves that ratio.
        real = [inventory.extracts[m].source.path for m in months]
        built: dict[int, Path] = {}
        for count in (1, 12, len(real)):
            landing, building, database = median_build(references, real[:count], work, f"first{count}")
            built[count] = database
            figures[f"build_seconds_{count}m"] = landing + building
            figures[f"dbt_build_seconds_{count}m"] = building
            if count == len(real):
                record_refresh(figures, count, median_refresh_and_noop(database, real[-1], work))
        last = f"{len(real)}m"
        # The no-op floor at 1 and at 23 months, the two builds in turn: their ratio says what
        # history adds to a build with nothing to do, and each alone moves by ±3 s between runs.
        figures["noop_build_seconds_1m"], figures[f"noop_build_seconds_{last}"] = median_seconds(
            lambda: dbt_build(built[1]), lambda: dbt_build(built[len(real)]))
        # A short build from nothing is mostly fixed cost (dbt's start, parse and a node per test):
        # this ratio says what the code adds to the machine's floor, wherever it runs.
        figures["build_12m_vs_noop_1m"] = figures["build_seconds_12m"] / figures["noop_build_seconds_1m"]
        figures["refresh_vs_noop"] = figures[f"refresh_seconds_{last}"] / figures[f"noop_beside_refresh_seconds_{last}"]
        figures["noop_23m_vs_1m"] = figures[f"noop_build_seconds_{last}"] / figures["noop_build_seconds_1m"]
        # The report's growth a month, between 12 and 23 real months: the pages' figures are packed
        # (gzip), which the relabelled history's repeating months below would flatter.
        _, figures["report_mb_12m"] = timed_report(built[12], work / "report-first")
        figures[f"report_seconds_{last}"], figures[f"report_mb_{last}"] = timed_report(built[len(real)], work / "report-first")
        figures["report_growth_mb_a_month"] = (figures[f"report_mb_{last}"] - figures["report_mb_12m"]) / (len(real) - 12)

        # 3. Scale: the 23 real months relabelled forward in time to a long history (months after the
        #    real ones, so the checks against NHS England's series still hold), from nothing.
        scaled = relabelled_history(real, SCALE_MONTHS, work / "scale")
        database = work / "scale.duckdb"
        scale = timed_build(references, scaled, database, work / "scale-folder")
        figures[f"build_seconds_{SCALE_MONTHS}m"] = scale.landing_seconds + scale.dbt_seconds
        figures[f"dbt_build_seconds_{SCALE_MONTHS}m"] = scale.dbt_seconds
        figures[f"peak_rss_mb_{SCALE_MONTHS}m"] = max(scale.landing_peak_mb, scale.dbt_peak_mb)
        figures[f"peak_rss_mb_{SCALE_MONTHS}m_landing"] = scale.landing_peak_mb
        figures[f"peak_rss_mb_{SCALE_MONTHS}m_dbt"] = scale.dbt_peak_mb
        record_refresh(figures, SCALE_MONTHS, median_refresh_and_noop(database, scaled[-1], work))
        # Landing is linear in months; the dbt build alone says what the models add as history grows.
        figures[f"dbt_build_{SCALE_MONTHS}m_vs_23m"] = (figures[f"dbt_build_seconds_{SCALE_MONTHS}m"]
                                                        / figures[f"dbt_build_seconds_{last}"])
        figures[f"refresh_{SCALE_MONTHS}m_vs_23m"] = (figures[f"refresh_seconds_{SCALE_MONTHS}m"]
                                                      / figures[f"refresh_seconds_{last}"])
        # What one more month costs to build, at length, against the mean month of the short history:
        # no month may cost more than a tenth extra as history grows. (The ratio of the two builds'
        # totals measured instead the share of fixed cost in the short one, which differs by machine.)
        figures["build_seconds_a_month_beyond_23m"] = ((figures[f"build_seconds_{SCALE_MONTHS}m"]
                                                        - figures[f"build_seconds_{last}"]) / (SCALE_MONTHS - len(real)))
        figures["build_seconds_a_month_at_23m"] = figures[f"build_seconds_{last}"] / len(real)
        figures["month_beyond_23m_vs_at_23m"] = (figures["build_seconds_a_month_beyond_23m"]
                                                 / figures["build_seconds_a_month_at_23m"])
        figures[f"report_seconds_{SCALE_MONTHS}m"], figures[f"report_mb_{SCALE_MONTHS}m"] = timed_report(
            database, work / "report-scale")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    shown = {name: f"{value:.2f}" if abs(value) >= 0.5 else f"{value:.3f}" for name, value in figures.items()}
    for name, value in shown.items():
        print(f"{name}={value}")
    print(f"\n{'figure':<34}{'value':>10}  target")
    for name, value in shown.items():
        print(f"{name:<34}{value:>10}  {TARGETS.get(name, '')}")
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}; "
          f"medians of {ONE_MONTH_REPEATS} for the one-month loads (ours and bare DuckDB in turn), of {REPEATS} "
          "for the 1-, 12- and 23-month builds, the refreshes (each with a no-op build after it, in turn) "
          "and the no-op builds (1 and 23 months in turn)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
