"""Every write to subscribers and subscriptions.

Double opt-in: a sign-up creates *pending* subscriptions and e-mails a confirmation link;
only the POST behind that link (proof that the person controls the mailbox) makes them
active. The signed preferences link in every newsletter is the same proof, so lists
added there are active at once. An erased or staff-blocked address is kept only as a
keyed hash (`BlockedAddress`); confirming a new sign-up from that mailbox lifts it.

Sign-up never tells the visitor whether the address was known: the same page follows in
every case, and what differs goes to the mailbox only.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import (
    BlockedAddress,
    NewsletterListPage,
    Subscriber,
    Subscription,
    address_hash,
    normalise_email,
)
from .tokens import CONFIRMATION_MAX_AGE

Status = Subscription.Status


class SignupOutcome:
    CONFIRM = "confirm"  # a confirmation e-mail goes out
    ALREADY = "already"  # every list asked for is already active: a notice goes out


@dataclass(frozen=True)
class SignupResult:
    subscriber: Subscriber
    outcome: str
    newsletters: list[NewsletterListPage]


def _validated_subscriber(*, email: str, name: str, organisation_type: str) -> Subscriber:
    subscriber = Subscriber(
        email=normalise_email(email), name=name.strip(), organisation_type=organisation_type
    )
    subscriber.full_clean(validate_unique=False)
    return subscriber


def signup(
    *,
    email: str,
    newsletters: Iterable[NewsletterListPage],
    name: str = "",
    organisation_type: str = "",
) -> SignupResult:
    """Ask for subscriptions to `newsletters`. A known subscriber's name and organisation
    are not changed here: anyone can type anyone's address into the form."""
    newsletters = list(newsletters)
    if not newsletters:
        raise ValidationError("At least one list is required.", code="no_lists")
    candidate = _validated_subscriber(email=email, name=name, organisation_type=organisation_type)
    now = timezone.now()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(
            email=candidate.email,
            defaults={"name": candidate.name, "organisation_type": candidate.organisation_type},
        )
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        existing = {
            s.newsletter_id: s for s in subscriber.subscriptions.filter(newsletter__in=newsletters)
        }
        blocked = BlockedAddress.objects.blocks(subscriber.email)
        needs_confirmation = blocked or subscriber.deactivated_at is not None
        for newsletter in newsletters:
            subscription = existing.get(newsletter.pk)
            if subscription is None:
                subscription = Subscription(
                    subscriber=subscriber, newsletter=newsletter, source=Subscription.Source.SIGNUP
                )
                subscription.full_clean(validate_unique=False)
                subscription.save()
                needs_confirmation = True
            elif subscription.status != Status.ACTIVE:
                # A new request restarts the seven days the confirmation link is valid:
                # `created_at` is when the current request for the list was made.
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Status.PENDING, created_at=now
                )
                needs_confirmation = True
    return SignupResult(
        subscriber=subscriber,
        outcome=SignupOutcome.CONFIRM if needs_confirmation else SignupOutcome.ALREADY,
        newsletters=newsletters,
    )


def needs_confirmation(subscriber: Subscriber) -> bool:
    """Whether the confirmation page has something to do: pending lists, or a subscriber
    that stopped being mailed (deactivated, or its address blocked) until it confirms."""
    return (
        subscriber.subscriptions.pending().exists()
        or subscriber.deactivated_at is not None
        or BlockedAddress.objects.blocks(subscriber.email)
    )


def confirm(*, subscriber: Subscriber) -> list[NewsletterListPage]:
    """Make the subscriber's pending subscriptions active: the POST behind the e-mailed link.
    Lifts a block of the address and re-activates a deactivated subscriber. Idempotent."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        pending = list(subscriber.subscriptions.pending().select_related("newsletter"))
        Subscription.objects.filter(pk__in=[s.pk for s in pending]).update(
            status=Status.ACTIVE, confirmed_at=now, unsubscribed_at=None
        )
        BlockedAddress.objects.filter(address_hash=address_hash(subscriber.email)).delete()
        if subscriber.deactivated_at is not None or subscriber.consecutive_failures:
            Subscriber.objects.filter(pk=subscriber.pk).update(
                deactivated_at=None, consecutive_failures=0
            )
    return [s.newsletter for s in pending]


def preferences_save(
    *,
    subscriber: Subscriber,
    newsletters: Iterable[NewsletterListPage],
    offered: Iterable[NewsletterListPage],
    name: str,
    organisation_type: str,
) -> None:
    """Set which of the `offered` lists the subscriber gets to exactly `newsletters`. The
    signed link proves control of the mailbox, so added lists are active at once; removed
    ones are kept as unsubscribed (the staff's counts need when people leave), pending
    ones dropped. Lists not offered (unpublished for now) are left as they are."""
    wanted = {n.pk: n for n in newsletters}
    offered_ids = {n.pk for n in offered}
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.name = name.strip()
        subscriber.organisation_type = organisation_type
        subscriber.full_clean(validate_unique=False)
        subscriber.save(update_fields=["name", "organisation_type"])
        existing = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
        for newsletter_id, subscription in existing.items():
            if newsletter_id in wanted or newsletter_id not in offered_ids:
                continue
            if subscription.status == Status.ACTIVE:
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Status.UNSUBSCRIBED, unsubscribed_at=now
                )
            elif subscription.status == Status.PENDING:
                _pending_drop(subscription)
        for newsletter_id, newsletter in wanted.items():
            subscription = existing.get(newsletter_id)
            if subscription is None:
                Subscription.objects.create(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    status=Status.ACTIVE,
                    confirmed_at=now,
                )
            elif subscription.status != Status.ACTIVE:
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Status.ACTIVE, confirmed_at=now, unsubscribed_at=None
                )


def _pending_drop(subscription: Subscription) -> None:
    """A pending request withdrawn or expired: a list the person had left goes back to
    'unsubscribed' (its history stays in the counts); a first request leaves no trace."""
    if subscription.unsubscribed_at is not None:
        Subscription.objects.filter(pk=subscription.pk).update(status=Status.UNSUBSCRIBED)
    else:
        Subscription.objects.filter(pk=subscription.pk).delete()


def unsubscribe(*, subscriber: Subscriber, newsletter_id: int | None = None) -> int:
    """Leave one list (RFC 8058 one-click) or, with no list, every list. Idempotent;
    returns how many subscriptions changed."""
    now = timezone.now()
    with transaction.atomic():
        subscriptions = Subscription.objects.select_for_update().filter(subscriber=subscriber)
        if newsletter_id is not None:
            subscriptions = subscriptions.filter(newsletter_id=newsletter_id)
        changed = 0
        for subscription in subscriptions:
            if subscription.status == Status.ACTIVE:
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Status.UNSUBSCRIBED, unsubscribed_at=now
                )
                changed += 1
            elif subscription.status == Status.PENDING:
                _pending_drop(subscription)
                changed += 1
    return changed


def _block(*, email: str, reason: str) -> BlockedAddress:
    blocked, _created = BlockedAddress.objects.update_or_create(
        address_hash=address_hash(email), defaults={"reason": reason}
    )
    return blocked


def erase(*, subscriber: Subscriber) -> None:
    """The person's right to erasure: the subscriber and every subscription go; only the
    keyed hash stays, so the address is never mailed again unless it signs up anew.
    Deliveries keep no address (their subscriber becomes NULL)."""
    with transaction.atomic():
        _block(email=subscriber.email, reason=BlockedAddress.Reason.ERASED)
        Subscriber.objects.filter(pk=subscriber.pk).delete()


def address_block(*, email: str, user, newsletter: NewsletterListPage) -> BlockedAddress:
    """Staff block an address: the subscriber (on every list: a block is about the
    address, not one list) is deleted and only the keyed hash is kept. Audited against
    the list the block was made from; the log holds no address."""
    from kvinnofrid.core.audit import audit_log

    email = normalise_email(email)
    with transaction.atomic():
        blocked = _block(email=email, reason=BlockedAddress.Reason.BLOCKED)
        Subscriber.objects.filter(email=email).delete()
        audit_log(
            instance=newsletter,
            action="kvinnofrid.newsletter.block",
            user=user,
            data={"address_hash": blocked.address_hash[:12]},
        )
    return blocked


def pending_expire(*, now: datetime.datetime | None = None) -> int:
    """Scheduled daily: unconfirmed requests older than the confirmation link's validity
    are dropped, and subscribers left with nothing who never confirmed anything are
    deleted. Returns the number of subscriptions dropped."""
    now = now or timezone.now()
    cutoff = now - CONFIRMATION_MAX_AGE
    with transaction.atomic():
        expired = Subscription.objects.pending().filter(created_at__lt=cutoff)
        reverted = expired.filter(unsubscribed_at__isnull=False).update(status=Status.UNSUBSCRIBED)
        deleted, _detail = expired.filter(unsubscribed_at__isnull=True).delete()
        Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).exclude(
            Q(deliveries__isnull=False)
        ).delete()
    return reverted + deleted
