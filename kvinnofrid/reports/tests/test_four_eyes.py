"""Four-eyes on finalising (issue 16): with settings.KVINNOFRID_REPORTS_FOUR_EYES on (the
default) the coordinator who sent a report to review, or last changed it, cannot make it
final; another writer of the report must. Off, anyone who may write the report may."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.reports.models import StatusReport
from kvinnofrid.reports.services import report_create, report_texts_update
from kvinnofrid.tenancy.models import Role
from kvinnofrid.testing.cast import make_staff, verified_client

from .factories import YEAR

pytestmark = pytest.mark.django_db

REFUSAL = "Du kan inte fastställa en rapport som du själv har skickat på granskning"


def _post(client, report, action):
    return client.post(
        reverse("kvinnofrid_report_transition", args=[report.pk, action]), follow=True
    )


def _finalise_entries(report):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(report.pk), action="kvinnofrid.reports.finalise"
        ).values_list("user_id", "data")
    )


@pytest.fixture
def colleague(cast):
    """A second coordinator of county A."""
    return make_staff("samordnare-a2", role=Role.COORDINATOR, county=cast.county_a)


def test_the_coordinator_who_sent_it_to_review_cannot_finalise_it(cast, colleague, settings):
    assert settings.KVINNOFRID_REPORTS_FOUR_EYES is True  # the default
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    author = verified_client(cast.coordinator_a)
    _post(author, report, "granskning")

    overview = author.get(reverse("kvinnofrid_report_overview", args=[report.pk])).content
    assert "Fastställ som slutlig" not in overview.decode()
    assert REFUSAL in overview.decode()

    page = _post(author, report, "slutlig").content.decode()
    assert REFUSAL in page
    report.refresh_from_db()
    assert (report.status, report.finalised_at) == ("review", None)
    assert _finalise_entries(report) == []

    other = verified_client(colleague)
    assert "Fastställ som slutlig" in (
        other.get(reverse("kvinnofrid_report_overview", args=[report.pk])).content.decode()
    )
    _post(other, report, "slutlig")
    report.refresh_from_db()
    assert report.status == "final" and report.finalised_at
    [(user_id, data)] = _finalise_entries(report)
    assert user_id == colleague.pk
    assert data["submitted_by"] == cast.coordinator_a.pk


def test_the_coordinator_who_last_changed_it_cannot_finalise_it(cast, colleague):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    _post(verified_client(cast.coordinator_a), report, "granskning")
    # The colleague changes the text during review: now neither of them has checked the
    # other's last word.
    report_texts_update(report=report, user=colleague, results_and_effects="<p>Ny text.</p>")

    assert REFUSAL in _post(verified_client(colleague), report, "slutlig").content.decode()
    assert REFUSAL in _post(verified_client(cast.coordinator_a), report, "slutlig").content.decode()
    report.refresh_from_db()
    assert report.status == "review"

    third = make_staff("samordnare-a3", role=Role.COORDINATOR, county=cast.county_a)
    _post(verified_client(third), report, "slutlig")
    report.refresh_from_db()
    assert report.status == "final"


def test_a_coordinator_of_another_county_cannot_be_the_second_person(cast):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    _post(verified_client(cast.coordinator_a), report, "granskning")
    response = verified_client(cast.coordinator_b).post(
        reverse("kvinnofrid_report_transition", args=[report.pk, "slutlig"])
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "review"


def test_a_second_national_coordinator_finalises_the_national_compilation(cast):
    report = report_create(county=None, year=YEAR, user=cast.national)
    _post(verified_client(cast.national), report, "granskning")
    assert REFUSAL in _post(verified_client(cast.national), report, "slutlig").content.decode()
    # A county coordinator is no second person for the national compilation.
    _post(verified_client(cast.coordinator_a), report, "slutlig")
    report.refresh_from_db()
    assert report.status == "review"

    second = make_staff("nationell-2", role=Role.NATIONAL, county=None)
    _post(verified_client(second), report, "slutlig")
    report.refresh_from_db()
    assert report.status == "final"


def test_back_to_draft_and_review_again_makes_the_new_sender_the_one_who_cannot(cast, colleague):
    report = report_create(county=cast.county_a, year=YEAR, user=colleague)
    _post(verified_client(colleague), report, "granskning")
    _post(verified_client(cast.coordinator_a), report, "utkast")
    report_texts_update(report=report, user=colleague, results_and_effects="<p>Rättad.</p>")
    _post(verified_client(cast.coordinator_a), report, "granskning")
    report.refresh_from_db()
    assert (report.status, report.submitted_by) == ("review", cast.coordinator_a)
    assert REFUSAL in _post(verified_client(cast.coordinator_a), report, "slutlig").content.decode()
    assert REFUSAL in _post(verified_client(colleague), report, "slutlig").content.decode()


def test_with_four_eyes_off_the_same_coordinator_may_finalise(cast, settings):
    settings.KVINNOFRID_REPORTS_FOUR_EYES = False
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    client = verified_client(cast.coordinator_a)
    _post(client, report, "granskning")
    assert "Fastställ som slutlig" in (
        client.get(reverse("kvinnofrid_report_overview", args=[report.pk])).content.decode()
    )
    page = _post(client, report, "slutlig").content.decode()
    assert REFUSAL not in page
    report.refresh_from_db()
    assert report.status == StatusReport.Status.FINAL
    [(user_id, _data)] = _finalise_entries(report)
    assert user_id == cast.coordinator_a.pk
