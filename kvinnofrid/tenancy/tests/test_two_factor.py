import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kvinnofrid.testing.cast import PASSWORD

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def current_token(device: TOTPDevice) -> str:
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(token).zfill(device.digits)


def test_staff_without_a_device_must_set_one_up_before_using_the_admin(cast):
    client = logged_in(cast.editor_a)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/devices/new")
    assert client.get("/admin/2fa/devices/new").status_code == 200


def test_staff_with_a_device_must_enter_a_code(cast):
    TOTPDevice.objects.create(user=cast.coordinator_a, name="telefon", confirmed=True)
    client = logged_in(cast.coordinator_a)
    response = client.get("/admin/lan/stockholm/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/auth")


def test_a_wrong_code_is_refused_and_a_right_code_lets_staff_in(cast):
    device = TOTPDevice.objects.create(user=cast.coordinator_a, name="telefon", confirmed=True)
    client = logged_in(cast.coordinator_a)
    wrong = str((int(current_token(device)) + 1) % 1_000_000).zfill(6)
    response = client.post("/admin/2fa/auth", {"otp_token": wrong})
    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/admin/2fa/auth", {"otp_token": current_token(device)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/lan/stockholm/").status_code == 200


def test_only_accounts_named_in_the_exemption_setting_skip_the_second_factor(cast):
    client = logged_in(cast.editor_a)
    with override_settings(KVINNOFRID_2FA_EXEMPT_USERNAMES=["redaktor-a"]):
        assert client.get("/admin/").status_code == 200
    with override_settings(KVINNOFRID_2FA_EXEMPT_USERNAMES=["someone-else"]):
        assert client.get("/admin/").status_code == 302


def test_the_public_site_needs_no_second_factor(cast):
    client = logged_in(cast.editor_a)
    assert client.get("/stockholm/").status_code == 200


def test_failed_logins_are_throttled_even_for_the_right_password(cast):
    client = Client(REMOTE_ADDR="10.1.2.3")
    statuses = [
        client.post("/admin/login/", {"username": "redaktor-a", "password": "fel"}).status_code
        for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post("/admin/login/", {"username": "redaktor-a", "password": PASSWORD})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_guessing_one_account_from_many_addresses_is_throttled(cast):
    for number in range(5):
        Client(REMOTE_ADDR=f"10.9.0.{number}").post(
            "/admin/login/", {"username": "samordnare-a", "password": "fel"}
        )
    response = Client(REMOTE_ADDR="10.9.1.1").post(
        "/admin/login/", {"username": "samordnare-a", "password": PASSWORD}
    )
    assert response.status_code == 429


def test_trying_many_accounts_from_one_address_is_throttled(cast):
    client = Client(REMOTE_ADDR="10.8.0.1")
    for username in ["a", "b", "c", "d", "e"]:
        client.post("/admin/login/", {"username": username, "password": "fel"})
    response = client.post("/admin/login/", {"username": "samordnare-b", "password": PASSWORD})
    assert response.status_code == 429


def test_staff_set_up_totp_by_scanning_and_confirming_a_code(cast):
    client = logged_in(cast.editor_a)
    setup = client.get("/admin/2fa/devices/new")
    assert setup.status_code == 200
    assert client.get("/admin/2fa/devices/qr-code").headers["Content-Type"].startswith("image/svg")
    device = TOTPDevice.objects.get(user=cast.editor_a, confirmed=False)
    response = client.post(
        "/admin/2fa/devices/new",
        {"name": "Telefon", "otp_token": current_token(device), "password": PASSWORD},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
