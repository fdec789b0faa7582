"""The fixed cast of the test suite: editor in county A, coordinator in county A,
coordinator in county B, national coordinator, anonymous."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.models import Role
from kvinnofrid.tenancy.services import membership_grant

PASSWORD = "ett-langt-testlosenord"


@dataclass
class Cast:
    county_a: County
    county_b: County
    editor_a: object
    coordinator_a: object
    coordinator_b: object
    national: object

    def users(self) -> dict:
        return {
            "editor_a": self.editor_a,
            "coordinator_a": self.coordinator_a,
            "coordinator_b": self.coordinator_b,
            "national": self.national,
        }


def make_staff(username: str, *, role: str, county: County | None):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )
    membership_grant(user=user, role=role, county=county)
    return user


def build_cast() -> Cast:
    county_a = County.objects.get(code="01")
    county_b = County.objects.get(code="03")
    return Cast(
        county_a=county_a,
        county_b=county_b,
        editor_a=make_staff("redaktor-a", role=Role.EDITOR, county=county_a),
        coordinator_a=make_staff("samordnare-a", role=Role.COORDINATOR, county=county_a),
        coordinator_b=make_staff("samordnare-b", role=Role.COORDINATOR, county=county_b),
        national=make_staff("nationell", role=Role.NATIONAL, county=None),
    )


def verified_client(user) -> Client:
    """A client logged in with a confirmed TOTP device, as after a real second-factor step
    (the step itself is exercised in test_two_factor)."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
