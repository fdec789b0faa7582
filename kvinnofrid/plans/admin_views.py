"""Plan follow-up pages of the admin that are not Wagtail's generic views: the list of
plans to follow up, a plan's overview for a year with its XLSX export and printable page,
and the import of indicator values from a statistics file.

Reads go through `get_for_user_or_404`/`for_user`, the import through `writable_by`, so
another county's plan is a 404 at every URL.
"""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages

from kvinnofrid.coordination.admin_views import StaffPageMixin, error_count
from kvinnofrid.tenancy.querysets import get_for_user_or_404

from .charts import indicator_chart_svg
from .exports import followup_xlsx
from .forms import IndicatorImportForm
from .importing import parse_indicator_values
from .models import ActionPlan, Indicator
from .reporting import followups, plan_followup
from .services import indicator_values_import

VIEW_PERMISSION = "plans.view_actionplan"


def _year(request, plan: ActionPlan | None = None) -> int:
    this_year = datetime.date.today().year
    try:
        year = int(request.GET.get("ar", this_year))
    except ValueError:
        return this_year
    return year if 1990 <= year <= 2100 else this_year


def _years(plan: ActionPlan) -> list[int]:
    this_year = datetime.date.today().year
    return sorted(set(range(plan.period_start, plan.period_end + 1)) | {this_year}, reverse=True)


def charts_for(followup, *, id_prefix: str) -> list[tuple]:
    return [
        (series, indicator_chart_svg(series, id_prefix=id_prefix)) for series in followup.indicators
    ]


class PlanFollowupsView(StaffPageMixin, TemplateView):
    template_name = "plans/admin/followups.html"
    page_title = gettext_lazy("Uppföljning av handlingsplaner")
    header_icon = "clipboard-list"
    required_permission = VIEW_PERMISSION

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        plans = (
            ActionPlan.objects.for_user(self.request.user)
            .select_related("county")
            .order_by("county__code", "-period_start", "title")
        )
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "followups": followups(plans, year=year),
        }


class PlanMixin:
    plan: ActionPlan

    def get_plan(self) -> ActionPlan:
        queryset = ActionPlan.objects.select_related("county")
        return get_for_user_or_404(queryset, self.request.user, pk=self.kwargs["pk"])


class PlanOverviewView(StaffPageMixin, PlanMixin, TemplateView):
    template_name = "plans/admin/overview.html"
    header_icon = "clipboard-list"
    required_permission = VIEW_PERMISSION
    breadcrumbs_items = []

    def get_page_title(self):
        return self.plan.title

    def get(self, request, *args, **kwargs):
        self.plan = self.get_plan()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = _year(self.request)
        followup = plan_followup(plan=self.plan, year=year)
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "year": year,
            "years": _years(self.plan),
            "followup": followup,
            "charts": charts_for(followup, id_prefix="oversikt"),
            "can_edit": user.has_perm("plans.change_actionplan")
            and ActionPlan.objects.writable_by(user).filter(pk=self.plan.pk).exists(),
            "can_import": user.has_perm("plans.add_indicator")
            and ActionPlan.objects.writable_by(user).filter(pk=self.plan.pk).exists(),
        }


class PlanExportView(StaffPageMixin, PlanMixin, View):
    required_permission = VIEW_PERMISSION

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        year = _year(request)
        content = followup_xlsx(plan_followup(plan=plan, year=year))
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = f"uppfoljning-{slugify(plan.title)[:60] or 'plan'}-{year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PlanPrintView(StaffPageMixin, PlanMixin, View):
    """A page of its own, without the admin's menus, made for paper (print CSS)."""

    required_permission = VIEW_PERMISSION

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        year = _year(request)
        followup = plan_followup(plan=plan, year=year)
        return TemplateResponse(
            request,
            "plans/admin/print.html",
            {
                "plan": plan,
                "year": year,
                "followup": followup,
                "charts": charts_for(followup, id_prefix="utskrift"),
                "printed_on": datetime.date.today(),
            },
        )


class IndicatorImportView(StaffPageMixin, FormView):
    template_name = "plans/admin/import.html"
    form_class = IndicatorImportForm
    header_icon = "upload"
    required_permission = "plans.add_indicator"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            return super().dispatch(request, *args, **kwargs)  # refused there
        self.plan = (
            ActionPlan.objects.writable_by(request.user)
            .select_related("county")
            .filter(pk=kwargs["pk"])
            .first()
        )
        if self.plan is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Importera indikatorvärden")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "plan": self.plan,
            "indicators": Indicator.objects.for_plan(self.plan).order_by("pk"),
            "row_errors": getattr(self, "row_errors", []),
            "error_count": error_count(kwargs["form"]) if "form" in kwargs else 0,
        }

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        result = parse_indicator_values(
            upload.read(),
            indicators=list(Indicator.objects.for_plan(self.plan)),
            indicator=form.cleaned_data.get("indicator"),
        )
        if result.errors:
            self.row_errors = result.errors
            return self.form_invalid(form)
        count = indicator_values_import(
            rows=result.rows,
            user=self.request.user,
            source_note=form.cleaned_data.get("source_note") or upload.name,
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)s värde importerades till %(plan)s.",
                "%(count)s värden importerades till %(plan)s.",
                count,
            )
            % {"count": count, "plan": self.plan},
        )
        return redirect(reverse("kvinnofrid_plan_overview", args=[self.plan.pk]))
