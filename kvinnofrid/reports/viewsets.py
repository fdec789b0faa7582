"""Status reports in Wagtail's admin (*Lägesrapporter*): a list, a form to create a report
and the editor of its texts with the year's figures beside it; the overview page with the
workflow, the whole report and its exports is in admin_views.py.

As in the coordination workspace every view reads through the tenancy checkpoint: the list,
history and usage through `for_user`; the editor through `writable_by` minus final reports.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from kvinnofrid.coordination.viewsets import ScopedHistoryView, ScopedIndexView, ScopedUsageView

from .forms import StatusReportForm
from .models import StatusReport
from .services import report_save


def _overview_link(report: StatusReport):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("kvinnofrid_report_overview", args=[report.pk]),
        _("Översikt"),
    )


def _area(report: StatusReport) -> str:
    return report.area_name


class ReportCreateView(generic.CreateView):
    def save_instance(self):
        return report_save(form=self.form, user=self.request.user)

    def get_success_url(self):
        return reverse("kvinnofrid_report_overview", args=[self.object.pk])


class ReportEditView(generic.EditView):
    template_name = "reports/admin/edit.html"

    def get_queryset(self):
        return self.model.objects.writable_by(self.request.user).select_related("county")

    def dispatch(self, request, *args, **kwargs):
        report = StatusReport.objects.writable_by(request.user).filter(pk=kwargs.get("pk")).first()
        if report is not None and report.is_final:
            messages.warning(
                request, _("Rapporten är slutlig och kan inte ändras. Öppna en ny version.")
            )
            return redirect("kvinnofrid_report_overview", report.pk)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        return report_save(form=self.form, user=self.request.user)

    def get_success_url(self):
        return reverse("kvinnofrid_report_overview", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        from .admin_views import figures_context

        return {**super().get_context_data(**kwargs), **figures_context(self.object)}


class ReportDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        return super().get_object(self.model.objects.writable_by(self.request.user).none())


class StatusReportViewSet(ModelViewSet):
    model = StatusReport
    icon = "doc-full"
    menu_label = _("Lägesrapporter")
    menu_order = 197
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    delete_view_class = ReportDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = False
    copy_view_enabled = False
    search_backend_name = None
    list_display = [
        Column("title", label=_("Rapport"), accessor="__str__"),
        Column("area", label=_("Län"), accessor=_area),
        "year",
        "version",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("overview", label=_("Översikt"), accessor=_overview_link),
    ]
    list_filter = ["year", "status"]
    ordering = ["-year", "county__code", "-version"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("county"), FieldPanel("year")]),
            FieldPanel("reference_number"),
            MultiFieldPanel(
                [
                    FieldPanel("results_and_effects"),
                    FieldPanel("development_analysis"),
                    FieldPanel("support_needs_analysis"),
                ],
                heading=_("De tre delarna som förordningen kräver"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("goal_1_text"),
                    FieldPanel("goal_2_text"),
                    FieldPanel("goal_3_text"),
                    FieldPanel("goal_4_text"),
                ],
                heading=_("Arbetet per målsättning i den nationella strategin"),
            ),
        ],
        base_form_class=StatusReportForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=("county",), **kwargs)
