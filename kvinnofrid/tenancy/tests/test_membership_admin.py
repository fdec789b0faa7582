import pytest
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from kvinnofrid.tenancy.models import CountyMembership, Role
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db

URL = "/admin/county_memberships/"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("plattform", "p@example.org", "x" * 16)


def test_a_platform_admin_grants_a_role_through_the_admin(cast, superuser):
    newcomer = get_user_model().objects.create_user("ny-samordnare", password="x" * 16)
    client = verified_client(superuser)
    response = client.post(
        f"{URL}new/", {"user": newcomer.id, "county": cast.county_b.id, "role": Role.COORDINATOR}
    )
    assert response.status_code == 302
    assert newcomer.groups.get().name == "Uppsala län – länssamordnare"
    entry = ModelLogEntry.objects.get(action="kvinnofrid.tenancy.grant", user=superuser)
    assert entry.data["county"] == "03"


def test_a_county_role_without_a_county_is_refused_with_a_swedish_message(cast, superuser):
    newcomer = get_user_model().objects.create_user("ny", password="x" * 16)
    client = verified_client(superuser)
    response = client.post(f"{URL}new/", {"user": newcomer.id, "county": "", "role": Role.EDITOR})
    assert response.status_code == 200
    assert "Välj ett län" in response.content.decode()
    assert not CountyMembership.objects.filter(user=newcomer).exists()


def test_changing_and_revoking_a_role_in_the_admin_is_audited(cast, superuser):
    membership = CountyMembership.objects.get(user=cast.editor_a)
    client = verified_client(superuser)
    response = client.post(
        f"{URL}edit/{membership.id}/",
        {"user": cast.editor_a.id, "county": cast.county_a.id, "role": Role.COORDINATOR},
    )
    assert response.status_code == 302
    assert cast.editor_a.groups.get().name == "Stockholms län – länssamordnare"
    change = ModelLogEntry.objects.get(action="kvinnofrid.tenancy.change")
    assert change.data["before"]["role"] == "editor"

    response = client.post(f"{URL}delete/{membership.id}/")
    assert response.status_code == 302
    assert not cast.editor_a.groups.exists()
    assert ModelLogEntry.objects.filter(action="kvinnofrid.tenancy.revoke").exists()


@pytest.mark.parametrize("who", ["editor_a", "coordinator_a", "national"])
def test_county_staff_cannot_manage_roles(cast, who):
    client = verified_client(cast.users()[who])
    assert client.get(URL).status_code in (302, 403)
    response = client.post(
        f"{URL}new/", {"user": cast.users()[who].id, "county": cast.county_b.id, "role": "editor"}
    )
    assert response.status_code in (302, 403)
    assert not CountyMembership.objects.filter(county=cast.county_b, role="editor").exists()


def test_moving_a_membership_to_another_user_takes_the_rights_from_the_first(cast, superuser):
    successor = get_user_model().objects.create_user("efterträdare", password="x" * 16)
    membership = CountyMembership.objects.get(user=cast.editor_a)
    client = verified_client(superuser)
    response = client.post(
        f"{URL}edit/{membership.id}/",
        {"user": successor.id, "county": cast.county_a.id, "role": Role.EDITOR},
    )
    assert response.status_code == 302
    assert not cast.editor_a.groups.exists()
    assert successor.groups.get().name == "Stockholms län – redaktörer"
    change = ModelLogEntry.objects.get(action="kvinnofrid.tenancy.change")
    assert change.data["previous_user"] == "redaktor-a"
