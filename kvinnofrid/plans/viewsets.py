"""Strategies and action plans in Wagtail's admin: plans (with their goals and revisions
inline), measures (with the yearly follow-up inline) and indicators (with their yearly
values inline).

As in the coordination workspace, every generic view reads through the tenancy
checkpoint: lists, inspect, history and usage through `for_user`; edit and delete through
the narrower `writable_by`, so another county's record is a 404 at every URL. Saves and
deletes go through services.py, which audits them.
"""

import datetime

import django_filters
from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from kvinnofrid.coordination.viewsets import (
    PermissionMenuItem,
    ScopedCreateView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedUsageView,
    _user_counties,
)

from .forms import ActionPlanForm, IndicatorForm, MeasureForm
from .models import ActionPlan, Indicator, Measure
from .services import record_delete, record_save

CHECKBOXES = forms.CheckboxSelectMultiple


class PlanCreateView(ScopedCreateView):
    save_record = staticmethod(record_save)


class PlanEditView(ScopedEditView):
    save_record = staticmethod(record_save)


class PlanDeleteView(ScopedDeleteView):
    delete_record = staticmethod(record_delete)


class PlansViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    add_view_class = PlanCreateView
    edit_view_class = PlanEditView
    delete_view_class = PlanDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    search_backend_name = None


def _readable_plans(request):
    if request is None:
        return ActionPlan.objects.none()
    return ActionPlan.objects.for_user(request.user).order_by("title")


def _followup_link(plan: ActionPlan):
    return format_html(
        '<a href="{}">{}</a>', reverse("kvinnofrid_plan_overview", args=[plan.pk]), _("Uppföljning")
    )


class ActionPlanFilterSet(WagtailFilterSet):
    county = django_filters.ModelChoiceFilter(label=_("Län"), queryset=_user_counties)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionPlan.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Typ"), choices=ActionPlan.Kind.choices)

    class Meta:
        model = ActionPlan
        fields = []


class ActionPlanViewSet(PlansViewSet):
    model = ActionPlan
    icon = "list-ul"
    menu_label = _("Planer")
    list_display = [
        "title",
        Column("kind", label=_("Typ"), accessor="get_kind_display"),
        Column("period", label=_("Period"), accessor="period"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        "county",
        Column("followup", label=_("Uppföljning"), accessor=_followup_link),
    ]
    list_export = [
        "title",
        "get_kind_display",
        "period",
        "get_status_display",
        "adopted_on",
        "county",
    ]
    export_headings = {
        "title": _("Rubrik"),
        "get_kind_display": _("Typ"),
        "period": _("Period"),
        "get_status_display": _("Status"),
        "adopted_on": _("Antagen den"),
        "county": _("Län"),
    }
    export_filename = "handlingsplaner"
    filterset_class = ActionPlanFilterSet
    search_fields = ["title", "summary"]
    ordering = ["-period_start", "title"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("county"), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel(
                [FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("adopted_on")]
            ),
            FieldPanel("status"),
            FieldPanel("strategy_goals", widget=CHECKBOXES),
            FieldPanel("organisations"),
            FieldPanel("documents"),
            InlinePanel(
                "goals",
                label=_("Mål"),
                panels=[FieldPanel("title"), FieldPanel("description")],
            ),
            InlinePanel(
                "revisions",
                label=_("Revideringar"),
                panels=[FieldRowPanel([FieldPanel("year"), FieldPanel("note")])],
            ),
        ],
        base_form_class=ActionPlanForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=("county",), **kwargs)


class MeasureFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=_readable_plans, field_name="goal__plan"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Measure.Status.choices)
    late = django_filters.BooleanFilter(label=_("Försenade"), method="filter_late")

    class Meta:
        model = Measure
        fields = []

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = queryset.late(datetime.date.today())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


def _late_label(measure: Measure) -> str:
    return _("Försenad") if measure.is_late() else ""


class MeasureViewSet(PlansViewSet):
    model = Measure
    icon = "tasks"
    menu_label = _("Åtgärder")
    list_display = [
        "title",
        Column("plan", label=_("Plan"), accessor="goal.plan.title"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("progress", label=_("Genomfört (%)"), accessor="progress"),
        Column("ends_on", label=_("Slutdatum"), accessor="ends_on"),
        Column("late", label=_("Försenad"), accessor=_late_label),
    ]
    list_export = [
        "title",
        "goal",
        "get_status_display",
        "progress",
        "starts_on",
        "ends_on",
        "organisation_names",
    ]
    export_headings = {
        "title": pgettext_lazy("handlingsplan", "Åtgärd"),
        "goal": _("Mål"),
        "get_status_display": _("Status"),
        "progress": _("Genomfört (%)"),
        "starts_on": _("Startdatum"),
        "ends_on": _("Slut"),
        "organisation_names": _("Ansvariga organisationer"),
    }
    export_filename = "atgarder"
    filterset_class = MeasureFilterSet
    search_fields = ["title", "description"]
    ordering = ["goal__plan__title", "goal__sort_order", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("goal"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("organisations"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
            FieldPanel("violence_areas", widget=CHECKBOXES),
            FieldPanel("target_groups", widget=CHECKBOXES),
            FieldPanel("activities"),
            InlinePanel(
                "follow_ups",
                label=_("Årlig uppföljning"),
                panels=[FieldPanel("year"), FieldPanel("comment")],
            ),
        ],
        base_form_class=MeasureForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=("goal__plan__county",),
            list_prefetch_related=("organisations",),
            **kwargs,
        )


class IndicatorFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=_readable_plans, field_name="goal__plan"
    )

    class Meta:
        model = Indicator
        fields = []


class IndicatorViewSet(PlansViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indikatorer")
    list_display = [
        "name",
        Column("plan", label=_("Plan"), accessor="goal.plan.title"),
        Column("goal", label=_("Mål"), accessor="goal.title"),
        "unit",
    ]
    list_export = [
        "name",
        "goal",
        "unit",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
    ]
    export_headings = {
        "name": _("Indikator"),
        "goal": _("Mål"),
        "unit": _("Enhet"),
        "baseline_value": _("Utgångsvärde"),
        "baseline_year": _("Utgångsår"),
        "target_value": _("Målvärde"),
        "target_year": _("Målår"),
    }
    export_filename = "indikatorer"
    filterset_class = IndicatorFilterSet
    search_fields = ["name"]
    ordering = ["goal__plan__title", "goal__sort_order", "pk"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("goal"), FieldPanel("measure")]),
            FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_year")]),
            FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_year")]),
            InlinePanel(
                "values",
                label=_("Årsvärden"),
                panels=[
                    FieldRowPanel([FieldPanel("year"), FieldPanel("value"), FieldPanel("source")]),
                    FieldPanel("source_note"),
                ],
            ),
        ],
        base_form_class=IndicatorForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=("goal__plan__county",), **kwargs)


class PlansViewSetGroup(ViewSetGroup):
    menu_label = _("Handlingsplaner")
    menu_icon = "list-ul"
    menu_order = 195

    def get_submenu_items(self):
        return [
            PermissionMenuItem(
                _("Uppföljning"),
                reverse_lazy("kvinnofrid_plan_followups"),
                icon_name="clipboard-list",
                order=10,
                shown_to=lambda user: user.has_perm("plans.view_actionplan"),
            ),
            *super().get_submenu_items(),
        ]

    items = (
        ActionPlanViewSet("handlingsplaner"),
        MeasureViewSet("atgarder"),
        IndicatorViewSet("indikatorer"),
    )
