"""Sending to a real SMTP server process that misbehaves: temporary refusals (451, 421 with
the connection closed), permanent ones (550), a connection dropped after the message was
sent, and a worker process killed in the middle of a send and started again."""

import collections
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.newsletter import sending
from kvinnofrid.newsletter.models import Delivery, NewsletterSend, Subscriber, Subscription
from kvinnofrid.testing.smtp import start_faulty_smtp

from .sending_support import drain_tasks, issue_create, list_create, subscribers_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def faulty_smtp(tmp_path, settings):
    servers = []

    def start(rules):
        server = start_faulty_smtp(tmp_path / "maildir", rules)
        servers.append(server)
        settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.host
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0
        settings.NEWSLETTER_RETRY_BASE_SECONDS = 0
        return server

    yield start
    for server in servers:
        server.stop()


def received(server) -> collections.Counter:
    return collections.Counter(str(message["To"]) for message in server.messages())


def test_faults_are_retried_or_failed_and_everyone_else_gets_one_message(cast, faulty_smtp):
    server = faulty_smtp(
        [
            {"prefix": "temp-", "code": 451, "times": 1},
            {"prefix": "busy-", "code": 421, "times": 1, "close": True},
            {"prefix": "perm-", "code": 550, "text": "No such user", "times": -1},
            {"prefix": "drop-", "stage": "data", "times": 1},
        ]
    )
    newsletter = list_create(county=cast.county_a)
    ok = subscribers_create(lists=[newsletter], count=4, prefix="ok")
    faulty = [
        subscribers_create(lists=[newsletter], count=1, prefix=prefix)[0]
        for prefix in ("temp", "busy", "perm", "drop")
    ]
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    drain_tasks()

    expected = {s.email: 1 for s in ok + faulty if not s.email.startswith("perm-")}
    assert dict(received(server)) == expected
    deliveries = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert deliveries["temp-0@example.org"].attempts == 2
    assert deliveries["busy-0@example.org"].attempts == 2
    assert deliveries["drop-0@example.org"].attempts == 2
    failed = deliveries["perm-0@example.org"]
    assert failed.status == Delivery.Status.FAILED
    assert failed.last_error.startswith("550")
    assert Subscriber.objects.get(email="perm-0@example.org").consecutive_failures == 1
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE
    counts = sending.progress(send)
    assert (counts.sent, counts.failed, counts.pending) == (7, 1, 0)
    assert sending.failure_summary(send) == [(failed.last_error, 1)]


def test_a_received_message_unsubscribes_its_reader_with_one_click(cast, faulty_smtp):
    """What arrives at the server carries RFC 8058 headers, both parts and working links:
    the POST a mail provider makes to the List-Unsubscribe address takes the reader off the
    list, with no session and no CSRF token."""
    server = faulty_smtp([])
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    (reader,) = subscribers_create(lists=[newsletter], count=1)
    issue = issue_create(newsletter=newsletter, title="Decembernumret")
    sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    drain_tasks()

    (message,) = server.messages()
    assert str(message["To"]) == reader.email
    assert str(message["Subject"]) == "Decembernumret"
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert "Nyhetsbrev Stockholm" in str(message["List-Id"])
    unsubscribe_url = str(message["List-Unsubscribe"]).strip("<>")
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert unsubscribe_url in plain and unsubscribe_url in html
    web_version = absolute_url(issue.url)
    assert web_version in plain and web_version in html

    path = urlsplit(unsubscribe_url).path
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.ACTIVE
    response = client.post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscription.objects.get(subscriber=reader).status == Subscription.Status.UNSUBSCRIBED


def test_temporary_failures_wait_with_backoff_and_give_up_after_the_last_attempt(
    cast, faulty_smtp, settings
):
    faulty_smtp([{"prefix": "temp-", "code": 451, "times": -1}])
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 60
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    newsletter = list_create(county=cast.county_a)
    (person,) = subscribers_create(lists=[newsletter], count=1, prefix="temp")
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
    drain_tasks()
    delivery = Delivery.objects.get(send=send)
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 1)
    wait = (delivery.next_attempt_at - delivery.send.started_at).total_seconds()
    assert 55 < wait < 75
    # Time passes: the retries come due, each waiting twice as long as the one before.
    for expected_wait in (120,):
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=send.started_at)
        sending.send_batch(send_id=send.pk)
        delivery.refresh_from_db()
        before = delivery.next_attempt_at
        assert delivery.attempts == 2
        from django.utils import timezone

        assert expected_wait - 5 < (before - timezone.now()).total_seconds() <= expected_wait
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=send.started_at)
    sending.send_batch(send_id=send.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 3)
    # Temporary trouble does not count towards deactivating the address.
    person.refresh_from_db()
    assert person.consecutive_failures == 0


def test_an_address_refused_on_consecutive_issues_is_deactivated(cast, faulty_smtp, settings):
    faulty_smtp([{"prefix": "perm-", "code": 550, "times": -1}])
    settings.NEWSLETTER_DEACTIVATE_AFTER_FAILURES = 2
    newsletter = list_create(county=cast.county_a)
    (person,) = subscribers_create(lists=[newsletter], count=1, prefix="perm")
    subscribers_create(lists=[newsletter], count=1, prefix="ok")
    for number in range(3):
        issue = issue_create(newsletter=newsletter, title=f"Nummer {number}")
        sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])
        drain_tasks()
    person.refresh_from_db()
    assert person.deactivated_at is not None
    # The third issue was not even addressed to it.
    assert Delivery.objects.filter(subscriber=person).count() == 2


def _worker(server) -> subprocess.Popen:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        credentials = database["USER"] + (
            f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        )
        url = f"postgres://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "KVINNOFRID_TEST_SMTP_PORT": str(server.port),
        "NEWSLETTER_SEND_RATE_PER_MINUTE": "0",
        "NEWSLETTER_LEASE_SECONDS": "2",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_send_and_restarted_mails_everyone_exactly_once(
    cast, faulty_smtp, settings, tmp_path
):
    # The server stalls on one recipient in the middle, so the kill lands mid-send at a
    # known point: some messages accepted and recorded, the rest not yet sent.
    server = faulty_smtp([{"prefix": "stall-", "action": "stall", "seconds": 60, "times": 1}])
    settings.NEWSLETTER_LEASE_SECONDS = 2
    newsletter = list_create(county=cast.county_a)
    first = subscribers_create(lists=[newsletter], count=15, prefix="first")
    stall = subscribers_create(lists=[newsletter], count=1, prefix="stall")
    last = subscribers_create(lists=[newsletter], count=15, prefix="last")
    issue = issue_create(newsletter=newsletter)
    send = sending.send_start(issue=issue, user=cast.editor_a, lists=[newsletter])

    worker = _worker(server)
    try:
        _wait(lambda: (tmp_path / "stalled").exists(), timeout=60, what="the stall")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert sum(received(server).values()) == 15
    assert sending.progress(send).sent == 15

    # The dead worker's lease runs out; the schedule's resume task hands the send on.
    _wait(lambda: sending.sends_resume() == 1, timeout=10, what="the lease to run out")
    worker = _worker(server)
    try:
        _wait(
            lambda: NewsletterSend.objects.get(pk=send.pk).status == NewsletterSend.Status.DONE,
            timeout=60,
            what="the send to finish",
        )
    finally:
        worker.kill()
        worker.wait(timeout=10)

    counts = received(server)
    assert set(counts) == {s.email for s in first + stall + last}
    assert set(counts.values()) == {1}
    assert sending.progress(send).sent == 31
