"""The coordinator's daily path in a real browser: record a municipality visit by keyboard
and see it on the dashboard; axe-core on every coordination page of our own."""

import datetime

import pytest

from kvinnofrid.coordination.models import Activity
from kvinnofrid.testing.browser import axe_violations
from kvinnofrid.testing.cast import verified_client

from .factories import ActivityFactory, ContactFactory, NationalIssueFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    """A session with a confirmed second factor, as after the real login (the login and
    TOTP steps have their own tests in tenancy)."""
    client = verified_client(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def focus_by_tab(page, selector: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_coordinator_records_a_municipality_visit_by_keyboard_and_the_dashboard_shows_it(
    page, live_server, cast
):
    log_in(page, live_server, cast.coordinator_a)
    page.goto("/admin/samordning/")
    assert page.locator('[data-figure="activities"]').inner_text() == "0"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Nytt kommunbesök").click()
    page.wait_for_url("**/kommunbesok/")
    assert axe_violations(page) == []

    # Submitting with a municipality of another county: the error summary takes focus.
    focus_by_tab(page, "#id_municipality")
    page.keyboard.type("Uppsala")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert (
        "Välj en kommun i Stockholms län ur listan." in page.locator(".error-summary").inner_text()
    )
    assert axe_violations(page) == []

    # Correct it by keyboard: the error link leads to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_municipality"
    page.keyboard.press("Control+A")
    page.keyboard.type("Botkyrka")
    focus_by_tab(page, "#id_participants")
    page.keyboard.type("8")
    focus_by_tab(page, "#id_goals_1")  # goal 2
    page.keyboard.press("Space")
    focus_by_tab(page, "#quick-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Kommunbesöket i Botkyrka")

    visit = Activity.objects.get()
    assert (visit.title, visit.starts_on, visit.participants) == (
        "Kommunbesök i Botkyrka",
        datetime.date.today(),
        8,
    )
    assert [goal.number for goal in visit.goals.all()] == [2]

    page.goto("/admin/samordning/")
    assert page.locator('[data-figure="activities"]').inner_text() == "1"
    assert page.locator("#reached-table").inner_text().count("Botkyrka") == 1
    assert page.locator('path[data-code="0127"]').get_attribute("class") == "level-4"
    assert "Botkyrka" not in page.locator("#not-reached").inner_text()
    assert axe_violations(page) == []


def test_the_national_dashboard_and_the_registry_pages_have_no_axe_violations(
    page, live_server, cast
):
    ActivityFactory(county=cast.county_a, starts_on=datetime.date.today())
    NationalIssueFactory(county=cast.county_a, title="Vägledning om barnäktenskap saknas")
    contact = ContactFactory(county=cast.county_a, name="Anna Andersson")

    log_in(page, live_server, cast.national)
    page.goto("/admin/samordning/")
    assert "Vägledning om barnäktenskap saknas" in page.content()
    assert page.locator("#county-comparison tbody tr").count() == 21
    assert axe_violations(page) == []

    page.context.clear_cookies()
    log_in(page, live_server, cast.coordinator_a)
    for url in (
        "/admin/insatser/",
        "/admin/insatser/new/",
        f"/admin/kontakter/inspect/{contact.pk}/",
        f"/admin/samordning/kontakter/{contact.pk}/radera/",
    ):
        page.goto(url)
        assert axe_violations(page) == [], url


def test_the_import_with_its_preview_and_the_grouping_page_have_no_axe_violations(
    page, live_server, cast
):
    log_in(page, live_server, cast.coordinator_a)
    page.goto("/admin/samordning/import/")
    assert axe_violations(page) == []
    page.check("input[name=kind][value=organisations]")
    page.set_input_files(
        "input[name=file]",
        files=[
            {
                "name": "organisationer.csv",
                "mimeType": "text/csv",
                "buffer": (
                    "namn;typ;kommun;organisationsnummer\n"
                    "Kvinnojouren Frida;civilsamhälle;Botkyrka;802462-1230\n"
                    "Felaktiga jouren;civilsamhälle;Uppsala;802462-1231\n"
                ).encode(),
            }
        ],
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_selector("text=Rad 3")
    assert axe_violations(page) == []

    page.context.clear_cookies()
    NationalIssueFactory(county=cast.county_a, title="Finansiering av skyddade boenden")
    log_in(page, live_server, cast.national)
    page.goto("/admin/samordning/fragor/gruppera/")
    assert "Finansiering av skyddade boenden" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Gruppera").click()  # nothing chosen: errors
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page) == []
