import pytest

from kvinnofrid.testing.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "query", ["", "?malgrupp=professionals", "?amne=hedersrelaterat-vald", "?amne=vald-mot-djur"]
)
def test_the_directory_passes_axe_with_and_without_filters(page, demo_content, query):
    page.goto(f"/stodlinjer/{query}")
    assert page.locator("h1").inner_text() == "Stödlinjer"
    assert axe_violations(page) == []


def test_the_directory_filters_work_by_keyboard(page, demo_content):
    page.goto("/stodlinjer/")
    page.locator("#filter-malgrupp").focus()
    page.keyboard.press("ArrowDown")  # "Våldsutsatta och allmänheten"
    for _ in range(3):  # past the topic and county filters to the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Visa"
    page.keyboard.press("Enter")
    page.wait_for_url("**/stodlinjer/?malgrupp=public*")
    names = page.locator(".line h3").all_inner_texts()
    assert "Kvinnofridslinjen" in names
    assert not any("hedersrelaterat" in name for name in names)


def test_every_line_shows_a_status_in_words_and_a_phone_link(page, demo_content):
    page.goto("/stodlinjer/")
    statuses = page.locator(".line-status").all_inner_texts()
    assert len(statuses) == 5
    assert all(text.startswith(("Öppet", "Stängt")) for text in statuses)
    assert page.locator('.line-phone a[href="tel:112"]').count() == 1


def test_the_quick_exit_works_on_the_directory(page, demo_content, settings):
    page.goto("/stodlinjer/")
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert page.url.startswith(settings.QUICK_EXIT_URL)
