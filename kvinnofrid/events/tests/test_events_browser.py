"""The calendar and registration in a real browser: axe-core on every page and state,
and a registration made with the keyboard alone."""

import pytest

from kvinnofrid.events.models import Registration
from kvinnofrid.testing.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_calendar_event_page_and_archive_have_no_axe_violations(page, demo_content):
    page.goto("/kalender/")
    assert page.locator("h1").inner_text() == "Kalender"
    assert page.locator(".event").count() >= 4
    assert axe_violations(page) == []

    page.select_option("#cal-typ", "train_the_trainer")
    page.locator(".filter-form button").click()
    page.wait_for_url("**typ=train_the_trainer*")
    assert page.locator(".event h3").all_inner_texts() == [
        "Utbildarutbildning om hedersrelaterat våld och förtryck"
    ]
    assert axe_violations(page) == []

    # A county page lists the county's next events.
    page.goto("/stockholm/")
    assert "Barnrättskonferens: barnets rätt till skydd mot våld" in page.content()
    assert axe_violations(page) == []

    page.goto("/kalender/arkiv/")
    assert "Nätverksträff för kommunernas kvinnofridssamordnare" in page.content()
    assert axe_violations(page) == []

    # A full event: the form says new registrations go to the waiting list.
    page.goto("/kalender/?typ=train_the_trainer")
    page.locator(".event h3 a").click()
    page.wait_for_selector("h1:has-text('Utbildarutbildning')")
    assert "reservlistan" in page.locator(".registration").inner_text()
    assert axe_violations(page) == []


def test_a_person_registers_by_keyboard_after_correcting_errors(page, demo_content):
    from kvinnofrid.events.models import EventPage

    page.goto(EventPage.objects.get(slug="nya-foreskrifter-vald-i-nara-relationer").url)
    assert axe_violations(page) == []

    # Submit an empty form: the error summary gets focus and lists every field.
    tab_to(page, ".registration-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    page.wait_for_selector(".error-summary:focus")
    summary = page.locator(".error-summary").inner_text()
    assert "Skriv ditt namn." in summary and "Välj minst ett tillfälle." in summary
    assert page.title().startswith("Fel i anmälan")
    assert axe_violations(page) == []

    # Follow the first error link to the name field and fill in the form by keyboard.
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    page.locator("#id_name").focus()
    page.keyboard.type("Karin Kurator")
    page.keyboard.press("Tab")
    page.keyboard.type("karin.kurator@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Exempelkommun")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first organisation type: Kommun
    page.keyboard.press("Tab")
    page.keyboard.type("Kurator")
    tab_to(page, "input[name=occasions]")
    page.keyboard.press("Space")  # part 1
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # part 2
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, ".registration-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Tack för din anmälan')")
    assert "Du har fått plats" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    registration = Registration.objects.get(email="karin.kurator@example.org")
    assert registration.organisation_type == "municipality"
    assert registration.occasions.count() == 2


def test_the_personal_registration_page_has_no_axe_violations(page, demo_content):
    from kvinnofrid.events.services import registration_token

    registration = Registration.objects.filter(status="waiting").first()
    page.goto(f"/anmalan/{registration_token(registration)}/")
    assert "reservlistan, på plats 1" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    tab_to(page, "main form button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Din anmälan är avbokad")
    assert axe_violations(page) == []
