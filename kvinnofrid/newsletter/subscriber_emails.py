"""E-mail to people signing up: the confirmation link (double opt-in) and, for an address
that already gets every list it asked for, a notice with its preferences link instead.
Plain text, Swedish, through Django's mail API (which queues a task: core/mail.py). Both
carry the privacy notice; neither carries any tracking."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.pages.models import InformationPage

from . import tokens
from .models import Subscriber

SUBJECTS = {
    "confirm": "Bekräfta din prenumeration på nyhetsbrev",
    "already": "Du prenumererar redan på nyhetsbrevet",
}


def privacy_url() -> str:
    page = InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()
    return absolute_url(page.url) if page and page.url else ""


def confirm_url(subscriber: Subscriber) -> str:
    return absolute_url(
        reverse("newsletter-confirm", kwargs={"token": tokens.confirmation_token(subscriber)})
    )


def preferences_url(subscriber: Subscriber) -> str:
    return absolute_url(
        reverse("newsletter-preferences", kwargs={"token": tokens.preferences_token(subscriber)})
    )


def signup_message(kind: str, subscriber: Subscriber, newsletters: list) -> EmailMessage:
    """kind: "confirm" or "already" (subscriptions.SignupOutcome); `newsletters`: the lists
    asked for."""
    context = {
        "subscriber": subscriber,
        "newsletters": newsletters,
        "confirm_url": confirm_url(subscriber) if kind == "confirm" else "",
        "preferences_url": preferences_url(subscriber),
        "privacy_url": privacy_url(),
        "valid_days": tokens.CONFIRMATION_MAX_AGE.days,
    }
    template = (
        "newsletter/email/confirm.txt"
        if kind == "confirm"
        else "newsletter/email/confirm_already.txt"
    )
    with translation.override("sv"):
        body = render_to_string(template, context)
    message = EmailMessage(subject=SUBJECTS[kind], body=body, to=[subscriber.email])
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message


def signup_mail_send(kind: str, subscriber: Subscriber, newsletters: list) -> None:
    signup_message(kind, subscriber, newsletters).send()
