"""New page addresses are ASCII like the demo's (å, ä → a, ö → o, é → e), whether the admin's
script made the slug or not; and the privacy notice tells a visitor how to browse safely."""

import pytest
from django.contrib.auth import get_user_model

from kvinnofrid.pages.default_content import SAFE_BROWSING_HEADING
from kvinnofrid.pages.models import CountyPage, InformationPage, NewsIndexPage, NewsPage
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db

TITLE = "Våld i nära relationer för äldre"
SLUG = "vald-i-nara-relationer-for-aldre"


@pytest.fixture
def admin(db):
    user = get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 16)
    return verified_client(user)


def add_view_post(admin, parent, model: str, **fields):
    data = {"title": TITLE, "slug": "", "action-publish": "action-publish", **fields}
    return admin.post(f"/admin/pages/add/pages/{model}/{parent.pk}/", data)


def test_unicode_slugs_are_off_so_the_admin_script_makes_ascii_ones(settings, admin):
    """The slug input's script (Wagtail's w-slug controller) keeps unicode only when told
    to by this attribute; Django leaves a False attribute out altogether."""
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    url = f"/admin/pages/add/pages/informationpage/{CountyPage.objects.get(county__code='01').pk}/"
    form = admin.get(url).content.decode()
    assert 'data-controller=\\"w-slug\\"' in form
    assert "data-w-slug-allow-unicode-value" not in form


def test_a_page_added_in_the_admin_with_an_empty_slug_gets_an_ascii_slug(admin):
    county_page = CountyPage.objects.get(county__code="01")
    response = add_view_post(admin, county_page, "informationpage", intro="")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert InformationPage.objects.get(title=TITLE).slug == SLUG


def test_a_page_added_in_the_admin_with_a_unicode_slug_gets_it_in_ascii(admin):
    index = NewsIndexPage.objects.child_of(CountyPage.objects.get(county__code="01")).get()
    response = add_view_post(
        admin,
        index,
        "newspage",
        slug="våld-i-nära-relationer-för-äldre",
        date="2026-03-02",
        intro="Ny vägledning.",
        image_alt="",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(title=TITLE)
    assert page.slug == SLUG
    assert page.url == f"/stockholm/aktuellt/{SLUG}/"


def test_every_page_type_of_ours_makes_a_typed_slug_ascii():
    from wagtail.models import get_page_models

    from kvinnofrid.pages.forms import AsciiSlugPageForm

    ours = [m for m in get_page_models() if m.__module__.startswith("kvinnofrid.")]
    assert len(ours) >= 10
    wrong = [
        m.__name__
        for m in ours
        if not issubclass(m.get_edit_handler().get_form_class(), AsciiSlugPageForm)
    ]
    assert wrong == []


def test_a_page_saved_in_code_without_a_slug_gets_an_ascii_one():
    county_page = CountyPage.objects.get(county__code="01")
    page = county_page.add_child(instance=InformationPage(title="Café för éldsjälar i Örebro"))
    assert page.slug == "cafe-for-eldsjalar-i-orebro"


def test_the_privacy_notice_gives_safe_browsing_advice(client):
    body = client.get("/personuppgifter/").content.decode()
    assert f"<h2>{SAFE_BROWSING_HEADING}</h2>" in body
    advice = body[body.index(SAFE_BROWSING_HEADING) :]
    assert "privat fönster" in advice
    assert "Rensa historiken" in advice
    assert "raderar inte" in advice and "historiken" in advice
