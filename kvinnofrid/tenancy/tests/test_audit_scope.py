"""The audit log is read per county: site history, its exports and filters, page history,
the dashboard (see kvinnofrid/tenancy/audit.py)."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from kvinnofrid.coordination.tests.factories import ActivityFactory, NetworkFactory
from kvinnofrid.core.audit import audit_log
from kvinnofrid.supportlines.models import SupportLine
from kvinnofrid.tenancy.audit import SCOPED_LOG_MODELS, log_entries_stamp_missing
from kvinnofrid.tenancy.models import LogEntryCounty, Role
from kvinnofrid.tenancy.services import membership_grant, membership_revoke
from kvinnofrid.testing.cast import make_staff, verified_client

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


def _uppsala_activity(cast, title="Kommunbesök i Tierp – intern uppföljning"):
    activity = ActivityFactory(county=cast.county_b, title=title)
    audit_log(instance=activity, action="kvinnofrid.coordination.create", user=cast.coordinator_b)
    return activity


def _unpublished_line(county, name):
    line = SupportLine.objects.create(
        name=name, organisation="Länsstyrelsen", phone="+46102235760", county=county, live=False
    )
    log(instance=line, action="wagtail.create")
    return line


def test_a_stockholm_coordinator_does_not_see_an_uppsala_activity_in_site_history(cast):
    activity = _uppsala_activity(cast)
    edit_link = f"/admin/insatser/edit/{activity.pk}/"

    stockholm = verified_client(cast.coordinator_a).get(SITE_HISTORY).content.decode()
    uppsala = verified_client(cast.coordinator_b).get(SITE_HISTORY).content.decode()

    assert activity.title not in stockholm and edit_link not in stockholm
    assert activity.title in uppsala and edit_link in uppsala


def test_a_stockholm_editor_does_not_see_another_countys_unpublished_support_line(cast):
    _unpublished_line(cast.county_b, "Uppsalalinjen (ej publicerad)")
    _unpublished_line(cast.county_a, "Stockholmslinjen (ej publicerad)")

    page = verified_client(cast.editor_a).get(SITE_HISTORY).content.decode()

    assert "Stockholmslinjen" in page
    assert "Uppsalalinjen" not in page


def test_the_site_history_exports_are_scoped_too(cast):
    activity = _uppsala_activity(cast)
    client = verified_client(cast.coordinator_a)

    def body(url):
        response = client.get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    csv_rows = list(csv.reader(io.StringIO(body(f"{SITE_HISTORY}?export=csv").decode())))
    workbook = load_workbook(io.BytesIO(body(f"{SITE_HISTORY}?export=xlsx")))
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row]

    assert csv_rows and not any(activity.title in cell for row in csv_rows for cell in row)
    assert not any(activity.title in cell for cell in cells)


def test_the_site_history_filters_name_no_other_countys_staff(cast):
    _uppsala_activity(cast)
    page = verified_client(cast.coordinator_a).get(SITE_HISTORY).content.decode()
    assert cast.coordinator_b.username not in page


def test_a_deleted_objects_entry_keeps_its_county(cast):
    activity = _uppsala_activity(cast, title="Borttaget kommunbesök i Enköping")
    log(instance=activity, action="wagtail.delete", user=cast.coordinator_b, deleted=True)
    activity.delete()

    assert "Enköping" in verified_client(cast.coordinator_b).get(SITE_HISTORY).content.decode()
    assert "Enköping" not in verified_client(cast.coordinator_a).get(SITE_HISTORY).content.decode()


def test_the_national_coordinator_and_a_superuser_read_every_county(cast):
    activity = _uppsala_activity(cast)
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    for user in (cast.national, admin):
        assert activity.title in verified_client(user).get(SITE_HISTORY).content.decode()


def test_an_entry_whose_county_is_unknown_is_read_only_by_national_readers(cast):
    # A model with no county data known to tenancy: nobody stamps it, so it fails closed.
    entry = log(instance=cast.coordinator_b, action="wagtail.edit", user=cast.coordinator_b)
    assert not LogEntryCounty.objects.filter(log_entry=entry).exists()
    assert entry not in ModelLogEntry.objects.viewable_by_user(cast.coordinator_b)


def test_a_network_of_two_counties_is_logged_for_both(cast):
    network = NetworkFactory(counties=[cast.county_a, cast.county_b], name="Gemensamt nätverk")
    entry = audit_log(instance=network, action="kvinnofrid.coordination.create")
    assert set(
        LogEntryCounty.objects.filter(log_entry=entry).values_list("county_id", flat=True)
    ) == {cast.county_a.pk, cast.county_b.pk}
    for user in (cast.coordinator_a, cast.coordinator_b):
        assert entry in ModelLogEntry.objects.viewable_by_user(user)


def test_entries_written_before_stamping_get_their_county_after_migrate(cast):
    activity = _uppsala_activity(cast)
    LogEntryCounty.objects.all().delete()
    assert not ModelLogEntry.objects.viewable_by_user(cast.coordinator_b).exists()

    assert log_entries_stamp_missing() >= 1
    assert log_entries_stamp_missing() == 0  # idempotent

    visible = ModelLogEntry.objects.viewable_by_user(cast.coordinator_b)
    assert visible.filter(object_id=str(activity.pk)).exists()
    assert not ModelLogEntry.objects.viewable_by_user(cast.coordinator_a).filter(
        object_id=str(activity.pk)
    )


def test_another_countys_page_log_is_not_readable(cast):
    from kvinnofrid.pages.models import InformationPage

    draft = cast.county_b.page.add_child(
        instance=InformationPage(title="Uppsalas utkast", slug="uppsalas-utkast", live=False)
    )
    draft.save_revision(user=cast.coordinator_b, log_action=True)
    entries = PageLogEntry.objects.filter(page=draft)
    assert entries.exists()
    assert not PageLogEntry.objects.viewable_by_user(cast.coordinator_a).filter(page=draft)
    assert PageLogEntry.objects.viewable_by_user(cast.coordinator_b).filter(page=draft)


def test_every_log_entry_model_is_scoped():
    # A new log entry model (a package registering its own) would be read unscoped.
    assert set(log_registry.get_log_entry_models()) == set(SCOPED_LOG_MODELS)


def test_the_dashboard_forgets_a_countys_drafts_when_the_user_leaves_it(cast):
    from kvinnofrid.pages.models import InformationPage

    mover = make_staff("flyttar", role=Role.EDITOR, county=cast.county_b)
    draft = cast.county_b.page.add_child(
        instance=InformationPage(title="Uppsalas hemliga utkast", slug="hemligt", live=False)
    )
    draft.save_revision(user=mover, log_action=True)
    draft.locked, draft.locked_by, draft.locked_at = True, mover, timezone.now()
    draft.save()
    client = verified_client(mover)
    assert "Uppsalas hemliga utkast" in client.get("/admin/").content.decode()

    membership_revoke(membership=mover.county_memberships.get())
    membership_grant(user=mover, role=Role.EDITOR, county=cast.county_a)

    assert "Uppsalas hemliga utkast" not in client.get("/admin/").content.decode()
