"""axe-core on the status report's staff pages: the overview (figures, charts, map), the
editor with the figures beside it, and the export status page."""

import pytest
from django.core.files.base import ContentFile

from kvinnofrid.coordination.tests.test_coordination_browser import log_in
from kvinnofrid.reports.models import ReportExport
from kvinnofrid.reports.services import report_create
from kvinnofrid.testing.browser import axe_violations

from .factories import YEAR, county_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_report_pages_pass_axe(page, live_server, cast):
    from kvinnofrid.plans.tests.factories import full_plan

    county_year(cast.county_a)
    full_plan(cast.county_a)  # its indicators are drawn as trend lines
    report = report_create(
        county=cast.county_a,
        year=YEAR,
        user=cast.coordinator_a,
        results_and_effects="<p>Fler kommuner har handlingsplaner.</p>",
    )
    pending = ReportExport.objects.create(report=report, format="pdf")
    done = ReportExport.objects.create(report=report, format="xlsx", status="done")
    done.file.save("rapport.xlsx", ContentFile(b"PK"), save=True)
    log_in(page, live_server, cast.coordinator_a)

    page.goto("/admin/lagesrapporter/")
    assert page.get_by_text("Lägesrapport Stockholms län 2025").count() >= 1
    assert axe_violations(page) == []

    page.goto(f"/admin/lagesrapport/{report.pk}/")
    assert page.locator('svg.choropleth[role="img"]').count() == 1
    assert page.locator('svg.kf-report-trend[role="img"]').count() >= 1
    assert axe_violations(page) == []

    page.goto(f"/admin/lagesrapporter/edit/{report.pk}/")
    page.wait_for_selector("#figures-table")
    assert axe_violations(page) == []

    page.goto(f"/admin/lagesrapport/export/{pending.pk}/")
    assert page.get_by_text("Skapas…").count() == 1
    assert axe_violations(page) == []

    page.goto(f"/admin/lagesrapport/export/{done.pk}/")
    assert page.get_by_role("link", name="Ladda ner filen (Excel (XLSX))").count() == 1
    assert axe_violations(page) == []
