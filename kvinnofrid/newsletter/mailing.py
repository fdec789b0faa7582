"""Building newsletter e-mails and handing them to the mail server.

An issue is rendered once per send (rendering.py) with placeholders where each
subscriber's own links go; `build_message` fills them in and returns the bytes to send.
`transport()` gives a connection that is reused for a whole batch: raw SMTP where the
delivery backend is SMTP (so each recipient's reply code can be read: 4xx is retried, 5xx
is final), else Django's configured backend (files under var/mail in `make run`, the
in-memory outbox in unit tests).
"""

import contextlib
import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate, getaddresses

from django.conf import settings
from django.core.mail import EmailMessage as DjangoEmailMessage
from django.core.mail import get_connection

PREFERENCES_PLACEHOLDER = "%%KVINNOFRID_PREFERENCES_URL%%"
UNSUBSCRIBE_PLACEHOLDER = "%%KVINNOFRID_UNSUBSCRIBE_URL%%"


@dataclass(frozen=True)
class RenderedIssue:
    """An issue's e-mail with placeholders for the subscriber's own links."""

    subject: str
    html: str
    text: str


def sender_address(display_name: str) -> str:
    """DEFAULT_FROM_EMAIL's address with the list's own display name."""
    address = getaddresses([settings.DEFAULT_FROM_EMAIL])[0][1]
    return str(Address(display_name=display_name, addr_spec=address))


def build_message(
    *,
    rendered: RenderedIssue,
    from_email: str,
    to: str,
    preferences_url: str,
    unsubscribe_url: str,
    message_id: str,
    list_id: str,
) -> bytes:
    """The e-mail to one subscriber: HTML and plain text, with the RFC 8058 one-click
    unsubscribe headers. No tracking of any kind is added."""

    def personal(content: str) -> str:
        return content.replace(PREFERENCES_PLACEHOLDER, preferences_url).replace(
            UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
        )

    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = rendered.subject
    message["From"] = from_email
    message["To"] = to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message["List-Id"] = list_id
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Content-Language"] = "sv"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(personal(rendered.text), subtype="plain", cte="quoted-printable")
    message.add_alternative(personal(rendered.html), subtype="html", cte="quoted-printable")
    return message.as_bytes()


class SMTPTransport:
    """One SMTP connection, kept open across messages."""

    def __init__(self):
        self.connection: smtplib.SMTP | None = None

    def open(self):
        if self.connection is not None:
            return
        timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 30
        if getattr(settings, "EMAIL_USE_SSL", False):
            connection = smtplib.SMTP_SSL(
                settings.EMAIL_HOST,
                settings.EMAIL_PORT,
                timeout=timeout,
                context=ssl.create_default_context(),
            )
        else:
            connection = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=timeout)
            if getattr(settings, "EMAIL_USE_TLS", False):
                connection.starttls(context=ssl.create_default_context())
        if settings.EMAIL_HOST_USER:
            connection.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        self.connection = connection

    def send(self, *, from_address: str, to: str, message: bytes) -> None:
        """Returns when the server has accepted the message; raises smtplib's exceptions
        (which carry the reply code) otherwise."""
        self.open()
        try:
            self.connection.sendmail(from_address, [to], message)
        except smtplib.SMTPServerDisconnected:
            self.connection = None
            raise
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused):
            # The transaction failed but the connection stays usable; reset its state.
            try:
                self.connection.rset()
            except smtplib.SMTPException:
                self.close()
            raise

    def close(self):
        if self.connection is None:
            return
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.connection.quit()
        self.connection = None


class _RawMessage(DjangoEmailMessage):
    """A finished message for Django's backends (file, locmem, console)."""

    def __init__(self, raw: bytes, to: str):
        super().__init__(to=[to])
        self._raw = raw

    def message(self, **kwargs):
        return BytesParser(policy=policy.SMTP).parsebytes(self._raw)


class BackendTransport:
    def __init__(self):
        self.connection = get_connection(settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND)

    def open(self):
        self.connection.open()

    def send(self, *, from_address: str, to: str, message: bytes) -> None:
        self.connection.send_messages([_RawMessage(message, to)])

    def close(self):
        self.connection.close()


def transport():
    if settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
        return SMTPTransport()
    return BackendTransport()


def envelope_sender() -> str:
    return getaddresses([settings.DEFAULT_FROM_EMAIL])[0][1]
