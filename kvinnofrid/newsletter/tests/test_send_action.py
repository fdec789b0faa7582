"""A ready issue (published as it stands, not yet sent) offers *Skicka* as the primary
action: in the page editor's action menu and in the page listing."""

import re

import pytest
from django.urls import reverse

from kvinnofrid.newsletter.models import NewsletterSend
from kvinnofrid.testing.cast import verified_client

from .sending_support import issue_create, list_create

pytestmark = pytest.mark.django_db


def _action_menu(html: str) -> str:
    """The editor's footer action menu (primary button first, then its drop-up)."""
    match = re.search(r'<footer class="footer[^"]*".*?</footer>', html, re.DOTALL)
    assert match, "no action footer"
    return match.group(0)


def _first_action(menu: str) -> str:
    return re.search(r"<(a|button)\b[^>]*>.*?</\1>", menu, re.DOTALL).group(0)


def test_a_ready_issues_editor_has_skicka_as_its_primary_action(cast):
    issue = issue_create(newsletter=list_create(county=cast.county_a))
    send_url = reverse("newsletter_send", kwargs={"page_id": issue.pk})
    html = (
        verified_client(cast.editor_a)
        .get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
        .content.decode()
    )
    first = _first_action(_action_menu(html))
    assert f'href="{send_url}"' in first
    assert "Skicka" in first


def test_an_unpublished_or_sent_issue_keeps_the_ordinary_primary_action(cast):
    newsletter = list_create(county=cast.county_a)
    draft = issue_create(newsletter=newsletter, live=False)
    sent = issue_create(newsletter=newsletter)
    NewsletterSend.objects.create(issue=sent, subject="x", html="", text="", from_email="")
    client = verified_client(cast.editor_a)
    for issue in (draft, sent):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
        first = _first_action(_action_menu(html))
        assert "utskick/" not in first


def test_the_page_listing_shows_skicka_on_a_ready_issue(cast):
    newsletter = list_create(county=cast.county_a)
    ready = issue_create(newsletter=newsletter, title="Klart nummer")
    draft = issue_create(newsletter=newsletter, title="Utkast", live=False)
    html = (
        verified_client(cast.editor_a)
        .get(reverse("wagtailadmin_explore", args=[newsletter.pk]))
        .content.decode()
    )
    assert reverse("newsletter_send", kwargs={"page_id": ready.pk}) in html
    assert reverse("newsletter_send", kwargs={"page_id": draft.pk}) not in html


def test_another_countys_staff_get_no_skicka(cast):
    issue = issue_create(newsletter=list_create(county=cast.county_a))
    html = (
        verified_client(cast.coordinator_b)
        .get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
        .content.decode()
    )
    assert reverse("newsletter_send", kwargs={"page_id": issue.pk}) not in html


def test_the_sends_list_writes_dates_the_swedish_way(cast):
    import datetime

    issue = issue_create(newsletter=list_create(county=cast.county_a))
    send = NewsletterSend.objects.create(issue=issue, subject="x", html="", text="", from_email="")
    NewsletterSend.objects.filter(pk=send.pk).update(
        started_at=datetime.datetime(2026, 10, 18, 12, 5, tzinfo=datetime.UTC)
    )
    html = verified_client(cast.editor_a).get(reverse("newsletter_sends")).content.decode()
    assert "18 oktober 2026 14:05" in html  # Europe/Stockholm, summer time
    assert "18 Okt 2026" not in html
