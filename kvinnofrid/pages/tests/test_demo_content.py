import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from kvinnofrid.tenancy.models import CountyMembership

pytestmark = pytest.mark.django_db


def counts():
    return (
        get_user_model().objects.count(),
        CountyMembership.objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
    )


def test_demo_content_loads_twice_without_duplicates(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    first = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == first
    assert first[:2] == (4, 3)
    redaktor = get_user_model().objects.get(username="demo-redaktor")
    assert redaktor.groups.get().name == "Stockholms län – redaktörer"


def test_demo_content_refuses_to_run_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_content", verbosity=0)
    assert not get_user_model().objects.filter(username="demo-redaktor").exists()


def test_only_dev_settings_exempt_the_demo_accounts_from_two_factor():
    from config.settings import base, dev

    assert base.KVINNOFRID_2FA_EXEMPT_USERNAMES == []
    assert "demo-redaktor" in dev.KVINNOFRID_2FA_EXEMPT_USERNAMES
