"""Swedish calendar rules for opening hours.

"Helgfria vardagar" are Monday–Friday except the public holidays of lag 1989:253 and the
three eves that employers and agencies treat as holidays (midsommarafton, julafton and
nyårsafton, semesterlag 1977:480 § 3 a). The dates come from the `holidays` package
(categories "public" and "de_facto", which needs holidays >= 0.88).
"""

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@lru_cache(maxsize=64)
def _dates(year: int, category: str) -> frozenset[date]:
    # The law counts every Sunday as a holiday, and the package lists them all unless told
    # not to (its default was include_sundays=True up to at least 0.88). Weekends are handled by
    # the weekly hours instead; påskdagen and pingstdagen stay, being holidays in their own right.
    calendar = holidays.country_holidays(
        "SE", years=year, categories=(category,), include_sundays=False
    )
    return frozenset(calendar)


def _checked(day: date) -> date:
    # A datetime is a date too, but never equal to one: it would silently match no holiday.
    if isinstance(day, datetime):
        raise TypeError("Pass a date, not a datetime.")
    return day


def is_public_holiday(day: date) -> bool:
    """A holiday of lag 1989:253 other than an ordinary Sunday."""
    return _checked(day) in _dates(day.year, "public")


def is_eve_treated_as_holiday(day: date) -> bool:
    """Midsommarafton, julafton or nyårsafton: not holidays by law, but days off in practice."""
    return _checked(day) in _dates(day.year, "de_facto")


def is_helgfri_vardag(day: date) -> bool:
    return (
        _checked(day).weekday() < 5
        and not is_public_holiday(day)
        and not is_eve_treated_as_holiday(day)
    )


def is_day_before_holiday(day: date) -> bool:
    """A working day followed by a public holiday or one of the three eves (skärtorsdagen,
    trettondagsafton, the day before Kristi himmelsfärd, 23 December…), when many lines
    close early."""
    following = _checked(day) + timedelta(days=1)
    return is_helgfri_vardag(day) and (
        is_public_holiday(following) or is_eve_treated_as_holiday(following)
    )
