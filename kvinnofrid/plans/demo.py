"""A demo action plan for `make run`: Stockholms län's regional action plan with three
goals, eight measures in different states (one late), three indicators with baseline,
target and yearly values, and follow-up comments, linked to the county's demo activities
when they exist. Idempotent; years are relative to today. Fictitious content."""

import datetime
from decimal import Decimal

from django.db import transaction

from kvinnofrid.coordination.models import Activity, Organisation
from kvinnofrid.regions.models import County, StrategyGoal, TargetGroup, ViolenceArea

from .models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureFollowUp,
    PlanGoal,
    PlanRevision,
)
from .services import record_create

TITLE = "Regional handlingsplan mot mäns våld mot kvinnor i Stockholms län (demo)"

GOALS = [
    (
        "Fler kommuner arbetar förebyggande mot våld",
        "Kommunerna i länet har ett långsiktigt och samordnat förebyggande arbete.",
    ),
    (
        "Våld upptäcks tidigare och våldsutsatta får stöd",
        "Socialtjänst, hälso- och sjukvård och skola frågar om våld och vet vart de ska hänvisa.",
    ),
    (
        "Kunskapen om hedersrelaterat våld och förtryck ökar",
        "Yrkesverksamma har kunskap och metoder för att möta hedersrelaterat våld.",
    ),
]
# goal index, title, status, progress, start offset (years), end (years, month), activity kind
MEASURES = [
    (
        0,
        "Stöd kommunerna att ta fram lokala handlingsplaner",
        "ongoing",
        60,
        -2,
        (0, 12),
        "method_support",
    ),
    (
        0,
        "Länsgemensam utbildning i våldsförebyggande metoder för skolan",
        "done",
        100,
        -2,
        (-1, 6),
        "training",
    ),
    (
        0,
        "Kartlägga kommunernas arbete med våldsutövare",
        "ongoing",
        40,
        -1,
        (-1, 11),
        "mapping_study",
    ),
    (
        1,
        "Rutiner för att fråga om våld i socialtjänsten i alla kommuner",
        "ongoing",
        75,
        -2,
        (1, 6),
        "municipality_visit",
    ),
    (
        1,
        "Gemensam utbildning för hälso- och sjukvården om riskbedömning",
        "not_started",
        0,
        0,
        (1, 12),
        None,
    ),
    (1, "Samverkansavtal mellan kommuner och kvinnojourer", "cancelled", 20, -2, (-1, 12), None),
    (
        2,
        "Utbildarutbildning om hedersrelaterat våld och förtryck",
        "done",
        100,
        -2,
        (-1, 4),
        "training",
    ),
    (
        2,
        "Nätverk för kontaktpersoner om hedersrelaterat våld",
        "ongoing",
        50,
        -1,
        (1, 12),
        "county_collaboration",
    ),
]
# goal index, name, unit, baseline value, target value, yearly values (oldest first)
INDICATORS = [
    (0, "Kommuner med antagen handlingsplan mot våld", "antal", 12, 26, [14, 17, 20]),
    (
        1,
        "Andel kommuner där socialtjänsten frågar om våld rutinmässigt",
        "procent",
        45,
        90,
        [52, 61, 70],
    ),
    (
        2,
        "Yrkesverksamma som gått utbildning om hedersrelaterat våld",
        "antal",
        300,
        1500,
        [520, 880, 1150],
    ),
]
FOLLOW_UPS = {
    0: "Elva kommuner har fått stöd under året; fyra planer antogs.",
    1: "Utbildningen genomfördes i sex omgångar med 240 deltagare.",
    2: "Enkäten är skickad; sammanställningen är försenad och klar under våren.",
    3: "Rutinen är införd i 20 av 26 kommuner.",
    5: "Avbruten: arbetet fortsätter i länets nätverk i stället.",
    6: "Två utbildarutbildningar har hållits.",
    7: "Nätverket har träffats fyra gånger.",
}


def _organisations(stockholm) -> list[Organisation]:
    wanted = Organisation.objects.filter(county=stockholm).filter(kind="region")[:1]
    civil = Organisation.objects.filter(county=stockholm, kind="civil_society").order_by("name")[:1]
    police = Organisation.objects.filter(county__isnull=True, name="Polismyndigheten")[:1]
    return [*wanted, *civil, *police]


@transaction.atomic
def demo_plans_load(*, user) -> None:
    stockholm = County.objects.get(code="01")
    if ActionPlan.objects.filter(county=stockholm, title=TITLE).exists():
        return
    this_year = datetime.date.today().year
    start = this_year - 2
    organisations = _organisations(stockholm)
    plan = ActionPlan(
        county=stockholm,
        title=TITLE,
        kind=ActionPlan.Kind.ACTION_PLAN,
        summary=(
            "Länsstyrelsen, Region Stockholm och länets kommuner har tillsammans tagit fram "
            "planen. Den omsätter den nationella strategin mot mäns våld mot kvinnor i länet."
        ),
        period_start=start,
        period_end=this_year + 1,
        adopted_on=datetime.date(start, 3, 12),
        status=ActionPlan.Status.REVISED,
        created_by=user,
    )
    record_create(
        instance=plan,
        user=user,
        related={
            "strategy_goals": StrategyGoal.objects.all(),
            "organisations": organisations,
        },
    )
    PlanRevision.objects.create(
        plan=plan,
        year=this_year - 1,
        note="Mål 3 kompletterat med åtgärder om hedersrelaterat våld.",
    )
    goals = [
        PlanGoal.objects.create(plan=plan, title=title, description=description, sort_order=index)
        for index, (title, description) in enumerate(GOALS)
    ]
    areas = list(ViolenceArea.objects.all()[:3])
    groups = list(TargetGroup.objects.all()[:3])
    activities = Activity.objects.filter(county=stockholm).order_by("-starts_on")
    measures = []
    for index, (goal, title, status, progress, start_offset, end, kind) in enumerate(MEASURES):
        end_year, end_month = end
        measure = record_create(
            instance=Measure(
                goal=goals[goal],
                title=title,
                description="",
                status=status,
                progress=progress,
                starts_on=datetime.date(this_year + start_offset, 1, 15),
                ends_on=datetime.date(this_year + end_year, end_month, 28),
            ),
            user=user,
            related={
                "organisations": organisations[: 1 + index % 2],
                "violence_areas": areas[index % 2 : index % 2 + 2],
                "target_groups": groups[: 1 + index % 3],
                "activities": list(activities.filter(kind=kind)[:2]) if kind else [],
            },
        )
        measures.append(measure)
        if index in FOLLOW_UPS:
            MeasureFollowUp.objects.create(
                measure=measure, year=this_year - 1, comment=FOLLOW_UPS[index]
            )
    for goal, name, unit, baseline, target, values in INDICATORS:
        indicator = record_create(
            instance=Indicator(
                goal=goals[goal],
                name=name,
                unit=unit,
                baseline_value=Decimal(baseline),
                baseline_year=start - 1,
                target_value=Decimal(target),
                target_year=this_year + 1,
            ),
            user=user,
        )
        first_year = this_year - len(values)
        for offset, value in enumerate(values):
            IndicatorValue.objects.create(
                indicator=indicator,
                year=first_year + offset,
                value=Decimal(value),
                source=IndicatorValue.Source.IMPORTED
                if goal == 0
                else IndicatorValue.Source.MANUAL,
                source_note="Kolada" if goal == 0 else "Länsstyrelsens enkät",
            )
