import pytest
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.isolation import (
    CAST_ROLES,
    StaffURL,
    discover,
    run_isolation_matrix,
)
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db


def clients_for(cast):
    clients = {name: verified_client(user) for name, user in cast.users().items()}
    clients["anonymous"] = Client()
    assert set(clients) == set(CAST_ROLES)
    return clients


def test_every_registered_staff_url_is_isolated_between_counties(cast):
    entries = discover()
    assert {"county staff list", "draft page edit", "document edit"} <= {e.name for e in entries}
    failures = run_isolation_matrix(entries, county_a=cast.county_a, clients=clients_for(cast))
    assert failures == [], "\n".join(failures)


# A deliberately leaky staff view: it shows any county's staff to anyone logged in, without
# going through the checkpoint. The matrix must catch it.
def leaky_county_view(request, slug):
    if not request.user.is_authenticated:
        return HttpResponse(status=302, headers={"Location": "/admin/login/"})
    county = County.objects.get(slug=slug)
    return HttpResponse(f"Personal i {county.name}")


def forbidding_county_view(request, slug):
    """Refuses another county with 403, which still tells that the object exists."""
    if not request.user.is_authenticated:
        return HttpResponse(status=302, headers={"Location": "/admin/login/"})
    return HttpResponse(status=403)


urlpatterns = [
    path("leaky/<slug:slug>/", leaky_county_view),
    path("forbid/<slug:slug>/", forbidding_county_view),
]


@override_settings(ROOT_URLCONF=__name__)
def test_the_matrix_reports_a_view_that_leaks_across_counties(cast):
    leaky = StaffURL(name="leaky", make=lambda county: f"/leaky/{county.slug}/")
    failures = run_isolation_matrix([leaky], county_a=cast.county_a, clients=clients_for(cast))
    assert failures == [
        "leaky: coordinator_b got 200 for /leaky/stockholm/, expected [404]",
    ]


@override_settings(ROOT_URLCONF=__name__)
def test_the_matrix_reports_a_403_where_a_404_is_required(cast):
    forbidding = StaffURL(name="forbid", make=lambda county: f"/forbid/{county.slug}/")
    failures = run_isolation_matrix([forbidding], county_a=cast.county_a, clients=clients_for(cast))
    assert "forbid: coordinator_b got 403 for /forbid/stockholm/, expected [404]" in failures


def test_no_listing_shows_another_countys_non_public_objects(cast):
    from kvinnofrid.tenancy.isolation import discover_listings, run_listing_matrix

    entries = discover_listings()
    assert len(entries) >= 10
    failures = run_listing_matrix(entries, county_a=cast.county_a, clients=clients_for(cast))
    assert failures == [], "\n".join(failures)
