import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_mail_sent_in_a_request_is_queued_and_the_worker_delivers_it_over_smtp(smtp_sink):
    message = EmailMultiAlternatives(
        subject="Välkommen till nätverksträffen",
        body="Hej! Träffen börjar 09.00 i Länsstyrelsens lokaler.",
        to=["samordnare@example.org"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>Hej! Träffen börjar <strong>09.00</strong>.</p>", "text/html")
    message.attach("program.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert message.send() == 1

    # Nothing has gone out yet: the message waits in the queue for the worker.
    assert smtp_sink.messages() == []
    queued = DBTaskResult.objects.get(task_path="kvinnofrid.core.tasks.send_email")
    assert queued.status == TaskResultStatus.READY

    run_worker()

    received = smtp_sink.wait_for(1)
    assert len(received) == 1
    mail = received[0]
    assert mail["To"] == "samordnare@example.org"
    assert mail["Subject"] == "Välkommen till nätverksträffen"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert "09.00 i Länsstyrelsens" in mail.get_body(preferencelist=("plain",)).get_content()
    assert "<strong>09.00</strong>" in mail.get_body(preferencelist=("html",)).get_content()
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_filename() == "program.ics"
    assert attachment.get_content().startswith("BEGIN:VCALENDAR")
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL


def test_a_password_reset_from_the_admin_is_queued_not_sent_in_the_request(smtp_sink, cast):
    cast.editor_a.email = "redaktor@example.org"
    cast.editor_a.save()
    from django.test import Client

    response = Client().post("/admin/password_reset/", {"email": "redaktor@example.org"})
    assert response.status_code == 302
    assert smtp_sink.messages() == []
    run_worker()
    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == "redaktor@example.org"
