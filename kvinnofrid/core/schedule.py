"""Recurring tasks. django-tasks has a queue but no clock, so `manage.py run_schedule`
enqueues these at their interval (make run starts it beside the worker; in production run
it as one more service, or `run_schedule --once` from cron). Each task is idempotent, so an
extra run is harmless and a missed one is caught up by the next."""

from django.conf import settings
from django.utils.module_loading import import_string


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
