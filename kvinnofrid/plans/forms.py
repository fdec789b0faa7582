"""Admin forms of strategies and action plans. Every choice of a related record is
limited to what the user may read (organisations, activities, documents) or write (the
goals a measure or indicator hangs under), through the same checkpoint as the lists."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kvinnofrid.coordination.forms import ScopedChoicesMixin, documents_for_user
from kvinnofrid.coordination.models import Activity, Organisation
from kvinnofrid.tenancy.forms import CountyOwnedAdminForm

from .models import ActionPlan, Measure, PlanGoal


class ActionPlanForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.scope("organisations", Organisation.objects.for_user(user).order_by("name"))
        self.scope("documents", documents_for_user(user).order_by("title"))

    def clean(self):
        cleaned = super().clean()
        organisations = cleaned.get("organisations") or []
        county = cleaned.get("county")
        if county and any(org.county_id not in (None, county.pk) for org in organisations):
            self.add_error(
                "organisations",
                _("Välj organisationer i planens län eller nationella organisationer."),
            )
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("goals") if hasattr(self, "formsets") else None
        if valid and formset is not None:
            for form in formset.deleted_forms:
                goal = form.instance
                if goal.pk and (goal.measures.exists() or goal.indicators.exists()):
                    self.add_error(
                        None,
                        _(
                            "Målet ”%(goal)s” har åtgärder eller indikatorer. Flytta eller ta "
                            "bort dem innan du tar bort målet."
                        )
                        % {"goal": goal.title},
                    )
                    valid = False
        return valid


def writable_goals(user):
    return (
        PlanGoal.objects.writable_by(user)
        .select_related("plan")
        .order_by("plan__title", "sort_order", "pk")
    )


class MeasureForm(ScopedChoicesMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.scope("goal", writable_goals(user))
        self.scope("organisations", Organisation.objects.for_user(user).order_by("name"))
        self.scope(
            "activities",
            Activity.objects.for_user(user).select_related("county").order_by("-starts_on", "-pk"),
        )

    def clean(self):
        cleaned = super().clean()
        goal = cleaned.get("goal")
        if goal is None:
            return cleaned
        county_id = goal.plan.county_id
        if any(activity.county_id != county_id for activity in cleaned.get("activities") or []):
            self.add_error("activities", _("Välj insatser i planens län."))
        if any(
            org.county_id not in (None, county_id) for org in cleaned.get("organisations") or []
        ):
            self.add_error(
                "organisations",
                _("Välj organisationer i planens län eller nationella organisationer."),
            )
        status, progress = cleaned.get("status"), cleaned.get("progress")
        if status == Measure.Status.NOT_STARTED and progress:
            self.add_error(
                "progress", _("En åtgärd som inte har påbörjats har 0 procent genomfört.")
            )
        # Done with less than 100 % contradicts itself, and only the person saving knows
        # which half is wrong: say so rather than silently raise the figure to 100 %.
        if status == Measure.Status.DONE and progress is not None and progress < 100:
            self.add_error(
                "progress",
                _(
                    "Åtgärden är markerad som genomförd men bara %(progress)s procent "
                    "genomförd. Ändra till 100 procent, eller välj status Pågår."
                )
                % {"progress": progress},
            )
        return cleaned


class IndicatorForm(ScopedChoicesMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.scope("goal", writable_goals(user))
        self.scope(
            "measure",
            Measure.objects.writable_by(user).select_related("goal").order_by("goal", "pk"),
        )


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Första raden: år;värde (välj då indikatorn nedan) eller indikator;år;värde. "
            "Semikolon eller komma mellan kolumnerna; decimaler med komma går bra."
        ),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indikator"),
        queryset=None,
        required=False,
        help_text=_("Behövs bara när filen har kolumnerna år och värde."),
    )
    source_note = forms.CharField(
        label=_("Källa"),
        max_length=200,
        required=False,
        help_text=_("Till exempel Kolada, hämtat 2026-02-01."),
    )

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Indicator

        self.fields["indicator"].queryset = Indicator.objects.for_plan(plan).order_by("pk")
