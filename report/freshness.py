"""Whether a newer RTT month should already be out. NHS England publishes each month's RTT data
on the second Thursday of the second month after it (January's in March), its usual schedule for
the monthly performance statistics."""

from __future__ import annotations

import calendar
from datetime import date

from rtt.months import add_months


def second_thursday(year: int, month: int) -> date:
    thursdays = [week[calendar.THURSDAY] for week in calendar.monthcalendar(year, month) if week[calendar.THURSDAY]]
    return date(year, month, thursdays[1])


def publication_date(month: date) -> date:
    """When NHS England usually publishes the RTT data for `month`."""
    published = add_months(month, 2)
    return second_thursday(published.year, published.month)


def freshness_line(latest: date, today: date) -> str:
    newer = add_months(latest, 1)
    due = publication_date(newer)
    if today >= due:
        return (f"Latest month loaded: {latest:%B %Y}. {newer:%B %Y} should have been published on {due:%-d %B %Y}: "
                f'run `make run INGEST_ARGS="--months {newer:%Y-%m}"` to add it.')
    return f"Latest month loaded: {latest:%B %Y}, up to date ({newer:%B %Y} is due on {due:%-d %B %Y})."
