"""Building newsletter e-mails and handing them to the mail server.

An issue is rendered once per send (rendering.py) with placeholders where each
subscriber's own links go; `build_message` fills them in and returns the bytes to send.
`transport()` gives a connection that is reused for a whole batch: raw SMTP where the
delivery backend is SMTP (so each recipient's reply code can be read: 4xx is retried, 5xx
is final), else Django's configured backend (files under var/mail in `make run`, the
in-memory outbox in unit tests).
"""

import binascii
import contextlib
import smtplib
import ssl
import uuid
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
    return MessageFactory(rendered=rendered, from_email=from_email, list_id=list_id).build(
        to=to,
        preferences_url=preferences_url,
        unsubscribe_url=unsubscribe_url,
        message_id=message_id,
    )


class MessageFactory:
    """Builds one issue's message for many subscribers.

    The standard library's e-mail package folds and encodes every header and body in pure
    Python, about 4 ms for a 30 KB issue: more than the SMTP exchange itself. What is the
    same for every subscriber (the encoded Subject and From, List-Id, the MIME skeleton) is
    therefore made once, by the e-mail package; per subscriber only the ASCII headers are
    written and the two bodies, with the subscriber's links filled in, are
    quoted-printable encoded by `binascii` (C). The result parses to the same message.
    """

    def __init__(self, *, rendered: RenderedIssue, from_email: str, list_id: str, date=None):
        self.rendered = rendered
        self.date = date or formatdate(localtime=True)
        fixed = EmailMessage(policy=policy.SMTP)
        fixed["Subject"] = rendered.subject
        fixed["From"] = from_email
        fixed["List-Id"] = list_id
        fixed["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        fixed["Content-Language"] = "sv"
        fixed["Auto-Submitted"] = "auto-generated"
        fixed["MIME-Version"] = "1.0"
        head = fixed.as_bytes()
        self.fixed_headers = head[: head.index(b"\r\n\r\n") + 2]
        self.boundary = f"kvinnofrid-{uuid.uuid4().hex}".encode()
        self.from_email = from_email
        self.list_id = list_id

    @staticmethod
    def _ascii_header_value(value: str) -> bool:
        return value.isascii() and "\r" not in value and "\n" not in value

    def build(
        self, *, to: str, preferences_url: str, unsubscribe_url: str, message_id: str
    ) -> bytes:
        if not all(
            self._ascii_header_value(value)
            for value in (to, preferences_url, unsubscribe_url, message_id)
        ):
            return self._build_slowly(
                to=to,
                preferences_url=preferences_url,
                unsubscribe_url=unsubscribe_url,
                message_id=message_id,
            )

        def part(content: str, subtype: bytes) -> bytes:
            content = content.replace(PREFERENCES_PLACEHOLDER, preferences_url).replace(
                UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
            )
            content = content.replace("\r\n", "\n").replace("\r", "\n")
            if not content.endswith("\n"):
                content += "\n"
            encoded = binascii.b2a_qp(content.encode("utf-8"), istext=True)
            return (
                b"--" + self.boundary + b"\r\n"
                b"Content-Type: text/" + subtype + b'; charset="utf-8"\r\n'
                b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + encoded.replace(b"\n", b"\r\n")
            )

        headers = (
            f"To: {to}\r\n"
            f"Date: {self.date}\r\n"
            f"Message-ID: {message_id}\r\n"
            f"List-Unsubscribe: <{unsubscribe_url}>\r\n"
        ).encode("ascii")
        return b"".join(
            [
                self.fixed_headers,
                headers,
                b'Content-Type: multipart/alternative; boundary="' + self.boundary + b'"\r\n',
                b"\r\n",
                part(self.rendered.text, b"plain"),
                part(self.rendered.html, b"html"),
                b"--" + self.boundary + b"--\r\n",
            ]
        )

    def _build_slowly(
        self, *, to: str, preferences_url: str, unsubscribe_url: str, message_id: str
    ) -> bytes:
        """For the rare address the fast path cannot write as plain ASCII (an
        internationalised domain): the e-mail package encodes it properly."""

        def personal(content: str) -> str:
            return content.replace(PREFERENCES_PLACEHOLDER, preferences_url).replace(
                UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url
            )

        message = EmailMessage(policy=policy.SMTP)
        message["Subject"] = self.rendered.subject
        message["From"] = self.from_email
        message["To"] = to
        message["Date"] = self.date
        message["Message-ID"] = message_id
        message["List-Id"] = self.list_id
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(personal(self.rendered.text), subtype="plain", cte="quoted-printable")
        message.add_alternative(
            personal(self.rendered.html), subtype="html", cte="quoted-printable"
        )
        # After the content: set_content() moves Content-* headers into the first part.
        message["Content-Language"] = "sv"
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
