from django_tasks import task


@task(queue_name="default")
def registrants_message_send(*, event_id: int, subject: str, body: str, statuses: list[str]) -> int:
    """Staff's message to an event's registrants: one e-mail each, with their own link."""
    from .emails import send_to_registrations
    from .models import Registration

    ids = list(
        Registration.objects.filter(event_id=event_id, status__in=statuses).values_list(
            "id", flat=True
        )
    )
    return send_to_registrations("message", ids, subject=subject, message_body=body)


@task(queue_name="default")
def registrations_erase_expired() -> int:
    """Scheduled daily (see kvinnofrid/core/schedule.py)."""
    from .services import registrations_erase_expired as erase

    return erase()
