"""Registration rules: seats, the waiting list, deadlines, cancellation and retention."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError

from kvinnofrid.events.models import EventOccasion, Registration, RegistrationTally
from kvinnofrid.events.services import (
    RegistrationClosed,
    registration_cancel,
    registration_close,
    registration_create,
    registration_from_token,
    registration_token,
    registrations_erase_expired,
    waiting_list_promote,
    waiting_place,
)

from .factories import event_create, in_days, registration_make

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_it_gives_seats_until_full_then_waitlists_in_order_of_arrival(cast):
    event = event_create(county=cast.county_a, capacity=2)
    people = [registration_make(event) for _ in range(5)]
    assert [p.status for p in people] == ["confirmed"] * 2 + ["waiting"] * 3
    assert [waiting_place(p) for p in people[2:]] == [1, 2, 3]


def test_the_same_email_twice_returns_the_first_registration(cast):
    event = event_create(county=cast.county_a)
    first = registration_make(event, email="anna@example.org")
    result = registration_create(
        event=event,
        name="Anna",
        email=" ANNA@example.org ",
        organisation="Kommun",
        organisation_type="municipality",
        role="Kurator",
        occasion_ids=[event.occasions.get().pk],
    )
    assert result.created is False
    assert result.registration.pk == first.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(
    cast, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        holder = registration_make(event)
        first_waiting = registration_make(event, email="forst@example.org")
        second_waiting = registration_make(event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=holder)
    assert promoted == [first_waiting]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == "confirmed"
    assert waiting_place(second_waiting) == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["forst@example.org"].startswith("Du har fått plats")
    assert "avbokad" in subjects[holder.email]
    # Cancelling twice changes nothing more.
    assert registration_cancel(registration=holder) == []


def test_alternative_occasions_have_their_own_seats_and_waiting_lists(cast):
    event = event_create(
        county=cast.county_a,
        capacity_per_occasion=True,
        occasions=[
            EventOccasion(
                date=in_days(20),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                capacity=1,
            ),
            EventOccasion(
                date=in_days(27),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                capacity=1,
            ),
        ],
    )
    first, second = event.sorted_occasions()
    a = registration_make(event, occasion_ids=[first.pk])
    b = registration_make(event, occasion_ids=[first.pk])
    c = registration_make(event, occasion_ids=[second.pk])
    assert (a.status, b.status, c.status) == ("confirmed", "waiting", "confirmed")
    with pytest.raises(ValidationError):
        registration_make(event, occasion_ids=[first.pk, second.pk])
    assert registration_cancel(registration=c) == []  # nobody waits for the second date
    assert registration_cancel(registration=a) == [b]


def test_registration_closes_at_the_end_of_the_deadline_day_stockholm_time(cast):
    deadline = in_days(10)
    event = event_create(county=cast.county_a, registration_deadline=deadline)
    last_minute = datetime.datetime.combine(deadline, datetime.time(23, 59), STOCKHOLM)
    just_after = last_minute + datetime.timedelta(minutes=2)
    assert event.registration_open(last_minute)
    assert not event.registration_open(just_after)
    registration_make(event, now=last_minute)
    with pytest.raises(RegistrationClosed):
        registration_make(event, now=just_after)


def test_an_occasion_with_its_own_deadline_closes_alone(cast):
    event = event_create(
        county=cast.county_a,
        occasions=[
            EventOccasion(date=in_days(5), start_time=datetime.time(9), end_time=datetime.time(12)),
            EventOccasion(
                date=in_days(40),
                start_time=datetime.time(9),
                end_time=datetime.time(16),
                registration_deadline=in_days(-1),
            ),
        ],
    )
    digital, physical = event.sorted_occasions()
    assert event.open_occasions() == [digital]
    with pytest.raises(ValidationError):
        registration_make(event, occasion_ids=[physical.pk])
    registration = registration_make(event, occasion_ids=[digital.pk, physical.pk])
    assert list(registration.occasions.all()) == [digital]


def test_staff_closing_registration_early_refuses_new_ones(cast):
    event = event_create(county=cast.county_a)
    registration_close(event=event, user=cast.coordinator_a)
    assert not event.registration_open()
    with pytest.raises(RegistrationClosed):
        registration_make(event)


def test_events_without_internal_registration_take_none(cast):
    event = event_create(
        county=cast.county_a, registration_mode="external", registration_url="https://example.org/"
    )
    with pytest.raises(RegistrationClosed):
        registration_make(event)


def test_raising_capacity_and_publishing_promotes_the_waiting_list(cast):
    event = event_create(county=cast.county_a, capacity=1)
    registration_make(event)
    waiting = [registration_make(event) for _ in range(2)]
    event.capacity = 2
    event.save_revision().publish()
    statuses = list(
        Registration.objects.filter(pk__in=[w.pk for w in waiting]).values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "waiting"]
    assert waiting_list_promote(event=event) == []


def test_the_personal_token_finds_the_registration_and_a_forged_one_does_not(cast):
    registration = registration_make(event_create(county=cast.county_a))
    token = registration_token(registration)
    # The same value signed for another purpose is refused.
    assert registration_from_token(signing.dumps(str(registration.public_id))) is None
    assert registration_from_token(token) == registration
    assert registration_from_token(token[:-2] + "xx") is None


def test_retention_erases_personal_data_but_keeps_anonymous_counts(cast, settings):
    settings.KVINNOFRID_REGISTRATION_RETENTION_DAYS = 90
    event = event_create(county=cast.county_a, capacity=2, days=[3])
    registration_make(event, organisation_type="municipality")
    registration_make(event, organisation_type="region")
    registration_make(event, organisation_type="region")  # waiting: not counted as registered
    Registration.objects.filter(event=event, status="confirmed").update(attended=True)
    recent = event_create(county=cast.county_a, days=[3])
    registration_make(recent)

    after_event = datetime.datetime.combine(in_days(3 + 90), datetime.time(12), STOCKHOLM)
    assert registrations_erase_expired(now=after_event) == 0  # 90 days, not yet more
    later = after_event + datetime.timedelta(days=1)
    # Only the first event is old enough: move the second one's date forward.
    recent.occasions.update(date=in_days(200))
    recent.save_revision().publish()
    assert registrations_erase_expired(now=later) == 1
    assert not Registration.objects.filter(event=event).exists()
    assert Registration.objects.filter(event=recent).count() == 1
    tallies = {
        t.organisation_type: (t.registered, t.attended)
        for t in RegistrationTally.objects.filter(event=event)
    }
    assert tallies == {"municipality": (1, 1), "region": (1, 1)}
    assert registrations_erase_expired(now=later) == 0


def test_national_coordinators_may_publish_events_under_the_calendar_and_county_staff_not(cast):
    from .factories import calendar_page

    calendar = calendar_page()
    assert calendar.permissions_for_user(cast.national).can_publish_subpage()
    assert not calendar.permissions_for_user(cast.coordinator_a).can_add_subpage()
