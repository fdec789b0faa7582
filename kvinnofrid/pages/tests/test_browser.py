import pytest

from kvinnofrid.testing.browser import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PUBLIC_PAGES = [
    ("/", "Kvinnofrid"),
    ("/stockholm/", "Stockholms län"),
    ("/norrbotten/", "Norrbottens län"),
    ("/tillganglighet/", "Tillgänglighetsredogörelse"),
    ("/personuppgifter/", "Personuppgiftsinformation"),
    ("/finns-inte/", "Sidan hittades inte"),
]


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_pages_pass_axe_with_no_violations(page, path, heading):
    page.goto(path)
    assert page.locator("h1").inner_text() == heading
    assert axe_violations(page) == []
    # The strict content security policy must not have blocked anything the page uses.
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/stockholm/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_quick_exit_button_is_reached_by_keyboard_and_leaves_the_site(
    page, settings, live_server
):
    page.goto("/stockholm/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(settings.QUICK_EXIT_URL)
    # location.replace: Back does not return to the page that was being read.
    page.go_back()
    assert not page.url.startswith(live_server.url)


def test_pressing_escape_twice_leaves_the_site(page, settings):
    page.goto("/tillganglighet/")
    page.keyboard.press("Escape")
    assert page.url.endswith("/tillganglighet/")  # a single Esc does nothing
    with page.expect_navigation():
        page.keyboard.press("Escape")
    assert page.url.startswith(settings.QUICK_EXIT_URL)


def test_the_english_interface_passes_axe_too(page):
    page.goto("/stockholm/?sprak=en")
    assert page.locator("#quick-exit").inner_text() == "Leave this site quickly"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/om-mans-vald-mot-kvinnor/",
        "/om-mans-vald-mot-kvinnor/den-nationella-strategin/",
        "/om-mans-vald-mot-kvinnor/hedersrelaterat-vald-och-fortryck/",
        "/sok/?q=v%C3%A5ld",
        "/sok/",
    ],
)
def test_topic_and_search_pages_pass_axe(page, demo_content, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_search_works_by_keyboard(page, demo_content):
    page.goto("/sok/")
    page.locator("#sok-fraga").focus()
    page.keyboard.type("barnfridsbrott")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=barnfridsbrott")
    assert page.locator(".search-results a").first.inner_text() == "Barn som upplever våld"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stockholm/",
        "/aktuellt/",
        "/stockholm/aktuellt/",
        "/stockholm/aktuellt/oppen-lanskonferens-om-hedersrelaterat-vald/",
        "/aktuellt/ny-vagledning-om-barn-som-upplever-vald/",
    ],
)
def test_home_county_and_news_pages_with_demo_content_pass_axe(page, demo_content, path):
    """With every section filled: news, networks, contacts, support lines, plans, material,
    events and the latest newsletter."""
    page.goto(path)
    assert axe_violations(page) == []
    assert [error for error in page.console_errors if "Content Security Policy" in error] == []


def test_the_demo_county_page_shows_its_sections_filled(page, demo_content):
    page.goto("/stockholm/")
    for section in ("aktuellt", "kontakt", "natverk", "handlingsplaner"):
        assert page.locator(f"#{section} li").count() > 0, section
    assert "Eva Exempel" in page.locator("#kontakt").inner_text()
    assert "Så går du med" in page.locator("#natverk").inner_text()


def test_the_admin_makes_an_ascii_slug_from_a_swedish_title(page, live_server):
    """Wagtail's own script fills the slug from the title as the editor types."""
    from django.contrib.auth import get_user_model

    from kvinnofrid.pages.models import CountyPage
    from kvinnofrid.testing.cast import verified_client

    user = get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 16)
    client = verified_client(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    county_page = CountyPage.objects.get(county__code="01")
    page.goto(f"/admin/pages/add/pages/informationpage/{county_page.pk}/")
    from playwright.sync_api import expect

    page.locator("#id_title").click()
    page.keyboard.type("Våld i nära relationer för äldre")
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("vald-i-nara-relationer-for-aldre")
