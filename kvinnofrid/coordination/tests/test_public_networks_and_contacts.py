"""Editors choose which networks and which of the board's own staff contacts the county page
shows; the choice is made in the coordination admin and audited like every other change."""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination.models import Contact, Network
from kvinnofrid.testing.cast import verified_client

from .factories import ContactFactory, NetworkFactory
from .test_staff_views import inline

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


def test_a_network_is_made_public_with_a_description_and_how_to_join(cast, coordinator):
    response = coordinator.post(
        reverse("natverk:add"),
        {
            "name": "Nätverket mot hedersrelaterat våld",
            "counties": [str(cast.county_a.pk)],
            "status": "active",
            "purpose": "Internt: stöd till kommunerna.",
            "is_public": "on",
            "public_description": "Ett nätverk för yrkesverksamma i länets kommuner.",
            "how_to_join": "Skriv till länsstyrelsens samordnare.",
            **inline("members"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    network = Network.objects.get(name="Nätverket mot hedersrelaterat våld")
    assert network.is_public
    assert network.public_description == "Ett nätverk för yrkesverksamma i länets kommuner."
    assert network.how_to_join == "Skriv till länsstyrelsens samordnare."
    assert ModelLogEntry.objects.filter(
        content_type__model="network", object_id=str(network.pk), user=cast.coordinator_a
    ).exists()


def test_the_network_form_shows_the_public_fields(cast, coordinator):
    network = NetworkFactory(counties=[cast.county_a])
    body = coordinator.get(reverse("natverk:edit", args=[network.pk])).content.decode()
    for name in ("is_public", "public_description", "how_to_join"):
        assert f'name="{name}"' in body, name


def test_a_public_network_text_refuses_a_personal_identity_number(cast, coordinator):
    response = coordinator.post(
        reverse("natverk:add"),
        {
            "name": "Nätverk med fel",
            "counties": [str(cast.county_a.pk)],
            "status": "active",
            "is_public": "on",
            "how_to_join": "Ring Maria 850101-1234.",
            **inline("members"),
        },
    )
    assert response.status_code == 200
    assert not Network.objects.filter(name="Nätverk med fel").exists()


def test_an_editor_marks_a_staff_contact_public_and_the_change_is_audited(cast, coordinator):
    contact = ContactFactory(county=cast.county_a, name="Lena Länsstyrelse")
    response = coordinator.post(
        reverse("kontakter:edit", args=[contact.pk]),
        {
            "name": "Lena Länsstyrelse",
            "title": "Samordnare mot mäns våld mot kvinnor",
            "organisation": contact.organisation.pk,
            "county": cast.county_a.pk,
            "email": "lena@example.org",
            "phone": "010-223 10 00",
            "is_public": "on",
            "legal_basis": "public_interest",
            "source": "Länsstyrelsens personal",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.is_public
    assert ModelLogEntry.objects.filter(
        content_type__model="contact", object_id=str(contact.pk), user=cast.coordinator_a
    ).exists()
    exported = json.loads(
        coordinator.get(reverse("kvinnofrid_contact_export", args=[contact.pk])).content
    )
    assert exported["visas på länets webbsida"] is True


def test_a_contact_shown_on_the_county_page_is_not_erased_as_unused(cast, settings):
    from django.utils import timezone

    from kvinnofrid.coordination.tasks import contacts_erase_stale

    settings.KVINNOFRID_CONTACT_RETENTION_DAYS = 365
    shown = ContactFactory(county=cast.county_a, name="Visas", is_public=True)
    hidden = ContactFactory(county=cast.county_a, name="Visas inte")
    old = timezone.now() - datetime.timedelta(days=400)
    Contact.objects.filter(pk__in=[shown.pk, hidden.pk]).update(updated_at=old)
    assert contacts_erase_stale.call() == 1
    assert list(Contact.objects.values_list("name", flat=True)) == ["Visas"]


def test_only_flagged_open_networks_and_flagged_contacts_are_public(cast):
    NetworkFactory(counties=[cast.county_a], name="Öppet", is_public=True)
    NetworkFactory(counties=[cast.county_a], name="Internt")
    NetworkFactory(counties=[cast.county_a], name="Avslutat", is_public=True, status="closed")
    ContactFactory(county=cast.county_a, name="Publik", is_public=True)
    ContactFactory(county=cast.county_a, name="Intern")
    assert [n.name for n in Network.objects.public()] == ["Öppet"]
    assert [c.name for c in Contact.objects.public()] == ["Publik"]
