"""The staff's send page in Chromium: the confirmation error, the start, and the progress
page pass axe-core; the progress updates itself while the worker sends."""

import pytest

from kvinnofrid.coordination.tests.test_coordination_browser import log_in
from kvinnofrid.testing.browser import axe_violations

from .sending_support import drain_tasks, issue_create, list_create, subscribers_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def settled(page) -> None:
    """Wagtail's message fades in: axe measures contrast once the animation is over."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "document.getAnimations().filter((a) => a.effect?.target?.closest?.('.messages'))"
        ".every((a) => a.playState === 'finished')",
        timeout=5_000,
    )


def test_an_editor_sends_an_issue_and_watches_it_finish(page, live_server, cast, settings):
    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    subscribers_create(lists=[newsletter], count=3)
    issue = issue_create(newsletter=newsletter, title="Decembernumret")
    log_in(page, live_server, cast.editor_a)

    page.goto(f"/admin/nyhetsbrev/nummer/{issue.pk}/utskick/")
    assert "3 prenumeranter" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skicka numret").click()
    summary = page.locator(".error-summary")
    assert "Bekräfta att numret ska skickas." in summary.inner_text()
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page) == []

    page.get_by_label("Jag har granskat provutskicket och vill skicka numret.").check()
    page.get_by_role("button", name="Skicka numret").click()
    assert page.locator("#send-progress").get_attribute("value") == "0"
    settled(page)
    assert axe_violations(page) == []

    drain_tasks()
    # The page polls and, when the send is done, shows the final report.
    page.get_by_role("heading", name="Slutrapport").wait_for(timeout=10_000)
    assert page.locator('[data-count="sent"]').inner_text() == "3"
    assert page.locator("#send-progress").get_attribute("value") == "100"
    assert axe_violations(page) == []
