"""Isolation-matrix entries for strategies and action plans: every staff URL, created for
a record of county A, is checked against the cast (see tenancy/isolation.py)."""

import datetime
import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import ActionPlan, Indicator, IndicatorValue, Measure, PlanGoal

COORDINATOR_ONLY = {Role.COORDINATOR}
READERS = {Role.COORDINATOR, Role.NATIONAL}


def _marker() -> str:
    return f"Internt {uuid.uuid4().hex[:10]}"


def _plan(county, title=None):
    # A draft: nothing of it is public.
    return ActionPlan.objects.create(
        county=county,
        title=title or _marker(),
        kind=ActionPlan.Kind.ACTION_PLAN,
        period_start=2024,
        period_end=2027,
    )


def _goal(county, title=None):
    return PlanGoal.objects.create(plan=_plan(county), title=title or _marker())


def _measure(county, title=None):
    return Measure.objects.create(
        goal=_goal(county),
        title=title or _marker(),
        status=Measure.Status.ONGOING,
        progress=30,
        ends_on=datetime.date(2025, 12, 31),
    )


def _indicator(county, name=None):
    indicator = Indicator.objects.create(goal=_goal(county), name=name or _marker(), unit="antal")
    IndicatorValue.objects.create(indicator=indicator, year=2025, value=12)
    return indicator


MAKERS = {
    "handlingsplaner": _plan,
    "atgarder": _measure,
    "indikatorer": _indicator,
}

for namespace, make in MAKERS.items():
    for view, roles in (
        ("edit", COORDINATOR_ONLY),
        ("delete", COORDINATOR_ONLY),
        ("inspect", READERS),
        ("history", READERS),
        ("usage", READERS),
    ):
        register_staff_url(
            f"plans {namespace} {view}",
            make=lambda county, namespace=namespace, view=view, make=make: reverse(
                f"{namespace}:{view}", args=[make(county).pk]
            ),
            allowed_roles=roles,
        )

    def _listing(county, namespace=namespace, make=make):
        marker = _marker()
        make(county, marker)
        return reverse(f"{namespace}:index"), marker

    register_staff_listing(f"plans {namespace} list", make=_listing)

    def _export(county, namespace=namespace, make=make):
        marker = _marker()
        make(county, marker)
        return reverse(f"{namespace}:index") + "?export=csv", marker

    register_staff_listing(f"plans {namespace} CSV export", make=_export)


def _plan_url(name):
    return lambda county: reverse(name, args=[_plan(county).pk])


register_staff_url(
    "plans follow-up overview", make=_plan_url("kvinnofrid_plan_overview"), allowed_roles=READERS
)
register_staff_url(
    "plans follow-up XLSX export", make=_plan_url("kvinnofrid_plan_export"), allowed_roles=READERS
)
register_staff_url(
    "plans follow-up printable page", make=_plan_url("kvinnofrid_plan_print"), allowed_roles=READERS
)
register_staff_url(
    "plans indicator value import",
    make=_plan_url("kvinnofrid_plan_import"),
    allowed_roles=COORDINATOR_ONLY,
)


def _followups_listing(county):
    marker = _marker()
    _plan(county, marker)
    return reverse("kvinnofrid_plan_followups"), marker


register_staff_listing("plans follow-up list", make=_followups_listing)


def _measure_in_overview(county):
    # The overview names the plan's measures; another county's coordinator gets 404.
    marker = _marker()
    measure = _measure(county, marker)
    return reverse("kvinnofrid_plan_overview", args=[measure.goal.plan_id]), marker


register_staff_listing("plans overview measures", make=_measure_in_overview)


def _measure_choices(county):
    # The goal chooser of a new measure lists only writable goals.
    marker = _marker()
    _goal(county, marker)
    return reverse("atgarder:add"), marker


register_staff_listing("plans goal choices of a new measure", make=_measure_choices)


def _indicator_choices(county):
    marker = _marker()
    _goal(county, marker)
    return reverse("indikatorer:add"), marker


register_staff_listing("plans goal choices of a new indicator", make=_indicator_choices)
