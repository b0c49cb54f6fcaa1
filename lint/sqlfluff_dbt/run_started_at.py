"""dbt's `run_started_at` (a datetime), as far as the project's macros use it: a fixed time."""

from datetime import UTC, datetime

STARTED = datetime(2026, 1, 1, tzinfo=UTC)


def strftime(form: str) -> str:
    return STARTED.strftime(form)
