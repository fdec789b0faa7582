"""Isolation-matrix entries: the subscriber pages and the sending pages register theirs in
their own modules."""

from . import send_staff_urls, subscriber_staff_urls  # noqa: F401
