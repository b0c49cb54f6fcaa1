"""One CSV as published: a plain file, a gzipped file, or a CSV inside a zip (which may hold
several, compressed or stored).

A zip's CSV is streamed from the archive into DuckDB, never extracted to disk.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import duckdb

from rtt.errors import IngestError
from rtt.warehouse import Connection

CSV_SUFFIXES = (".csv", ".csv.gz", ".zip")
_PEEK_BYTES = 256 * 1024


@dataclass(frozen=True)
class CsvSource:
    path: Path
    member: str | None = None  # the CSV inside a zip archive

    @property
    def label(self) -> str:
        """How messages name the file: the file name, and the member for a zip."""
        return f"{self.path.name} ({self.member})" if self.member else self.path.name

    @classmethod
    def all_from_path(cls, path: Path) -> list[CsvSource]:
        """Every CSV a file holds: itself, or each CSV inside a zip (none for a zip of other files)."""
        if path.stat().st_size == 0:
            raise IngestError(f"{path.name}: the file is empty")
        if not path.name.lower().endswith(".zip"):
            return [cls(path)]
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m.filename for m in archive.infolist() if m.filename.lower().endswith(".csv")]
        except zipfile.BadZipFile as error:
            raise IngestError(f"{path.name}: not a readable zip archive ({error})") from error
        return [cls(path, member) for member in members]

    @classmethod
    def from_path(cls, path: Path) -> CsvSource:
        """The one CSV a file holds (a reference dataset's zip holds one)."""
        sources = cls.all_from_path(path)
        if len(sources) != 1:
            raise IngestError(f"{path.name}: expected one CSV inside the zip, found {len(sources)}")
        return sources[0]

    def open(self) -> IO[bytes]:
        """A binary stream of the CSV text. The caller closes it."""
        if self.member:
            archive = zipfile.ZipFile(self.path)
            return _ClosingMember(archive.open(self.member), archive)
        if self.path.name.lower().endswith(".gz"):
            return gzip.open(self.path, "rb")
        return open(self.path, "rb")

    def peek_rows(self, count: int = 2) -> list[list[str]]:
        """The first `count` rows (the header first), read from the start of the stream only."""
        try:
            with self.open() as stream:
                head = stream.read(_PEEK_BYTES)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as error:
            raise IngestError(f"{self.label}: cannot be read; is it truncated or corrupt? ({error})") from error
        if not head.strip():
            raise IngestError(f"{self.label}: the file is empty")
        text = head.decode("utf-8-sig", errors="replace")
        lines = text.splitlines()[:count]
        return [row for row in csv.reader(lines)]

    def content_fingerprint(self) -> str:
        """Identifies the CSV text itself, so one month found as a zip and as a .csv.gz counts once.

        Zip and gzip both record the CRC-32 and length of the uncompressed text, so this
        costs no decompression; a plain CSV is read once to compute them.
        """
        if self.member:
            with zipfile.ZipFile(self.path) as archive:
                info = archive.getinfo(self.member)
                return f"crc32:{info.CRC:08x}/{info.file_size}"
        if self.path.name.lower().endswith(".gz"):
            with open(self.path, "rb") as handle:
                handle.seek(-8, io.SEEK_END)
                trailer = handle.read(8)
            crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
            return f"crc32:{crc:08x}/{size % 2**32}"
        crc, size = 0, 0
        with open(self.path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                crc, size = zlib.crc32(chunk, crc), size + len(chunk)
        return f"crc32:{crc:08x}/{size % 2**32}"

    @contextmanager
    def relation(self, con: Connection, columns: dict[str, str] | None = None, header: bool = True,
                 skip_lines: int = 0) -> Iterator[duckdb.DuckDBPyRelation]:
        """The CSV as a DuckDB relation, with the given column types (all text if None), from the
        header after `skip_lines` lines of front matter. Errors raised while it is read inside the
        `with` block name this file."""
        options = dict(header=header, delimiter=",", quotechar='"', escapechar='"', skiprows=skip_lines)
        if columns is not None:
            # The layout is already known from the header: no sniffing, so a short row is an error.
            options.update(columns=columns, auto_detect=False)
        else:
            options["all_varchar"] = True
        stream = self.open() if self.member else None
        try:
            yield con.read_csv(stream if stream else str(self.path), **options)
        except duckdb.Error as error:
            raise IngestError(f"{self.label}: {summarise_duckdb_error(error)}") from error
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as error:
            raise IngestError(f"{self.label}: cannot be read to the end ({error}); is it truncated?") from error
        finally:
            if stream:
                stream.close()

    def read_into(self, con: Connection, table: str, columns: dict[str, str] | None = None,
                  header: bool = True) -> None:
        """Create temp table `table` from this CSV."""
        with self.relation(con, columns, header) as rows:
            con.register("csv_rows", rows)
            try:
                con.execute(f"create or replace temp table {table} as select * from csv_rows")
            finally:
                con.unregister("csv_rows")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def summarise_duckdb_error(error: Exception) -> str:
    """DuckDB's CSV errors end in a page of reader settings; keep the lines that say what was wrong."""
    lines = []
    for line in str(error).splitlines():
        if not line.strip() or line.startswith(("Column ", "This type", "Possible fixes", "* ")):
            break
        lines.append(line.strip()[:160] + ("…" if len(line.strip()) > 160 else ""))
    return " | ".join(lines) or str(error)


class _ClosingMember(io.BufferedIOBase):
    """A zip member's stream that also closes its archive."""

    def __init__(self, member: IO[bytes], archive: zipfile.ZipFile):
        super().__init__()
        self._member, self._archive = member, archive

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._member.read(size)

    def read1(self, size: int = -1) -> bytes:
        return self._member.read1(size)

    def readinto(self, buffer) -> int:
        return self._member.readinto(buffer)

    def close(self) -> None:
        self._member.close()
        self._archive.close()
        super().close()
