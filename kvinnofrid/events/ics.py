"""iCalendar (RFC 5545) for events: one VEVENT per occasion, local times with the
Europe/Stockholm VTIMEZONE, so calendar clients show the right hour across DST."""

import datetime
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from .models import EventPage

PRODID = "-//Kvinnofrid//Kalender//SV"
# The confirmation's .ics is revision 0 of each occasion; a cancellation must carry a higher
# SEQUENCE, or calendar clients keep the event (RFC 5546 §2.1.4).
PUBLISHED_SEQUENCE = 0
CANCELLED_SEQUENCE = 1


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _uid(event: EventPage, occasion) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    return f"event-{event.pk}-occasion-{occasion.pk}@{host}"


def occasion_components(
    event: EventPage, *, joining_link: str = "", cancelled: bool = False
) -> list[Event]:
    url = absolute_url(event.url or "/")
    stamp = timezone.now().astimezone(datetime.UTC)
    components = []
    occasions = event.sorted_occasions()
    for number, occasion in enumerate(occasions, start=1):
        component = Event()
        component.add("uid", _uid(event, occasion))
        component.add("dtstamp", stamp)
        component.add("dtstart", occasion.starts_at)
        component.add("dtend", occasion.ends_at)
        summary = event.title
        if len(occasions) > 1:
            summary = f"{event.title} – {occasion.label or f'{number}/{len(occasions)}'}"
        component.add("summary", summary)
        description = [event.summary.strip(), "", f"Arrangör: {event.organiser}"]
        if occasion.effective_format != "physical" and event.digital_note:
            description.append(event.digital_note)
        if joining_link and occasion.effective_format != "physical":
            description.append(f"Anslut: {joining_link}")
        description.append(url)
        component.add("description", "\n".join(description))
        location = occasion.place if occasion.effective_format != "digital" else ""
        if joining_link and occasion.effective_format == "digital":
            location = joining_link
        if location:
            component.add("location", location)
        component.add("url", url)
        if event.last_published_at:
            component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
        component.add("categories", [event.get_kind_display()])
        component.add("sequence", CANCELLED_SEQUENCE if cancelled else PUBLISHED_SEQUENCE)
        component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        components.append(component)
    return components


def calendar_bytes(events: Iterable[EventPage], *, name: str, joining_links: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    # Subscribed clients look again every few hours.
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        link = event.joining_link if joining_links else ""
        for component in occasion_components(event, joining_link=link):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def cancellation_bytes(event: EventPage, *, attendee_email: str) -> bytes:
    """METHOD:CANCEL for the occasions a confirmation's .ics put in someone's calendar: the
    same UIDs, a higher SEQUENCE, STATUS:CANCELLED. iTIP wants an ORGANIZER and the
    ATTENDEE whose copy is withdrawn; clients ignore a CANCEL without them."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL")
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = event.organiser
    attendee = vCalAddress(f"mailto:{attendee_email}")
    for component in occasion_components(event, cancelled=True):
        component.add("organizer", organiser)
        component.add("attendee", attendee)
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
