"""The public subscriber pages in a real browser: axe-core finds no violations on the
sign-up form (empty and with errors), the thank-you page, the confirmation, preferences
and unsubscribe pages and the page for a bad link; and a keyboard-only sign-up works."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from kvinnofrid.newsletter import tokens
from kvinnofrid.newsletter.models import Subscriber, Subscription
from kvinnofrid.testing.browser import axe_violations

from .test_subscriber_support import list_create, subscriber_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_subscriber_pages_have_no_axe_violations(page, cast):
    national = list_create(title="Nationellt nyhetsbrev")
    county = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    page.goto("/nyhetsbrev/prenumerera/")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Prenumerera").click()
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Fel i anmälan:")
    # expect() polls without eval, which the public pages' CSP (no 'unsafe-eval') forbids.
    expect(page.locator(".error-summary")).to_be_focused()
    assert axe_violations(page) == []

    subscriber = subscriber_make("karin@example.org", county, status="pending")
    page.goto(f"/nyhetsbrev/bekrafta/{tokens.confirmation_token(subscriber)}/")
    assert axe_violations(page) == []

    page.goto(f"/nyhetsbrev/installningar/{tokens.preferences_token(subscriber)}/")
    assert axe_violations(page) == []

    Subscription.objects.update(status="active")
    token = tokens.unsubscribe_token(subscriber.key.hex, county.pk)
    page.goto(f"/nyhetsbrev/avsluta/{token}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Avsluta prenumerationen").click()
    page.wait_for_selector("text=Prenumerationen är avslutad")
    assert axe_violations(page) == []
    assert Subscription.objects.get().status == "unsubscribed"
    assert national.pk  # listed on the form above

    # A forged or expired link gets a page of its own, which must be as usable.
    response = page.goto("/nyhetsbrev/installningar/forfalskad:token/")
    assert response.status == 404
    assert axe_violations(page) == []


def test_signing_up_by_keyboard_only(page, cast):
    list_create(title="Nationellt nyhetsbrev")
    page.goto("/nyhetsbrev/prenumerera/")
    page.locator("#id_nyhetsbrev_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("tangent@example.org")
    # Tab past the optional fields and the privacy link to the button; the honeypot is
    # never reached.
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate(
                "document.activeElement.name || document.activeElement.textContent.trim()"
            )
        )
        if focused[-1] == "Prenumerera":
            break
    assert focused[-1] == "Prenumerera", focused
    assert "webbadress" not in focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/nyhetsbrev/prenumerera/tack/")
    assert axe_violations(page) == []
    assert Subscriber.objects.get().email == "tangent@example.org"
    assert len(mail.outbox) == 1
