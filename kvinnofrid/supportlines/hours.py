"""Opening hours of a support line, and whether it is open at a given moment.

Hours are wall-clock times in Europe/Stockholm. All comparison and arithmetic happens in UTC:
Python compares two datetimes that share a tzinfo by their wall clocks, which goes wrong across
a DST change (an interval 01:00–04:00 lasts 2 h on the last Sunday of March and 4 h on the last
Sunday of October).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

from django.utils import dateformat
from django.utils.translation import gettext as _

from .calendar import (
    STOCKHOLM,
    is_day_before_holiday,
    is_eve_treated_as_holiday,
    is_public_holiday,
)

# Over a year, so that a line closed for a season, or over Christmas to Epiphany, still gets
# its reopening date.
LOOKAHEAD_DAYS = 400

Interval = tuple[time, time]
"""(opens, closes); closes <= opens means the interval ends the next day (22:00–02:00, and
00:00–00:00 is a whole day)."""


def _intervals(intervals: Sequence[Interval]) -> tuple[Interval, ...]:
    for opens, closes in intervals:
        if opens.tzinfo is not None or closes.tzinfo is not None:
            raise ValueError("Opening hours are wall-clock times in Stockholm: use naive times.")
    return tuple(sorted((opens, closes) for opens, closes in intervals))


@dataclass(frozen=True)
class WeeklyInterval:
    weekday: int  # 0 = Monday, as date.weekday()
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday).")
        _intervals([(self.opens, self.closes)])


@dataclass(frozen=True)
class SpecialDay:
    """A date with its own hours, overriding the week and the holiday rule; no intervals
    means closed all day."""

    day: date
    intervals: Sequence[Interval] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "intervals", _intervals(self.intervals))


@dataclass(frozen=True)
class OpeningHours:
    weekly: Sequence[WeeklyInterval] = ()
    always_open: bool = False
    # Closed on the public holidays and on midsommarafton, julafton and nyårsafton.
    closed_on_holidays: bool = True
    # Shortened hours on a working day before a holiday; they replace the weekly hours of days
    # on which the line is open at all, and never open it on a day it is normally closed.
    eve_hours: Sequence[Interval] | None = None
    special_days: Sequence[SpecialDay] = ()
    _by_weekday: tuple[tuple[Interval, ...], ...] = field(init=False, repr=False, compare=False)
    _by_day: dict[date, tuple[Interval, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the sequences are normalised (tuples, sorted) once, here.
        set_ = partial(object.__setattr__, self)
        set_("weekly", tuple(self.weekly))
        set_("special_days", tuple(self.special_days))
        if self.eve_hours is not None:
            set_("eve_hours", _intervals(self.eve_hours))
        by_weekday = tuple(
            _intervals([(i.opens, i.closes) for i in self.weekly if i.weekday == weekday])
            for weekday in range(7)
        )
        set_("_by_weekday", by_weekday)
        by_day = {special.day: special.intervals for special in self.special_days}
        if len(by_day) != len(self.special_days):
            raise ValueError("Each date may have only one special day.")
        set_("_by_day", by_day)

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The intervals that start on this day. An interval crossing midnight belongs wholly
        to the day it starts on, even when the next day is a holiday."""
        if day in self._by_day:
            return self._by_day[day]
        if self.closed_on_holidays and (is_public_holiday(day) or is_eve_treated_as_holiday(day)):
            return ()
        weekly = self._by_weekday[day.weekday()]
        if weekly and self.eve_hours is not None and is_day_before_holiday(day):
            return self.eve_hours
        return weekly


@dataclass(frozen=True)
class Status:
    """When open, closes_at is the end of the whole open period (None when it does not end
    within the look-ahead); when closed, next_opening is None if the line never opens within
    it. Times are aware, in Europe/Stockholm."""

    is_open: bool
    closes_at: datetime | None = None
    next_opening: datetime | None = None


def _instant(day: date, wall: time) -> datetime:
    """The first moment (UTC) at which Stockholm's clocks show `wall` on `day`, or later: for a
    wall time that happens twice (October) its first occurrence; for one that does not exist
    (March) the moment the clocks jump past it."""
    local = datetime.combine(day, wall, tzinfo=STOCKHOLM)  # fold=0: the first occurrence
    instant = local.astimezone(UTC)
    if instant.astimezone(STOCKHOLM).replace(tzinfo=None) != local.replace(tzinfo=None):
        # zoneinfo reads a missing time with the offset from before the jump, which lands
        # past the jump. Swedish clocks jump on the whole hour (02:00 → 03:00), and that whole
        # hour read the same way is exactly the moment of the jump.
        instant = local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    return instant


def _open_periods(
    hours: OpeningHours, *, first_day: date, last_day: date
) -> Iterator[tuple[datetime, datetime]]:
    """Open periods in UTC, in order, with touching or overlapping intervals merged, so that
    Mon 22:00–24:00 followed by Tue 00:00–02:00 is one period closing Tue 02:00."""
    current: tuple[datetime, datetime] | None = None
    day = first_day
    while day <= last_day:
        for opens, closes in hours.intervals_on(day):
            start = _instant(day, opens)
            end = _instant(day + timedelta(days=1) if closes <= opens else day, closes)
            if start >= end:  # e.g. 02:00–03:00 on the night the clocks go forward
                continue
            if current is not None and start <= current[1]:
                current = (current[0], max(current[1], end))
                continue
            if current is not None:
                yield current
            current = (start, end)
        day += timedelta(days=1)
    if current is not None:
        yield current


def status_at(hours: OpeningHours, *, moment: datetime) -> Status:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware.")
    if hours.always_open:
        return Status(is_open=True)
    now = moment.astimezone(UTC)
    # Start yesterday: an interval that started then may still be running across midnight.
    first_day = now.astimezone(STOCKHOLM).date() - timedelta(days=1)
    last_day = first_day + timedelta(days=LOOKAHEAD_DAYS + 1)
    # A period reaching the next day might go on with that day's intervals, unseen.
    horizon = _instant(last_day + timedelta(days=1), time(0))
    for start, end in _open_periods(hours, first_day=first_day, last_day=last_day):
        if end <= now:
            continue
        if start > now:
            return Status(is_open=False, next_opening=start.astimezone(STOCKHOLM))
        closes_at = None if end >= horizon else end.astimezone(STOCKHOLM)
        return Status(is_open=True, closes_at=closes_at)
    return Status(is_open=False)


def _when(moment: datetime, *, now: datetime, say_today: bool) -> str:
    local = moment.astimezone(STOCKHOLM)
    days_ahead = (local.date() - now.astimezone(STOCKHOLM).date()).days
    clock = dateformat.format(local, "H:i")
    if days_ahead == 0:
        return _("i dag %(time)s") % {"time": clock} if say_today else clock
    if days_ahead == 1:
        return _("i morgon %(time)s") % {"time": clock}
    if 1 < days_ahead < 7:
        # A weekday name alone is unambiguous only within the coming week.
        return _("%(weekday)s %(time)s") % {"weekday": dateformat.format(local, "l"), "time": clock}
    # Past half a year "7 januari" could be read as the nearer one: give the year.
    day = dateformat.format(local, "j F Y" if days_ahead > 180 else "j F")
    return _("%(date)s %(time)s") % {"date": day, "time": clock}


def describe_status(status: Status, *, now: datetime) -> str:
    """The status in words for the active language, e.g. "Stängt – öppnar måndag 09:00"."""
    if status.is_open and status.closes_at is None:
        return _("Öppet dygnet runt")
    if status.is_open:
        return _("Öppet nu – stänger %(when)s") % {
            "when": _when(status.closes_at, now=now, say_today=False)
        }
    if status.next_opening is None:
        return _("Stängt")
    return _("Stängt – öppnar %(when)s") % {
        "when": _when(status.next_opening, now=now, say_today=True)
    }


def describe_special_day(day: date, intervals: Sequence[Interval]) -> str:
    """A special day in words, e.g. "Stängt 24 december" or "Öppet 10:00–14:00 den 5
    januari"."""
    when = dateformat.format(day, "j F")
    if not intervals:
        return _("Stängt %(date)s") % {"date": when}
    spans = [f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in _intervals(intervals)]
    hours_text = (
        spans[0]
        if len(spans) == 1
        else _("%(first)s och %(last)s")
        % {
            "first": ", ".join(spans[:-1]),
            "last": spans[-1],
        }
    )
    return _("Öppet %(hours)s den %(date)s") % {"hours": hours_text, "date": when}
