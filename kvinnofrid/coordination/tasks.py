from django_tasks import task


@task(queue_name="default")
def contacts_erase_stale() -> int:
    """Scheduled daily (see kvinnofrid/core/schedule.py)."""
    from .services import contacts_erase_stale as erase

    return erase()
