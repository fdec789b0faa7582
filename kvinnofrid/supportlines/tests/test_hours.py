from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from kvinnofrid.supportlines.hours import (
    OpeningHours,
    SpecialDay,
    Status,
    WeeklyInterval,
    describe_status,
    status_at,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
T = time.fromisoformat


def at(text: str) -> datetime:
    """A Stockholm wall-clock moment; fold=0, the first occurrence of an ambiguous time."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def weekly(days, opens: str, closes: str) -> list[WeeklyInterval]:
    return [WeeklyInterval(weekday=d, opens=T(opens), closes=T(closes)) for d in days]


def elapsed(start: datetime, end: datetime) -> timedelta:
    # Subtracting two datetimes that share a tzinfo compares wall clocks, not real time.
    return end.astimezone(UTC) - start.astimezone(UTC)


def describe(hours: OpeningHours, moment: datetime) -> str:
    with translation.override("sv"):
        return describe_status(status_at(hours, moment=moment), now=moment)


# The national support phone on honour-related violence: non-holiday weekdays 09:00–16:00.
HONOUR_LINE = OpeningHours(weekly=weekly(range(5), "09:00", "16:00"))
EMERGENCY = OpeningHours(always_open=True)


def closed_until(text: str) -> Status:
    return Status(is_open=False, next_opening=at(text))


def test_the_honour_line_is_open_on_a_tuesday_morning_and_closes_at_four():
    status = status_at(HONOUR_LINE, moment=at("2026-03-10T10:00"))
    assert status == Status(is_open=True, closes_at=at("2026-03-10T16:00"))
    assert describe(HONOUR_LINE, at("2026-03-10T10:00")) == "Öppet nu – stänger 16:00"


def test_the_honour_line_is_closed_on_friday_evening_until_monday():
    assert status_at(HONOUR_LINE, moment=at("2026-03-13T17:00")) == closed_until("2026-03-16T09:00")
    assert describe(HONOUR_LINE, at("2026-03-13T17:00")) == "Stängt – öppnar måndag 09:00"


def test_it_says_today_and_tomorrow():
    assert describe(HONOUR_LINE, at("2026-03-10T07:30")) == "Stängt – öppnar i dag 09:00"
    assert describe(HONOUR_LINE, at("2026-03-10T16:00")) == "Stängt – öppnar i morgon 09:00"


def test_it_opens_at_the_exact_minute_and_is_closed_at_the_closing_minute():
    assert status_at(HONOUR_LINE, moment=at("2026-03-10T09:00")).is_open
    assert not status_at(HONOUR_LINE, moment=at("2026-03-10T16:00")).is_open


def test_over_christmas_the_honour_line_reopens_on_monday_the_28th():
    # 24 julafton (eve, closed), 25 juldagen, 26 annandag jul, 27 a Sunday.
    assert status_at(HONOUR_LINE, moment=at("2026-12-23T17:00")) == closed_until("2026-12-28T09:00")


def test_over_new_year_it_reopens_after_the_weekend():
    assert status_at(HONOUR_LINE, moment=at("2026-12-30T17:00")) == closed_until("2027-01-04T09:00")


def test_trettondedag_jul_keeps_it_closed_until_the_seventh():
    assert status_at(HONOUR_LINE, moment=at("2027-01-05T17:00")) == closed_until("2027-01-07T09:00")


def test_over_easter_it_reopens_on_the_tuesday_after_annandag_pask():
    assert status_at(HONOUR_LINE, moment=at("2026-04-02T17:00")) == closed_until("2026-04-07T09:00")
    assert describe(HONOUR_LINE, at("2026-04-02T17:00")) == "Stängt – öppnar tisdag 09:00"


def test_a_line_closed_from_christmas_to_epiphany_says_the_date():
    closed = [SpecialDay(day=date(2026, 12, 28) + timedelta(days=n)) for n in range(10)]
    hours = OpeningHours(weekly=weekly(range(5), "09:00", "16:00"), special_days=closed)
    assert status_at(hours, moment=at("2026-12-23T17:00")) == closed_until("2027-01-07T09:00")
    assert describe(hours, at("2026-12-23T17:00")) == "Stängt – öppnar 7 januari 09:00"


def test_a_long_closure_gives_the_reopening_with_its_year():
    closed = [SpecialDay(day=date(2026, 1, 1) + timedelta(days=n)) for n in range(300)]
    hours = OpeningHours(weekly=weekly(range(5), "09:00", "16:00"), special_days=closed)
    assert status_at(hours, moment=at("2026-01-01T12:00")) == closed_until("2026-10-28T09:00")
    assert describe(hours, at("2026-01-01T12:00")) == "Stängt – öppnar 28 oktober 2026 09:00"


def test_a_line_that_never_opens_has_no_next_opening():
    hours = OpeningHours(weekly=[])
    assert status_at(hours, moment=at("2026-03-10T10:00")) == Status(is_open=False)
    assert describe(hours, at("2026-03-10T10:00")) == "Stängt"


def test_a_special_day_closes_an_every_day_line_on_julafton_and_shortens_nyarsafton():
    hours = OpeningHours(
        weekly=weekly(range(7), "10:00", "22:00"),
        closed_on_holidays=False,
        special_days=[
            SpecialDay(day=date(2026, 12, 24), intervals=[]),
            SpecialDay(day=date(2026, 12, 31), intervals=[(T("10:00"), T("14:00"))]),
        ],
    )
    assert status_at(hours, moment=at("2026-12-24T12:00")) == closed_until("2026-12-25T10:00")
    assert status_at(hours, moment=at("2026-12-25T12:00")).is_open  # juldagen: open as usual
    assert status_at(hours, moment=at("2026-12-31T12:00")).closes_at == at("2026-12-31T14:00")


def test_a_special_day_can_open_a_line_on_a_holiday():
    hours = OpeningHours(
        weekly=weekly(range(5), "09:00", "16:00"),
        special_days=[SpecialDay(day=date(2026, 12, 25), intervals=[(T("10:00"), T("12:00"))])],
    )
    assert status_at(hours, moment=at("2026-12-23T17:00")) == closed_until("2026-12-25T10:00")


def test_shortened_hours_apply_on_the_days_before_holidays():
    hours = OpeningHours(
        weekly=weekly(range(5), "09:00", "16:00"), eve_hours=[(T("09:00"), T("13:00"))]
    )
    for day in ("2026-04-02", "2026-01-05", "2026-05-13", "2026-12-23"):
        status = status_at(hours, moment=at(f"{day}T10:00"))
        assert status.closes_at == at(f"{day}T13:00")
    assert status_at(hours, moment=at("2026-03-10T10:00")).closes_at == at("2026-03-10T16:00")
    assert status_at(hours, moment=at("2026-04-02T14:00")) == closed_until("2026-04-07T09:00")


def test_shortened_hours_never_open_a_day_the_line_is_normally_closed():
    hours = OpeningHours(
        weekly=weekly([0, 2], "09:00", "16:00"), eve_hours=[(T("09:00"), T("13:00"))]
    )
    # Thursday 2026-05-13 is the day before Kristi himmelsfärd, but the line keeps Mon and Wed.
    assert status_at(hours, moment=at("2026-05-14T10:00")) == closed_until("2026-05-18T09:00")
    assert status_at(hours, moment=at("2026-05-13T10:00")).closes_at == at("2026-05-13T13:00")


def test_a_friday_night_line_runs_past_midnight():
    hours = OpeningHours(weekly=weekly([4], "22:00", "02:00"))
    assert status_at(hours, moment=at("2026-03-14T01:00")) == Status(
        is_open=True, closes_at=at("2026-03-14T02:00")
    )
    assert describe(hours, at("2026-03-13T23:00")) == "Öppet nu – stänger i morgon 02:00"
    assert status_at(hours, moment=at("2026-03-14T03:00")) == closed_until("2026-03-20T22:00")


def test_a_night_interval_belongs_to_the_day_it_starts_on_even_before_a_holiday():
    hours = OpeningHours(weekly=weekly([3, 4], "22:00", "02:00"))
    # Skärtorsdagen's night runs into långfredagen; långfredagen's own night does not happen.
    assert status_at(hours, moment=at("2026-04-03T01:00")).closes_at == at("2026-04-03T02:00")
    assert status_at(hours, moment=at("2026-04-03T23:00")) == closed_until("2026-04-09T22:00")
    # And a holiday's night interval is dropped even though it ends on a working day.
    assert not status_at(hours, moment=at("2026-04-04T01:00")).is_open


def test_touching_intervals_are_one_open_period():
    hours = OpeningHours(
        weekly=[
            WeeklyInterval(weekday=0, opens=T("22:00"), closes=T("00:00")),
            WeeklyInterval(weekday=1, opens=T("00:00"), closes=T("02:00")),
            WeeklyInterval(weekday=1, opens=T("01:00"), closes=T("03:00")),
        ]
    )
    assert status_at(hours, moment=at("2026-03-09T23:00")).closes_at == at("2026-03-10T03:00")


def test_several_intervals_a_day():
    hours = OpeningHours(
        weekly=weekly([1], "09:00", "12:00") + weekly([1], "13:00", "16:00"),
    )
    assert status_at(hours, moment=at("2026-03-10T10:00")).closes_at == at("2026-03-10T12:00")
    assert status_at(hours, moment=at("2026-03-10T12:30")) == closed_until("2026-03-10T13:00")


def test_a_night_interval_lasts_two_hours_when_the_clocks_go_forward():
    hours = OpeningHours(weekly=weekly([6], "01:00", "04:00"), closed_on_holidays=False)
    opening = at("2026-03-29T01:00")  # last Sunday of March: 02:00–03:00 does not exist
    status = status_at(hours, moment=opening)
    assert status.closes_at == at("2026-03-29T04:00")
    assert elapsed(opening, status.closes_at) == timedelta(hours=2)
    assert status.closes_at.utcoffset() == timedelta(hours=2)
    assert status_at(hours, moment=datetime(2026, 3, 29, 1, 30, tzinfo=UTC)).is_open


def test_a_night_interval_lasts_four_hours_when_the_clocks_go_back():
    hours = OpeningHours(weekly=weekly([6], "01:00", "04:00"), closed_on_holidays=False)
    opening = at("2026-10-25T01:00")  # last Sunday of October: 02:00–03:00 happens twice
    status = status_at(hours, moment=opening)
    assert elapsed(opening, status.closes_at) == timedelta(hours=4)
    assert status.closes_at.utcoffset() == timedelta(hours=1)
    second_half_past_two = at("2026-10-25T02:30").replace(fold=1)
    assert status_at(hours, moment=second_half_past_two).is_open


def test_an_opening_time_that_does_not_exist_means_the_moment_the_clocks_jump():
    hours = OpeningHours(weekly=weekly([6], "02:30", "05:00"), closed_on_holidays=False)
    status = status_at(hours, moment=at("2026-03-29T00:00"))
    assert status.next_opening == at("2026-03-29T03:00")
    assert status.next_opening.utcoffset() == timedelta(hours=2)


def test_an_opening_time_that_happens_twice_means_its_first_occurrence():
    hours = OpeningHours(weekly=weekly([6], "02:30", "05:00"), closed_on_holidays=False)
    status = status_at(hours, moment=at("2026-10-25T00:00"))
    assert status.next_opening.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_the_moment_may_be_in_any_zone_and_the_answer_is_in_stockholm_time():
    moment = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm
    status = status_at(HONOUR_LINE, moment=moment)
    assert status.closes_at == at("2026-03-10T16:00")
    assert status.closes_at.tzinfo == STOCKHOLM
    new_york = datetime(2026, 3, 13, 11, 0, tzinfo=ZoneInfo("America/New_York"))  # 16:00 here
    assert status_at(HONOUR_LINE, moment=new_york).next_opening.tzinfo == STOCKHOLM


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        status_at(HONOUR_LINE, moment=datetime(2026, 3, 10, 10, 0))


def test_112_is_always_open():
    status = status_at(EMERGENCY, moment=at("2026-12-24T03:00"))
    assert status == Status(is_open=True, closes_at=None, next_opening=None)
    assert describe(EMERGENCY, at("2026-12-24T03:00")) == "Öppet dygnet runt"


def test_a_line_open_around_the_clock_by_its_weekly_hours_reads_as_always_open():
    hours = OpeningHours(weekly=weekly(range(7), "00:00", "00:00"), closed_on_holidays=False)
    assert status_at(hours, moment=at("2026-03-10T10:00")) == Status(is_open=True)


def test_invalid_hours_are_refused():
    with pytest.raises(ValueError):
        WeeklyInterval(weekday=7, opens=T("09:00"), closes=T("16:00"))
    with pytest.raises(ValueError):
        WeeklyInterval(weekday=0, opens=time(9, tzinfo=UTC), closes=T("16:00"))
    with pytest.raises(ValueError):
        OpeningHours(special_days=[SpecialDay(day=date(2026, 1, 1))] * 2)


def test_the_words_follow_the_active_language():
    with translation.override("en"):
        text = describe_status(
            status_at(HONOUR_LINE, moment=at("2026-03-13T17:00")), now=at("2026-03-13T17:00")
        )
    assert "Monday 09:00" in text
