"""Isolation-matrix entries for the staff registration pages.

Each entry makes an event that is not public (a draft) in the given county, so a leak
would show something nobody outside the county could otherwise know."""

import datetime
import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import EventOccasion, EventPage

STAFF = {Role.EDITOR, Role.COORDINATOR, Role.NATIONAL}


def _draft_event(county, title="Intern planering: utbildningsdag") -> EventPage:
    day = datetime.date.today() + datetime.timedelta(days=30)
    return county.page.add_child(
        instance=EventPage(
            title=title,
            slug=f"evenemang-{uuid.uuid4().hex[:8]}",
            live=False,
            kind="training",
            summary="Ännu inte publicerad.",
            format="digital",
            registration_mode="internal",
            capacity=10,
            occasions=[
                EventOccasion(date=day, start_time=datetime.time(9), end_time=datetime.time(12))
            ],
        )
    )


def _event_url(name):
    return lambda county: reverse(name, kwargs={"event_id": _draft_event(county).pk})


register_staff_url(
    "event registrants", make=_event_url("kvinnofrid_event_registrants"), allowed_roles=STAFF
)
register_staff_url(
    "event registrants csv",
    make=_event_url("kvinnofrid_event_registrants_csv"),
    allowed_roles=STAFF,
)
register_staff_url(
    "event registrants xlsx",
    make=_event_url("kvinnofrid_event_registrants_xlsx"),
    allowed_roles=STAFF,
)


def _listing(county):
    marker = f"Internt {uuid.uuid4().hex[:10]}"
    _draft_event(county, marker)
    return reverse("kvinnofrid_event_registrations"), marker


register_staff_listing("event registrations listing", make=_listing)
