"""A new issue opens in the admin with the standard sections, the calendar section filled
with the list's coming public events, each an ordinary editable item."""

import datetime
import html
import json

import pytest
from django.urls import reverse

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.events.tests.factories import event_create, in_days
from kvinnofrid.newsletter.blocks import SectionKind
from kvinnofrid.newsletter.models import NewsletterIssuePage
from kvinnofrid.newsletter.prefill import calendar_items, new_issue_sections, prefill_new_issue
from kvinnofrid.testing.cast import verified_client

from .test_rendering import list_create

pytestmark = pytest.mark.django_db


def test_calendar_items_are_the_countys_coming_public_events_soonest_first(cast):
    later = event_create(county=cast.county_a, title="Konferens om hedersvåld", days=[60])
    sooner = event_create(
        county=cast.county_a,
        title="Webbinarium om stalkning",
        days=[-1, 10],
        format="digital",
        venue_name="",
        venue_address="",
    )
    event_create(county=cast.county_a, title="Förra månadens träff", days=[-30])
    event_create(county=cast.county_a, title="Utkast", live=False)
    event_create(county=cast.county_b, title="Uppsaladagen")
    event_create(county=None, title="Nationella dagen")

    items = calendar_items(county=cast.county_a, today=datetime.date.today())

    assert [item["heading"] for item in items] == [sooner.title, later.title]
    webinar = items[0]
    text = str(webinar["text"].source)
    assert in_days(-1).strftime("%Y") in text
    assert text.count("<p>") == 1, "only the occasions still to come"
    assert "kl. 09.00–16.00" in text and "Digitalt" in text
    conference = str(items[1]["text"].source)
    assert "På plats: Länsstyrelsen, Storgatan 1, Stockholm" in conference
    assert webinar["links"] == [{"label": "Läs mer och anmäl dig", "url": absolute_url(sooner.url)}]


def test_the_national_list_gets_the_national_events(cast):
    event_create(county=cast.county_a, title="Stockholmsdagen")
    national = event_create(county=None, title="Nationella dagen")
    items = calendar_items(county=None, today=datetime.date.today())
    assert [item["heading"] for item in items] == [national.title]


def test_a_new_issue_starts_with_the_standard_sections_in_order(cast):
    event = event_create(county=cast.county_a, title="Utbildning om våld i nära relationer")
    newsletter = list_create(county=cast.county_a)
    page = NewsletterIssuePage()
    prefill_new_issue(page=page, parent=newsletter)
    sections = [block.value for block in page.sections]
    assert [section["kind"] for section in sections] == [
        SectionKind.MATERIAL,
        SectionKind.REPORTS,
        SectionKind.LAWS,
        SectionKind.CALENDAR,
    ]
    assert all(not section["items"] for section in sections[:3])
    assert [item["heading"] for item in sections[3]["items"]] == [event.title]


def test_prefilled_sections_validate_and_save_as_ordinary_items(cast):
    event_create(county=cast.county_a, title="Nätverksträff")
    newsletter = list_create(county=cast.county_a)
    issue = newsletter.add_child(
        instance=NewsletterIssuePage(
            title="Decembernumret",
            slug="december",
            sections=new_issue_sections(county=cast.county_a, today=datetime.date.today()),
        )
    )
    issue.full_clean()
    stored = NewsletterIssuePage.objects.get(pk=issue.pk)
    item = stored.sections[3].value["items"][0]
    assert item["heading"] == "Nätverksträff"
    assert "kl. 09.00–16.00" in str(item["text"])


def test_the_admin_add_form_opens_with_the_calendar_filled_in(cast):
    event = event_create(county=cast.county_a, title="Konferens om våld mot äldre kvinnor")
    event_create(county=cast.county_b, title="Uppsalas konferens")
    newsletter = list_create(county=cast.county_a)
    client = verified_client(cast.editor_a)
    url = reverse(
        "wagtailadmin_pages:add", args=("newsletter", "newsletterissuepage", newsletter.pk)
    )
    response = client.get(url)
    assert response.status_code == 200
    # The stream's content is JSON inside an HTML attribute.
    packed = html.unescape(response.content.decode())
    assert json.dumps(event.title)[1:-1] in packed
    assert "Uppsalas konferens" not in packed
    assert json.dumps(absolute_url(event.url))[1:-1] in packed


def test_other_pages_are_not_prefilled(cast):
    newsletter = list_create(county=cast.county_a)
    existing = NewsletterIssuePage(sections=[("section", {"kind": "free", "heading": "Egen"})])
    prefill_new_issue(page=existing, parent=newsletter)
    assert [block.value["heading"] for block in existing.sections] == ["Egen"]
