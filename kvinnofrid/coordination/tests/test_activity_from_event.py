"""An event the county arranged becomes an activity in its log, with participants per
kind of organisation from the registrations."""

import pytest
from django.urls import reverse

from kvinnofrid.coordination.models import Activity
from kvinnofrid.events.models import EventOccasion, EventPage, Registration
from kvinnofrid.events.tests.factories import event_create, in_days, registration_make
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db


def test_an_event_is_logged_with_the_attendees_per_organisation_type(cast):
    event = event_create(county=cast.county_a, title="Utbildning om heder", days=[3])
    present = [
        registration_make(event, organisation_type="municipality"),
        registration_make(event, organisation_type="municipality"),
        registration_make(event, organisation_type="womens_shelter"),
    ]
    absent = registration_make(event, organisation_type="region")
    Registration.objects.filter(pk__in=[r.pk for r in present]).update(attended=True)
    Registration.objects.filter(pk=absent.pk).update(attended=False)
    # The day has passed since people registered.
    EventOccasion.objects.filter(event=event).update(date=in_days(-3))
    EventPage.objects.filter(pk=event.pk).update(starts_on=in_days(-3), ends_on=in_days(-3))
    event.refresh_from_db()
    coordinator = verified_client(cast.coordinator_a)
    url = reverse("kvinnofrid_activity_from_event", args=[event.pk])

    assert coordinator.get(url).status_code == 200
    response = coordinator.post(url)
    activity = Activity.objects.get()
    assert response["Location"] == reverse("insatser:edit", args=[activity.pk])
    assert (activity.kind, activity.title, activity.county) == (
        "training",
        "Utbildning om heder",
        cast.county_a,
    )
    assert activity.event == event and activity.participants == 3
    assert dict(activity.participant_counts.values_list("organisation_type", "count")) == {
        "municipality": 2,
        "womens_shelter": 1,
    }
    coordinator.post(url)
    assert Activity.objects.count() == 1  # logged once


def test_the_event_page_header_offers_to_log_the_event(cast):
    event = event_create(county=cast.county_a, days=[-3])
    coordinator = verified_client(cast.coordinator_a)
    edit = coordinator.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert reverse("kvinnofrid_activity_from_event", args=[event.pk]) in edit


def test_another_countys_event_and_national_events_cannot_be_logged(cast):
    theirs = event_create(county=cast.county_b, days=[-3])
    national = event_create(county=None, days=[-3])
    coordinator = verified_client(cast.coordinator_a)
    for event in (theirs, national):
        url = reverse("kvinnofrid_activity_from_event", args=[event.pk])
        assert coordinator.post(url).status_code == 404
    assert not Activity.objects.exists()
