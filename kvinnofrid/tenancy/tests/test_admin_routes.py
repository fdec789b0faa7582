"""The isolation matrix fails closed: every admin route is proved, guarded or allowed."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from kvinnofrid.tenancy.admin_routes import (
    ALLOWED_ADMIN_ROUTES,
    SUPERUSER_ONLY,
    account_for,
    admin_routes,
    allow_admin_route,
    route_name_of,
)
from kvinnofrid.tenancy.isolation import discover, discover_listings
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db


def proved_routes(county) -> set[str]:
    """The routes the matrix's entries reach (each entry's make() builds its URL)."""
    proved = set()
    for entry in [*discover(), *discover_listings()]:
        made = entry.make(county)
        url = made[0] if isinstance(made, tuple) else made
        resolved = route_name_of(url)
        if entry.url_name:
            assert entry.url_name == resolved, f"{entry.name}: {url} is {resolved}"
        proved.add(resolved)
    return proved


def test_every_admin_route_is_accounted_for(cast):
    routes = admin_routes()
    assert len(routes) > 300  # Wagtail's own, wagtail-2fa's and every app's

    accounts = account_for(routes, proved=proved_routes(cast.county_a))

    unaccounted = sorted(name for name, account in accounts.items() if not account)
    assert unaccounted == [], (
        "Admin routes neither in the isolation matrix (staff_urls.py) nor guarded by the "
        "county boundary nor in tenancy.admin_routes.ALLOWED_ADMIN_ROUTES:\n"
        + "\n".join(unaccounted)
    )
    # The reports and logs the defects were found in are proved, not merely allowed.
    for name in (
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_home",
        "wagtailadmin_choose_page_child",
        "wagtailadmin_choose_page_search",
    ):
        assert accounts[name] in {"matrix"} or accounts[name].startswith("results of"), name


def test_every_allowed_route_says_why_and_matches_a_route():
    names = [route.name for route in admin_routes()] + [route.path for route in admin_routes()]
    from fnmatch import fnmatchcase

    for entry in ALLOWED_ADMIN_ROUTES:
        assert len(entry.reason) > 10, entry
        assert any(fnmatchcase(name, entry.pattern) for name in names), (
            f"{entry.pattern} allows no route: remove it"
        )
    with pytest.raises(ValueError):
        allow_admin_route("wagtailadmin_x", reason=" ")


def unregistered_view(request):
    return HttpResponse("Alla läns utkast")


urlpatterns = [
    path("admin/", include(([path("ny-rapport/", unregistered_view, name="new_report")], "nyapp"))),
]


@override_settings(ROOT_URLCONF=__name__)
def test_the_walker_fails_on_an_unregistered_admin_route():
    accounts = account_for(admin_routes(), proved=set())
    assert accounts == {"nyapp:new_report": ""}


@override_settings(ROOT_URLCONF=__name__)
def test_a_route_is_accounted_for_once_registered_or_allowed():
    assert account_for(admin_routes(), proved={"nyapp:new_report"}) == {
        "nyapp:new_report": "matrix"
    }
    entry = allow_admin_route("nyapp:new_report", reason="no county data: a test page")
    try:
        assert account_for(admin_routes(), proved=set())["nyapp:new_report"].startswith("allowed")
    finally:
        ALLOWED_ADMIN_ROUTES.remove(entry)


def test_routes_allowed_as_superuser_only_refuse_county_and_national_staff(cast):
    from django.urls import reverse

    checked = 0
    for route in admin_routes():
        account = account_for([route], proved=set())[route.name]
        if SUPERUSER_ONLY not in account or route.kwargs or not route.url_name:
            continue
        url = reverse(route.name)
        for user in cast.users().values():
            status = verified_client(user).get(url).status_code
            assert status in {302, 403, 404}, f"{user} got {status} for {url}"
        checked += 1
    assert checked >= 8
