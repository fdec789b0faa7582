"""The staff's send page: choosing lists, the confirmation step, progress, pause and
resume; and who may open it."""

import pytest
from django.urls import reverse

from kvinnofrid.newsletter.models import NewsletterSend
from kvinnofrid.testing.cast import verified_client

from .sending_support import drain_tasks, issue_create, list_create, subscribers_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings):
    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0


def send_url(issue) -> str:
    return reverse("newsletter_send", kwargs={"page_id": issue.pk})


def test_the_send_page_lists_the_sendable_lists_with_their_subscriber_counts(cast):
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    list_create(county=cast.county_b, title="Nyhetsbrev Uppsala")
    subscribers_create(lists=[newsletter], count=3)
    issue = issue_create(newsletter=newsletter)
    response = verified_client(cast.editor_a).get(send_url(issue))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nyhetsbrev Stockholm" in content
    assert "3 prenumeranter" in content
    assert "Nyhetsbrev Uppsala" not in content  # another county's list is not offered


def test_sending_needs_the_confirmation_and_then_starts_once(cast):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    issue = issue_create(newsletter=newsletter)
    client = verified_client(cast.coordinator_a)

    response = client.post(send_url(issue), {"lists": [newsletter.pk]})
    assert response.status_code == 200
    assert "Bekräfta att numret ska skickas." in response.content.decode()
    assert not NewsletterSend.objects.exists()

    response = client.post(send_url(issue), {"lists": [newsletter.pk], "confirm": "on"})
    assert response.status_code == 302
    send = NewsletterSend.objects.get()
    assert send.started_by == cast.coordinator_a
    # A second POST (a double click) does not start anything again.
    client.post(send_url(issue), {"lists": [newsletter.pk], "confirm": "on"})
    assert NewsletterSend.objects.count() == 1

    progress = client.get(send_url(issue) + "?format=json").json()
    assert progress == {
        "status": "sending",
        "total": 2,
        "sent": 0,
        "failed": 0,
        "skipped": 0,
        "pending": 2,
        "percent": 0,
    }
    drain_tasks()
    assert client.get(send_url(issue) + "?format=json").json()["sent"] == 2
    page = client.get(send_url(issue)).content.decode()
    assert "Slutrapport" in page


def test_a_list_of_another_county_cannot_be_slipped_into_the_form(cast):
    newsletter = list_create(county=cast.county_a)
    foreign = list_create(county=cast.county_b)
    issue = issue_create(newsletter=newsletter)
    response = verified_client(cast.editor_a).post(
        send_url(issue), {"lists": [newsletter.pk, foreign.pk], "confirm": "on"}
    )
    assert response.status_code == 200
    assert not NewsletterSend.objects.exists()


def test_pause_and_resume_from_the_page(cast):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    issue = issue_create(newsletter=newsletter)
    client = verified_client(cast.editor_a)
    client.post(send_url(issue), {"lists": [newsletter.pk], "confirm": "on"})
    client.post(reverse("newsletter_send_pause", kwargs={"page_id": issue.pk}))
    assert NewsletterSend.objects.get().status == NewsletterSend.Status.PAUSED
    drain_tasks()
    assert NewsletterSend.objects.get().status == NewsletterSend.Status.PAUSED
    client.post(reverse("newsletter_send_resume", kwargs={"page_id": issue.pk}))
    drain_tasks()
    assert NewsletterSend.objects.get().status == NewsletterSend.Status.DONE


def test_the_sends_list_counts_in_a_constant_number_of_queries(cast, django_assert_max_num_queries):
    newsletter = list_create(county=cast.county_a)
    subscribers_create(lists=[newsletter], count=2)
    client = verified_client(cast.editor_a)
    client.get(reverse("newsletter_sends"))  # warm the session and menus

    def queries_for_sends(count):
        for _ in range(count):
            issue = issue_create(newsletter=newsletter)
            client.post(send_url(issue), {"lists": [newsletter.pk], "confirm": "on"})
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("newsletter_sends"))
        assert response.status_code == 200
        return len(captured)

    assert queries_for_sends(1) == queries_for_sends(6)
