"""Status report pages of the admin that are not Wagtail's generic views: the overview of
one report (workflow, the whole report with its figures, exports), the workflow and
new-version actions, and the exports' status page and download.

Reads go through `get_for_user_or_404` (another county's report is a 404), the workflow
through `writable_by`.
"""

from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages

from kvinnofrid.coordination.admin_views import StaffPageMixin
from kvinnofrid.tenancy.querysets import get_for_user_or_404

from .exports import CONTENT_TYPES, FORMATS, render_html
from .models import ReportExport, StatusReport
from .outline import document_for
from .services import (
    TransitionRefused,
    export_request,
    four_eyes_refusal,
    report_new_version,
    report_transition,
)

VIEW_PERMISSION = "reports.view_statusreport"
# URL word → workflow action of services.report_transition
ACTIONS = {"granskning": "review", "slutlig": "finalise", "utkast": "reopen"}
CHANGE_PERMISSION = "reports.change_statusreport"


def _report(request, pk) -> StatusReport:
    return get_for_user_or_404(StatusReport.objects.select_related("county"), request.user, pk=pk)


def _writable(request, pk) -> StatusReport:
    report = StatusReport.objects.writable_by(request.user).filter(pk=pk).first()
    if report is None or not request.user.has_perm(CHANGE_PERMISSION):
        raise Http404
    return report


def figures_context(report: StatusReport) -> dict:
    """The year's key figures shown beside the editor."""
    document = document_for(report)
    return {"report": report, "document": document, "key_table": document.blocks[0].tables[0]}


class ReportOverviewView(StaffPageMixin, TemplateView):
    template_name = "reports/admin/overview.html"
    header_icon = "doc-full"
    required_permission = VIEW_PERMISSION

    def get(self, request, *args, **kwargs):
        self.report = _report(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.report)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("lagesrapporter:index"), "label": _("Lägesrapporter")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        report = self.report
        can_write = (
            user.has_perm(CHANGE_PERMISSION)
            and StatusReport.objects.writable_by(user).filter(pk=report.pk).exists()
        )
        document = document_for(report)
        newer = (
            StatusReport.objects.filter(year=report.year, version__gt=report.version).filter(
                county=report.county
            )
            if report.county_id
            else StatusReport.objects.national().filter(
                year=report.year, version__gt=report.version
            )
        )
        in_review = can_write and report.status == StatusReport.Status.REVIEW
        four_eyes = four_eyes_refusal(report=report, user=user) if in_review else None
        return {
            **super().get_context_data(**kwargs),
            "report": report,
            "can_write": can_write,
            "can_edit": can_write and not report.is_final,
            "can_review": can_write and report.status == StatusReport.Status.DRAFT,
            "can_reopen": in_review,
            "can_finalise": in_review and not four_eyes,
            "four_eyes": four_eyes,
            "can_new_version": can_write and report.is_final and not newer.exists(),
            "formats": ReportExport.Format.choices,
            "exports": report.exports.order_by("-created_at", "-pk")[:10],
            "report_html": render_html(document, admin=True),
        }


class ReportTransitionView(View):
    def post(self, request, pk, action):
        report = _writable(request, pk)
        try:
            if action == "ny-version":
                report = report_new_version(report=report, user=request.user)
                messages.success(
                    request,
                    _("Version %(version)s är öppnad som utkast.") % {"version": report.version},
                )
            else:
                report_transition(report=report, action=ACTIONS[action], user=request.user)
                messages.success(request, _("Rapportens status är ändrad."))
        except TransitionRefused as error:
            messages.error(request, " ".join(error.messages))
        return redirect("kvinnofrid_report_overview", report.pk)


class ReportExportRequestView(View):
    def post(self, request, pk):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise Http404
        report = _report(request, pk)
        fmt = request.POST.get("format", "")
        if fmt not in FORMATS:
            messages.error(request, _("Välj PDF, DOCX eller XLSX."))
            return redirect("kvinnofrid_report_overview", report.pk)
        export = export_request(report=report, fmt=fmt, user=request.user)
        return redirect("kvinnofrid_report_export", export.pk)


def _export(request, pk) -> ReportExport:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise Http404
    return get_for_user_or_404(
        ReportExport.objects.select_related("report__county"), request.user, pk=pk
    )


class ReportExportStatusView(StaffPageMixin, TemplateView):
    """ "Skapas…" until the worker is done, then "Klar" and the download link. A plain
    link reloads it: no script (the CSP forbids inline script) and no meta refresh (axe's
    meta-refresh rule, WCAG 2.2.1, forbids a timed reload)."""

    template_name = "reports/admin/export.html"
    header_icon = "download"
    required_permission = VIEW_PERMISSION

    def get(self, request, *args, **kwargs):
        self.export = _export(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Export av %(report)s") % {"report": self.export.report}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("lagesrapporter:index"), "label": _("Lägesrapporter")},
            {
                "url": reverse("kvinnofrid_report_overview", args=[self.export.report_id]),
                "label": str(self.export.report),
            },
            {"url": "", "label": _("Export")},
        ]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "export": self.export,
            "pending": self.export.status == ReportExport.Status.PENDING,
        }


class ReportExportDownloadView(View):
    def get(self, request, pk):
        export = _export(request, pk)
        if export.status != ReportExport.Status.DONE or not export.file:
            raise Http404
        response = FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=export.file.name.rsplit("/", 1)[-1],
            content_type=CONTENT_TYPES[export.format],
        )
        response["Cache-Control"] = "private, no-store"
        return response
