"""E-mail to registrants. Every message carries the person's own link (to view or cancel)
and the privacy notice; a message that gives a seat carries the event as an .ics file and,
for digital participation, the joining link, which is never shown on the website."""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kvinnofrid.pages.models import InformationPage

from .ics import absolute_url, calendar_bytes, cancellation_bytes
from .models import Registration
from .services import registration_token, waiting_place

SUBJECTS = {
    "received": None,  # depends on the status, see _subject
    "promoted": "Du har fått plats: {title}",
    "cancelled": "Din anmälan är avbokad: {title}",
    "already": "Du är redan anmäld: {title}",
    "message": "{subject}",
}


def registration_link(registration: Registration) -> str:
    return absolute_url(
        reverse("event-registration", kwargs={"token": registration_token(registration)})
    )


def _privacy_url() -> str:
    page = InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()
    return absolute_url(page.url) if page else ""


def _subject(kind: str, registration: Registration, extra: dict) -> str:
    title = registration.event.title
    if kind == "received":
        if registration.status == Registration.Status.CONFIRMED:
            return f"Bekräftelse: du har fått plats på {title}"
        return f"Du står på reservlistan: {title}"
    return SUBJECTS[kind].format(title=title, **extra)


def registration_message(
    kind: str, registration: Registration, *, privacy_url: str, **extra
) -> EmailMessage:
    event = registration.event
    has_seat = registration.status == Registration.Status.CONFIRMED
    occasions = sorted(registration.occasions.all(), key=lambda o: (o.date, o.start_time))
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "occasions": occasions,
        "has_seat": has_seat,
        "place": waiting_place(registration),
        "joining_link": event.joining_link if has_seat and event.format != "physical" else "",
        "event_url": absolute_url(event.url or "/"),
        "personal_link": registration_link(registration),
        "privacy_url": privacy_url,
        **extra,
    }
    with translation.override("sv"):
        body = render_to_string("events/email/registration.txt", context)
    message = EmailMessage(
        subject=_subject(kind, registration, extra), body=body, to=[registration.email]
    )
    if has_seat and kind in ("received", "promoted", "already"):
        message.attach(
            "evenemang.ics",
            calendar_bytes([event], name=event.title, joining_links=True),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    if kind == "cancelled" and registration.confirmed_at is not None:
        # They had a seat, so a confirmation or promotion put the occasions in their
        # calendar: take them out again. Someone who only waited never got an .ics.
        message.attach(
            "avbokning.ics",
            cancellation_bytes(event, attendee_email=registration.email),
            "text/calendar; charset=utf-8; method=CANCEL",
        )
    return message


def send_to_registrations(kind: str, registration_ids: list[int], **extra) -> int:
    registrations = (
        Registration.objects.filter(pk__in=registration_ids)
        .select_related("event", "event__county")
        .prefetch_related("occasions")
    )
    privacy_url = _privacy_url()
    messages = [
        registration_message(kind, registration, privacy_url=privacy_url, **extra)
        for registration in registrations
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages)
