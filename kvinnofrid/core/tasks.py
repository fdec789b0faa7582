"""Background tasks shared by every app. E-mail leaves the platform only from here, so a
slow or unreachable mail server never holds up a web request."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task(queue_name="default")
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
    reply_to: list[str] | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, headers=headers or {}, reply_to=reply_to or []
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
