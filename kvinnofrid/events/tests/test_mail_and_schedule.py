"""The whole path of a registration e-mail: a browser-like POST queues it, the worker
sends it over SMTP to a real server process, and the message read back carries a
calendar file that a real iCalendar parser accepts and a personal link that works.
And the schedule that enqueues the retention task."""

import datetime

import icalendar
import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from kvinnofrid.core.schedule import enqueue_due
from kvinnofrid.events.models import Registration

from .factories import event_create, registration_make

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_registration_mail_reaches_smtp_with_an_ics_file_and_a_working_link(smtp_sink, cast):
    event = event_create(
        county=cast.county_a,
        title="Webbinarium om våld i nära relationer",
        format="digital",
        venue_name="",
        venue_address="",
        joining_link="https://video.example.org/rum-42",
        days=[20],
    )
    client = Client()
    occasion = event.occasions.get()
    response = client.post(
        event.url,
        {
            "name": "Karin Kurator",
            "email": "karin@example.org",
            "organisation": "Exempelkommun",
            "organisation_type": "municipality",
            "role": "Kurator",
            "occasions": [occasion.pk],
            "consent": "on",
        },
    )
    assert response.status_code == 303
    assert smtp_sink.messages() == []  # queued, not sent in the request
    run_worker()
    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == "karin@example.org"
    assert (
        # A long non-ASCII subject is folded, and unfolding leaves the fold's space.
        mail["Subject"].strip()
        == "Bekräftelse: du har fått plats på Webbinarium om våld i nära relationer"
    )
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "https://video.example.org/rum-42" in body
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_payload(decode=True))
    [vevent] = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start.tzinfo is not None and start.hour == 9
    assert start.date() == occasion.date
    assert "rum-42" in str(vevent["LOCATION"])

    link = next(line for line in body.splitlines() if "/anmalan/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = Client().get("/" + path)
    assert page.status_code == 200 and "Karin Kurator" in page.content.decode()


def test_the_schedule_enqueues_the_retention_task_once_per_interval(settings):
    settings.KVINNOFRID_SCHEDULE = {"kvinnofrid.events.tasks.registrations_erase_expired": 3600}
    last_run = {}
    assert enqueue_due(last_run=last_run, now=1000.0) == [
        "kvinnofrid.events.tasks.registrations_erase_expired"
    ]
    assert enqueue_due(last_run=last_run, now=2000.0) == []
    assert len(enqueue_due(last_run=last_run, now=4600.0)) == 1
    assert (
        DBTaskResult.objects.filter(task_path__endswith="registrations_erase_expired").count() == 2
    )


def test_the_worker_erases_expired_registrations(cast, settings):
    settings.KVINNOFRID_REGISTRATION_RETENTION_DAYS = 0
    event = event_create(county=cast.county_a, days=[5])
    registration_make(event)
    event.occasions.update(date=datetime.date.today() - datetime.timedelta(days=2))
    event.save_revision().publish()
    call_command("run_schedule", once=True, verbosity=0)
    run_worker()
    assert not Registration.objects.filter(event=event).exists()
    assert event.tallies.get().registered == 1
