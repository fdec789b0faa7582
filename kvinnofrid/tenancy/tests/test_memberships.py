import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.models import CountyMembership, Role
from kvinnofrid.tenancy.services import membership_grant, membership_revoke
from kvinnofrid.testing.cast import make_staff

pytestmark = pytest.mark.django_db


def test_granting_a_role_puts_the_user_in_the_countys_group(cast):
    names = set(cast.editor_a.groups.values_list("name", flat=True))
    assert names == {"Stockholms län – redaktörer"}
    assert cast.editor_a.has_perm("wagtailadmin.access_admin")
    assert set(cast.national.groups.values_list("name", flat=True)) == {"Nationella samordnare"}


def test_granting_is_audited_with_a_swedish_label(cast):
    entry = ModelLogEntry.objects.filter(action="kvinnofrid.tenancy.grant").latest("timestamp")
    assert entry.data["role"] == "national"
    assert str(entry.formatter.label) == "Gav länsbehörighet"


def test_revoking_removes_the_group_and_is_audited(cast):
    membership = CountyMembership.objects.get(user=cast.editor_a)
    membership_revoke(membership=membership, revoked_by=cast.national)
    assert not cast.editor_a.groups.exists()
    entry = ModelLogEntry.objects.get(action="kvinnofrid.tenancy.revoke")
    assert entry.user_id == cast.national.id
    assert entry.data["county"] == "01"


def test_a_county_role_requires_a_county(db):
    with pytest.raises(ValidationError):
        make_staff("utan-lan", role=Role.COORDINATOR, county=None)
    assert not CountyMembership.objects.filter(user__username="utan-lan").exists()


def test_a_user_has_one_role_per_county(cast):
    with pytest.raises(ValidationError):
        membership_grant(user=cast.editor_a, role=Role.COORDINATOR, county=cast.county_a)
    assert CountyMembership.objects.filter(user=cast.editor_a).count() == 1


def test_staff_see_only_their_own_countys_memberships_and_counties(cast):
    visible = CountyMembership.objects.for_user(cast.coordinator_b)
    assert {m.user for m in visible} == {cast.coordinator_b}
    assert list(County.objects.for_user(cast.coordinator_b)) == [cast.county_b]


def test_the_national_coordinator_reads_every_county(cast):
    assert County.objects.for_user(cast.national).count() == 21
    assert CountyMembership.objects.for_user(cast.national).count() == 4


def test_anonymous_and_inactive_users_see_nothing(cast, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not County.objects.for_user(AnonymousUser()).exists()
    cast.coordinator_a.is_active = False
    assert not County.objects.for_user(cast.coordinator_a).exists()
