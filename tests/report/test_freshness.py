"""The freshness line: NHS England publishes a month's RTT data on the second Thursday of the
second month after it."""

from datetime import date

from report.freshness import freshness_line, publication_date


def test_publication_is_the_second_thursday_two_months_on():
    assert publication_date(date(2026, 1, 1)) == date(2026, 3, 12)  # Thursdays of March 2026: 5, 12
    assert publication_date(date(2025, 11, 1)) == date(2026, 1, 8)  # across a year: 1 and 8 January 2026
    assert publication_date(date(2026, 2, 1)) == date(2026, 4, 9)


def test_a_missing_month_is_named_once_it_is_due():
    assert freshness_line(date(2026, 2, 1), date(2026, 5, 13)).startswith(
        "Latest month loaded: February 2026, up to date (March 2026 is due on 14 May 2026)")
    due = freshness_line(date(2026, 2, 1), date(2026, 5, 14))
    assert "March 2026 should have been published on 14 May 2026" in due and '--months 2026-03' in due
