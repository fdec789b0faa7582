"""Staff pages: county-scoped, the workflow draft → review → final → new version, every
change audited, exports made by the worker and downloadable only in the county."""

import io
import json

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.reports.demo import demo_reports_load
from kvinnofrid.reports.models import ReportExport, StatusReport
from kvinnofrid.reports.services import report_create
from kvinnofrid.tenancy.models import Role
from kvinnofrid.testing.cast import make_staff, verified_client

from .factories import YEAR, county_year

pytestmark = pytest.mark.django_db


EMPTY = '{"blocks":[],"entityMap":{}}'
TEXTS = (
    "results_and_effects",
    "development_analysis",
    "support_needs_analysis",
    "goal_1_text",
    "goal_2_text",
    "goal_3_text",
    "goal_4_text",
)


def form(**fields) -> dict:
    """What the editor posts: every rich text field as Draftail's JSON."""
    return {**{name: EMPTY for name in TEXTS}, **fields}


def actions(report):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(report.pk), action__startswith="kvinnofrid.reports."
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_coordinator_creates_edits_reviews_finalises_and_opens_a_new_version(cast):
    county_year(cast.county_a)
    client = verified_client(cast.coordinator_a)
    response = client.post(
        reverse("lagesrapporter:add"),
        form(county=cast.county_a.pk, year=YEAR),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = StatusReport.objects.get()
    assert (report.county, report.year, report.version, report.status) == (
        cast.county_a,
        YEAR,
        1,
        "draft",
    )

    overview = client.get(reverse("kvinnofrid_report_overview", args=[report.pk])).content.decode()
    assert "Skicka på granskning" in overview
    assert 'data-table="Insatser per målsättning"' in overview

    edit = client.get(reverse("lagesrapporter:edit", args=[report.pk]))
    assert edit.status_code == 200
    assert "Årets siffror (2025)" in edit.content.decode()
    rich = json.dumps(
        {
            "blocks": [
                {
                    "key": "a",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Fler kommuner har planer.",
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )
    response = client.post(
        reverse("lagesrapporter:edit", args=[report.pk]),
        form(county=cast.county_b.pk, year=1999, results_and_effects=rich),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert "Fler kommuner har planer." in report.results_and_effects
    assert (report.county, report.year) == (cast.county_a, YEAR)  # fixed once created

    client.post(reverse("kvinnofrid_report_transition", args=[report.pk, "granskning"]))
    # Four-eyes: another coordinator of the county makes it final (test_four_eyes.py).
    colleague = make_staff("samordnare-a2", role=Role.COORDINATOR, county=cast.county_a)
    verified_client(colleague).post(
        reverse("kvinnofrid_report_transition", args=[report.pk, "slutlig"])
    )
    report.refresh_from_db()
    assert report.status == "final" and report.finalised_at

    # Final is read-only.
    assert client.get(reverse("lagesrapporter:edit", args=[report.pk])).status_code == 302
    client.post(reverse("lagesrapporter:edit", args=[report.pk]), form())
    report.refresh_from_db()
    assert "Fler kommuner har planer." in report.results_and_effects

    client.post(reverse("kvinnofrid_report_transition", args=[report.pk, "ny-version"]))
    new = StatusReport.objects.get(version=2)
    assert (new.status, new.results_and_effects) == ("draft", report.results_and_effects)
    # A second "new version" of version 1 is refused.
    client.post(reverse("kvinnofrid_report_transition", args=[report.pk, "ny-version"]))
    assert StatusReport.objects.count() == 2

    assert actions(report) == [
        "kvinnofrid.reports.create",
        "kvinnofrid.reports.update",
        "kvinnofrid.reports.review",
        "kvinnofrid.reports.finalise",
    ]
    assert actions(new) == ["kvinnofrid.reports.version"]


def test_another_countys_coordinator_gets_404_and_cannot_move_the_workflow(cast):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    other = verified_client(cast.coordinator_b)
    assert other.get(reverse("kvinnofrid_report_overview", args=[report.pk])).status_code == 404
    assert other.get(reverse("lagesrapporter:edit", args=[report.pk])).status_code == 404
    response = other.post(reverse("kvinnofrid_report_transition", args=[report.pk, "granskning"]))
    assert response.status_code == 404
    assert (
        other.post(
            reverse("kvinnofrid_report_export_request", args=[report.pk]), {"format": "pdf"}
        ).status_code
        == 404
    )
    report.refresh_from_db()
    assert report.status == "draft"


def test_the_national_coordinator_reads_counties_and_writes_only_the_national_compilation(cast):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    national = verified_client(cast.national)
    assert national.get(reverse("kvinnofrid_report_overview", args=[report.pk])).status_code == 200
    assert national.get(reverse("lagesrapporter:edit", args=[report.pk])).status_code == 404
    national.post(reverse("kvinnofrid_report_transition", args=[report.pk, "granskning"]))
    report.refresh_from_db()
    assert report.status == "draft"

    # Even if a county is posted, the national coordinator's new report is the national one.
    response = national.post(
        reverse("lagesrapporter:add"), form(county=cast.county_a.pk, year=YEAR)
    )
    assert response.status_code == 302
    compilation = StatusReport.objects.national().get()
    page = national.get(
        reverse("kvinnofrid_report_overview", args=[compilation.pk])
    ).content.decode()
    assert "Länen sida vid sida" in page
    assert (
        verified_client(cast.coordinator_a)
        .get(reverse("kvinnofrid_report_overview", args=[compilation.pk]))
        .status_code
        == 404
    )


def test_the_same_county_and_year_cannot_have_two_reports(cast):
    report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    response = verified_client(cast.coordinator_a).post(
        reverse("lagesrapporter:add"), form(county=cast.county_a.pk, year=YEAR)
    )
    assert response.status_code == 200
    assert StatusReport.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_export_is_made_by_the_worker_and_downloadable_only_in_the_county(cast):
    county_year(cast.county_a)
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    client = verified_client(cast.coordinator_a)
    response = client.post(
        reverse("kvinnofrid_report_export_request", args=[report.pk]), {"format": "xlsx"}
    )
    export = ReportExport.objects.get()
    assert response["Location"] == reverse("kvinnofrid_report_export", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Skapas…" in page and "Uppdatera nu" in page

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    export.refresh_from_db()
    assert export.status == "done"
    page = client.get(reverse("kvinnofrid_report_export", args=[export.pk])).content.decode()
    assert "Klar" in page and "Uppdatera nu" not in page
    download = client.get(reverse("kvinnofrid_report_export_download", args=[export.pk]))
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    goals = list(book["Insatser per målsättning"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in goals] == [3, 2, 0, 0]
    other = verified_client(cast.coordinator_b)
    assert (
        other.get(reverse("kvinnofrid_report_export_download", args=[export.pk])).status_code == 404
    )
    assert other.get(reverse("kvinnofrid_report_export", args=[export.pk])).status_code == 404
    assert "kvinnofrid.reports.export" in actions(report)


def test_the_demo_makes_one_draft_report_for_stockholm_with_texts(cast):
    first = demo_reports_load(user=cast.coordinator_a, year=YEAR)
    again = demo_reports_load(user=cast.coordinator_a, year=YEAR)
    assert first.pk == again.pk
    assert (first.county.code, first.status) == ("01", "draft")
    assert "riskbedömning" in first.support_needs_analysis
