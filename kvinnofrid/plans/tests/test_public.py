"""The public pages: adopted and revised plans with their goals, measures, indicators and
documents; drafts and expired plans are not there, not even by their address."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from kvinnofrid.pages.services import INTERNAL_COLLECTION, county_collection

from .factories import full_plan, plan_create

pytestmark = pytest.mark.django_db


def document_in(collection, title):
    document = get_document_model()(title=title, collection=collection)
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"), save=False)
    document.save()
    return document


def test_the_list_shows_adopted_and_revised_plans_only(cast, client):
    plan_create(cast.county_a, status="adopted", title="Antagen plan")
    plan_create(cast.county_a, status="revised", title="Reviderad plan")
    plan_create(cast.county_a, status="draft", title="Hemligt utkast")
    plan_create(cast.county_a, status="expired", title="Gammal plan")
    content = client.get("/handlingsplaner/").content.decode()
    assert "Antagen plan" in content and "Reviderad plan" in content
    assert "Hemligt utkast" not in content and "Gammal plan" not in content


def test_the_list_filters_by_county(cast, client):
    plan_create(cast.county_a, title="Stockholms plan")
    plan_create(cast.county_b, title="Uppsalas plan")
    content = client.get(f"/handlingsplaner/?lan={cast.county_b.slug}").content.decode()
    assert "Uppsalas plan" in content and "Stockholms plan" not in content
    assert f'value="{cast.county_b.slug}" selected' in content


@pytest.mark.parametrize("status", ["draft", "expired"])
def test_a_plan_that_is_not_in_force_answers_404(cast, client, status):
    plan = plan_create(cast.county_a, status=status)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.get(f"/handlingsplaner/{plan.pk}/").status_code == 404


def test_an_adopted_plan_shows_goals_measures_indicators_and_its_public_documents(cast, client):
    plan = full_plan(cast.county_a)
    county_files = county_collection(cast.county_a)
    internal = Collection.objects.get(name=INTERNAL_COLLECTION, path__startswith=county_files.path)
    plan.documents.set(
        [
            document_in(county_files, "Handlingsplanen som PDF"),
            document_in(internal, "Internt arbetsmaterial"),
        ]
    )
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Förebyggande arbete",
        "Kartläggning av våldsutövare",
        "(försenad)",
        "70 %",
        "Kommuner med handlingsplan",
        "Handlingsplanen som PDF",
    ):
        assert text in content, text
    assert "Internt arbetsmaterial" not in content
    assert content.count('role="img"') == 2
    assert "<caption>Värden för Kommuner med handlingsplan</caption>" in content
    assert " style=" not in content  # the content security policy forbids inline styles


def test_a_wrong_slug_redirects_to_the_plans_address(cast, client):
    plan = plan_create(cast.county_a, title="Plan för länet")
    response = client.get(f"/handlingsplaner/{plan.pk}/fel-namn/")
    assert response.status_code == 301
    assert response["Location"] == f"/handlingsplaner/{plan.pk}/plan-for-lanet/"
