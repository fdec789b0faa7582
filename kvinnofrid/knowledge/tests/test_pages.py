import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from kvinnofrid.knowledge import samples
from kvinnofrid.knowledge.models import KnowledgeBankPage, ResourceFile
from kvinnofrid.pages.models import HomePage
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

from .factories import make_document, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    home = HomePage.objects.get()
    page = home.add_child(
        instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank", intro="Sök.")
    )
    page.save_revision().publish()
    return page


def many(count, **fields):
    topics = list(ViolenceArea.objects.all()[:3])
    audiences = list(TargetGroup.objects.all()[:2])
    counties = list(County.objects.all()[:4])
    for number in range(count):
        make_resource(
            summary=f"Om våld, nummer {number}.",
            file_text="Våld i nära relationer.",
            topics=topics[: 1 + number % 3],
            audiences=audiences,
            county=counties[number % 4] if number % 5 else None,
            year=2000 + number,
            **fields,
        )


def queries_for(client, url):
    client.get(url)  # warm Wagtail's cache of site root paths, filled on first use
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_page_shows_results_facets_and_counts(client, bank):
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    make_resource(title="Om heder", summary="Hedersrelaterat våld.", topics=[honour])
    make_resource(title="Om annat", summary="Något annat.", kind="handbook")
    html = client.get("/kunskapsbank/?q=heder").content.decode()
    assert "1 träff" in html
    assert "Om heder" in html and "Om annat" not in html
    assert 'name="amne" value="hedersrelaterat-vald"' in html
    assert 'Rapport <span class="count">(1)</span>' in html
    filtered = client.get("/kunskapsbank/?typ=handbook").content.decode()
    assert "Om annat" in filtered and "Om heder" not in filtered
    assert 'value="handbook" checked' in filtered


def test_the_number_of_queries_does_not_grow_with_the_results(client, bank):
    many(3)
    few = queries_for(client, "/kunskapsbank/?q=våld")
    many(22)
    assert queries_for(client, "/kunskapsbank/?q=våld") == few
    assert (
        queries_for(
            client, "/kunskapsbank/?q=våld&typ=report&lan=nationell&amne=hedersrelaterat-vald"
        )
        == few
    )


def test_pages_of_results_keep_the_filters(client, bank):
    many(25)
    html = client.get("/kunskapsbank/?q=våld&typ=report").content.decode()
    assert "Sida 1 av 2" in html
    assert "?q=v%C3%A5ld&amp;typ=report&amp;sida=2" in html
    second = client.get("/kunskapsbank/?q=våld&typ=report&sida=2").content.decode()
    assert second.count('class="resource"') == 5


def test_the_resource_page_lists_downloads_with_format_and_size(client, bank):
    resource = make_resource(title="Handbok om våld", summary="En handbok.", external_url="")
    pdf = samples.pdf_bytes(title="Handbok", paragraphs=["Text " * 300])
    document = make_document(content=pdf, name="handbok.pdf", title="Handboken som PDF")
    ResourceFile.objects.create(resource=resource, document=document)
    response = client.get(f"/kunskapsbank/{resource.pk}/handbok-om-vald/")
    html = response.content.decode()
    assert response.status_code == 200
    size = f"{len(pdf) / 1000:.0f} kB"
    assert f"(PDF, {size})" in html
    assert document.url in html
    assert "Nationellt" in html


def test_a_resource_page_redirects_to_its_own_address_and_hides_drafts(client, bank):
    resource = make_resource(title="Rätt namn")
    response = client.get(f"/kunskapsbank/{resource.pk}/fel-namn/")
    assert response.status_code == 301
    assert response["Location"] == f"/kunskapsbank/{resource.pk}/ratt-namn/"
    draft = make_resource(title="Utkast", live=False)
    assert client.get(f"/kunskapsbank/{draft.pk}/utkast/").status_code == 404


def test_unknown_filter_values_are_ignored_not_errors(client, bank):
    make_resource(title="Finns")
    response = client.get("/kunskapsbank/?typ=nonsens&ar=tjugo&lan=atlantis&amne=x&sida=99")
    assert response.status_code == 200
    assert "Finns" in response.content.decode()


def test_the_api_searches_with_facets(client, bank):
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    stockholm = County.objects.get(code="01")
    make_resource(title="Heder i Stockholm", topics=[honour], county=stockholm, year=2020)
    make_resource(title="Heder nationellt", topics=[honour], year=2021)
    data = client.get("/api/v1/resources/?q=heder&county=01").json()
    assert data["count"] == 1
    [result] = data["results"]
    assert result["title"] == "Heder i Stockholm"
    assert result["county"] == "01"
    assert result["topics"] == ["hedersrelaterat-vald"]
    assert result["url"].endswith(f"/kunskapsbank/{result['id']}/heder-i-stockholm/")
    counties = {option["value"]: option["count"] for option in data["facets"]["county"]}
    assert counties == {"nationell": 1, "01": 1}
    assert client.get("/api/v1/resources/?page=5").status_code == 404


def test_the_api_query_count_does_not_grow_with_the_results(client, bank):
    many(3)
    few = queries_for(client, "/api/v1/resources/?q=våld")
    many(22)
    assert queries_for(client, "/api/v1/resources/?q=våld") == few


def test_the_openapi_schema_documents_the_resource_search(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/resources/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "topic", "audience", "county", "year", "page"} <= names


def test_the_page_can_only_be_made_once_and_only_under_home(bank):
    assert not KnowledgeBankPage.can_create_at(bank.get_parent())
    assert Page.objects.type(KnowledgeBankPage).count() == 1


def test_the_knowledge_bank_leads_to_the_countys_adopted_plans(client, bank):
    html = client.get("/kunskapsbank/").content.decode()
    assert '<a href="/handlingsplaner/">' in html
