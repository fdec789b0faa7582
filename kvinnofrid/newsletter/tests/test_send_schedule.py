"""Scheduled sending: staff choose "Skicka nu" or a time (Swedish time, DST included) in
the future; the schedule starts the send when it is due; it can be cancelled before."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from kvinnofrid.newsletter import sending
from kvinnofrid.newsletter.models import Delivery, NewsletterSend
from kvinnofrid.newsletter.send_admin import stockholm_time
from kvinnofrid.newsletter.tasks import newsletter_sends_resume
from kvinnofrid.testing.cast import verified_client

from .sending_support import drain_tasks, issue_create, list_create, subscribers_create

pytestmark = pytest.mark.django_db
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def fast(settings):
    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0


def send_url(issue) -> str:
    return reverse("newsletter_send", kwargs={"page_id": issue.pk})


def next_year(month: int, day: int, hour: int, minute: int = 0) -> str:
    return f"{timezone.now().year + 1}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"


def schedule_post(client, issue, newsletter, when: str):
    return client.post(
        send_url(issue),
        {"lists": [newsletter.pk], "confirm": "on", "when": "later", "send_at": when},
    )


def test_a_send_scheduled_on_the_send_page_waits_with_nothing_rendered_or_chosen(cast):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    issue = issue_create(newsletter=newsletter)
    client = verified_client(cast.editor_a)

    response = schedule_post(client, issue, newsletter, next_year(6, 15, 9, 30))
    assert response.status_code == 302
    send = NewsletterSend.objects.get()
    assert send.status == NewsletterSend.Status.SCHEDULED
    year = timezone.now().year + 1
    # Summer time: 09:30 in Stockholm is 07:30 UTC.
    assert send.scheduled_at == datetime.datetime(year, 6, 15, 7, 30, tzinfo=datetime.UTC)
    assert not Delivery.objects.exists() and send.html == ""
    assert PageLogEntry.objects.filter(
        page=issue, action="kvinnofrid.newsletter.schedule", user=cast.editor_a
    ).exists()

    page = client.get(send_url(issue)).content.decode()
    assert f"15 juni {year} 09:30" in page
    assert "Avbryt det schemalagda utskicket" in page
    listing = client.get(reverse("newsletter_sends")).content.decode()
    assert f"Schemalagt till 15 juni {year} 09:30" in listing
    # Not sent yet: not in the public archive.
    assert issue.title not in client.get(newsletter.url).content.decode()


def test_winter_and_summer_times_are_read_as_swedish_time():
    assert stockholm_time("2026-12-15T09:00") == datetime.datetime(
        2026, 12, 15, 8, 0, tzinfo=datetime.UTC
    )
    assert stockholm_time("2026-06-15T09:00") == datetime.datetime(
        2026, 6, 15, 7, 0, tzinfo=datetime.UTC
    )
    # 25 October 2026, 02:30 happens twice; it means the first (summer-time) pass.
    assert stockholm_time("2026-10-25T02:30") == datetime.datetime(
        2026, 10, 25, 0, 30, tzinfo=datetime.UTC
    )


def test_an_hour_skipped_when_the_clocks_go_forward_is_refused_in_swedish():
    # 29 March 2026: 02:00 → 03:00.
    with pytest.raises(ValidationError) as error:
        stockholm_time("2026-03-29T02:30")
    assert "finns inte" in error.value.messages[0]


def test_a_time_that_has_passed_is_refused_and_nothing_is_saved(cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter=newsletter)
    client = verified_client(cast.coordinator_a)
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = schedule_post(client, issue, newsletter, past)
    assert response.status_code == 200
    assert "Tidpunkten har redan passerat" in response.content.decode()
    response = schedule_post(client, issue, newsletter, "")
    assert "Ange datum och tid för utskicket." in response.content.decode()
    assert not NewsletterSend.objects.exists()
    with pytest.raises(ValidationError):
        sending.send_schedule(
            issue=issue,
            user=cast.coordinator_a,
            lists=[newsletter],
            at=timezone.now() - datetime.timedelta(minutes=1),
        )
    assert not NewsletterSend.objects.exists()


def test_skicka_nu_still_starts_at_once(cast):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    issue = issue_create(newsletter=newsletter)
    response = verified_client(cast.editor_a).post(
        send_url(issue), {"lists": [newsletter.pk], "confirm": "on", "when": "now"}
    )
    assert response.status_code == 302
    assert NewsletterSend.objects.get().status == NewsletterSend.Status.SENDING
    assert Delivery.objects.count() == 2


def test_the_schedule_starts_a_due_send_and_it_reaches_whoever_subscribed_by_then(cast):
    assert settings.KVINNOFRID_SCHEDULE["kvinnofrid.newsletter.tasks.newsletter_sends_resume"] == 60
    newsletter = list_create(county=cast.county_a)
    early = subscribers_create(lists=[newsletter], count=2, prefix="early")
    issue = issue_create(newsletter=newsletter)
    at = timezone.now() + datetime.timedelta(hours=2)
    send = sending.send_schedule(issue=issue, user=cast.editor_a, lists=[newsletter], at=at)

    newsletter_sends_resume.enqueue()
    drain_tasks()
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.SCHEDULED and not mail.outbox  # not due

    late = subscribers_create(lists=[newsletter], count=1, prefix="late")
    NewsletterSend.objects.filter(pk=send.pk).update(
        scheduled_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    newsletter_sends_resume.enqueue()
    drain_tasks()

    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in early + late)
    assert send.started_at <= timezone.now() and send.html
    assert PageLogEntry.objects.filter(
        page=issue, action="kvinnofrid.newsletter.send", user=cast.editor_a
    ).exists()
    # Started once only, however often the schedule runs.
    newsletter_sends_resume.enqueue()
    drain_tasks()
    assert len(mail.outbox) == 3


def test_a_scheduled_send_can_be_cancelled_before_it_starts(cast):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=1)
    issue = issue_create(newsletter=newsletter)
    client = verified_client(cast.editor_a)
    schedule_post(client, issue, newsletter, next_year(12, 1, 8))

    response = client.post(send_url(issue), {"cancel": "1"})
    assert response.status_code == 302
    assert not NewsletterSend.objects.exists()
    assert PageLogEntry.objects.filter(
        page=issue, action="kvinnofrid.newsletter.cancel", user=cast.editor_a
    ).exists()
    # The issue can be sent (or scheduled) again.
    assert "Skicka nu" in client.get(send_url(issue)).content.decode()
    drain_tasks()
    assert not mail.outbox


def test_a_started_send_cannot_be_cancelled(cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    assert sending.send_cancel(send=send, user=cast.editor_a) is False
    assert NewsletterSend.objects.filter(pk=send.pk).exists()


def test_another_countys_staff_cannot_cancel(cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter=newsletter)
    sending.send_schedule(
        issue=issue,
        user=cast.editor_a,
        lists=[newsletter],
        at=timezone.now() + datetime.timedelta(days=1),
    )
    response = verified_client(cast.coordinator_b).post(send_url(issue), {"cancel": "1"})
    assert response.status_code == 404
    assert NewsletterSend.objects.filter(status="scheduled").exists()
