import datetime
from decimal import Decimal

from kvinnofrid.plans.models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureFollowUp,
    PlanGoal,
)


def plan_create(
    county, *, status="adopted", title="Handlingsplan mot våld", **fields
) -> ActionPlan:
    defaults = {
        "kind": ActionPlan.Kind.ACTION_PLAN,
        "period_start": 2024,
        "period_end": 2027,
        "adopted_on": None if status == "draft" else datetime.date(2024, 3, 1),
    }
    defaults.update(fields)
    return ActionPlan.objects.create(county=county, title=title, status=status, **defaults)


def goal_create(plan, title="Fler kommuner arbetar förebyggande", **fields) -> PlanGoal:
    return PlanGoal.objects.create(plan=plan, title=title, **fields)


def measure_create(goal, title="Stöd kommunernas planer", **fields) -> Measure:
    fields.setdefault("status", Measure.Status.ONGOING)
    fields.setdefault("progress", 50)
    return Measure.objects.create(goal=goal, title=title, **fields)


def indicator_create(goal, name="Kommuner med handlingsplan", values=(), **fields) -> Indicator:
    fields.setdefault("unit", "antal")
    indicator = Indicator.objects.create(goal=goal, name=name, **fields)
    for year, value in values:
        IndicatorValue.objects.create(indicator=indicator, year=year, value=Decimal(value))
    return indicator


def followup_create(measure, year, comment) -> MeasureFollowUp:
    return MeasureFollowUp.objects.create(measure=measure, year=year, comment=comment)


def full_plan(county, *, status="adopted", title="Regional handlingsplan") -> ActionPlan:
    """A plan with two goals: five measures (done, ongoing and late, ongoing, not started,
    cancelled and past its end) and two indicators."""
    plan = plan_create(county, status=status, title=title)
    first = goal_create(plan, "Förebyggande arbete", sort_order=0)
    second = goal_create(plan, "Tidig upptäckt", sort_order=1)
    measure_create(
        first,
        "Utbildning för skolan",
        status="done",
        progress=100,
        ends_on=datetime.date(2025, 6, 30),
    )
    late = measure_create(
        first,
        "Kartläggning av våldsutövare",
        status="ongoing",
        progress=40,
        ends_on=datetime.date(2025, 11, 30),
    )
    followup_create(late, 2025, "Sammanställningen är försenad.")
    measure_create(
        second,
        "Rutiner i socialtjänsten",
        status="ongoing",
        progress=70,
        ends_on=datetime.date(2027, 6, 30),
    )
    measure_create(
        second,
        "Utbildning för vården",
        status="not_started",
        progress=0,
        ends_on=datetime.date(2027, 12, 31),
    )
    measure_create(
        second,
        "Avtal med kvinnojourer",
        status="cancelled",
        progress=20,
        ends_on=datetime.date(2025, 1, 31),
    )
    indicator_create(
        first,
        "Kommuner med handlingsplan",
        values=[(2023, 14), (2024, 17), (2025, 20)],
        baseline_value=12,
        baseline_year=2022,
        target_value=26,
        target_year=2027,
    )
    indicator_create(
        second, "Andel som frågar om våld", unit="procent", values=[(2024, "61.5"), (2025, "58")]
    )
    return plan
