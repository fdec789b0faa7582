"""Seats under load: many registrations at once, each from its own thread with its own
database connection (not inside one wrapping test transaction), on PostgreSQL in CI and
on SQLite locally."""

import threading

import pytest
from django.db import close_old_connections, connection

from kvinnofrid.events.models import Registration
from kvinnofrid.events.services import registration_cancel, registration_create

from .factories import event_create, registration_make

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(functions):
    """Start every function at the same moment, each in its own thread (and so with its
    own database connection); return their results or exceptions."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        try:
            connection.ensure_connection()  # connect first, then race
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def register(event, email):
    return lambda: registration_create(
        event=event,
        name=email.split("@")[0],
        email=email,
        organisation="Kommunen",
        organisation_type="municipality",
        role="Socialsekreterare",
        occasion_ids=[o.pk for o in event.occasions.all()],
    )


def test_forty_simultaneous_registrations_fill_five_seats_and_queue_the_rest(cast):
    event = event_create(county=cast.county_a, capacity=5)
    results = run_at_once([register(event, f"person{i}@example.org") for i in range(40)])
    assert not [r for r in results if isinstance(r, Exception)], results
    registrations = list(Registration.objects.filter(event=event).order_by("id"))
    assert len(registrations) == 40
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waiting = [r for r in registrations if r.status == "waiting"]
    assert (len(confirmed), len(waiting)) == (5, 35)
    # Order of arrival: nobody who came later got a seat while an earlier one waits, and
    # the waiting list (by id) follows the arrival times.
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)
    assert [r.created_at for r in waiting] == sorted(r.created_at for r in waiting)
    assert max(r.id for r in confirmed) < min(r.id for r in waiting)


def test_a_double_submit_from_two_connections_gives_one_registration(cast):
    event = event_create(county=cast.county_a)
    results = run_at_once([register(event, "samma@example.org") for _ in range(2)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.created for r in results) == [False, True]
    assert Registration.objects.filter(event=event).count() == 1


def test_cancellations_and_registrations_at_once_keep_the_count_exact(cast):
    event = event_create(county=cast.county_a, capacity=10)
    holders = [registration_make(event) for _ in range(10)]
    waiting = [registration_make(event) for _ in range(10)]
    cancels = [lambda r=r: registration_cancel(registration=r) for r in holders[:5]]
    newcomers = [register(event, f"ny{i}@example.org") for i in range(5)]
    results = run_at_once(cancels + newcomers)
    assert not [r for r in results if isinstance(r, Exception)], results
    active = Registration.objects.filter(event=event)
    assert active.filter(status="confirmed").count() == 10
    assert active.filter(status="cancelled").count() == 5
    # The five first on the waiting list got the freed seats, the newcomers queue after.
    promoted = set(active.filter(status="confirmed").values_list("id", flat=True))
    assert {w.id for w in waiting[:5]} <= promoted
    queue = list(active.filter(status="waiting").order_by("id").values_list("email", flat=True))
    assert queue[:5] == [w.email for w in waiting[5:]]
    assert len(queue) == 10
