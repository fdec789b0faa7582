import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kvinnofrid.pages.models import InformationPage
from kvinnofrid.regions.models import County

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_one_run_of_the_schedule_publishes_a_page_whose_go_live_time_has_passed():
    county = County.objects.get(code="01")
    page = county.page.add_child(
        instance=InformationPage(title="Publiceras i efterhand", slug="senare", live=False)
    )
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    # Publishing a revision with a future go-live time is how an editor schedules it.
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    # A minute passes: the revision's go-live time (in its content and as approved) is now
    # in the past.
    revision = page.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])

    call_command("run_schedule", once=True, verbosity=0)
    run_worker()

    from django_tasks_db.models import DBTaskResult

    ran = DBTaskResult.objects.get(task_path="kvinnofrid.core.schedule.publish_scheduled")
    assert ran.status == "SUCCESSFUL", ran.exception_class_path
    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == page.latest_revision_id
