import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kvinnofrid.tenancy.models import Role
from kvinnofrid.testing.cast import make_staff, verified_client

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_county_staff_list_shows_the_countys_staff_only(cast):
    client = verified_client(cast.coordinator_a)
    body = client.get("/admin/lan/stockholm/").content.decode()
    assert "<td>redaktor-a</td>" in body and "<td>samordnare-a</td>" in body
    assert "samordnare-b" not in body
    # (the menu has "Frågor till nationell nivå", so the whole cell is compared)
    assert "<td>nationell</td>" not in body


def test_my_counties_lists_only_the_users_counties(cast):
    body = verified_client(cast.coordinator_b).get("/admin/lan/").content.decode()
    assert "Uppsala län" in body
    assert "Stockholms län" not in body
    national = verified_client(cast.national).get("/admin/lan/").content.decode()
    assert "Stockholms län" in national and "Norrbottens län" in national


def test_the_county_staff_list_queries_do_not_grow_with_staff(cast):
    client = verified_client(cast.coordinator_a)
    _queries(client, "/admin/lan/stockholm/")
    before = _queries(client, "/admin/lan/stockholm/")
    for number in range(10):
        make_staff(f"extra-{number}", role=Role.EDITOR, county=cast.county_a)
    assert _queries(client, "/admin/lan/stockholm/") == before


def test_documents_in_the_countys_main_collection_are_public_and_internal_ones_are_not(cast):
    from django.test import Client

    from kvinnofrid.tenancy.staff_urls import _document

    public = Client().get(_document(cast.county_a).url)
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == b"internt"
    internal = Client().get(_document(cast.county_a, internal=True).url)
    assert internal.status_code == 302
    assert "login" in internal["Location"]
