"""The public plan pages and the staff overview in a real browser, checked by axe-core."""

import pytest

from kvinnofrid.testing.browser import axe_violations
from kvinnofrid.testing.cast import verified_client

from .factories import full_plan, plan_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    """A session with a confirmed second factor, as after the real login."""
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_the_public_plan_pages_have_no_axe_violations(page, cast):
    plan = full_plan(cast.county_a)
    plan_create(cast.county_b, title="Uppsala läns strategi", kind="strategy")
    page.goto("/handlingsplaner/")
    assert page.locator(".plan-list__item").count() == 2
    assert axe_violations(page) == []

    page.select_option("#plan-lan", cast.county_a.slug)
    page.locator(".filter-form button").click()
    page.wait_for_url(f"**lan={cast.county_a.slug}*")
    assert page.locator(".plan-list__item").count() == 1
    assert axe_violations(page) == []

    page.get_by_role("link", name=plan.title).click()
    page.wait_for_selector("h1:has-text('Regional handlingsplan')")
    assert page.locator("svg.plan-chart[role=img]").count() == 2
    assert page.console_errors == []  # nothing refused by the content security policy
    assert axe_violations(page) == []


def test_the_staff_overview_and_printable_page_have_no_axe_violations(page, live_server, cast):
    plan = full_plan(cast.county_a, status="draft")
    log_in(page, live_server, cast.coordinator_a)
    page.goto("/admin/uppfoljning/")
    assert plan.title in page.content()
    assert axe_violations(page) == []

    page.goto(f"/admin/uppfoljning/{plan.pk}/?ar=2025")
    assert page.locator('[data-figure="measures"]').inner_text() == "5"
    assert axe_violations(page) == []

    page.goto(f"/admin/uppfoljning/{plan.pk}/utskrift/?ar=2025")
    assert axe_violations(page) == []

    page.goto(f"/admin/uppfoljning/{plan.pk}/import/")
    assert axe_violations(page) == []
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "kolada.csv",
                "mimeType": "text/csv",
                "buffer": b"indikator;ar;varde\nOkand;2024;1\n",
            }
        ],
    )
    page.locator("#import-submit").click()
    page.wait_for_selector("#row-errors")
    assert "Rad 2" in page.locator("#row-errors").inner_text()
    assert axe_violations(page) == []

    for url in ("/admin/handlingsplaner/new/", "/admin/atgarder/new/", "/admin/indikatorer/new/"):
        page.goto(url)
        assert axe_violations(page) == [], url
