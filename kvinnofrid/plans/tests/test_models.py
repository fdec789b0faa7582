"""The plan's invariants: periods run forwards, progress is a percentage, lateness is
the end date passed without the measure being done or cancelled, no case data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kvinnofrid.plans.models import ActionPlan, Indicator, Measure
from kvinnofrid.regions.models import County

from .factories import goal_create, measure_create, plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def stockholm():
    return County.objects.get(code="01")


@pytest.fixture
def goal(stockholm):
    return goal_create(plan_create(stockholm))


def test_a_plan_period_must_not_end_before_it_starts(stockholm):
    plan = ActionPlan(
        county=stockholm,
        title="Plan",
        kind="strategy",
        period_start=2026,
        period_end=2024,
        status="draft",
    )
    with pytest.raises(ValidationError, match="Perioden"):
        plan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_a_plan_of_one_year_is_fine_and_shows_one_year(stockholm):
    plan = ActionPlan(
        county=stockholm,
        title="Plan",
        kind="strategy",
        period_start=2025,
        period_end=2025,
        status="draft",
    )
    plan.full_clean()
    assert plan.period == "2025"


def test_an_adopted_plan_needs_its_adoption_date(stockholm):
    plan = ActionPlan(
        county=stockholm,
        title="Plan",
        kind="strategy",
        period_start=2024,
        period_end=2027,
        status="adopted",
    )
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "adopted_on" in error.value.message_dict


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_to_100_percent_is_refused(goal, progress):
    measure = Measure(goal=goal, title="Åtgärd", progress=progress)
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "progress" in error.value.message_dict


def test_the_database_refuses_progress_over_100_percent(goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(goal=goal, title="Åtgärd", progress=101)


def test_a_measure_cannot_end_before_it_starts(goal):
    measure = Measure(
        goal=goal,
        title="Åtgärd",
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError, match="Slutdatum"):
        measure.full_clean()


def test_a_measure_marked_done_counts_as_fully_done(goal):
    measure = Measure(goal=goal, title="Åtgärd", status="done", progress=80)
    measure.full_clean()
    assert measure.progress == 100


@pytest.mark.parametrize(
    ("status", "ends_on", "late"),
    [
        ("ongoing", datetime.date(2026, 3, 31), True),
        ("not_started", datetime.date(2026, 3, 31), True),
        ("done", datetime.date(2026, 3, 31), False),
        ("cancelled", datetime.date(2026, 3, 31), False),
        ("ongoing", datetime.date(2026, 4, 1), False),  # ends today: not late yet
        ("ongoing", None, False),
    ],
)
def test_a_measure_is_late_when_its_end_has_passed_and_it_is_not_done(goal, status, ends_on, late):
    measure = Measure(goal=goal, title="Åtgärd", status=status, ends_on=ends_on)
    assert measure.is_late(datetime.date(2026, 4, 1)) is late


def test_the_late_query_agrees_with_is_late(goal):
    on = datetime.date(2026, 4, 1)
    for status in ("not_started", "ongoing", "done", "cancelled"):
        for ends_on in (datetime.date(2026, 3, 31), datetime.date(2026, 4, 1), None):
            measure_create(
                goal,
                f"{status} {ends_on}",
                status=status,
                ends_on=ends_on,
                progress=100 if status == "done" else 0,
            )
    measures = Measure.objects.all()
    assert set(measures.late(on)) == {m for m in measures if m.is_late(on)}
    assert measures.late(on).count() == 2


def test_free_text_refuses_a_personal_identity_number(goal):
    measure = Measure(goal=goal, title="Åtgärd", description="Gäller 19811218-9876 i Botkyrka")
    with pytest.raises(ValidationError) as error:
        measure.full_clean()
    assert "description" in error.value.message_dict


def test_an_indicator_of_a_measure_must_be_under_the_measures_goal(stockholm, goal):
    other_goal = goal_create(goal.plan, "Annat mål")
    measure = measure_create(other_goal)
    indicator = Indicator(goal=goal, measure=measure, name="Andel", unit="procent")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "measure" in error.value.message_dict


def test_only_adopted_and_revised_plans_are_public(stockholm):
    for status in ("draft", "adopted", "revised", "expired"):
        plan_create(stockholm, status=status, title=f"Plan {status}")
    assert sorted(ActionPlan.objects.public().values_list("status", flat=True)) == [
        "adopted",
        "revised",
    ]
