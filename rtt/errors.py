"""The errors a command stops with. Each message is written for the analyst who runs it, naming the
file (or area, or warehouse) and what was wrong; `exit_code` is what the command exits with."""


class RttError(Exception):
    """Stops a command: 1 for bad input, a missing warehouse or an unknown area."""

    exit_code = 1


class IngestError(RttError):
    """A published file that cannot be landed as it is."""


class WarehouseLocked(RttError):
    """Another process holds the DuckDB file."""

    exit_code = 3
