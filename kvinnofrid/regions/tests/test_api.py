import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_the_api_lists_counties_with_codes(client):
    counties = client.get("/api/v1/counties/").json()
    assert len(counties) == 21
    assert counties[0] == {
        "code": "01",
        "iso_code": "SE-AB",
        "name": "Stockholms län",
        "slug": "stockholm",
    }


def test_municipalities_filter_by_county(client):
    page = client.get("/api/v1/municipalities/", {"county__code": "09"}).json()
    assert page["count"] == 1
    assert page["results"] == [{"code": "0980", "name": "Gotland", "county": "09"}]
    assert client.get("/api/v1/municipalities/").json()["count"] == 290


def test_the_strategy_goals_and_vocabularies_are_open_data(client):
    assert [g["number"] for g in client.get("/api/v1/strategy-goals/").json()] == [1, 2, 3, 4]
    areas = client.get("/api/v1/violence-areas/").json()
    assert {"slug": "hedersrelaterat-vald", "group": "core"}.items() <= areas[2].items()
    assert client.get("/api/v1/target-groups/yrkesforare/").json()["group"] == "professional"


def test_the_openapi_schema_documents_the_public_api_only(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = set(schema["paths"])
    assert "/api/v1/counties/" in paths
    assert "/api/v1/municipalities/{code}/" in paths
    assert all(path.startswith("/api/v1/") for path in paths)


def test_the_api_is_read_only(client):
    assert client.post("/api/v1/counties/", {"code": "99"}).status_code == 405
