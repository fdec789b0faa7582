"""Isolation-matrix entries for status reports: every staff URL, created for a report of
county A, is checked against the cast (see tenancy/isolation.py)."""

import uuid

from django.core.files.base import ContentFile
from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import ReportExport, StatusReport

COORDINATOR_ONLY = {Role.COORDINATOR}
READERS = {Role.COORDINATOR, Role.NATIONAL}


def _marker() -> str:
    return f"Internt {uuid.uuid4().hex[:10]}"


def _report(county, text: str = "") -> StatusReport:
    year = 2030 + StatusReport.objects.filter(county=county).count()
    return StatusReport.objects.create(
        county=county, year=year, results_and_effects=f"<p>{text or _marker()}</p>"
    )


def _export(county) -> ReportExport:
    export = ReportExport.objects.create(report=_report(county), format="xlsx")
    export.file.save("matris.xlsx", ContentFile(b"PK test"), save=False)
    export.status = ReportExport.Status.DONE
    export.save()
    return export


register_staff_url(
    "reports overview",
    make=lambda county: reverse("kvinnofrid_report_overview", args=[_report(county).pk]),
    allowed_roles=READERS,
)
register_staff_url(
    "reports edit",
    make=lambda county: reverse("lagesrapporter:edit", args=[_report(county).pk]),
    allowed_roles=COORDINATOR_ONLY,
)
register_staff_url(
    "reports history",
    make=lambda county: reverse("lagesrapporter:history", args=[_report(county).pk]),
    allowed_roles=READERS,
)
register_staff_url(
    "reports export status",
    make=lambda county: reverse("kvinnofrid_report_export", args=[_export(county).pk]),
    allowed_roles=READERS,
)
register_staff_url(
    "reports export download",
    make=lambda county: reverse("kvinnofrid_report_export_download", args=[_export(county).pk]),
    allowed_roles=READERS,
)


def _listing(county):
    report = _report(county)
    # The list names the county and year; the marker is the year of a report only
    # county A has.
    report.year = 2090 + int(uuid.uuid4().int % 9)
    report.save()
    return reverse("lagesrapporter:index"), f"{county.name} {report.year}"


register_staff_listing("reports list", make=_listing)


def _overview_text(county):
    marker = _marker()
    report = _report(county, marker)
    return reverse("kvinnofrid_report_overview", args=[report.pk]), marker


register_staff_listing("reports overview text", make=_overview_text)


def _edit_choices(county):
    # The county chooser of a new report offers only the user's counties.
    return reverse("lagesrapporter:add"), f">{county.name}<"


register_staff_listing("reports county choices of a new report", make=_edit_choices)
