import datetime

import pytest

from kvinnofrid.plans.demo import TITLE, demo_plans_load
from kvinnofrid.plans.models import ActionPlan, Indicator, Measure
from kvinnofrid.plans.reporting import plan_followup

pytestmark = pytest.mark.django_db


def test_the_demo_plan_is_believable_and_loading_it_twice_changes_nothing(cast):
    demo_plans_load(user=cast.coordinator_a)
    demo_plans_load(user=cast.coordinator_a)
    plan = ActionPlan.objects.get(title=TITLE)
    assert plan.county.code == "01" and plan.is_public
    assert plan.goals.count() == 3
    assert Measure.objects.for_plan(plan).count() == 8
    assert Indicator.objects.for_plan(plan).count() == 3
    followup = plan_followup(plan=plan, year=datetime.date.today().year)
    assert followup.late >= 1 and followup.by_status["done"] >= 1
    assert all(len(series.points) == 3 for series in followup.indicators)


def test_the_demo_plan_links_measures_to_the_coordination_demos_activities(cast):
    from kvinnofrid.coordination.demo import demo_coordination_load

    demo_coordination_load(user=cast.coordinator_a)
    demo_plans_load(user=cast.coordinator_a)
    plan = ActionPlan.objects.get(title=TITLE)
    measures = Measure.objects.for_plan(plan).prefetch_related("activities", "organisations")
    linked = [activity for measure in measures for activity in measure.activities.all()]
    assert linked and all(activity.county_id == plan.county_id for activity in linked)
    assert plan.organisations.exists()
