"""Opening the DuckDB file. DuckDB allows one writer, and any open connection blocks a writer:
a writer waits a short, bounded time for the file, then says who holds it and what to do."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from rtt.errors import RttError, WarehouseLocked

DEFAULT_LOCK_WAIT_SECONDS = 20.0
# DuckDB's default (80% of RAM) lets its cache of written blocks grow with every month landed
# (4.7 GB for 23 months); those blocks are on disk already, so a limit bounds memory for little
# time. RTT_DUCKDB_MEMORY_LIMIT overrides it.
MEMORY_LIMIT = os.environ.get("RTT_DUCKDB_MEMORY_LIMIT", "2GB")
# The storage format a new warehouse file is written in. DuckDB 2.0 writes by default a format
# only 2.0 reads, while the clients analysts use (the CLI on PyPI, DBeaver's JDBC driver, R, Node,
# ODBC) are DuckDB 1.x. v1.0.0 is the oldest format DuckDB 2.0 offers (DuckDB 0.10 and later read
# it) and nothing the warehouse stores needs a newer one. A file keeps its format whoever writes
# to it later; profiles.yml sets the same for dbt, which a test holds equal to this.
STORAGE_COMPATIBILITY_VERSION = "v1.0.0"
# No merging of half-full row groups at checkpoints (DuckDB's vacuum). Each month lands as its
# own row groups, about one and a half of them, and the first checkpoint after landing 184
# months merged the raw table's 342 row groups into 316: 44 s and 4 GB of temporary files, paid
# by whichever program checkpointed next (a dbt build: 142-183 s with it, 98 s without). Row
# groups a delete empties (a revised month) are still freed; what stays is about 1.9 row groups
# a month instead of 1.5. profiles.yml sets the same for dbt, which a test holds equal to this.
MAX_VACUUM_TASKS = 0


Connection = duckdb.DuckDBPyConnection


def connect(path: Path, *, read_only: bool = False, wait_seconds: float = DEFAULT_LOCK_WAIT_SECONDS) -> Connection:
    if read_only and not path.exists():
        raise RttError(f"{path}: no warehouse here yet; build it with `make run` (or set RTT_DUCKDB_PATH)")
    if not read_only:  # the writer's warehouse lives in a folder a clean clone does not have yet
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config={
                "memory_limit": MEMORY_LIMIT, "storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION,
                "max_vacuum_tasks": MAX_VACUUM_TASKS})
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise RttError(f"{path}: cannot open the warehouse ({error})") from error
            if time.monotonic() >= deadline:
                raise WarehouseLocked(locked_message(path, str(error), wait_seconds)) from error
            time.sleep(0.5)


def locked_message(path: Path, detail: str, waited: float) -> str:
    holder = re.search(r"PID (\d+)", detail)
    who = f"process {holder.group(1)}" if holder else "another process"
    return (
        f"{path} is held by {who} (waited {waited:.0f} s). DuckDB lets one program write while no other "
        f"has the file open. Close that program (a DuckDB CLI, notebook, BI tool or another `make run`), "
        f"or read the exports/ files instead, then run again. To see what holds it: `fuser {path}`."
    )


def table_exists(con: Connection, table: str) -> bool:
    """Whether `schema.table` is in the warehouse."""
    schema, name = table.split(".")
    return con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                       [schema, name]).fetchone()[0] > 0


def quoted(identifier: str) -> str:
    """An identifier as DuckDB quotes it: published column names hold spaces, % and >."""
    return '"' + identifier.replace('"', '""') + '"'
