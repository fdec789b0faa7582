"""Regional strategies and action plans: a county's plan, its goals, the measures
(åtgärder) under each goal with their yearly follow-up, and indicators with yearly values.

Everything is owned by the plan's county. Staff read through `for_user(user)` and write
through `writable_by(user)` (querysets.py); every write goes through services.py, which
audits it. Adopted and revised plans are public; drafts never are.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kvinnofrid.core.validators import validate_no_personal_identity_number

from .querysets import (
    PUBLIC_STATUSES,
    ActionPlanQuerySet,
    IndicatorQuerySet,
    MeasureQuerySet,
    PlanGoalQuerySet,
)

NO_CASE_DATA = [validate_no_personal_identity_number]
YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]


class ActionPlan(ClusterableModel):
    """A county's regional strategy, action plan or handbook for cooperation."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Regional strategi")
        ACTION_PLAN = "action_plan", _("Handlingsplan")
        HANDBOOK = "handbook", _("Handbok för samverkan")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")
        REVISED = "revised", _("Reviderad")
        EXPIRED = "expired", _("Upphört att gälla")

    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("län"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    summary = models.TextField(
        _("sammanfattning"),
        blank=True,
        validators=NO_CASE_DATA,
        help_text=_("Visas på den publika sidan när planen är antagen."),
    )
    period_start = models.PositiveSmallIntegerField(_("gäller från år"), validators=YEAR)
    period_end = models.PositiveSmallIntegerField(_("gäller till och med år"), validators=YEAR)
    adopted_on = models.DateField(_("antagen den"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    organisations = models.ManyToManyField(
        "coordination.Organisation",
        blank=True,
        related_name="action_plans",
        verbose_name=_("deltagande organisationer"),
    )
    strategy_goals = models.ManyToManyField(
        "regions.StrategyGoal",
        blank=True,
        related_name="action_plans",
        verbose_name=_("målsättningar i nationella strategin"),
    )
    documents = models.ManyToManyField(
        "wagtaildocs.Document",
        blank=True,
        related_name="+",
        verbose_name=_("dokument"),
        help_text=_(
            "Dokument i länets samling visas på den publika sidan när planen är antagen; "
            "dokument i samlingen Internt visas aldrig där."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")),
                name="plans_actionplan_period_order",
                violation_error_message=_(
                    "Perioden måste sluta samma år som den börjar eller senare."
                ),
            ),
        ]
        indexes = [models.Index(fields=["county", "status"], name="plans_plan_county_status")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.status != self.Status.DRAFT and self.adopted_on is None:
            raise ValidationError(
                {"adopted_on": _("Ange när planen antogs (den är inte längre ett utkast).")}
            )

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "plan"

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def period(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plans:detail", args=[self.pk, self.slug])


class PlanRevision(Orderable):
    """A revision of an adopted plan ("reviderad 2019 och 2021")."""

    plan = ParentalKey(ActionPlan, on_delete=models.CASCADE, related_name="revisions")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR)
    note = models.CharField(_("vad ändrades"), max_length=300, blank=True, validators=NO_CASE_DATA)

    class Meta(Orderable.Meta):
        verbose_name = _("revidering")
        verbose_name_plural = _("revideringar")

    def __str__(self) -> str:
        return f"{self.year} {self.note}".strip()


class PlanGoal(Orderable):
    """A goal of the plan; measures and indicators hang under it."""

    plan = ParentalKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("mål"), max_length=300, validators=NO_CASE_DATA)
    description = models.TextField(_("beskrivning"), blank=True, validators=NO_CASE_DATA)

    objects = PlanGoalQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = _("mål")
        # Swedish says "mål" for one and many; the context keeps English apart.
        verbose_name_plural = pgettext_lazy("plural", "mål")

    def __str__(self) -> str:
        return f"{self.plan.title}: {self.title}"


class Measure(ClusterableModel):
    """A measure (åtgärd) under a goal of a plan."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Inte påbörjad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Genomförd")
        CANCELLED = "cancelled", _("Avbruten")

    goal = models.ForeignKey(
        PlanGoal, on_delete=models.PROTECT, related_name="measures", verbose_name=_("mål")
    )
    title = models.CharField(_("åtgärd"), max_length=300, validators=NO_CASE_DATA)
    description = models.TextField(_("beskrivning"), blank=True, validators=NO_CASE_DATA)
    organisations = models.ManyToManyField(
        "coordination.Organisation",
        blank=True,
        related_name="plan_measures",
        verbose_name=_("ansvariga organisationer"),
    )
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("genomfört (procent)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    violence_areas = models.ManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("våldsområden")
    )
    target_groups = models.ManyToManyField(
        "regions.TargetGroup", blank=True, related_name="+", verbose_name=_("målgrupper")
    )
    activities = models.ManyToManyField(
        "coordination.Activity",
        blank=True,
        related_name="plan_measures",
        verbose_name=_("insatser som genomförde åtgärden"),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["goal__plan", "goal__sort_order", "goal", "pk"]
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="plans_measure_progress_range",
                violation_error_message=_("Andelen genomfört ska vara mellan 0 och 100 procent."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="plans_measure_dates_order",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.status == self.Status.DONE and self.progress != 100:
            # A measure marked done is done: the overview counts it as 100 %.
            self.progress = 100

    def is_late(self, on: datetime.date | None = None) -> bool:
        """Late: the end date has passed and the measure is neither done nor cancelled."""
        on = on or datetime.date.today()
        return (
            self.ends_on is not None
            and self.ends_on < on
            and self.status not in (self.Status.DONE, self.Status.CANCELLED)
        )

    @property
    def plan(self) -> ActionPlan:
        return self.goal.plan

    def organisation_names(self) -> str:
        return ", ".join(org.name for org in self.organisations.all())


class MeasureFollowUp(Orderable):
    """The yearly follow-up of a measure: how it stands this year, in words."""

    measure = ParentalKey(Measure, on_delete=models.CASCADE, related_name="follow_ups")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR)
    comment = models.TextField(_("kommentar"), validators=NO_CASE_DATA)

    class Meta(Orderable.Meta):
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"],
                name="plans_followup_one_per_year",
                violation_error_message=_("Åtgärden har redan en uppföljning för det året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.comment[:60]}"


class Indicator(ClusterableModel):
    """An indicator of a goal (or of one measure under it), with baseline, target and
    yearly values."""

    goal = models.ForeignKey(
        PlanGoal, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("mål")
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("åtgärd"),
        help_text=_("Lämna tomt om indikatorn följer upp målet som helhet."),
    )
    name = models.CharField(_("namn"), max_length=200)
    unit = models.CharField(_("enhet"), max_length=40, help_text=_("Till exempel procent, antal."))
    description = models.TextField(_("beskrivning"), blank=True, validators=NO_CASE_DATA)
    baseline_value = models.DecimalField(
        _("utgångsvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("utgångsår"), null=True, blank=True, validators=YEAR
    )
    target_value = models.DecimalField(
        _("målvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("målår"), null=True, blank=True, validators=YEAR
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["goal__plan", "goal__sort_order", "goal", "pk"]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.measure_id and self.goal_id and self.measure.goal_id != self.goal_id:
            raise ValidationError({"measure": _("Åtgärden hör till ett annat mål.")})
        if (self.baseline_value is None) != (self.baseline_year is None):
            raise ValidationError({"baseline_year": _("Ange både utgångsvärde och år.")})
        if (self.target_value is None) != (self.target_year is None):
            raise ValidationError({"target_year": _("Ange både målvärde och år.")})

    @property
    def plan(self) -> ActionPlan:
        return self.goal.plan


class IndicatorValue(Orderable):
    """One year's value of an indicator, with where it came from."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Inmatat för hand")
        IMPORTED = "imported", _("Importerat från statistikfil")

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("källa"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    source_note = models.CharField(
        _("källhänvisning"), max_length=200, blank=True, help_text=_("Till exempel Kolada, SCB.")
    )

    class Meta(Orderable.Meta):
        ordering = ["year"]
        verbose_name = _("årsvärde")
        verbose_name_plural = _("årsvärden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="plans_indicator_value_one_per_year",
                violation_error_message=_("Indikatorn har redan ett värde för det året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"
