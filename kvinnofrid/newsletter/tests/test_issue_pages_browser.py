"""The newsletter's public pages in a real browser: axe-core finds no violations."""

import pytest

from kvinnofrid.testing.browser import axe_violations

from .test_rendering import image_create, issue_create, list_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_web_version_archive_and_forward_page_have_no_axe_violations(page, cast):
    newsletter = list_create(county=cast.county_a)
    issue = issue_create(newsletter, image=image_create(), sent=True)

    page.goto(issue.url)
    assert page.locator("h1").inner_text() == issue.title
    assert page.locator("img.newsletter-image").get_attribute("alt") == (
        "Omslaget till vägledningen"
    )
    assert axe_violations(page) == []

    page.goto(newsletter.url)
    assert page.locator(".newsletter-archive li").count() == 1
    assert axe_violations(page) == []

    page.goto(newsletter.url + "vidarebefordra/")
    assert "Kollegan anmäler sig själv" in page.content()
    assert axe_violations(page) == []
