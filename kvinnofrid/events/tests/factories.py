"""Events for tests: `event_create(county=…)` makes a live event under the county's page
(or, with county=None, a national one under the calendar page)."""

import datetime
import itertools

from kvinnofrid.events.models import CalendarPage, EventOccasion, EventPage, Registration
from kvinnofrid.events.services import registration_create
from kvinnofrid.pages.models import CountyPage, HomePage

_numbers = itertools.count(1)


def calendar_page() -> CalendarPage:
    calendar = CalendarPage.objects.first()
    if calendar is None:
        calendar = HomePage.objects.get().add_child(
            instance=CalendarPage(title="Kalender", slug="kalender")
        )
    return calendar


def in_days(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


def event_create(
    *,
    county=None,
    title: str | None = None,
    days: list[int] | tuple[int, ...] = (30,),
    live: bool = True,
    **fields,
) -> EventPage:
    number = next(_numbers)
    occasions = fields.pop("occasions", None) or [
        EventOccasion(date=in_days(day), start_time=datetime.time(9), end_time=datetime.time(16))
        for day in days
    ]
    defaults = {
        "kind": "training",
        "summary": "En utbildningsdag om våld i nära relationer.",
        "format": "physical",
        "venue_name": "Länsstyrelsen",
        "venue_address": "Storgatan 1, Stockholm",
        "registration_mode": "internal",
    }
    defaults.update(fields)
    parent = CountyPage.objects.get(county=county) if county else calendar_page()
    event = parent.add_child(
        instance=EventPage(
            title=title or f"Utbildningsdag {number}",
            slug=f"evenemang-{number}",
            live=live,
            occasions=occasions,
            **defaults,
        )
    )
    if live:
        event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def registration_make(event: EventPage, *, email: str | None = None, **fields) -> Registration:
    number = next(_numbers)
    data = {
        "name": f"Deltagare {number}",
        "email": email or f"deltagare{number}@example.org",
        "organisation": "Exempelkommun",
        "organisation_type": "municipality",
        "role": "Socialsekreterare",
        "occasion_ids": [o.pk for o in event.occasions.all()],
    }
    data.update(fields)
    return registration_create(event=event, **data).registration
