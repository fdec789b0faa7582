"""Every write of status reports: validated, atomic and audited as
`kvinnofrid.reports.create|update|review|finalise|reopen|version|export` (labels in
wagtail_hooks.py)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kvinnofrid.core.audit import audit_log

from .models import TEXT_FIELDS, ReportExport, StatusReport


def _lock(report: StatusReport) -> StatusReport:
    return StatusReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_create(*, county, year: int, user, **texts) -> StatusReport:
    """A new draft (version 1) for a county, or the national compilation (county None)."""
    report = StatusReport(county=county, year=year, created_by=user, last_edited_by=user, **texts)
    report.full_clean()
    report.save()
    audit_log(instance=report, action="kvinnofrid.reports.create", user=user)
    return report


@transaction.atomic
def report_save(*, form, user) -> StatusReport:
    """Save the admin's form (create or edit); a final report cannot change."""
    creating = form.instance.pk is None
    if not creating and _lock(form.instance).is_final:
        raise PermissionDenied
    if creating:
        form.instance.created_by = user
    form.instance.last_edited_by = user
    report = form.save()
    audit_log(
        instance=report,
        action="kvinnofrid.reports.create" if creating else "kvinnofrid.reports.update",
        user=user,
        data={"fields": sorted(form.changed_data)} if not creating else None,
    )
    return report


@transaction.atomic
def report_texts_update(*, report: StatusReport, user, **texts) -> StatusReport:
    report = _lock(report)
    if report.is_final:
        raise ValidationError(_("En slutlig lägesrapport kan inte ändras."))
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not a text of the report: {sorted(unknown)}")
    for name, value in texts.items():
        setattr(report, name, value)
    report.last_edited_by = user
    report.full_clean()
    report.save()
    audit_log(
        instance=report,
        action="kvinnofrid.reports.update",
        user=user,
        data={"fields": sorted(texts)},
    )
    return report


# status before → (status after, audit verb)
TRANSITIONS = {
    "review": (StatusReport.Status.DRAFT, StatusReport.Status.REVIEW),
    "finalise": (StatusReport.Status.REVIEW, StatusReport.Status.FINAL),
    "reopen": (StatusReport.Status.REVIEW, StatusReport.Status.DRAFT),
}


class TransitionRefused(ValidationError):
    pass


def four_eyes_refusal(*, report: StatusReport, user) -> str | None:
    """Why `user` may not make `report` final under the four-eyes rule, or None.

    With settings.KVINNOFRID_REPORTS_FOUR_EYES on, the coordinator who sent the report to
    review, or who last changed it, cannot also make it final: another writer of the same
    report (a coordinator of the county, or a national coordinator for the national
    compilation; `writable_by` decides who that is) must."""
    if not getattr(settings, "KVINNOFRID_REPORTS_FOUR_EYES", True) or user is None:
        return None
    if user.pk in {report.submitted_by_id, report.last_edited_by_id}:
        return _(
            "Du kan inte fastställa en rapport som du själv har skickat på granskning eller "
            "senast ändrat. En annan samordnare behöver granska och fastställa den."
        )
    return None


@transaction.atomic
def report_transition(*, report: StatusReport, action: str, user) -> StatusReport:
    """Move a report along draft → in review → final (or back from review to draft)."""
    if action not in TRANSITIONS:
        raise TransitionRefused(_("Okänd åtgärd."))
    report = _lock(report)
    before, after = TRANSITIONS[action]
    if report.status != before:
        raise TransitionRefused(
            _("Rapporten har status %(status)s och kan inte ändras så.")
            % {"status": report.get_status_display()}
        )
    data = {"from": before, "to": after}
    if action == "finalise":
        refusal = four_eyes_refusal(report=report, user=user)
        if refusal:
            raise TransitionRefused(refusal)
        report.finalised_at = timezone.now()
        # Who sent it to review, beside who made it final (the entry's user).
        data["submitted_by"] = report.submitted_by_id
    elif action == "review":
        report.submitted_by = user
    elif action == "reopen":
        report.submitted_by = None
    report.status = after
    report.save(update_fields=["status", "finalised_at", "submitted_by", "updated_at"])
    audit_log(instance=report, action=f"kvinnofrid.reports.{action}", user=user, data=data)
    return report


@transaction.atomic
def report_new_version(*, report: StatusReport, user) -> StatusReport:
    """Version n + 1 of a final report, as a draft with the same texts."""
    report = _lock(report)
    if not report.is_final:
        raise TransitionRefused(_("Bara en slutlig lägesrapport kan få en ny version."))
    latest = (
        (
            StatusReport.objects.filter(year=report.year, county=report.county)
            if report.county_id
            else StatusReport.objects.national().filter(year=report.year)
        )
        .order_by("-version")
        .first()
    )
    if latest.pk != report.pk:
        raise TransitionRefused(
            _("Det finns redan en nyare version (%(version)s).") % {"version": latest.version}
        )
    copy = StatusReport(
        county=report.county,
        year=report.year,
        version=report.version + 1,
        created_by=user,
        last_edited_by=user,
        **{name: getattr(report, name) for name in TEXT_FIELDS},
        reference_number=report.reference_number,
    )
    copy.full_clean()
    copy.save()
    audit_log(
        instance=copy,
        action="kvinnofrid.reports.version",
        user=user,
        data={"from_version": report.version},
    )
    return copy


def export_request(*, report: StatusReport, fmt: str, user) -> ReportExport:
    """Record an export and hand it to the worker (tasks.report_export_build)."""
    from .tasks import report_export_build

    with transaction.atomic():
        export = ReportExport.objects.create(report=report, format=fmt, created_by=user)
        audit_log(
            instance=report, action="kvinnofrid.reports.export", user=user, data={"format": fmt}
        )
        # The database queue stores the task in the same transaction as the row.
        report_export_build.enqueue(export_id=export.pk)
    return export


def export_build(*, export: ReportExport) -> ReportExport:
    """Render the file (in the worker) and store it on the export row."""
    from django.core.files.base import ContentFile

    from .exports import filename_for, render
    from .outline import document_for

    try:
        document = document_for(export.report)
        content = render(document, export.format)
    except Exception as error:
        export.status = ReportExport.Status.FAILED
        export.error = str(error)[:300]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.file.save(filename_for(document, export.format), ContentFile(content), save=False)
    export.status = ReportExport.Status.DONE
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "finished_at"])
    return export
