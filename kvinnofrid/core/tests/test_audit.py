import pytest
from wagtail.models import ModelLogEntry

from kvinnofrid.core.audit import UnknownAuditAction, audit_log, register_audit_actions
from kvinnofrid.regions.models import County

pytestmark = pytest.mark.django_db


def test_an_undeclared_action_is_refused_and_nothing_is_logged(cast):
    with pytest.raises(UnknownAuditAction):
        audit_log(instance=cast.county_a, action="kvinnofrid.tenancy.oops", user=cast.national)
    assert not ModelLogEntry.objects.filter(action="kvinnofrid.tenancy.oops").exists()


def test_actions_must_be_named_by_app_and_verb():
    with pytest.raises(ValueError, match="kvinnofrid"):
        register_audit_actions({"tenancy.grant": ("Gav", "Gav")})


def test_a_declared_action_is_logged_with_user_data_and_swedish_label(cast):
    entry = audit_log(
        instance=County.objects.get(code="01"),
        action="kvinnofrid.tenancy.grant",
        user=cast.national,
        data={"note": "test"},
    )
    stored = ModelLogEntry.objects.get(pk=entry.pk)
    assert stored.user_id == cast.national.id
    assert stored.data == {"note": "test"}
    assert str(stored.formatter.label) == "Gav länsbehörighet"
