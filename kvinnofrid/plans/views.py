"""Public pages of adopted (and revised) strategies and action plans: the list, filtered
by county, and a plan's page with its goals, measures, indicators with charts and its
documents. Drafts and expired plans answer 404."""

import datetime

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.documents import get_document_model

from kvinnofrid.pages.services import INTERNAL_COLLECTION
from kvinnofrid.regions.models import County

from .admin_views import charts_for
from .models import ActionPlan
from .reporting import plan_followup


def public_documents():
    """Files that the public page may link to: never those in a county's internal
    collection."""
    return get_document_model().objects.exclude(collection__name=INTERNAL_COLLECTION)


def plan_list(request):
    plans = (
        ActionPlan.objects.public()
        .select_related("county")
        .annotate(goal_count=Count("goals", distinct=True))
        .order_by("county__code", "-period_start", "title")
    )
    counties = County.objects.filter(action_plans__status__in=("adopted", "revised")).distinct()
    chosen = None
    code = request.GET.get("lan", "")
    if code:
        chosen = County.objects.filter(slug=code).first()
        if chosen:
            plans = plans.filter(county=chosen)
    return TemplateResponse(
        request,
        "plans/plan_list.html",
        {"plans": plans, "counties": counties.order_by("code"), "chosen": chosen},
    )


def plan_detail(request, pk: int, slug: str = ""):
    plan = (
        ActionPlan.objects.public()
        .select_related("county")
        .prefetch_related(
            "revisions",
            "strategy_goals",
            "organisations",
            Prefetch("documents", queryset=public_documents().order_by("title")),
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    if slug != plan.slug:
        return redirect(plan.get_absolute_url(), permanent=True)
    year = datetime.date.today().year
    followup = plan_followup(plan=plan, year=year)
    charts = charts_for(followup, id_prefix="indikator")
    goals = []
    for goal in plan.goals.all().order_by("sort_order", "pk"):
        goals.append(
            {
                "goal": goal,
                "measures": [row for row in followup.measures if row.measure.goal_id == goal.pk],
                "charts": [
                    (series, svg) for series, svg in charts if series.indicator.goal_id == goal.pk
                ],
            }
        )
    return TemplateResponse(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "followup": followup, "goals": goals, "year": year},
    )
