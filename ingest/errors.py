"""The one exception the ingest raises for bad input: its message names the file and the fault."""


class IngestError(Exception):
    """A problem that stops the run. The message is written for the analyst who runs it;
    `exit_code` is what the command exits with (1: bad input or no warehouse)."""

    exit_code = 1
