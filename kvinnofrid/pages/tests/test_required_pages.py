import pytest
from django.contrib.auth import get_user_model

from kvinnofrid.pages.models import InformationPage
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 16)
    return verified_client(user)


@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_the_accessibility_statement_cannot_be_deleted_or_unpublished(admin_client, action):
    statement = InformationPage.objects.get(role="accessibility")
    response = admin_client.post(f"/admin/pages/{statement.id}/{action}/")
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.live
    assert admin_client.get("/tillganglighet/").status_code == 200


def test_the_privacy_notice_cannot_be_bulk_deleted(admin_client):
    notice = InformationPage.objects.get(role="privacy")
    admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={notice.id}")
    assert InformationPage.objects.filter(role="privacy", live=True).exists()


def test_ordinary_information_pages_can_be_unpublished(admin_client):
    home = InformationPage.objects.get(role="privacy").get_parent()
    page = home.add_child(instance=InformationPage(title="Tillfällig", slug="tillfallig"))
    admin_client.post(f"/admin/pages/{page.id}/unpublish/")
    page.refresh_from_db()
    assert not page.live
