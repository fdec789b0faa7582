"""Signed tokens for the links in newsletter e-mails. They carry the subscriber's random key
(never an integer id); `Subscriber.key` rotated voids every link sent before."""

import datetime

from django.core import signing

from .models import Subscriber

CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)

_PREFERENCES = "kvinnofrid.newsletter.preferences"
_UNSUBSCRIBE = "kvinnofrid.newsletter.unsubscribe"
_CONFIRM = "kvinnofrid.newsletter.confirm"


def preferences_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=_PREFERENCES).sign(subscriber.key.hex)


def subscriber_from_preferences_token(token: str) -> Subscriber | None:
    try:
        key = signing.Signer(salt=_PREFERENCES).unsign(token)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(key=key).first()


def unsubscribe_token(subscriber_key_hex: str, newsletter_id: int) -> str:
    """One-click unsubscribe from one list (RFC 8058). Takes the key as hex so the sender
    can build it without loading model instances."""
    return signing.Signer(salt=_UNSUBSCRIBE).sign(f"{subscriber_key_hex}.{newsletter_id}")


def unsubscribe_target(token: str) -> tuple[Subscriber, int] | None:
    """(subscriber, newsletter id) of a valid token, else None."""
    try:
        value = signing.Signer(salt=_UNSUBSCRIBE).unsign(token)
        key, newsletter_id = value.split(".")
        newsletter_id = int(newsletter_id)
    except (signing.BadSignature, ValueError):
        return None
    subscriber = Subscriber.objects.filter(key=key).first()
    return (subscriber, newsletter_id) if subscriber else None


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_CONFIRM).sign(subscriber.key.hex)


def subscriber_from_confirmation_token(token: str) -> Subscriber | None:
    """None when the token is forged or older than seven days."""
    try:
        key = signing.TimestampSigner(salt=_CONFIRM).unsign(token, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(key=key).first()
