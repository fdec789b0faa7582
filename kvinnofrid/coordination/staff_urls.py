"""Isolation-matrix entries for the coordination workspace: every staff URL, created for a
record of county A, is checked against the cast (see tenancy/isolation.py)."""

import datetime
import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import Activity, Contact, Meeting, NationalIssue, Network, Organisation

COORDINATOR_ONLY = {Role.COORDINATOR}
READERS = {Role.COORDINATOR, Role.NATIONAL}


def _marker() -> str:
    return f"Internt {uuid.uuid4().hex[:10]}"


def _organisation(county, name=None):
    return Organisation.objects.create(
        name=name or _marker(), kind=Organisation.Kind.CIVIL_SOCIETY, county=county
    )


def _contact(county, name=None):
    return Contact.objects.create(
        county=county, organisation=_organisation(county), name=name or _marker(), source="Test"
    )


def _network(county, name=None):
    network = Network.objects.create(name=name or _marker())
    network.counties.set([county])
    return network


def _meeting(county, network_name=None):
    return Meeting.objects.create(
        network=_network(county, network_name),
        county=county,
        starts_at=datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC),
        place="Länsstyrelsen",
    )


def _activity(county, title=None):
    return Activity.objects.create(
        county=county,
        kind="municipality_visit",
        title=title or _marker(),
        starts_on=datetime.date.today(),
    )


def _issue(county, title=None):
    return NationalIssue.objects.create(
        county=county,
        title=title or _marker(),
        description="Vägledning saknas.",
        raised_on=datetime.date.today(),
    )


MAKERS = {
    "insatser": _activity,
    "natverk": _network,
    "natverksmoten": _meeting,
    "organisationer": _organisation,
    "kontakter": _contact,
    "nationella-fragor": _issue,
}

for namespace, make in MAKERS.items():
    for view, roles in (
        ("edit", COORDINATOR_ONLY),
        ("delete", COORDINATOR_ONLY),
        ("inspect", READERS),
        ("history", READERS),
        ("usage", READERS),
    ):
        register_staff_url(
            f"coordination {namespace} {view}",
            make=lambda county, namespace=namespace, view=view, make=make: reverse(
                f"{namespace}:{view}", args=[make(county).pk]
            ),
            allowed_roles=roles,
        )

    def _listing(county, namespace=namespace, make=make):
        marker = _marker()
        make(county, marker)
        return reverse(f"{namespace}:index"), marker

    register_staff_listing(f"coordination {namespace} list", make=_listing)

    def _export(county, namespace=namespace, make=make):
        marker = _marker()
        make(county, marker)
        return reverse(f"{namespace}:index") + "?export=csv", marker

    register_staff_listing(f"coordination {namespace} CSV export", make=_export)


register_staff_url(
    "coordination dashboard of a county",
    make=lambda county: reverse("kvinnofrid_dashboard") + f"?lan={county.code}",
    allowed_roles=READERS,
)
register_staff_url(
    "coordination quick municipality visit",
    make=lambda county: reverse("kvinnofrid_quick_visit") + f"?lan={county.code}",
    allowed_roles=COORDINATOR_ONLY,
)
register_staff_url(
    "coordination issue grouping",
    make=lambda county: (_issue(county), reverse("kvinnofrid_issue_grouping"))[1],
    allowed_roles={Role.NATIONAL},
)
register_staff_url(
    "coordination contact export",
    make=lambda county: reverse("kvinnofrid_contact_export", args=[_contact(county).pk]),
    allowed_roles=READERS,
)
register_staff_url(
    "coordination contact erasure",
    make=lambda county: reverse("kvinnofrid_contact_erase", args=[_contact(county).pk]),
    allowed_roles=COORDINATOR_ONLY,
)


def _dashboard_listing(county):
    marker = _marker()
    _issue(county, marker)
    return reverse("kvinnofrid_dashboard"), marker


register_staff_listing("coordination dashboard open issues", make=_dashboard_listing)


# The import registers its own entries.
from . import import_staff_urls  # noqa: E402, F401


def _event_url(county):
    from kvinnofrid.events.tests.factories import event_create

    event = event_create(county=county, live=False, title=_marker())
    return reverse("kvinnofrid_activity_from_event", args=[event.pk])


register_staff_url(
    "coordination log an event as an activity", make=_event_url, allowed_roles=COORDINATOR_ONLY
)
