"""Every write to registrations.

Seats are counted under one lock per event (the `RegistrationBook` row, SELECT … FOR
UPDATE on PostgreSQL; SQLite transactions here begin IMMEDIATE, which serialises writers),
so concurrent registrations never overbook and the waiting list keeps the order in which
registrations took the lock, which is the order of their ids.
"""

import datetime
import functools
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kvinnofrid.core.audit import audit_log

from .models import EventPage, Registration, RegistrationBook, RegistrationTally, stockholm_today

TOKEN_SALT = "kvinnofrid.events.registration"


class RegistrationClosed(ValidationError):
    pass


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool


def registration_token(registration: Registration) -> str:
    return signing.dumps(str(registration.public_id), salt=TOKEN_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    try:
        public_id = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return (
        Registration.objects.select_related("event", "event__county")
        .filter(public_id=public_id)
        .first()
    )


def normalise_email(email: str) -> str:
    # The local part is case-sensitive in theory, never in practice; one person, one row.
    return email.strip().lower()


def _retry_when_sqlite_is_locked(function):
    """SQLite serialises writers (transactions begin IMMEDIATE and wait up to the busy
    timeout), but under a burst of new connections it can refuse a writer at once with
    "database table is locked" instead of waiting. The write is then simply tried again;
    nothing was written. PostgreSQL waits on the row lock and never gets here."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        for attempt in range(1, 41):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                retry = (
                    connection.vendor == "sqlite"
                    and "locked" in str(error)
                    and not connection.in_atomic_block
                    and attempt < 40
                )
                if not retry:
                    raise
                time.sleep(min(0.02 * attempt, 0.25))
        raise AssertionError("unreachable")

    return wrapper


def _book_locked(event: EventPage) -> RegistrationBook:
    RegistrationBook.objects.get_or_create(event_id=event.pk)
    return RegistrationBook.objects.select_for_update().get(event_id=event.pk)


def seats_left(event: EventPage, occasion=None) -> int | None:
    """Free seats for the event (or, when occasions are alternatives, for one occasion);
    None when there is no limit."""
    capacity = occasion.capacity if occasion is not None else event.capacity
    if capacity is None:
        return None
    confirmed = Registration.objects.filter(event=event).confirmed()
    if occasion is not None:
        confirmed = confirmed.for_occasion(occasion)
    return max(capacity - confirmed.count(), 0)


def _confirm(registration: Registration, now) -> None:
    registration.status = Registration.Status.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])


def _promote_locked(event: EventPage, now) -> list[Registration]:
    """Give free seats to the waiting list, first come first served. Call with the event's
    book locked."""
    if not event.is_upcoming(now):
        return []
    promoted = []
    waiting = Registration.objects.filter(event=event).waiting_list()
    if event.capacity_per_occasion:
        for occasion in event.sorted_occasions():
            free = seats_left(event, occasion)
            queue = waiting.for_occasion(occasion)
            for registration in queue if free is None else queue[:free]:
                _confirm(registration, now)
                promoted.append(registration)
    else:
        free = seats_left(event)
        for registration in waiting if free is None else waiting[:free]:
            _confirm(registration, now)
            promoted.append(registration)
    return promoted


def waiting_place(registration: Registration) -> int | None:
    """1 for the first on the waiting list."""
    if registration.status != Registration.Status.WAITING:
        return None
    queue = Registration.objects.filter(event_id=registration.event_id).waiting()
    if registration.event.capacity_per_occasion:
        queue = queue.filter(occasions__in=registration.occasions.all())
    return queue.filter(id__lte=registration.id).distinct().count()


def _notify_after_commit(kind: str, registrations: list[Registration]) -> None:
    from . import emails

    ids = [r.pk for r in registrations]
    if ids:
        transaction.on_commit(lambda: emails.send_to_registrations(kind, ids))


@_retry_when_sqlite_is_locked
def registration_create(
    *,
    event: EventPage,
    name: str,
    email: str,
    organisation: str,
    organisation_type: str,
    role: str,
    occasion_ids: list[int],
    dietary_needs: str = "",
    accessibility_needs: str = "",
    now: datetime.datetime | None = None,
) -> RegistrationResult:
    """Register a person, with a seat or on the waiting list. The same e-mail address a
    second time returns the first registration (a double submit is not an error)."""
    email = normalise_email(email)
    with transaction.atomic():
        book = _book_locked(event)
        # The moment of arrival is when the lock is held: registration times then follow
        # the same order as the waiting list.
        now = now or timezone.now()
        existing = Registration.objects.active().filter(event=event, email=email).first()
        if existing is not None:
            return RegistrationResult(existing, created=False)
        if not event.registration_open(now, book=book):
            raise RegistrationClosed(_("Anmälan till det här evenemanget är stängd."))
        open_occasions = {o.pk: o for o in event.open_occasions(now)}
        chosen = [open_occasions[pk] for pk in dict.fromkeys(occasion_ids) if pk in open_occasions]
        if not chosen:
            raise ValidationError({"occasions": _("Välj minst ett tillfälle som är öppet.")})
        if event.capacity_per_occasion and len(chosen) != 1:
            raise ValidationError({"occasions": _("Välj ett av tillfällena.")})
        # People already waiting go first, e.g. after staff added seats.
        promoted = _promote_locked(event, now)
        free = seats_left(event, chosen[0] if event.capacity_per_occasion else None)
        has_seat = free is None or free > 0
        registration = Registration(
            event=event,
            name=name.strip(),
            email=email,
            organisation=organisation.strip(),
            organisation_type=organisation_type,
            role=role.strip(),
            dietary_needs=dietary_needs.strip(),
            accessibility_needs=accessibility_needs.strip(),
            status=Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING,
            consented_at=now,
            created_at=now,
            confirmed_at=now if has_seat else None,
        )
        registration.full_clean(validate_constraints=False)
        registration.save()
        registration.occasions.set(chosen)
        _notify_after_commit("received", [registration])
        _notify_after_commit("promoted", promoted)
    return RegistrationResult(registration, created=True)


@_retry_when_sqlite_is_locked
def registration_cancel(
    *, registration: Registration, user=None, now: datetime.datetime | None = None
) -> list[Registration]:
    """Cancel a registration (by its owner through the personal link, or by staff) and
    give the freed seat to the first on the waiting list. Returns who was promoted."""
    now = now or timezone.now()
    event = registration.event
    with transaction.atomic():
        _book_locked(event)
        registration.refresh_from_db(fields=["status"])
        if registration.status == Registration.Status.CANCELLED:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _promote_locked(event, now)
        if user is not None:
            audit_log(
                instance=event,
                action="kvinnofrid.events.cancel",
                user=user,
                data={"registration": str(registration.public_id)},
            )
        _notify_after_commit("cancelled", [registration])
        _notify_after_commit("promoted", promoted)
    return promoted


def waiting_list_promote(*, event: EventPage, now: datetime.datetime | None = None) -> list:
    """Fill seats after the capacity has been raised (called when an event is published)."""
    now = now or timezone.now()
    with transaction.atomic():
        _book_locked(event)
        promoted = _promote_locked(event, now)
        _notify_after_commit("promoted", promoted)
    return promoted


def registration_close(*, event: EventPage, user) -> RegistrationBook:
    with transaction.atomic():
        book = _book_locked(event)
        if book.closed_at is None:
            book.closed_at = timezone.now()
            book.closed_by = user
            book.save(update_fields=["closed_at", "closed_by"])
            audit_log(instance=event, action="kvinnofrid.events.close", user=user)
    return book


def registration_reopen(*, event: EventPage, user) -> RegistrationBook:
    with transaction.atomic():
        book = _book_locked(event)
        if book.closed_at is not None:
            book.closed_at = None
            book.closed_by = None
            book.save(update_fields=["closed_at", "closed_by"])
            audit_log(instance=event, action="kvinnofrid.events.reopen", user=user)
    return book


def attendance_mark(*, event: EventPage, attended_ids: set[int], user) -> int:
    """Record who came: the given confirmed registrations attended, the other confirmed
    ones did not. Returns how many attended."""
    with transaction.atomic():
        confirmed = Registration.objects.filter(event=event).confirmed()
        confirmed.filter(pk__in=attended_ids).update(attended=True)
        confirmed.exclude(pk__in=attended_ids).update(attended=False)
        count = confirmed.filter(attended=True).count()
        audit_log(
            instance=event,
            action="kvinnofrid.events.attendance",
            user=user,
            data={"attended": count},
        )
    return count


def registrants_message(
    *, event: EventPage, subject: str, body: str, statuses: list[str], user
) -> int:
    """E-mail every registrant of the given statuses (through a task). Returns how many."""
    from .tasks import registrants_message_send

    if not subject.strip() or not body.strip():
        raise ValidationError(_("Skriv både ämne och meddelande."))
    count = Registration.objects.filter(event=event, status__in=statuses).count()
    with transaction.atomic():
        audit_log(
            instance=event,
            action="kvinnofrid.events.message",
            user=user,
            data={"subject": subject, "statuses": statuses, "recipients": count},
        )
        transaction.on_commit(
            lambda: registrants_message_send.enqueue(
                event_id=event.pk, subject=subject, body=body, statuses=statuses
            )
        )
    return count


def registrations_erase(*, event: EventPage, now: datetime.datetime | None = None) -> int:
    """Replace the event's registrations by anonymous counts per organisation type."""
    now = now or timezone.now()
    with transaction.atomic():
        book = _book_locked(event)
        registrations = Registration.objects.filter(event=event)
        counts = (
            registrations.exclude(status=Registration.Status.CANCELLED)
            .values("organisation_type")
            .annotate(
                registered=Count("id", filter=Q(status=Registration.Status.CONFIRMED)),
                attended=Count("id", filter=Q(attended=True)),
            )
        )
        for row in counts:
            tally, _created = RegistrationTally.objects.get_or_create(
                event=event, organisation_type=row["organisation_type"]
            )
            tally.registered += row["registered"]
            tally.attended += row["attended"]
            tally.save()
        erased, _per_model = registrations.delete()
        book.erased_at = now
        book.save(update_fields=["erased_at"])
    return erased


def registrations_erase_expired(*, now: datetime.datetime | None = None) -> int:
    """Erase registrants' personal data a set number of days after the event's last
    occasion (KVINNOFRID_REGISTRATION_RETENTION_DAYS). Returns how many events."""
    now = now or timezone.now()
    days = settings.KVINNOFRID_REGISTRATION_RETENTION_DAYS
    last_day = stockholm_today(now) - datetime.timedelta(days=days)
    expired = EventPage.objects.filter(ends_on__lt=last_day).filter(
        Q(registration_book__isnull=True) | Q(registration_book__erased_at__isnull=True)
    )
    events = list(expired.filter(registrations__isnull=False).distinct())
    for event in events:
        registrations_erase(event=event, now=now)
    return len(events)
