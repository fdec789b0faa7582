import os
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_SECRET = "x" * 20 + "-test-only-production-secret-0123456789"
COMPLETE = {
    "SECRET_KEY": GOOD_SECRET,
    "ALLOWED_HOSTS": "kvinnofrid.example.org",
    "DATABASE_URL": "postgres://kvinnofrid@db.invalid:5432/kvinnofrid",
    "SITE_URL": "https://kvinnofrid.example.org",
}


def manage(*args, **env_overrides):
    # The suite itself may run with DATABASE_URL set (CI's PostgreSQL run): start clean.
    removed = {*COMPLETE, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in removed}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must name"),
        ("DATABASE_URL", "DATABASE_URL must point"),
        ("SITE_URL", "SITE_URL must be"),
    ],
)
def test_production_refuses_to_start_without_each_required_variable(missing, message):
    result = manage("check", **{k: v for k, v in COMPLETE.items() if k != missing})
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_short_secret_and_a_plain_http_site_url():
    assert manage("check", **{**COMPLETE, "SECRET_KEY": "kort"}).returncode != 0
    assert manage("check", **{**COMPLETE, "SITE_URL": "http://x.example.org"}).returncode != 0


def test_production_passes_the_deployment_checklist_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **COMPLETE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_exempts_nobody_from_two_factor_and_sends_mail_by_smtp():
    script = (
        "from django.conf import settings;"
        "print(settings.KVINNOFRID_2FA_EXEMPT_USERNAMES, settings.DEBUG,"
        " settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND)"
    )
    result = manage("shell", "-c", script, **COMPLETE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "[]",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_the_site_is_swedish_first_in_stockholm_time():
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"
    assert settings.USE_TZ is True
