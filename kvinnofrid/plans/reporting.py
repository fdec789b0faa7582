"""Follow-up of action plans as plain data: for the plan overview, its XLSX export and
printable page, the public plan page and the status report (lägesrapport).

`plan_followup_for(county=, year=)` is what the status report reads. A measure is *late*
when its end date has passed (by the end of the year asked for, or today if that is
earlier) and it is neither done nor cancelled. Percentages are of all the plan's measures.
The number of queries does not depend on the number of plans, measures or values.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import ActionPlan, Indicator, IndicatorValue, Measure, MeasureFollowUp

STATUSES = [choice for choice, _label in Measure.Status.choices]


@dataclass(frozen=True)
class IndicatorSeries:
    indicator: Indicator
    goal_title: str
    measure_title: str
    points: list[tuple[int, Decimal]]  # (year, value), oldest first, up to the year asked
    trend: str  # "up", "down", "flat" or "" (fewer than two values)

    @property
    def latest(self) -> tuple[int, Decimal] | None:
        return self.points[-1] if self.points else None

    @property
    def trend_label(self) -> str:
        return str(TREND_LABELS.get(self.trend, _("För få värden")))


TREND_LABELS = {"up": _("Ökande"), "down": _("Minskande"), "flat": _("Oförändrad")}


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    goal_title: str
    late: bool
    comment: str  # the follow-up comment of the year asked for ("" if none)


@dataclass(frozen=True)
class PlanFollowUp:
    plan: ActionPlan
    year: int
    as_of: datetime.date
    measures_total: int
    by_status: dict[str, int]  # every Measure.Status value, zero included
    late: int
    measures: list[MeasureRow] = field(default_factory=list)
    indicators: list[IndicatorSeries] = field(default_factory=list)

    def _percent(self, count: int) -> int:
        return round(100 * count / self.measures_total) if self.measures_total else 0

    @property
    def percent_done(self) -> int:
        return self._percent(self.by_status["done"])

    @property
    def percent_ongoing(self) -> int:
        return self._percent(self.by_status["ongoing"])

    @property
    def percent_late(self) -> int:
        return self._percent(self.late)

    @property
    def status_rows(self) -> list[tuple[str, str, int, int]]:
        """(key, label, count, percent) per status, in the order of the choices."""
        labels = dict(Measure.Status.choices)
        return [
            (key, str(labels[key]), self.by_status[key], self._percent(self.by_status[key]))
            for key in STATUSES
        ]


def as_of_for(year: int, today: datetime.date | None = None) -> datetime.date:
    today = today or datetime.date.today()
    return min(today, datetime.date(year, 12, 31))


def _trend(points: list[tuple[int, Decimal]]) -> str:
    if len(points) < 2:
        return ""
    previous, last = points[-2][1], points[-1][1]
    if last > previous:
        return "up"
    if last < previous:
        return "down"
    return "flat"


def followups(plans, *, year: int, today: datetime.date | None = None) -> list[PlanFollowUp]:
    """The follow-up of each plan for `year`, in the order given. Four queries whatever
    the number of plans, measures and values."""
    plans = list(plans)
    as_of = as_of_for(year, today)
    plan_ids = [plan.pk for plan in plans]
    measures = (
        Measure.objects.filter(goal__plan__in=plan_ids)
        .select_related("goal")
        .prefetch_related(
            "organisations",
            Prefetch(
                "follow_ups",
                queryset=MeasureFollowUp.objects.filter(year=year),
                to_attr="followups_of_year",
            ),
        )
        .order_by("goal__sort_order", "goal_id", "starts_on", "pk")
    )
    indicators = (
        Indicator.objects.filter(goal__plan__in=plan_ids)
        .select_related("goal", "measure")
        .prefetch_related(
            Prefetch(
                "values",
                queryset=IndicatorValue.objects.filter(year__lte=year).order_by("year"),
                to_attr="values_to_year",
            )
        )
        .order_by("goal__sort_order", "goal_id", "pk")
    )
    measures_by_plan: dict[int, list[Measure]] = {pk: [] for pk in plan_ids}
    for measure in measures:
        measures_by_plan[measure.goal.plan_id].append(measure)
    indicators_by_plan: dict[int, list[Indicator]] = {pk: [] for pk in plan_ids}
    for indicator in indicators:
        indicators_by_plan[indicator.goal.plan_id].append(indicator)

    results = []
    for plan in plans:
        rows = [
            MeasureRow(
                measure=measure,
                goal_title=measure.goal.title,
                late=measure.is_late(as_of),
                comment=measure.followups_of_year[0].comment if measure.followups_of_year else "",
            )
            for measure in measures_by_plan[plan.pk]
        ]
        counts = Counter(row.measure.status for row in rows)
        series = []
        for indicator in indicators_by_plan[plan.pk]:
            points = [(value.year, value.value) for value in indicator.values_to_year]
            series.append(
                IndicatorSeries(
                    indicator=indicator,
                    goal_title=indicator.goal.title,
                    measure_title=indicator.measure.title if indicator.measure else "",
                    points=points,
                    trend=_trend(points),
                )
            )
        results.append(
            PlanFollowUp(
                plan=plan,
                year=year,
                as_of=as_of,
                measures_total=len(rows),
                by_status={key: counts.get(key, 0) for key in STATUSES},
                late=sum(row.late for row in rows),
                measures=rows,
                indicators=series,
            )
        )
    return results


def plan_followup(
    *, plan: ActionPlan, year: int, today: datetime.date | None = None
) -> PlanFollowUp:
    return followups([plan], year=year, today=today)[0]


def plan_followup_for(
    *, county, year: int, today: datetime.date | None = None
) -> list[PlanFollowUp]:
    """The status report's data: every plan of the county that was in force in `year`
    (adopted, revised or expired since; drafts are not plans yet), with its measures
    counted by status and late, the share done, and each indicator's values to `year`."""
    plans = (
        ActionPlan.objects.for_county(county)
        .exclude(status=ActionPlan.Status.DRAFT)
        .covering(year)
        .select_related("county")
        .order_by("period_start", "title")
    )
    return followups(plans, year=year, today=today)
