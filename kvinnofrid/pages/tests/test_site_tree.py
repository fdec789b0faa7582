import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from kvinnofrid.pages.default_content import ACCESSIBILITY_HEADINGS
from kvinnofrid.pages.models import CountyPage, HomePage, InformationPage
from kvinnofrid.pages.services import site_provision
from kvinnofrid.regions.models import County

pytestmark = pytest.mark.django_db


def test_every_county_has_a_live_page_under_the_home_page(client):
    home = HomePage.objects.get()
    assert CountyPage.objects.live().child_of(home).count() == 21
    for county in County.objects.all():
        response = client.get(f"/{county.slug}/")
        assert response.status_code == 200, county
        assert county.name in response.content.decode()


def test_every_county_has_its_own_collection_and_role_groups():
    for county in County.objects.all():
        collection = Collection.objects.get(name=county.name)
        groups = Group.objects.filter(role_group__county=county)
        assert groups.count() == 2
        for group in groups:
            assert GroupPagePermission.objects.filter(group=group, page=county.page).exists()
            assert set(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection", flat=True
                )
            ) == {collection.id}


def test_provisioning_again_duplicates_nothing():
    counts = (CountyPage.objects.count(), Collection.objects.count(), Group.objects.count())
    site_provision()
    assert (CountyPage.objects.count(), Collection.objects.count(), Group.objects.count()) == counts


def test_home_page_lists_the_counties_and_help_lines(client):
    body = client.get("/").content.decode()
    assert 'lang="sv"' in body
    assert "Västra Götalands län" in body
    assert 'href="tel:112"' in body
    assert "020-50 50 50" in body


def test_the_shell_has_skip_link_quick_exit_landmarks_and_footer_links(client):
    body = client.get("/stockholm/").content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert 'id="quick-exit"' in body and "Lämna sidan snabbt" in body
    assert "<main" in body and "<header" in body and "<footer" in body and "<nav" in body
    assert 'href="/tillganglighet/"' in body
    assert 'href="/personuppgifter/"' in body
    assert "<title>Stockholms län – Kvinnofrid</title>" in body
    assert 'meta name="description" content="Länsstyrelsen i Stockholms läns' in body


def test_the_accessibility_statement_has_the_eleven_required_elements(client):
    body = client.get("/tillganglighet/").content.decode()
    assert len(ACCESSIBILITY_HEADINGS) == 11
    for heading in ACCESSIBILITY_HEADINGS:
        assert f"<h2>{heading}</h2>" in body, heading
    assert "digg.se" in body


def test_the_privacy_notice_names_legal_basis_and_supervisory_authority(client):
    body = client.get("/personuppgifter/").content.decode()
    assert "artikel 6.1 e" in body
    assert "Integritetsskyddsmyndigheten" in body


def test_public_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_sitemap_lists_the_county_pages(client):
    body = client.get("/sitemap.xml").content.decode()
    assert body.count("<loc>") >= 24
    assert "/stockholm/</loc>" in body


def test_unknown_pages_get_a_swedish_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_the_number_of_pages(client):
    home = HomePage.objects.get()
    stockholm = CountyPage.objects.get(county__code="01")
    _queries_for(client, "/")  # warm caches (site root paths)
    before = (_queries_for(client, "/"), _queries_for(client, "/stockholm/"))
    for number in range(15):
        stockholm.add_child(instance=InformationPage(title=f"Sida {number}", slug=f"sida-{number}"))
        home.add_child(instance=InformationPage(title=f"Nationell {number}", slug=f"nat-{number}"))
    after = (_queries_for(client, "/"), _queries_for(client, "/stockholm/"))
    assert after == before


def test_the_interface_is_swedish_whatever_the_browser_language(client):
    body = client.get("/stockholm/", headers={"Accept-Language": "en-US,en"}).content.decode()
    assert "Lämna sidan snabbt" in body
    assert 'href="?sprak=en"' in body


def test_visitors_can_choose_the_english_interface_and_back(client):
    response = client.get("/stockholm/", {"sprak": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/stockholm/"
    english = client.get("/stockholm/").content.decode()
    assert "Leave this site quickly" in english
    assert '<html lang="en">' in english
    assert '<h1 lang="sv">Stockholms län</h1>' in english  # the content stays marked Swedish
    client.get("/stockholm/", {"sprak": "sv"})
    assert "Lämna sidan snabbt" in client.get("/stockholm/").content.decode()


def test_an_english_request_leaves_the_thread_speaking_swedish(client):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/stockholm/").headers["Content-Language"] == "en"
    assert translation.get_language() == "sv"


def test_an_unknown_language_choice_is_ignored(client):
    response = client.get("/stockholm/", {"sprak": "xx"})
    assert response.status_code == 200
    assert "Lämna sidan snabbt" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_is_rebuilt_with_reference_data_and_page_tree(client):
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert County.objects.count() == 21
    assert CountyPage.objects.live().count() == 21
    assert client.get("/stockholm/").status_code == 200
    assert client.get("/tillganglighet/").status_code == 200


def test_wagtails_tree_wide_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page__depth__lte=2).exists()


def test_the_language_switch_never_redirects_off_the_site(rf):
    from kvinnofrid.core.middleware import ChosenLanguageMiddleware

    # The test client would read //host as a host; a real server passes it on as a path.
    request = rf.get("/", {"sprak": "en"})
    request.path = request.path_info = "//elsewhere.example/fiske"
    response = ChosenLanguageMiddleware(lambda request: None)(request)
    assert response.status_code == 302
    assert response["Location"] == "/"
