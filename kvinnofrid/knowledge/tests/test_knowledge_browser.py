import pytest

from kvinnofrid.testing.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_filter_and_open_a_resource_by_keyboard_with_no_axe_violations(page, demo_content):
    page.goto("/kunskapsbank/")
    assert page.locator("h1").inner_text() == "Kunskapsbank"
    assert axe_violations(page) == []

    # A word that is only inside the PDF of "Att våga se och kunna stå kvar" (not
    # "tvångsäktenskap": that is in the name of its topic too, which is searched).
    page.locator("#kb-q").focus()
    page.keyboard.type("samtalsstöd")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kunskapsbank/?q=*")
    assert page.locator(".resource h3").all_inner_texts() == ["Att våga se och kunna stå kvar"]
    assert axe_violations(page) == []

    # Tick a facet with the space bar and apply it with the button.
    page.goto("/kunskapsbank/")
    page.locator("input[name=typ][value=handbook]").focus()
    page.keyboard.press("Space")
    page.locator(".kb-facets button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**typ=handbook*")
    titles = page.locator(".resource h3").all_inner_texts()
    assert titles == ["Regional handbok om våld i nära relationer i Värmland"]

    page.locator(".resource h3 a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Regional handbok')")
    download = page.locator(".downloads a").first.inner_text()
    assert "(PDF, " in download and "kB)" in download
    assert axe_violations(page) == []
