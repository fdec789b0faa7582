"""The demo events fall on working days (helgfria vardagar), whatever day the demo is
loaded on: around Christmas, Easter and midsummer too."""

import datetime

import pytest

from kvinnofrid.events.demo import demo_event_specs, working_day
from kvinnofrid.supportlines.calendar import is_helgfri_vardag

# A year and a half of loading days, Christmas 2026, Easter and midsummer 2027 included.
LOADING_DAYS = [datetime.date(2026, 6, 1) + datetime.timedelta(days=n) for n in range(0, 550, 3)]


@pytest.mark.parametrize("today", LOADING_DAYS, ids=str)
def test_every_demo_occasion_and_deadline_is_on_a_working_day(today):
    for spec in demo_event_specs(today=today):
        dates = [occasion.date for occasion in spec["occasions"]]
        for day in dates:
            assert is_helgfri_vardag(day), (spec["slug"], day)
        assert dates == sorted(set(dates)), spec["slug"]  # distinct days, in order
        if "deadline" in spec:
            deadline = working_day(spec["deadline"], today=today)
            assert is_helgfri_vardag(deadline) and today < deadline < dates[0], spec["slug"]


def test_working_days_skip_weekends_holidays_and_the_eves():
    # From Friday 18 December 2026: julafton (Thu), juldagen, annandag jul (Sat) and the
    # weekend fall out, Monday 21 to Wednesday 23 and then Monday 28 December count.
    friday = datetime.date(2026, 12, 18)
    assert [working_day(n, today=friday) for n in (1, 3, 4)] == [
        datetime.date(2026, 12, 21),
        datetime.date(2026, 12, 23),
        datetime.date(2026, 12, 28),
    ]
    assert working_day(-1, today=datetime.date(2026, 12, 28)) == datetime.date(2026, 12, 23)
