"""Background tasks shared by every app."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django_tasks import task


@task(queue_name="default")
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    from_email: str | None = None,
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    reply_to: list[str] | None = None,
    alternatives: list[list[str]] | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[list[str]] | None = None,
) -> int:
    """Deliver one message through the real backend. Queued by TaskEmailBackend (see
    kvinnofrid.core.mail), so code sends mail with Django's ordinary API."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        cc=cc or [],
        bcc=bcc or [],
        reply_to=reply_to or [],
        headers=headers or {},
        connection=get_connection(settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND),
    )
    for content, mimetype in alternatives or []:
        message.attach_alternative(content, mimetype)
    for filename, encoded, mimetype in attachments or []:
        message.attach(filename, base64.b64decode(encoded), mimetype)
    return message.send()
