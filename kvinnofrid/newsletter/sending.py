"""Sending an issue (see docs/newsletter.md)."""


def send_batch(*, send_id: int) -> int:
    return 0


def sends_resume() -> int:
    return 0
