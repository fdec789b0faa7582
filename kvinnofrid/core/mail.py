"""All e-mail leaves through the task queue.

`TaskEmailBackend` is the EMAIL_BACKEND, so everything that uses Django's mail API (our
code, Wagtail's moderation notices, password resets) only queues a task in the request;
the worker then sends through KVINNOFRID_DELIVERY_EMAIL_BACKEND (SMTP in production). A
slow or unreachable mail server never holds up a page, and a failed send can be retried.
"""

import base64
from email.mime.base import MIMEBase

from django.core.mail.backends.base import BaseEmailBackend


def message_to_task_kwargs(message) -> dict:
    """A JSON-serialisable form of an EmailMessage, for the task queue."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("MIME attachments cannot be queued; attach (name, content, type).")
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "subject": str(message.subject),
        "body": str(message.body),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "attachments": attachments,
    }


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from .tasks import send_email

        for message in email_messages:
            send_email.enqueue(**message_to_task_kwargs(message))
        return len(email_messages)
