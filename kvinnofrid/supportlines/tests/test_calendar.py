from datetime import date, datetime, timedelta

import pytest

from kvinnofrid.supportlines.calendar import (
    is_day_before_holiday,
    is_eve_treated_as_holiday,
    is_helgfri_vardag,
    is_public_holiday,
)

# year: (långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen,
#        midsommardagen, alla helgons dag), from the almanac, not from the package under test.
MOVING_FEASTS = {
    2024: ("03-29", "03-31", "04-01", "05-09", "05-19", "06-22", "11-02"),
    2025: ("04-18", "04-20", "04-21", "05-29", "06-08", "06-21", "11-01"),
    2026: ("04-03", "04-05", "04-06", "05-14", "05-24", "06-20", "10-31"),
    2027: ("03-26", "03-28", "03-29", "05-06", "05-16", "06-26", "11-06"),
    2028: ("04-14", "04-16", "04-17", "05-25", "06-04", "06-24", "11-04"),
    2029: ("03-30", "04-01", "04-02", "05-10", "05-20", "06-23", "11-03"),
    2030: ("04-19", "04-21", "04-22", "05-30", "06-09", "06-22", "11-02"),
}
FIXED_HOLIDAYS = ("01-01", "01-06", "05-01", "06-06", "12-25", "12-26")


def on(year: int, month_day: str) -> date:
    return date.fromisoformat(f"{year}-{month_day}")


def all_days(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


@pytest.mark.parametrize("year", MOVING_FEASTS)
def test_the_public_holidays_are_exactly_those_of_the_law(year):
    expected = {on(year, d) for d in MOVING_FEASTS[year] + FIXED_HOLIDAYS}
    assert {day for day in all_days(year) if is_public_holiday(day)} == expected


@pytest.mark.parametrize("year", MOVING_FEASTS)
def test_the_moving_feasts_fall_on_their_weekdays(year):
    good_friday, easter, easter_monday, ascension, whitsun, midsummer, all_saints = (
        on(year, d) for d in MOVING_FEASTS[year]
    )
    assert (good_friday.weekday(), easter.weekday(), easter_monday.weekday()) == (4, 6, 0)
    assert ascension == easter + timedelta(days=39) and ascension.weekday() == 3
    assert whitsun == easter + timedelta(days=49)
    assert midsummer.weekday() == 5 and date(year, 6, 20) <= midsummer <= date(year, 6, 26)
    assert all_saints.weekday() == 5 and date(year, 10, 31) <= all_saints <= date(year, 11, 6)


@pytest.mark.parametrize("year", MOVING_FEASTS)
def test_the_eves_treated_as_holidays_are_midsommarafton_julafton_and_nyarsafton(year):
    midsummer_eve = on(year, MOVING_FEASTS[year][5]) - timedelta(days=1)
    expected = {midsummer_eve, date(year, 12, 24), date(year, 12, 31)}
    assert {day for day in all_days(year) if is_eve_treated_as_holiday(day)} == expected
    assert midsummer_eve.weekday() == 4
    assert not any(is_public_holiday(eve) for eve in expected)


def test_known_dates_of_2026():
    assert is_eve_treated_as_holiday(date(2026, 6, 19))
    assert is_public_holiday(date(2026, 10, 31))
    assert is_public_holiday(date(2026, 4, 5))


def test_an_ordinary_sunday_is_not_counted_as_a_public_holiday():
    assert not is_public_holiday(date(2026, 3, 8))
    assert not is_helgfri_vardag(date(2026, 3, 8))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 10), True),  # an ordinary Tuesday
        (date(2026, 3, 14), False),  # Saturday
        (date(2026, 4, 3), False),  # långfredagen
        (date(2026, 1, 6), False),  # trettondedag jul, a Tuesday
        (date(2026, 6, 19), False),  # midsommarafton
        (date(2026, 12, 24), False),  # julafton
        (date(2026, 12, 31), False),  # nyårsafton
        (date(2026, 10, 30), True),  # the Friday before alla helgons dag
        (date(2026, 4, 30), True),  # valborgsmässoafton is an ordinary working day
    ],
)
def test_helgfri_vardag(day, expected):
    assert is_helgfri_vardag(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 4, 2), True),  # skärtorsdagen
        (date(2026, 1, 5), True),  # trettondagsafton
        (date(2026, 5, 13), True),  # the day before Kristi himmelsfärd
        (date(2026, 6, 18), True),  # the day before midsommarafton
        (date(2026, 12, 23), True),  # the day before julafton
        (date(2026, 12, 30), True),  # the day before nyårsafton
        (date(2026, 4, 30), True),  # the day before första maj
        (date(2026, 12, 24), False),  # julafton is itself a day off
        (date(2026, 4, 4), False),  # påskafton is a Saturday
        (date(2026, 3, 10), False),  # an ordinary Tuesday
        (date(2026, 4, 6), False),  # annandag påsk: a holiday, followed by a working day
    ],
)
def test_day_before_holiday(day, expected):
    assert is_day_before_holiday(day) is expected


def test_a_datetime_is_refused_rather_than_silently_matching_no_holiday():
    with pytest.raises(TypeError):
        is_public_holiday(datetime(2026, 12, 25, 12))
