import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kvinnofrid.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_mail_is_queued_and_the_worker_delivers_it_over_smtp(smtp_sink):
    result = send_email.enqueue(
        to=["samordnare@example.org"],
        subject="Välkommen till nätverksträffen",
        body="Hej! Träffen börjar 09.00 i Länsstyrelsens lokaler.",
        html_body="<p>Hej! Träffen börjar <strong>09.00</strong>.</p>",
        headers={"Auto-Submitted": "auto-generated"},
    )
    # Nothing is sent by the request side: the message waits in the queue.
    assert smtp_sink.messages() == []
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    messages = smtp_sink.wait_for(1)
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == "samordnare@example.org"
    assert message["Subject"] == "Välkommen till nätverksträffen"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "09.00 i Länsstyrelsens" in message.get_body(preferencelist=("plain",)).get_content()
    assert "<strong>09.00</strong>" in message.get_body(preferencelist=("html",)).get_content()
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.SUCCESSFUL
