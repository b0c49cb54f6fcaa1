"""`python -m rtt.publish`: build privately, test everything, publish atomically (`make build`).

    python -m rtt.publish [--full-refresh] [--vars YAML]   check, build, snapshot, draw, publish
    python -m rtt.publish --list                           the kept builds; * marks the published one
    python -m rtt.publish --rollback                       publish the one before it again

The steps, each of which must pass before the next starts: the writer's warehouse holds what the
models read (ingest.readiness); `dbt build` with every data test, on the writer's warehouse; the
published tables copied into a new snapshot; the exports, report and dbt docs drawn from that
snapshot's file; and only then the one rename that publishes it (rtt/snapshots.py). A step that
fails, or a run that is killed, publishes nothing: readers keep the build they had."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from rtt import command, config
from rtt.errors import RttError
from rtt.snapshots import KEEP, Publication, adopt_unpublished, new_build_id, write_published_file
from rtt.warehouse import DEFAULT_LOCK_WAIT_SECONDS

DBT = Path(sys.executable).parent / "dbt"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m rtt.publish", description=__doc__.split("\n\n")[0],
                                     epilog=command.EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="name the kept builds, their months and build time")
    action.add_argument("--rollback", action="store_true", help="publish again the build before the published one")
    parser.add_argument("--full-refresh", action="store_true", help="rebuild every month (dbt build --full-refresh)")
    parser.add_argument("--vars", metavar="YAML", help="dbt's --vars: the window and population source")
    parser.add_argument("--keep", type=int, default=KEEP, metavar="N",
                        help=f"published builds to keep for --rollback (default: $RTT_KEEP_BUILDS, else {KEEP})")
    parser.add_argument("--exports", type=Path, metavar="DIR", help="the published exports (default: exports/)")
    parser.add_argument("--report-dir", type=Path, metavar="DIR", help="the published report (default: build/report/)")
    parser.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_SECONDS, metavar="SECONDS",
                        help="how long each step waits for a file another program holds")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    publication = Publication.configured(args.exports, args.report_dir)
    return command.run("publish", lambda: act(args, publication))


def act(args: argparse.Namespace, publication: Publication) -> None:
    if args.list:  # reads only: answers during a build too
        published = publication.published_snapshot()
        for snapshot in publication.snapshots():
            mark = "*" if published and snapshot.build_id == published.build_id else " "
            print(f"{mark} {snapshot.describe()}")
        return
    with publication.lock():
        if args.rollback:
            print(f"published {publication.rollback(args.lock_wait).describe()} again at {publication.published}")
        else:
            build_and_publish(args, publication)


def build_and_publish(args: argparse.Namespace, publication: Publication) -> None:
    started, build_id = time.perf_counter(), new_build_id()
    writer = config.warehouse_path()
    if writer.resolve() == publication.published.resolve():
        raise RttError(f"{writer}: the writer's warehouse cannot be the published file (unset RTT_WAREHOUSE_PATH)")
    for left in publication.clear_leftovers():
        print(f"removed {left}, left by a run that did not finish")
    adopt_unpublished(publication.published, writer)
    try:
        env = {**os.environ, "RTT_WAREHOUSE_PATH": str(writer), "RTT_DUCKDB_PATH": str(publication.published)}
        lock_wait = ["--lock-wait", str(args.lock_wait)]
        step("the check of the writer's warehouse", [sys.executable, "-m", "ingest.readiness", *lock_wait], env)
        step("dbt build", [str(DBT), "build", "--exclude-resource-type", "unit_test",
                           *(["--full-refresh"] if args.full_refresh else []), *(["--vars", args.vars] if args.vars else [])],
             env)
        candidate = publication.new_candidate(build_id)
        published_file = candidate / publication.published.name
        build = write_published_file(writer, published_file, {
            "build": build_id, "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "dbt_vars": args.vars, "commit": git_commit()})
        step("the exports and report", [
            sys.executable, "-m", "report", "--duckdb", str(published_file), "--exports", str(candidate / "exports"),
            "--report", str(candidate / "report" / "index.html"), "--dbt-docs", *lock_wait], env)
        snapshot = publication.commit(candidate, {**build, "seconds": round(time.perf_counter() - started)})
        publication.publish(snapshot, args.lock_wait)
    except (RttError, duckdb.Error, OSError) as error:
        reason = str(error) if isinstance(error, RttError) else f"{type(error).__name__}: {error}"
        stop = RttError(f"{reason}. Nothing was published: {still_published(publication)}")
        stop.exit_code = getattr(error, "exit_code", 1)
        raise stop from error
    print(f"published build {snapshot.describe()}: {publication.published}, its exports in "
          f"{publication.exports} and its report {publication.report / 'index.html'}")
    try:  # published already: a failure here is only a warning
        removed = publication.prune(args.keep)
    except OSError as error:
        print(f"publish: could not remove older builds ({error}); the next build tries again", file=sys.stderr)
        return
    if removed:
        print(f"removed {len(removed)} older build(s), keeping {args.keep}")


def step(what: str, argv: list[str], env: dict[str, str]) -> None:
    """Run one step in its own process (its output shown as it comes); stop if it failed."""
    done = subprocess.run(argv, cwd=config.PROJECT_ROOT, env=env)
    if done.returncode < 0:
        raise RttError(f"{what} was killed (signal {-done.returncode})")
    if done.returncode:
        raise RttError(f"{what} failed (exit code {done.returncode}; its messages are above)")


def still_published(publication: Publication) -> str:
    published = publication.published_snapshot()
    if published is None:
        return f"{publication.published} has no published build yet"
    return f"{publication.published} still holds build {published.describe()}"


def git_commit() -> str | None:
    """The project's commit, when it is a git clone: which code built the marts."""
    git = shutil.which("git")
    if git is None:
        return None
    done = subprocess.run([git, "rev-parse", "--short", "HEAD"], cwd=config.PROJECT_ROOT, capture_output=True, text=True)
    return done.stdout.strip() or None


if __name__ == "__main__":
    raise SystemExit(main())
