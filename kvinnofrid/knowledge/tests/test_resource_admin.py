import pytest

from kvinnofrid.knowledge.models import Resource
from kvinnofrid.knowledge.search import ResourceSearch
from kvinnofrid.testing.cast import verified_client

from .factories import make_document

pytestmark = pytest.mark.django_db
URL = "/admin/snippets/knowledge/resource/add/"


def form_data(**overrides):
    data = {
        "title": "Länets handbok",
        "summary": "En handbok för socialtjänsten.",
        "kind": "handbook",
        "year": "2025",
        "language": "sv",
        "publisher": "Länsstyrelsen",
        "external_url": "",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_file(data, document):
    data.update(
        {"files-TOTAL_FORMS": "1", "files-0-document": str(document.pk), "files-0-ORDER": "1"}
    )
    return data


def test_an_editor_publishes_a_resource_with_a_file_and_it_is_searchable(cast):
    document = make_document(content=b"%PDF-1.7 x", name="handbok.pdf", county=cast.county_a)
    client = verified_client(cast.editor_a)
    data = with_file(
        form_data(county=str(cast.county_a.pk), **{"action-publish": "action-publish"}), document
    )
    response = client.post(URL, data)
    assert response.status_code == 302, response.context["form"].errors
    resource = Resource.objects.get(title="Länets handbok")
    assert resource.live and resource.county == cast.county_a
    assert [f.document for f in resource.files.all()] == [document]
    assert [r.pk for r in ResourceSearch(query="handbok")[0:5]] == [resource.pk]


def test_a_draft_is_saved_but_not_searchable(cast):
    client = verified_client(cast.editor_a)
    data = form_data(county=str(cast.county_a.pk), external_url="https://example.org/handbok")
    response = client.post(URL, data)
    assert response.status_code == 302
    assert not Resource.objects.get(title="Länets handbok").live
    assert ResourceSearch(query="handbok").total == 0


def test_a_resource_needs_a_file_or_a_link_and_is_told_so_in_swedish(cast):
    client = verified_client(cast.editor_a)
    response = client.post(URL, form_data(county=str(cast.county_a.pk)))
    assert response.status_code == 200
    assert "minst en fil eller ange en extern webbadress" in response.content.decode()
    assert not Resource.objects.exists()


@pytest.mark.parametrize("county", ["other", "none"])
def test_a_county_editor_cannot_place_a_resource_elsewhere_or_nationally(cast, county):
    client = verified_client(cast.editor_a)
    value = str(cast.county_b.pk) if county == "other" else ""
    response = client.post(URL, form_data(county=value, external_url="https://example.org/"))
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_the_national_coordinator_publishes_national_material(cast):
    client = verified_client(cast.national)
    data = form_data(
        county="", external_url="https://example.org/", **{"action-publish": "action-publish"}
    )
    response = client.post(URL, data)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.county is None and resource.live
