from django_tasks import task


@task(queue_name="default")
def survey_reminders_send() -> int:
    """Scheduled (see kvinnofrid/core/schedule.py): remind those who have not answered.
    Idempotent: each reminder step is sent once per invitation."""
    from .services import reminders_send

    return reminders_send()
