"""Write validated files into the `raw` schema: one transaction per file, so a month or a
reference table is replaced whole or not at all, and `raw.ingest_log` records what came from where."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb

from ingest import commissioner_workbook, rtt_layout
from ingest.commissioner_workbook import CommissionerWorkbook
from ingest.csv_source import file_sha256
from ingest.discover import ExtractFile, ReferenceFile
from ingest.manifest import Manifest, ReferenceDataset
from ingest.reference_readers import create_table, stage_reference
from ingest.validate import ArithmeticReport, validate_month
from rtt.errors import IngestError
from rtt.warehouse import Connection, quoted, table_exists

RTT_TABLE = "raw.rtt_full_extract"
WORKBOOK_TABLES = {  # sheet -> raw table
    commissioner_workbook.COMMISSIONER_SHEET: "raw.rtt_admitted_commissioner_workbook",
    commissioner_workbook.NATIONAL_SHEET: "raw.rtt_admitted_national_workbook",
    commissioner_workbook.NOTES_SHEET: "raw.rtt_admitted_workbook_notes",
}
LOG_TABLE = "raw.ingest_log"
LINEAGE_COLUMNS = {
    "source_file": "varchar",  # the file name as published (and the CSV inside, for a zip)
    "source_sha256": "varchar",  # of the file as found (the zip, not the CSV inside it)
    "loaded_at": "timestamp with time zone",
}


@dataclass(frozen=True)
class Landed:
    what: str  # the month (YYYY-MM) or the reference table
    source: str
    rows: int
    seconds: float
    arithmetic: ArithmeticReport | None = None


def create_raw_schema(con: Connection) -> None:
    counts = ",\n".join(f"    {rtt_layout.snake_case(c)} bigint" for c in rtt_layout.COUNT_COLUMNS)
    identifiers = ",\n".join(f"    {rtt_layout.snake_case(c)} varchar" for c in rtt_layout.IDENTIFIER_COLUMNS)
    lineage = ",\n".join(f"    {name} {kind}" for name, kind in LINEAGE_COLUMNS.items())
    con.execute("create schema if not exists raw")
    con.execute(f"create table if not exists {RTT_TABLE} (\n{identifiers},\n{counts},\n"
                f"    period_date date not null,\n{lineage}\n)")
    for sheet, table in WORKBOOK_TABLES.items():
        columns = (commissioner_workbook.NOTE_COLUMNS if sheet == commissioner_workbook.NOTES_SHEET
                   else commissioner_workbook.raw_columns(sheet == commissioner_workbook.COMMISSIONER_SHEET))
        described = ",\n".join(f"    {name} {kind}" for name, kind in columns + list(LINEAGE_COLUMNS.items()))
        con.execute(f"create table if not exists {table} (\n{described}\n)")
    con.execute(f"""create table if not exists {LOG_TABLE} (
        target_table varchar not null, period_date date, source_file varchar not null,
        source_sha256 varchar not null, content_fingerprint varchar, edition varchar, layout varchar,
        row_count bigint not null, arithmetic_breaks bigint, loaded_at timestamp with time zone not null,
        seconds double)""")


def create_empty_optional_tables(con: Connection, manifest: Manifest) -> list[ReferenceDataset]:
    """An optional dataset never landed gets its table, empty and typed as landing would type it,
    so the models that read it build; the model that needs its rows says so (see
    int_populations_by_ccg_month)."""
    created = []
    for dataset in manifest.references:
        if dataset.optional and not table_exists(con, dataset.table):
            create_reference_table(con, dataset, period_date=False)
            created.append(dataset)
    return created


def land_extract(con: Connection, extract: ExtractFile) -> Landed:
    """Replace the month in raw.rtt_full_extract, reading the file straight into it, and validate
    the rows there: all in one transaction, so a bad file leaves the month as it was."""
    started = time.perf_counter()
    layout = extract.layout
    types = {c: "BIGINT" if c in rtt_layout.COUNT_COLUMNS else "VARCHAR" for c in layout.columns}
    blanks = [f"blank_field_{number}" for number in range(1, extract.blank_fields + 1)]
    types.update({blank: "VARCHAR" for blank in blanks})
    sha256 = file_sha256(extract.source.path)
    this_month = f"(select * from {RTT_TABLE} where period_date = '{extract.month}')"
    with extract.source.relation(con, types, skip_lines=extract.header_line) as published:
        con.register("published_rows", published)
        try:
            with transaction(con):
                check_blank_fields_are_empty(con, blanks, extract.source.label)
                con.execute(f"delete from {RTT_TABLE} where period_date = ?", [extract.month])
                con.execute(
                    f"insert into {RTT_TABLE} by name select {layout.raw_select()}, ?::date as period_date, "
                    f"? as source_file, ? as source_sha256, ? as loaded_at from published_rows",
                    [extract.month, extract.source.label, sha256, now()])
                report = validate_month(con, this_month, extract.source.label, layout, extract.month)
                (rows,) = con.execute(f"select count(*) from {this_month}").fetchone()
                seconds = time.perf_counter() - started
                LogEntry(RTT_TABLE, extract.month, extract.source.label, sha256, rows, seconds,
                         fingerprint=extract.fingerprint, edition=extract.edition, layout=layout.name,
                         arithmetic_breaks=report.breaks).write(con)
        finally:
            con.unregister("published_rows")  # after the rollback: an aborted transaction refuses it
    return Landed(f"{extract.month:%Y-%m}", extract.source.label, rows, seconds, report)


def check_blank_fields_are_empty(con: Connection, blanks: list[str], label: str) -> None:
    """A field with no name in the header is dropped, so it must hold nothing."""
    for blank in blanks:
        found = con.execute(f"select {blank} from published_rows where nullif(trim({blank}), '') is not null "
                            "limit 1").fetchone()
        if found:
            raise IngestError(f"{label}: the header ends in an empty field, and a row holds '{found[0]}' there")


def land_workbook(con: Connection, workbook: CommissionerWorkbook) -> Landed:
    """Replace the month's rows from every sheet of an admitted commissioner workbook, together."""
    started = time.perf_counter()
    tables = commissioner_workbook.read_sheets(workbook)
    sha256 = workbook.fingerprint  # the file's SHA-256, computed once when it was found
    for sheet, table in ((commissioner_workbook.COMMISSIONER_SHEET, tables.commissioner),
                         (commissioner_workbook.NATIONAL_SHEET, tables.national),
                         (commissioner_workbook.NOTES_SHEET, tables.notes)):
        create_table(con, f"staged_{sheet.lower()}", table.columns, table.rows)
    with transaction(con):
        for sheet, target in WORKBOOK_TABLES.items():
            con.execute(f"delete from {target} where period_date = ?", [workbook.month])
            con.execute(f"insert into {target} by name select *, ? as source_file, ? as source_sha256, "
                        f"? as loaded_at from staged_{sheet.lower()}", [workbook.label, sha256, now()])
        rows = len(tables.commissioner.rows)
        seconds = time.perf_counter() - started
        LogEntry(WORKBOOK_TABLES[commissioner_workbook.COMMISSIONER_SHEET], workbook.month, workbook.label,
                 sha256, rows, seconds, fingerprint=workbook.fingerprint, edition=workbook.edition,
                 layout=commissioner_workbook.LAYOUT, arithmetic_breaks=tables.arithmetic.breaks).write(con)
    for sheet in WORKBOOK_TABLES:
        con.execute(f"drop table staged_{sheet.lower()}")
    return Landed(f"{workbook.month:%Y-%m} (workbook)", workbook.label, rows, seconds, tables.arithmetic)


def land_reference(con: Connection, reference: ReferenceFile) -> Landed:
    """Replace a reference table with the file's content, typed as the manifest says. A dataset
    published a file per year keeps one table: the file replaces its own year's rows (period_date,
    the first day of the year) and no other."""
    started = time.perf_counter()
    dataset, path = reference.dataset, reference.path
    stage_reference(con, dataset, path, "staged_reference")
    select = typed_select(con, dataset, "staged_reference", path.name)
    check_weighted_sums(con, dataset, "staged_reference", path.name)
    sha256 = file_sha256(path)
    period = edition_start(reference.edition) if reference.edition else None
    lineage = "? as source_file, ? as source_sha256, ? as loaded_at"
    try:
        with transaction(con):
            if period is None:
                con.execute(f"create or replace table {dataset.table} as select {select}, {lineage} "
                            "from staged_reference", [path.name, sha256, now()])
                (rows,) = con.execute(f"select count(*) from {dataset.table}").fetchone()
            else:
                create_reference_table(con, dataset, period_date=True)
                con.execute(f"delete from {dataset.table} where period_date = ?", [period])
                con.execute(f"insert into {dataset.table} by name select {select}, ?::date as period_date, {lineage} "
                            "from staged_reference", [period, path.name, sha256, now()])
                (rows,) = con.execute(f"select count(*) from {dataset.table} where period_date = ?",
                                      [period]).fetchone()
            seconds = time.perf_counter() - started
            LogEntry(dataset.table, period, path.name, sha256, rows, seconds, edition=reference.edition).write(con)
    except duckdb.Error as error:
        raise IngestError(f"{path.name}: could not be landed in {dataset.table} ({error})") from error
    con.execute("drop table staged_reference")
    return Landed(f"{dataset.table} {reference.edition}" if period else dataset.table, path.name, rows, seconds)


def edition_start(edition: str) -> date:
    """'2024/25' -> 1 April 2024: the allocation year as the first day of its financial year."""
    return date(int(edition[:4]), 4, 1)


def create_reference_table(con: Connection, dataset: ReferenceDataset, *, period_date: bool) -> None:
    """The table as landing types it, with every layout's columns (a file fills those of its own)."""
    columns = [(rtt_layout.snake_case(c), kind) for c, kind in dataset.published_columns()]
    columns += [("period_date", "date")] if period_date else []
    described = ", ".join(f"{quoted(name)} {kind}" for name, kind in columns + list(LINEAGE_COLUMNS.items()))
    con.execute(f"create table if not exists {dataset.table} ({described})")


def check_weighted_sums(con: Connection, dataset: ReferenceDataset, staged: str, label: str) -> None:
    """Each weighted column shares out the same people as the population column: the sums agree
    (to a millionth; the published files agree to about 1e-10)."""
    if not dataset.weighted_columns:
        return
    columns = [row[0] for row in con.execute(f"describe {staged}").fetchall()]
    (population,) = [c for c in columns if c in dataset.population_columns]
    weighted = [c for c in columns if re.fullmatch(dataset.weighted_columns, c)]
    sums = con.execute(f"select {', '.join(f'sum(try_cast({quoted(c)} as double))' for c in [population, *weighted])} "
                       f"from {staged}").fetchone()
    for column, total in zip(weighted, sums[1:]):
        if total is None or abs(total - sums[0]) > 1e-6 * abs(sums[0]):
            raise IngestError(f"{label}: column '{column}' sums to {total:,.1f} but the population '{population}' "
                              f"to {sums[0]:,.1f}; every weighted column of this file must sum to its population")


def typed_select(con: Connection, dataset, staged: str, label: str) -> str:
    """Columns renamed to snake_case; the manifest's integer and date columns cast, with a clear
    error naming the first value that is not one."""
    columns = [row[0] for row in con.execute(f"describe {staged}").fetchall()]
    parts = []
    for column in columns:
        source, target = quoted(column), quoted(rtt_layout.snake_case(column))
        if column in dataset.integers:
            cast, wanted = f"cast(nullif(trim({source}), '') as bigint)", "a whole number"
        elif column in dataset.numbers:
            cast, wanted = f"cast(nullif(trim({source}), '') as double)", "a number"
        elif column in dataset.dates:
            cast, wanted = f"strptime(nullif(trim({source}), ''), '{dataset.dates[column]}')::date", \
                f"a date like {dataset.dates[column]}"
        else:
            parts.append(f"{source} as {target}")
            continue
        bad = con.execute(f"select {source} from {staged} where {source} is not null and trim({source}) <> '' "
                          f"and try({cast}) is null limit 1").fetchone()
        if bad:
            raise IngestError(f"{label}: column '{column}' holds '{bad[0]}', expected {wanted}")
        parts.append(f"{cast} as {target}")
    return ", ".join(parts)


@dataclass(frozen=True)
class LogEntry:
    """One row of raw.ingest_log: what a file put in a table (for a month or a year, if the table
    is kept by period), written in the transaction that landed it."""

    table: str
    period: date | None
    source: str  # the file name as published
    sha256: str
    rows: int
    seconds: float
    fingerprint: str | None = None  # of the content, for an extract or workbook month
    edition: str | None = None
    layout: str | None = None
    arithmetic_breaks: int | None = None

    def write(self, con: Connection) -> None:
        """Replaces the entry of the same table and period."""
        con.execute(f"delete from {LOG_TABLE} where target_table = ? and period_date is not distinct from ?",
                    [self.table, self.period])
        con.execute(f"insert into {LOG_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [self.table, self.period, self.source, self.sha256, self.fingerprint, self.edition, self.layout,
                     self.rows, self.arithmetic_breaks, now(), self.seconds])


def now() -> datetime:
    return datetime.now(UTC)


class transaction:
    """`with transaction(con):` commits on success and rolls back on any error."""

    def __init__(self, con: Connection):
        self.con = con

    def __enter__(self):
        self.con.execute("begin transaction")

    def __exit__(self, kind, error, trace):
        self.con.execute("commit" if kind is None else "rollback")
        return False  # errors go on to the caller, which names the file
