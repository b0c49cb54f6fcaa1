from datetime import date

import pytest

from rtt.months import MonthSelection, period_to_month


def test_ranges_and_single_months():
    selection = MonthSelection.parse("2021-11:2022-02,2024-01")
    assert selection.months() == [date(2021, 11, 1), date(2021, 12, 1), date(2022, 1, 1), date(2022, 2, 1),
                                  date(2024, 1, 1)]
    assert date(2021, 12, 1) in selection and date(2023, 12, 1) not in selection


@pytest.mark.parametrize("spec, message", [("2021-13", "not a month"), ("July 2021", "not a month"),
                                           ("2022-03:2021-07", "ends before it starts")])
def test_bad_month_specs_say_why(spec, message):
    with pytest.raises(ValueError, match=message):
        MonthSelection.parse(spec)


def test_periods():
    assert period_to_month("RTT-January-2026") == date(2026, 1, 1)
    assert period_to_month("RTT-Sep-2021") == date(2021, 9, 1)
    with pytest.raises(ValueError):
        period_to_month("January 2026")


def test_bad_months_option_is_a_usage_error(capsys):
    from ingest.cli import main
    with pytest.raises(SystemExit) as stop:
        main(["--months", "2021-7-1"])
    assert stop.value.code == 2
    assert "not a month" in capsys.readouterr().err
