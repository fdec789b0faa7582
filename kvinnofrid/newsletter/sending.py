"""Sending an issue: exactly once to every subscriber, by the task worker.

`send_start` renders the issue once, stores it on a `NewsletterSend` and creates one
`Delivery` per subscriber in a single INSERT … SELECT (unique per issue and subscriber in
the database, so a subscriber on two receiving lists gets one). The worker's
`send_batch` then takes the send's lease, sends the due deliveries over one reused SMTP
connection, and marks each one *sent* only after the server has accepted it (one short
UPDATE, committed at once). A killed worker's lease runs out and `sends_resume` (scheduled
every minute) hands the send to the next worker, which carries on from the first delivery
not marked sent.

What "exactly once" cannot cover, and no SMTP client can: a worker killed in the instant
between the server's "250 OK" and the commit of that one row resends that one message
(RFC 1047); the message keeps its Message-ID, so receiving systems can see it as a
duplicate. Everything else (crashes before the reply, connection drops, restarts, pause and
resume, two workers) sends each message once.
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kvinnofrid.core.audit import audit_log
from kvinnofrid.events.ics import absolute_url

from . import mailing, rendering
from .models import (
    BlockedAddress,
    Delivery,
    NewsletterIssuePage,
    NewsletterListPage,
    NewsletterSend,
    Subscriber,
    Subscription,
    address_hash,
)
from .tokens import preferences_token, unsubscribe_token

logger = logging.getLogger(__name__)

# How many deliveries are read from the database at a time: memory stays flat whatever
# the number of subscribers.
CHUNK_SIZE = 200


def sendable_lists(*, user, issue: NewsletterIssuePage) -> list[NewsletterListPage]:
    """The lists this user may send the issue to: its own list first, then every other live
    list whose issues the user may publish (a national issue may also go to county lists
    of a county the user works in, and the reverse)."""
    own = issue.newsletter()
    others = [
        newsletter
        for newsletter in NewsletterListPage.objects.live()
        .exclude(pk=own.pk)
        .select_related("county")
        .order_by("county__code", "title")
        if newsletter.permissions_for_user(user).can_publish()
    ]
    return [own, *others]


def recipient_count(*, lists: list[NewsletterListPage]) -> int:
    """Distinct mailable subscribers with an active subscription to any of the lists."""
    return (
        Subscription.objects.active()
        .filter(newsletter__in=lists, subscriber__deactivated_at__isnull=True)
        .values("subscriber_id")
        .distinct()
        .count()
    )


def _check_sendable(*, issue: NewsletterIssuePage, user, lists: list[NewsletterListPage]):
    if not issue.live:
        raise ValidationError(_("Publicera numret innan det skickas: webbversionen ska finnas."))
    if not lists:
        raise ValidationError(_("Välj minst ett nyhetsbrev att skicka till."))
    allowed = {newsletter.pk for newsletter in sendable_lists(user=user, issue=issue)}
    if not issue.permissions_for_user(user).can_publish() or any(
        newsletter.pk not in allowed for newsletter in lists
    ):
        raise PermissionDenied


def send_start(
    *, issue: NewsletterIssuePage, user, lists: list[NewsletterListPage]
) -> NewsletterSend:
    """Start sending a published issue to the subscribers of `lists` (once each)."""
    _check_sendable(issue=issue, user=user, lists=lists)
    rendered = rendering.issue_email(issue)
    with transaction.atomic():
        # The one-to-one on the issue makes a second start fail here rather than send twice.
        if NewsletterSend.objects.select_for_update().filter(issue=issue).exists():
            raise ValidationError(_("Numret har redan skickats."))
        send = NewsletterSend.objects.create(
            issue=issue, started_by=user, subject=rendered.subject, html="", text="", from_email=""
        )
        send.lists.set(lists)
        created = _begin(send=send, issue=issue, lists=lists, rendered=rendered, user=user)
    if created == 0:
        _finish_if_done(send.pk)
    send.refresh_from_db()
    return send


def _begin(*, send: NewsletterSend, issue, lists, rendered, user) -> int:
    """Store the rendered message, create the deliveries, audit and queue the first batch
    (inside the caller's transaction)."""
    own = issue.newsletter()
    NewsletterSend.objects.filter(pk=send.pk).update(
        status=NewsletterSend.Status.SENDING,
        started_at=timezone.now(),
        subject=rendered.subject,
        html=rendered.html,
        text=rendered.text,
        from_email=mailing.sender_address(own.from_name()),
    )
    created = _deliveries_create(send=send, own_list_id=own.pk, lists=lists)
    audit_log(
        instance=issue,
        action="kvinnofrid.newsletter.send",
        user=user,
        data={"recipients": created, "lists": [newsletter.pk for newsletter in lists]},
    )
    # The queue is a table in the same database: the task row commits with the send.
    _enqueue(send.pk)
    return created


# --- scheduled sending ---


def send_schedule(
    *, issue: NewsletterIssuePage, user, lists: list[NewsletterListPage], at
) -> NewsletterSend:
    """Send the issue at `at` (an aware datetime in the future). Nothing is rendered and
    nobody is chosen yet: the schedule starts it when it is due."""
    _check_sendable(issue=issue, user=user, lists=lists)
    if at is None or timezone.is_naive(at):
        raise ValidationError(_("Ange datum och tid för utskicket."))
    if at <= timezone.now():
        raise ValidationError(
            _("Tidpunkten har redan passerat. Välj en tid framåt, eller skicka nu.")
        )
    with transaction.atomic():
        if NewsletterSend.objects.select_for_update().filter(issue=issue).exists():
            raise ValidationError(_("Numret har redan skickats."))
        send = NewsletterSend.objects.create(
            issue=issue,
            started_by=user,
            status=NewsletterSend.Status.SCHEDULED,
            scheduled_at=at,
            subject=issue.title,
            html="",
            text="",
            from_email="",
        )
        # Until it starts, the send is dated by its time: listings of sent issues that
        # read started_at (the home page) do not take it for one already sent.
        NewsletterSend.objects.filter(pk=send.pk).update(started_at=at)
        send.lists.set(lists)
        audit_log(
            instance=issue,
            action="kvinnofrid.newsletter.schedule",
            user=user,
            data={"at": at.isoformat(), "lists": [newsletter.pk for newsletter in lists]},
        )
    send.refresh_from_db()
    return send


def send_cancel(*, send: NewsletterSend, user) -> bool:
    """Cancel a scheduled send that has not started; the issue can then be sent again.
    False when it has already started (the schedule came first)."""
    with transaction.atomic():
        locked = (
            NewsletterSend.objects.select_for_update()
            .filter(pk=send.pk, status=NewsletterSend.Status.SCHEDULED)
            .first()
        )
        if locked is None:
            return False
        audit_log(
            instance=send.issue,
            action="kvinnofrid.newsletter.cancel",
            user=user,
            data={"at": locked.scheduled_at.isoformat()},
        )
        locked.delete()
    return True


def scheduled_sends_start(*, now=None) -> int:
    """Start every scheduled send whose time has come (run every minute by the schedule,
    through newsletter_sends_resume). An issue unpublished in the meantime waits: its
    send starts once it is published again, or staff cancel it."""
    now = now or timezone.now()
    due = list(
        NewsletterSend.objects.filter(
            status=NewsletterSend.Status.SCHEDULED, scheduled_at__lte=now
        ).values_list("pk", flat=True)
    )
    started = 0
    for send_id in due:
        send = NewsletterSend.objects.select_related("issue", "started_by").get(pk=send_id)
        issue = send.issue.specific
        if not issue.live:
            logger.warning("Scheduled newsletter send %s waits: its issue is unpublished", send_id)
            continue
        rendered = rendering.issue_email(issue)
        with transaction.atomic():
            # Taken under a row lock: two schedulers never start one send twice.
            locked = (
                NewsletterSend.objects.select_for_update()
                .filter(pk=send_id, status=NewsletterSend.Status.SCHEDULED)
                .first()
            )
            if locked is None:
                continue
            lists = list(locked.lists.all())
            created = _begin(
                send=locked, issue=issue, lists=lists, rendered=rendered, user=send.started_by
            )
        if created == 0:
            _finish_if_done(send_id)
        started += 1
    return started


def _deliveries_create(*, send: NewsletterSend, own_list_id: int, lists) -> int:
    """One delivery per distinct active, mailable subscriber, in one statement (20 000
    subscribers are never loaded into Python). The delivery names the issue's own list where
    the subscriber is on it, else the lowest list id, for the one-click unsubscribe."""
    list_ids = [newsletter.pk for newsletter in lists]
    placeholders = ", ".join(["%s"] * len(list_ids))
    delivery = Delivery._meta.db_table
    subscription = Subscription._meta.db_table
    subscriber = Subscriber._meta.db_table
    sql = f"""
        INSERT INTO {delivery}
            (send_id, issue_id, subscriber_id, newsletter_id, status, attempts,
             next_attempt_at, last_error)
        SELECT %s, %s, s.subscriber_id,
               COALESCE(MAX(CASE WHEN s.newsletter_id = %s THEN s.newsletter_id END),
                        MIN(s.newsletter_id)),
               %s, 0, %s, ''
        FROM {subscription} s
        JOIN {subscriber} p ON p.id = s.subscriber_id
        WHERE s.newsletter_id IN ({placeholders})
          AND s.status = %s
          AND p.deactivated_at IS NULL
        GROUP BY s.subscriber_id
    """  # noqa: S608 - table names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                send.pk,
                send.issue_id,
                own_list_id,
                Delivery.Status.PENDING,
                timezone.now(),
                *list_ids,
                Subscription.Status.ACTIVE,
            ],
        )
        return cursor.rowcount


def _enqueue(send_id: int, *, run_after=None) -> None:
    from .tasks import newsletter_send_batch

    task = newsletter_send_batch
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(send_id=send_id)


# --- pause and resume ---


def send_pause(*, send: NewsletterSend, user) -> None:
    updated = NewsletterSend.objects.filter(
        pk=send.pk, status=NewsletterSend.Status.SENDING
    ).update(status=NewsletterSend.Status.PAUSED)
    if updated:
        audit_log(instance=send.issue, action="kvinnofrid.newsletter.pause", user=user)


def send_resume(*, send: NewsletterSend, user) -> None:
    with transaction.atomic():
        updated = NewsletterSend.objects.filter(
            pk=send.pk, status=NewsletterSend.Status.PAUSED
        ).update(status=NewsletterSend.Status.SENDING)
        if updated:
            audit_log(instance=send.issue, action="kvinnofrid.newsletter.resume", user=user)
            _enqueue(send.pk)


# --- the lease: one worker at a time per send ---

QUEUED = "queued"  # held for the next queued batch task, until it should have run


def _lease_acquire(send_id: int, owner: str) -> bool:
    now = timezone.now()
    return bool(
        NewsletterSend.objects.filter(pk=send_id, status=NewsletterSend.Status.SENDING)
        .filter(
            Q(lease_owner__in=["", QUEUED]) | Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        )
        .update(lease_owner=owner, lease_until=now + _lease_length())
    )


def _lease_renew(send_id: int, owner: str) -> bool:
    """False when the lease was lost (another worker took over) or the send was paused."""
    return bool(
        NewsletterSend.objects.filter(
            pk=send_id, lease_owner=owner, status=NewsletterSend.Status.SENDING
        ).update(lease_until=timezone.now() + _lease_length())
    )


def _lease_hand_over(send_id: int, owner: str, *, run_after) -> None:
    """The next batch task, queued to run at `run_after`, holds the send until a lease
    length after that; only if no worker has taken it by then does sends_resume step in."""
    NewsletterSend.objects.filter(pk=send_id, lease_owner=owner).update(
        lease_owner=QUEUED, lease_until=max(run_after, timezone.now()) + _lease_length()
    )


def _lease_release(send_id: int, owner: str) -> None:
    NewsletterSend.objects.filter(pk=send_id, lease_owner=owner).update(
        lease_owner="", lease_until=None
    )


def _lease_length():
    return timezone.timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)


def sends_resume() -> int:
    """Enqueue a batch for every send that should be sending but that no worker holds."""
    now = timezone.now()
    stalled = list(
        NewsletterSend.objects.filter(status=NewsletterSend.Status.SENDING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    )
    for send_id in stalled:
        logger.info("Newsletter send %s has no live worker; resuming it", send_id)
        _enqueue(send_id)
    return len(stalled)


# --- the worker ---


@dataclass
class _Pacer:
    """Spaces messages to NEWSLETTER_SEND_RATE_PER_MINUTE (0: as fast as possible)."""

    per_minute: int
    next_at: float = 0.0

    def wait(self) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + 60.0 / self.per_minute


class _Temporary(Exception):
    """4xx or a dropped connection: try again later."""


class _Permanent(Exception):
    """5xx: this address will not take the message."""


def _classify(error: Exception) -> Exception:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, reply = error.smtp_code, error.smtp_error
    else:  # connection refused, dropped, timed out
        return _Temporary(str(error) or error.__class__.__name__)
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    text = f"{code} {reply}"[:500]
    return _Permanent(text) if 500 <= code < 600 else _Temporary(text)


def send_batch(*, send_id: int) -> int:
    """Send up to NEWSLETTER_BATCH_SIZE due deliveries of one send; returns how many the
    server accepted. Queues the next batch itself while deliveries remain."""
    owner = uuid.uuid4().hex
    if not _lease_acquire(send_id, owner):
        return 0
    send = NewsletterSend.objects.get(pk=send_id)
    links = _Links(send)
    transport = mailing.transport()
    _commits_without_fsync(True)
    pacer = _Pacer(settings.NEWSLETTER_SEND_RATE_PER_MINUTE)
    envelope_from = mailing.envelope_sender()
    accepted = 0
    handled = 0
    lost = False
    batch_size = settings.NEWSLETTER_BATCH_SIZE
    renew_every = max(settings.NEWSLETTER_LEASE_SECONDS / 4, 1)
    renewed_at = time.monotonic()
    try:
        while handled < batch_size and not lost:
            chunk = _due_chunk(send, limit=min(CHUNK_SIZE, batch_size - handled))
            if not chunk:
                break
            blocked = _blocked_among(row.address for row in chunk if row.address)
            connection_down = False
            for row in chunk:
                if time.monotonic() - renewed_at > renew_every:
                    if not _lease_renew(send_id, owner):
                        lost = True
                        break
                    renewed_at = time.monotonic()
                skip_reason = _skip_reason(row, blocked)
                if skip_reason:
                    _mark(row.pk, status=Delivery.Status.SKIPPED, error=skip_reason)
                    handled += 1
                    continue
                pacer.wait()
                message = links.factory(row.newsletter_id).build(
                    to=row.address,
                    preferences_url=links.preferences(row.key),
                    unsubscribe_url=links.unsubscribe(row.key, row.newsletter_id),
                    message_id=f"<newsletter.{send_id}.{row.pk}@{links.domain}>",
                )
                try:
                    transport.send(from_address=envelope_from, to=row.address, message=message)
                except (smtplib.SMTPException, OSError) as error:
                    outcome = _classify(error)
                    _record_failure(row.pk, attempts=row.attempts, outcome=outcome)
                    handled += 1
                    if isinstance(outcome, _Temporary) and not isinstance(
                        error, smtplib.SMTPResponseException
                    ):
                        # The server is gone or unreachable: the rest of the chunk would
                        # fail the same way. Stop here; the retry time brings us back.
                        connection_down = True
                        break
                    continue
                _mark(row.pk, status=Delivery.Status.SENT, attempts=row.attempts + 1)
                accepted += 1
                handled += 1
            if connection_down:
                break
            _failures_reset(chunk)
            # A pause is read at each chunk.
            if not _lease_renew(send_id, owner):
                lost = True
            renewed_at = time.monotonic()
    finally:
        transport.close()
        _commits_without_fsync(False)
    if lost:
        return accepted
    if _finish_if_done(send_id):
        _lease_release(send_id, owner)
        return accepted
    next_due = Delivery.objects.filter(send_id=send_id, status=Delivery.Status.PENDING).aggregate(
        first=Min("next_attempt_at")
    )["first"]
    run_after = next_due if next_due and next_due > timezone.now() else None
    _lease_hand_over(send_id, owner, run_after=run_after or timezone.now())
    _enqueue(send_id, run_after=run_after)
    return accepted


class _Row(NamedTuple):
    pk: int
    attempts: int
    newsletter_id: int
    address: str | None
    key: uuid.UUID | None
    deactivated: bool
    subscribed: bool


def _due_chunk(send: NewsletterSend, *, limit: int) -> list[_Row]:
    """The next due deliveries with what sending needs, in one query. Whether the person is
    still subscribed is read now, not when the send started: who unsubscribes during a
    long send is not mailed."""
    still_subscribed = Subscription.objects.active().filter(
        subscriber_id=OuterRef("subscriber_id"), newsletter__in=send.lists.all()
    )
    rows = (
        Delivery.objects.due(timezone.now())
        .filter(send_id=send.pk)
        .annotate(subscribed=Exists(still_subscribed))
        .order_by("pk")
        .values_list(
            "pk",
            "attempts",
            "newsletter_id",
            "subscriber__email",
            "subscriber__key",
            "subscriber__deactivated_at",
            "subscribed",
        )[:limit]
    )
    return [
        _Row(pk, attempts, newsletter_id, address, key, deactivated is not None, subscribed)
        for pk, attempts, newsletter_id, address, key, deactivated, subscribed in rows
    ]


def _skip_reason(row: _Row, blocked: set[str]) -> str:
    if row.address is None:
        return _("Prenumeranten har raderat sina uppgifter.")
    if row.address in blocked:
        return _("Adressen är spärrad.")
    if row.deactivated:
        return _("Adressen är avaktiverad.")
    if not row.subscribed:
        return _("Prenumerationen avslutades under utskicket.")
    return ""


def _commits_without_fsync(on: bool) -> None:
    """On PostgreSQL, the worker's own commits during a batch do not wait for the disk
    (synchronous_commit off, for this session only; measured: about 1 ms of 4 per
    message). A commit is still visible to every other connection at once, and a killed
    worker loses nothing: only a crash of the database server itself could forget the last
    fraction of a second of *sent* marks, and those few messages would be sent again."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO %s" % ("OFF" if on else "DEFAULT"))


def _blocked_among(addresses) -> set[str]:
    by_hash = {address_hash(address): address for address in addresses}
    return {
        by_hash[found]
        for found in BlockedAddress.objects.filter(address_hash__in=by_hash).values_list(
            "address_hash", flat=True
        )
    }


def _mark(pk: int, *, status: str, attempts: int | None = None, error: str = "") -> None:
    fields = {"status": status, "last_error": error}
    if status == Delivery.Status.SENT:
        fields["sent_at"] = timezone.now()
    if attempts is not None:
        fields["attempts"] = attempts
    Delivery.objects.filter(pk=pk).update(**fields)


def _record_failure(pk: int, *, attempts: int, outcome: Exception) -> None:
    attempts += 1
    if isinstance(outcome, _Permanent) or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        with transaction.atomic():
            _mark(pk, status=Delivery.Status.FAILED, attempts=attempts, error=str(outcome))
            if isinstance(outcome, _Permanent):
                _permanent_failure_count(pk)
        return
    # Exponential backoff: 1, 2, 4, 8 … times the base.
    delay = settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    Delivery.objects.filter(pk=pk).update(
        attempts=attempts,
        last_error=str(outcome)[:500],
        next_attempt_at=timezone.now() + timezone.timedelta(seconds=delay),
    )


def _permanent_failure_count(delivery_pk: int) -> None:
    """One more issue in a row that this address refused; at the limit it is deactivated."""
    subscriber_id = Delivery.objects.filter(pk=delivery_pk).values_list("subscriber_id", flat=True)[
        0
    ]
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber_id)
    subscriber.consecutive_failures += 1
    update = ["consecutive_failures"]
    if (
        subscriber.deactivated_at is None
        and subscriber.consecutive_failures >= settings.NEWSLETTER_DEACTIVATE_AFTER_FAILURES
    ):
        subscriber.deactivated_at = timezone.now()
        update.append("deactivated_at")
    subscriber.save(update_fields=update)


def _failures_reset(chunk) -> None:
    """An accepted message ends a run of permanent failures."""
    sent = Delivery.objects.filter(
        pk__in=[row.pk for row in chunk], status=Delivery.Status.SENT
    ).values("subscriber_id")
    Subscriber.objects.filter(pk__in=sent, consecutive_failures__gt=0).update(
        consecutive_failures=0
    )


def _finish_if_done(send_id: int) -> bool:
    if Delivery.objects.filter(send_id=send_id, status=Delivery.Status.PENDING).exists():
        return False
    NewsletterSend.objects.filter(pk=send_id).exclude(status=NewsletterSend.Status.DONE).update(
        status=NewsletterSend.Status.DONE, finished_at=timezone.now()
    )
    return True


class _Links:
    """Everything per send that the messages share, computed once."""

    def __init__(self, send: NewsletterSend):
        self.rendered = mailing.RenderedIssue(subject=send.subject, html=send.html, text=send.text)
        self.from_email = send.from_email
        self._factories: dict[int, mailing.MessageFactory] = {}
        base = absolute_url("/")
        self.domain = base.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
        self._preferences = absolute_url(
            reverse("newsletter-preferences", kwargs={"token": "TOKEN"})
        )
        self._unsubscribe = absolute_url(
            reverse("newsletter-unsubscribe", kwargs={"token": "TOKEN"})
        )
        self._list_titles = dict(NewsletterListPage.objects.values_list("pk", "title"))

    def preferences(self, key: uuid.UUID) -> str:
        subscriber = Subscriber(key=key)
        return self._preferences.replace("TOKEN", preferences_token(subscriber))

    def unsubscribe(self, key: uuid.UUID, newsletter_id: int) -> str:
        return self._unsubscribe.replace("TOKEN", unsubscribe_token(key.hex, newsletter_id))

    def list_id(self, newsletter_id: int) -> str:
        title = self._list_titles.get(newsletter_id, "")
        return f"{title} <list-{newsletter_id}.{self.domain}>"

    def factory(self, newsletter_id: int) -> mailing.MessageFactory:
        """One per list (its List-Id differs), made once per batch."""
        if newsletter_id not in self._factories:
            self._factories[newsletter_id] = mailing.MessageFactory(
                rendered=self.rendered,
                from_email=self.from_email,
                list_id=self.list_id(newsletter_id),
            )
        return self._factories[newsletter_id]


# --- progress ---


@dataclass(frozen=True)
class Progress:
    total: int
    sent: int
    failed: int
    skipped: int
    pending: int
    retrying: int

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.skipped

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def progress(send: NewsletterSend) -> Progress:
    """Counts by status in one query."""
    status = Delivery.Status
    counts = Delivery.objects.filter(send=send).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=status.SENT)),
        failed=Count("pk", filter=Q(status=status.FAILED)),
        skipped=Count("pk", filter=Q(status=status.SKIPPED)),
        pending=Count("pk", filter=Q(status=status.PENDING)),
        retrying=Count("pk", filter=Q(status=status.PENDING, attempts__gt=0)),
    )
    return Progress(**counts)


def failure_summary(send: NewsletterSend) -> list[tuple[str, int]]:
    """The final report's failures grouped by the server's answer."""
    return list(
        Delivery.objects.filter(send=send, status=Delivery.Status.FAILED)
        .values_list("last_error")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    )
