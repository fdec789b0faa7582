"""A test send: the issue exactly as subscribers will get it, to the staff member's own
address, before the real send.

The message is built by `mailing.build_message`, the same function the real send uses, so
the test shows the real headers (List-Unsubscribe and List-Unsubscribe-Post included). It
then goes through Django's mail API like all other mail (queued by TaskEmailBackend and
delivered by the worker); the queue carries a message as its parts and headers, so the
built message is taken apart into an EmailMultiAlternatives that keeps those headers.
A test sender has no subscription, so the personal links point at the web version, and
the message says they do nothing.
"""

import dataclasses
from email import policy
from email.parser import BytesParser
from email.utils import make_msgid

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kvinnofrid.core.audit import audit_log
from kvinnofrid.events.ics import absolute_url

from . import mailing, rendering
from .models import NewsletterIssuePage

# The headers of a built message that a queued EmailMultiAlternatives must carry over;
# Django writes From, To, Subject, Date and the MIME headers itself.
KEPT_HEADERS = (
    "Message-ID",
    "List-Id",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "Content-Language",
    "Auto-Submitted",
)


def _domain() -> str:
    return absolute_url("/").split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def _queueable(raw: bytes, *, to: str) -> EmailMultiAlternatives:
    built = BytesParser(policy=policy.default).parsebytes(raw)
    message = EmailMultiAlternatives(
        subject=str(built["Subject"]),
        body=built.get_body(("plain",)).get_content(),
        from_email=str(built["From"]),
        to=[to],
        headers={name: str(built[name]) for name in KEPT_HEADERS if built[name]},
    )
    message.attach_alternative(built.get_body(("html",)).get_content(), "text/html")
    return message


def test_send(*, issue: NewsletterIssuePage, user) -> str:
    """Queue the issue to `user.email`; returns the address. Raises ValidationError
    (Swedish) when the user has no address."""
    address = (user.email or "").strip()
    with translation.override("sv"):
        if not address:
            raise ValidationError(
                _(
                    "Ditt konto saknar e-postadress. Lägg till en under ditt konto för att "
                    "kunna göra ett provutskick."
                ),
                code="no_email",
            )
        newsletter = issue.newsletter()
        rendered = rendering.issue_email(issue, test_send=True)
        rendered = dataclasses.replace(
            rendered, subject=_("Provutskick: %(subject)s") % {"subject": rendered.subject}
        )
    web_version = rendering.issue_links(issue, newsletter).web or absolute_url("/")
    domain = _domain()
    raw = mailing.build_message(
        rendered=rendered,
        from_email=mailing.sender_address(newsletter.from_name()),
        to=address,
        preferences_url=web_version,
        unsubscribe_url=web_version,
        message_id=make_msgid("provutskick", domain=domain),
        list_id=f"{newsletter.title} <list-{newsletter.pk}.{domain}>",
    )
    with transaction.atomic():
        audit_log(
            instance=issue,
            action="kvinnofrid.newsletter.test_send",
            user=user,
            data={"to": address},
        )
        _queueable(raw, to=address).send()
    return address
