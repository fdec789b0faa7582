"""Reminders before the deadline: the scheduled task, run by the real worker, sends one
e-mail per invitation and reminder step over SMTP to a real server process; never to those
who submitted, never twice for the same step."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kvinnofrid.core.schedule import enqueue_due
from kvinnofrid.surveys.models import Reminder
from kvinnofrid.surveys.services import answers_save, invitation_revoke, invitation_submit
from kvinnofrid.surveys.tasks import survey_reminders_send

from .factories import invitation_make, survey_make

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def remind():
    survey_reminders_send.enqueue()
    run_worker()  # the task queues the e-mails …
    run_worker()  # … which the worker then sends


@pytest.fixture
def survey(cast):
    today = timezone.localdate()
    survey = survey_make(
        cast.county_a, year=today.year, deadline=today + datetime.timedelta(days=10)
    )
    survey.reminder_days = [14, 3]
    survey.save()
    survey.questions.update(required=False)
    return survey


def test_reminders_reach_those_who_have_not_submitted_once_per_step(survey, cast, smtp_sink):
    waiting = invitation_make(survey, email="vantar@example.org")
    started = invitation_make(survey, email="paborjad@example.org")
    answers_save(invitation=started, raw={"action_plan": "ja"})
    done = invitation_make(survey, email="klar@example.org")
    answers_save(invitation=done, raw={"action_plan": "ja"})
    assert invitation_submit(invitation=done) == []
    revoked = invitation_make(survey, email="aterkallad@example.org")
    invitation_revoke(invitation=revoked, user=cast.coordinator_a)

    remind()  # ten days left: the 14-day step is due
    messages = smtp_sink.wait_for(2)
    assert sorted(m["To"] for m in messages) == ["paborjad@example.org", "vantar@example.org"]
    body = {m["To"]: m.get_body(preferencelist=("plain",)).get_content() for m in messages}
    assert "påbörjat men inte skickat in" in body["paborjad@example.org"]
    assert "ännu inte fått era svar" in body["vantar@example.org"]
    assert all(m["Subject"].strip().startswith("Påminnelse: svara senast") for m in messages)
    link = next(line for line in body["vantar@example.org"].splitlines() if "/enkat/" in line)
    assert Client().get("/enkat/" + link.split("/enkat/", 1)[1].strip()).status_code == 200

    remind()  # the same day again: nothing new
    assert len(smtp_sink.wait_for(3, timeout=1.5)) == 2

    # Three days before the deadline: the second step, once.
    survey.deadline = timezone.localdate() + datetime.timedelta(days=3)
    survey.save()
    remind()
    remind()
    messages = smtp_sink.wait_for(5, timeout=3)
    assert len(messages) == 4
    assert Reminder.objects.filter(invitation=waiting).count() == 2
    assert not Reminder.objects.filter(invitation__in=[done, revoked]).exists()


def test_invited_late_several_due_steps_give_one_email(survey, smtp_sink):
    survey.deadline = timezone.localdate() + datetime.timedelta(days=1)
    survey.save()
    invitation = invitation_make(survey, email="sen@example.org")
    remind()
    assert len(smtp_sink.wait_for(1)) == 1
    assert sorted(invitation.reminders.values_list("days_before", flat=True)) == [3, 14]
    remind()
    assert len(smtp_sink.wait_for(2, timeout=1.5)) == 1


def test_no_reminders_after_the_deadline_or_before_the_first_step(survey, smtp_sink):
    invitation_make(survey)
    survey.deadline = timezone.localdate() - datetime.timedelta(days=1)
    survey.save()
    remind()
    survey.deadline = timezone.localdate() + datetime.timedelta(days=30)
    survey.save()
    remind()
    assert smtp_sink.wait_for(1, timeout=1.5) == []
    assert not Reminder.objects.exists()


def test_the_schedule_enqueues_the_reminder_task(settings):
    settings.KVINNOFRID_SCHEDULE = {"kvinnofrid.surveys.tasks.survey_reminders_send": 3600}
    last_run = {}
    assert enqueue_due(last_run=last_run, now=0.0) == [
        "kvinnofrid.surveys.tasks.survey_reminders_send"
    ]
    assert enqueue_due(last_run=last_run, now=10.0) == []
    assert DBTaskResult.objects.filter(task_path__endswith="survey_reminders_send").count() == 1
