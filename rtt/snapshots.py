"""Write, audit, publish: where builds go, and how one becomes what readers open.

The ingest and dbt write the writer's warehouse, which no reader opens. A build whose every data
test passed is copied out into a snapshot: the schemas readers use (the marts and the seeds) in a
file of their own, with the exports and the report drawn from that same file. Publishing points
the published names at the snapshot by renaming one link, so readers see the old build or the new
one, never a mix; a reader holding the old file keeps it (an open file outlives its name) until
it reconnects. Beside the published file, `rtt.duckdb`:

    rtt.duckdb                        -> rtt.duckdb.builds/current/rtt.duckdb
    rtt.duckdb.builds/current         -> snapshots/<build id>       (the one rename that publishes)
    rtt.duckdb.builds/snapshots/<id>/   rtt.duckdb, exports/, report/, build.json
    rtt.duckdb.builds/partial-<id>/     a snapshot being written: a failed run leaves it, the next removes it
    rtt.duckdb.builds/warehouse.duckdb  the writer's warehouse (raw to marts)

and the exports and report folders (exports/, build/report/) link to current/exports and
current/report. Nothing is copied to publish, so publishing costs the same at any number of months.

Windows cannot rename over a file that a program holds open, nor make links without privileges:
there publishing copies the snapshot over the published names, waiting (bounded) for readers to
let go, and says who holds the file if they do not."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from rtt import config
from rtt.errors import RttError, WarehouseLocked
from rtt.warehouse import (
    DEFAULT_LOCK_WAIT_SECONDS,
    MEMORY_LIMIT,
    STORAGE_COMPATIBILITY_VERSION,
    locked_message,
    quoted,
)

try:
    import fcntl
except ImportError:  # Windows: one build at a time is the user's to keep
    fcntl = None

KEEP = int(os.environ.get("RTT_KEEP_BUILDS", "3"))  # published snapshots kept for --rollback
BUILD_TABLE = "published.build"  # in every published file: which build it is
LINKS_BY_SYMLINK = os.name != "nt"


def published_tables() -> list[str]:
    """What readers get: every mart and seed the project defines, by name, so a table a deleted
    model left in the writer's warehouse is never published."""
    marts = [f"marts.{path.stem}" for path in (config.PROJECT_ROOT / "models" / "marts").rglob("*.sql")]
    seeds = [f"seeds.{path.stem}" for path in (config.PROJECT_ROOT / "seeds").glob("*.csv")]
    return sorted(marts + seeds)


def new_build_id() -> str:
    """The time it started, to the millisecond: names sort in the order builds ran."""
    now = datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S") + f".{now.microsecond // 1000:03d}Z"


def write_published_file(writer: Path, target: Path, build: dict) -> dict:
    """The published tables copied from the writer's warehouse (opened read-only) into a new file,
    with `published.build` naming the build; returns `build` with the loaded months added."""
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT})
    try:
        con.execute(f"attach '{writer}' as warehouse (read_only)")
        con.execute(f"attach '{target}' as snapshot (storage_version '{STORAGE_COMPATIBILITY_VERSION}')")
        present = {f"{schema}.{name}" for schema, name in con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'warehouse'").fetchall()}
        missing = [table for table in published_tables() if table not in present]
        if missing:
            raise RttError(f"{writer}: the build left no {', '.join(missing)}; nothing to publish")
        for table in published_tables():
            schema, name = table.split(".")
            con.execute(f"create schema if not exists snapshot.{schema}")
            con.execute(f"create table snapshot.{schema}.{quoted(name)} as from warehouse.{schema}.{quoted(name)}")
        first, last, count = con.execute(
            "select strftime(min(month), '%Y-%m'), strftime(max(month), '%Y-%m'), count(*) "
            "from warehouse.marts.loaded_months").fetchone()
        build = {**build, "months": {"first": first, "last": last, "count": count}}
        con.execute("create schema snapshot.published")
        con.execute(f"create table snapshot.{BUILD_TABLE} as select ?::varchar as build_id, ?::timestamp as built_at, "
                    "?::varchar as first_month, ?::varchar as last_month, ?::integer as months, ?::json as details",
                    [build["build"], build["built_at"], first, last, count, json.dumps(build)])
        con.execute("detach snapshot")
    finally:
        con.close()
    return build


@dataclass(frozen=True)
class Snapshot:
    folder: Path

    @property
    def build_id(self) -> str:
        return self.folder.name

    @property
    def info(self) -> dict:
        path = self.folder / "build.json"
        return json.loads(path.read_text()) if path.exists() else {"build": self.build_id}

    def describe(self) -> str:
        info = self.info  # read once: build.json
        months = info.get("months", {})
        return (f"{self.build_id}  months {months.get('first')} to {months.get('last')} ({months.get('count')}), "
                f"built {info.get('built_at', '?')} in {info.get('seconds', '?')} s")


@dataclass(frozen=True)
class Publication:
    """The published names (the file readers open, the exports and report folders) and the builds
    folder beside the file."""

    published: Path
    exports: Path
    report: Path

    @classmethod
    def configured(cls, exports: Path | None = None, report: Path | None = None) -> Publication:
        return cls(config.duckdb_path(), (exports or config.EXPORTS).absolute(),
                   (report or config.REPORT.parent).absolute())

    @property
    def builds(self) -> Path:
        return config.builds_dir(self.published)

    @property
    def current(self) -> Path:
        return self.builds / "current"

    @property
    def snapshots_folder(self) -> Path:
        return self.builds / "snapshots"

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One build or publish at a time. The kernel drops the lock with its process, so a killed
        run leaves none behind."""
        self.builds.mkdir(parents=True, exist_ok=True)
        if fcntl is None:
            yield
            return
        path = self.builds / "publish.lock"
        with open(path, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                raise WarehouseLocked(f"{self.builds} is in use by process {handle.read().strip() or '?'} "
                                      "(another `make run`, build or publish); wait for it to end") from None
            handle.truncate(0)
            handle.write(str(os.getpid()))
            handle.flush()
            yield

    def clear_leftovers(self) -> list[Path]:
        """Remove what a failed or killed run left: half-written snapshots, and snapshots whose
        removal it had begun (each is renamed partial-* before it is deleted)."""
        left = list(self.builds.glob("partial-*"))
        for path in left:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        return left

    def new_candidate(self, build_id: str) -> Path:
        candidate = self.builds / f"partial-{build_id}"
        candidate.mkdir(parents=True)
        return candidate

    def commit(self, candidate: Path, build: dict) -> Snapshot:
        """A finished candidate becomes a snapshot (not yet published)."""
        recorded = json.dumps(build, indent=2) + "\n"
        (candidate / "build.json").write_text(recorded)
        if (candidate / "exports").is_dir():  # a BI tool reading the exports alone can tell the build too
            (candidate / "exports" / "build.json").write_text(recorded)
        (candidate / self.published.name).chmod(0o444)  # a client that opens it read-write cannot change a build
        sync_tree(candidate)
        self.snapshots_folder.mkdir(exist_ok=True)
        snapshot = self.snapshots_folder / build["build"]
        os.replace(candidate, snapshot)
        sync_folder(self.snapshots_folder)
        return Snapshot(snapshot)

    def snapshots(self) -> list[Snapshot]:
        """Oldest first."""
        if not self.snapshots_folder.is_dir():
            return []
        return [Snapshot(folder) for folder in sorted(self.snapshots_folder.iterdir()) if folder.is_dir()]

    def published_snapshot(self) -> Snapshot | None:
        if LINKS_BY_SYMLINK:
            return Snapshot(self.current.resolve()) if self.current.is_symlink() else None
        marker = self.builds / "current.txt"
        return Snapshot(self.snapshots_folder / marker.read_text().strip()) if marker.exists() else None

    def publish(self, snapshot: Snapshot, wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS) -> None:
        if not LINKS_BY_SYMLINK:
            return self._publish_by_copy(snapshot, wait_seconds)
        self._link(self.current, Path("snapshots") / snapshot.build_id)  # this rename publishes
        # The names readers use link through `current`: made by the first publish, unchanged after.
        for name, inside in ((self.published, self.published.name), (self.exports, "exports"),
                             (self.report, "report")):
            target = Path(os.path.relpath(self.current / inside, name.parent))
            if not name.is_symlink() or Path(os.readlink(name)) != target:
                self._link(name, target)

    def _link(self, name: Path, target: Path) -> None:
        """Point `name` at `target` with one rename in its folder. A folder an older version of
        the project wrote in place (exports/, build/report/) is moved aside first, once, and
        removed after (or by the next run's clear_leftovers, if this one is killed)."""
        name.parent.mkdir(parents=True, exist_ok=True)
        swap = name.with_name(f".{name.name}.swap")
        swap.unlink(missing_ok=True)
        swap.symlink_to(target)
        aside = None
        if name.is_dir() and not name.is_symlink():
            aside = self.builds / f"partial-{name.name}-before-publishing"
            os.replace(name, aside)
        os.replace(swap, name)
        sync_folder(name.parent)
        if aside:
            shutil.rmtree(aside)

    def _publish_by_copy(self, snapshot: Snapshot, wait_seconds: float) -> None:
        """All three copied first, so that only the replacing can be cut short by a reader."""
        pairs = [(snapshot.folder / self.published.name, self.published),
                 (snapshot.folder / "exports", self.exports), (snapshot.folder / "report", self.report)]
        for source, name in pairs:
            incoming = name.with_name(name.name + ".swap")
            if incoming.is_dir():
                shutil.rmtree(incoming)
            copy = shutil.copytree if source.is_dir() else shutil.copyfile
            copy(source, incoming)
        for _, name in pairs:
            replace_waiting(name.with_name(name.name + ".swap"), name, wait_seconds)
        (self.builds / "current.txt").write_text(snapshot.build_id)

    def rollback(self, wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS) -> Snapshot:
        """Publish the newest whole snapshot older than the published one, and withdraw the
        published one (and any newer): a withdrawn build is never published again by a later
        rollback, nor kept by pruning in place of a good one."""
        published, kept = self.published_snapshot(), self.snapshots()
        older = [s for s in kept if (published is None or s.build_id < published.build_id)
                 and (s.folder / self.published.name).is_file() and (s.folder / "build.json").is_file()]
        if not older:
            raise RttError(f"{self.builds}: no earlier published build to roll back to "
                           f"({len(kept)} kept: {', '.join(s.build_id for s in kept) or 'none'})")
        self.publish(older[-1], wait_seconds)
        for withdrawn in kept:
            if withdrawn.build_id > older[-1].build_id:
                self._discard(withdrawn)
        return older[-1]

    def prune(self, keep: int = KEEP) -> list[Snapshot]:
        """Remove the oldest snapshots beyond `keep`, never the published one. A reader still
        holding a removed file keeps reading it until it closes it."""
        published = self.published_snapshot()
        kept = self.snapshots()
        removed = [s for s in kept[:max(len(kept) - keep, 0)]
                   if published is None or s.build_id != published.build_id]
        for snapshot in removed:
            self._discard(snapshot)
        return removed

    def _discard(self, snapshot: Snapshot) -> None:
        """Out of the kept list in one rename, then deleted: a kill midway leaves a partial-*
        folder for the next run to remove, never half a snapshot to roll back to."""
        doomed = self.builds / f"partial-removed-{snapshot.build_id}"
        os.replace(snapshot.folder, doomed)
        shutil.rmtree(doomed)


def inside_a_snapshot(path: Path) -> bool:
    """Whether `path` (resolved) lies in a kept snapshot, which nothing may write after it is made."""
    return any(folder.name == "snapshots" and folder.parent.name.endswith(config.BUILDS_SUFFIX)
               for folder in path.resolve().parents)


def adopt_unpublished(published: Path, writer: Path) -> bool:
    """A warehouse built before publishing existed was written where readers look: its copy becomes
    the writer's warehouse once, so its months need not be landed again."""
    if writer.exists() or not published.is_file() or published.is_symlink():
        return False
    writer.parent.mkdir(parents=True, exist_ok=True)
    wal = published.with_name(published.name + ".wal")  # what it last committed may be here alone
    if wal.exists():
        shutil.copyfile(wal, writer.with_name(writer.name + ".wal"))
    part = writer.with_name(f"{writer.name}.part-{os.getpid()}")
    shutil.copyfile(published, part)
    with open(part, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(part, writer)
    print(f"{published} was built before publishing: copied to {writer}, the writer's warehouse from now on")
    return True


def replace_waiting(incoming: Path, name: Path, wait_seconds: float) -> None:
    """os.replace, retried while another program holds `name` open (Windows), then a clear stop."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            if name.is_dir():
                shutil.rmtree(name)
            os.replace(incoming, name)
            return
        except PermissionError as error:
            if time.monotonic() >= deadline:
                raise WarehouseLocked(locked_message(name, str(error), wait_seconds)) from error
            time.sleep(0.5)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable: a power cut never brings back the old name."""
    if LINKS_BY_SYMLINK:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def sync_tree(folder: Path) -> None:
    """Every file under `folder` on disk before its snapshot is named."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
        elif path.is_dir():
            sync_folder(path)
