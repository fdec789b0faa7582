"""A test send reaches the staff member's own address through the queue and a real SMTP
server, as subscribers would get it, marked as a test."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import PageLogEntry

from kvinnofrid.newsletter import testsend

from .test_rendering import issue_create, list_create

pytestmark = pytest.mark.django_db


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


# The worker closes the database connection between tasks, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_test_send_reaches_the_staff_members_address_with_both_parts(cast, smtp_sink):
    issue = issue_create(list_create(county=cast.county_a))
    address = testsend.test_send(issue=issue, user=cast.editor_a)
    assert address == "redaktor-a@example.org"
    assert smtp_sink.messages() == []  # queued, not sent in the request

    run_worker()
    [mail] = smtp_sink.wait_for(1)
    assert mail["To"] == "redaktor-a@example.org"
    assert mail["Subject"].replace("\n", "").strip() == f"Provutskick: {issue.title}"
    assert "Länsstyrelsen i Stockholms län" in mail["From"]
    # The one-click unsubscribe headers survive the queue.
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    web_version = f"http://127.0.0.1:8000{issue.url}"
    assert mail["List-Unsubscribe"] == f"<{web_version}>"
    assert mail["List-Id"]
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Ny vägledning om skyddade personuppgifter" in part
        assert "fungerar inte i ett provutskick" in part
        assert "%%KVINNOFRID" not in part
    assert f"Avsluta prenumerationen: {web_version}" in text
    assert "@media (prefers-color-scheme: dark)" in html


def test_a_test_send_is_audited(cast, smtp_sink):
    issue = issue_create(list_create(county=cast.county_a))
    testsend.test_send(issue=issue, user=cast.editor_a)
    entry = PageLogEntry.objects.get(action="kvinnofrid.newsletter.test_send")
    assert entry.page_id == issue.pk and entry.user_id == cast.editor_a.pk


def test_a_staff_member_without_an_address_is_told_so_in_swedish(cast, mailoutbox):
    issue = issue_create(list_create(county=cast.county_a))
    cast.editor_a.email = ""
    with pytest.raises(ValidationError) as error:
        testsend.test_send(issue=issue, user=cast.editor_a)
    assert "saknar e-postadress" in error.value.messages[0]
    assert not PageLogEntry.objects.filter(action="kvinnofrid.newsletter.test_send").exists()
