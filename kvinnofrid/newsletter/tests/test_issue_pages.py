"""The public pages of a newsletter: an issue's web version, the archive of sent issues
and the page on forwarding the list to a colleague."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kvinnofrid.newsletter.models import NewsletterSend

from .test_rendering import image_create, issue_create, list_create

pytestmark = pytest.mark.django_db


def test_the_web_version_shows_the_issue_with_its_sections_images_and_links(client, cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter, image=image_create(), sent=True)
    response = client.get(issue.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 lang="sv">{issue.title}</h1>' in html
    assert "Hej! Här kommer månadens nyheter." in html
    assert '<h2 id="sektion-1" lang="sv">Material och metodstöd</h2>' in html
    assert "<h3>Ny vägledning om skyddade personuppgifter</h3>" in html
    assert "Nya rapporter i länet" in html
    assert "Nya lagar och nya uppdrag" not in html
    assert 'alt="Omslaget till vägledningen"' in html
    assert '<a href="https://example.org/vagledning">Läs vägledningen</a>' in html
    assert f'href="{issue.url}pdf/"' in html.replace("http://127.0.0.1:8000", "")
    subscribe = f"{reverse('newsletter-subscribe')}?lista={newsletter.pk}"
    assert subscribe in html
    date = timezone.localtime(issue.send.started_at).date()
    assert f'<time datetime="{date:%Y-%m-%d}">' in html


def test_a_draft_issue_is_not_public(client, cast):
    issue = issue_create(list_create(county=cast.county_a), live=False)
    assert client.get(issue.url).status_code == 404


def test_the_archive_lists_only_sent_issues_newest_first(client, cast):
    newsletter = list_create(county=cast.county_a)
    older = issue_create(newsletter, title="Septembernumret", sent=True)
    newer = issue_create(newsletter, title="Oktobernumret", sent=True)
    issue_create(newsletter, title="Ännu inte skickat")
    issue_create(newsletter, title="Utkastet", live=False)
    NewsletterSend.objects.filter(issue=older).update(
        started_at=timezone.now() - datetime.timedelta(days=30)
    )
    other = issue_create(list_create(county=cast.county_b), title="Uppsalas nummer", sent=True)

    html = client.get(newsletter.url).content.decode()
    assert "Septembernumret" in html and "Oktobernumret" in html
    assert html.index("Oktobernumret") < html.index("Septembernumret")
    assert "Ännu inte skickat" not in html and "Utkastet" not in html
    assert other.title not in html
    assert f"{reverse('newsletter-subscribe')}?lista={newsletter.pk}" in html
    assert f'href="{newsletter.url}vidarebefordra/"' in html.replace("http://127.0.0.1:8000", "")
    assert newer.url in html


def test_the_archive_pages_through_issues_in_a_constant_number_of_queries(client, cast):
    newsletter = list_create(county=cast.county_a)

    def queries_for(count):
        for _ in range(count):
            issue_create(newsletter, sent=True, sections=[])
        client.get(newsletter.url)  # warm the site's caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(newsletter.url)
        assert response.status_code == 200
        return len(queries)

    with_two = queries_for(2)
    with_fifteen = queries_for(13)
    assert with_fifteen == with_two


def test_the_archive_paginates(client, cast):
    from kvinnofrid.newsletter.issue_views import ISSUES_PER_PAGE

    newsletter = list_create(county=cast.county_a)
    for number in range(ISSUES_PER_PAGE + 1):
        issue_create(newsletter, title=f"Nummer {number:02d}", sent=True, sections=[])
    first = client.get(newsletter.url).content.decode()
    second = client.get(newsletter.url + "?sida=2").content.decode()
    assert first.count("<time datetime=") == ISSUES_PER_PAGE
    assert second.count("<time datetime=") == 1
    assert "Sida 2 av 2" in second


def test_the_forward_page_explains_how_a_colleague_subscribes(client, cast):
    newsletter = list_create(county=cast.county_a)
    response = client.get(newsletter.url + "vidarebefordra/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kollegan anmäler sig själv" in html
    assert f"{reverse('newsletter-subscribe')}?lista={newsletter.pk}" in html


def test_the_national_list_lives_under_the_home_page(client, cast):
    newsletter = list_create(county=None, title="Nationellt nyhetsbrev")
    issue = issue_create(newsletter, sent=True)
    assert newsletter.is_national
    assert issue.title in client.get(newsletter.url).content.decode()
    assert client.get(issue.url).status_code == 200
