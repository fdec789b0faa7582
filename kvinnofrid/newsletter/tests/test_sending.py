"""Sending an issue through the task worker (Django's in-memory outbox here; the real SMTP
server, its faults and a killed worker are in test_sending_smtp.py)."""

from email import policy
from email.parser import BytesParser

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from kvinnofrid.newsletter import sending
from kvinnofrid.newsletter.models import (
    BlockedAddress,
    Delivery,
    NewsletterSend,
    Subscription,
    address_hash,
)

from .sending_support import drain_tasks, issue_create, list_create, subscribers_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings):
    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0


def run_worker():
    drain_tasks()


def parsed(message):
    return BytesParser(policy=policy.default).parsebytes(message.message().as_bytes())


def test_it_sends_once_to_each_subscriber_of_the_chosen_lists(cast):
    county_list = list_create(county=cast.county_a)
    other_list = list_create(county=cast.county_a)
    both = subscribers_create(lists=[county_list, other_list], count=3, prefix="both")
    only_other = subscribers_create(lists=[other_list], count=2, prefix="other")
    issue = issue_create(newsletter=county_list)

    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[county_list, other_list])
    run_worker()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(s.email for s in both + only_other)
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE
    assert sending.progress(send).sent == 5
    # The one-click unsubscribe of someone on both lists leaves the issue's own list.
    delivery = Delivery.objects.get(send=send, subscriber=both[0])
    assert delivery.newsletter_id == county_list.pk


def test_each_message_has_one_click_unsubscribe_and_both_parts(cast):
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    subscribers_create(lists=[newsletter], count=1)
    issue = issue_create(newsletter=newsletter, title="Decembernumret")
    sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    run_worker()

    (message,) = [parsed(m) for m in mail.outbox]
    assert message["Subject"] == "Decembernumret"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message["List-Unsubscribe"].strip("<>")
    assert "/nyhetsbrev/avsluta/" in unsubscribe_url
    assert "Nyhetsbrev Stockholm" in message["List-Id"]
    assert message.get_body(("plain",)).get_content().count("/nyhetsbrev/installningar/") == 1
    assert unsubscribe_url in message.get_body(("html",)).get_content()


def test_a_second_start_is_refused_and_the_database_holds_one_delivery_per_person(cast):
    newsletter = list_create(county=cast.county_a)
    (subscriber,) = subscribers_create(lists=[newsletter], count=1)
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    with pytest.raises(ValidationError):
        sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    with pytest.raises(IntegrityError):
        Delivery.objects.create(
            send=send,
            issue=issue,
            subscriber=subscriber,
            newsletter=newsletter,
            next_attempt_at=send.started_at,
        )


def test_staff_of_another_county_cannot_send_to_a_list(cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter=newsletter)
    with pytest.raises(PermissionDenied):
        sending.send_start(issue=issue, user=cast.coordinator_b, lists=[newsletter])
    assert not NewsletterSend.objects.exists()


def test_an_unpublished_issue_is_not_sent(cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter=newsletter, live=False)
    with pytest.raises(ValidationError):
        sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])


def test_unsubscribed_blocked_and_deactivated_people_are_not_mailed(cast):
    newsletter = list_create(county=cast.county_a)
    people = subscribers_create(lists=[newsletter], count=5)
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    # After the start: one leaves, one is blocked, one is deactivated, one erases.
    Subscription.objects.filter(subscriber=people[0]).update(status="unsubscribed")
    BlockedAddress.objects.create(address_hash=address_hash(people[1].email), reason="blocked")
    people[2].deactivated_at = send.started_at
    people[2].save()
    people[3].delete()
    run_worker()

    assert [m.to[0] for m in mail.outbox] == [people[4].email]
    counts = sending.progress(send)
    assert (counts.sent, counts.skipped, counts.pending) == (1, 4, 0)


def test_a_paused_send_stops_and_resumes_where_it_was(cast, settings):
    settings.NEWSLETTER_BATCH_SIZE = 3
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=7)
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])

    sending.send_batch(send_id=send.pk)
    assert len(mail.outbox) == 3
    sending.send_pause(send=send, user=cast.editor_a)
    run_worker()  # the queued next batch finds the send paused
    assert len(mail.outbox) == 3
    assert sending.progress(send).pending == 4

    sending.send_resume(send=send, user=cast.editor_a)
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"person-{n}@example.org" for n in range(7)
    )
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE


def test_a_stalled_send_is_taken_over_after_its_lease_runs_out(cast, settings):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    # A worker that took the lease and died: nobody may send until the lease runs out.
    from django.utils import timezone

    NewsletterSend.objects.filter(pk=send.pk).update(
        lease_owner="dead-worker", lease_until=timezone.now() + timezone.timedelta(minutes=1)
    )
    assert sending.send_batch(send_id=send.pk) == 0
    assert sending.sends_resume() == 0
    NewsletterSend.objects.filter(pk=send.pk).update(
        lease_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert sending.sends_resume() == 1
    run_worker()
    assert len(mail.outbox) == 2
