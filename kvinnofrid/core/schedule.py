"""Recurring tasks. django-tasks has a queue but no clock, so `manage.py run_schedule`
enqueues these at their interval (make run starts it beside the worker; in production run
it as one more service, or `run_schedule --once` from cron). Each task is idempotent, so an
extra run is harmless and a missed one is caught up by the next."""

from django.conf import settings
from django.core.management import call_command
from django.utils.module_loading import import_string
from django_tasks import task as background_task


def scheduled_tasks() -> list[tuple[object, int]]:
    """(task, interval in seconds) from settings.KVINNOFRID_SCHEDULE."""
    return [
        (import_string(path), seconds) for path, seconds in settings.KVINNOFRID_SCHEDULE.items()
    ]


def enqueue_due(*, last_run: dict, now: float) -> list[str]:
    """Enqueue every task whose interval has passed since it was last enqueued."""
    enqueued = []
    for task, seconds in scheduled_tasks():
        name = task.module_path
        if now - last_run.get(name, float("-inf")) >= seconds:
            task.enqueue()
            last_run[name] = now
            enqueued.append(name)
    return enqueued


@background_task(queue_name="default")
def publish_scheduled() -> None:
    """Wagtail's scheduled publishing: publish the approved revisions whose go-live time
    has passed and unpublish pages and snippets whose expiry time has. Wagtail ships it only
    as a management command (`publish_scheduled`), meant for cron; here the schedule runs
    it, so an editor's "Publicera senare" works without an extra cron line."""
    call_command("publish_scheduled", verbosity=0)
