from django_tasks import task


@task(queue_name="default")
def newsletter_send_batch(*, send_id: int) -> int:
    """Send the next batch of an issue's deliveries; enqueues itself again while some
    remain (sending.py)."""
    from .sending import send_batch

    return send_batch(send_id=send_id)


@task(queue_name="default")
def newsletter_sends_resume() -> int:
    """Scheduled every minute: start the sends staff scheduled for a time that has come,
    and pick up sends whose worker died (its lease ran out)."""
    from .sending import scheduled_sends_start, sends_resume

    # Resume first: a send started just now has no worker yet and needs no second batch.
    return sends_resume() + scheduled_sends_start()


@task(queue_name="default")
def subscriptions_expire() -> int:
    """Scheduled daily: unconfirmed sign-ups older than seven days are deleted."""
    from .subscriptions import pending_expire

    return pending_expire()
