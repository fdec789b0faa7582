"""Plans in the admin: every write through the audited services, reads through the
checkpoint. A county's coordinator writes the county's plans; another county's
coordinator gets 404; the national coordinator reads every plan and writes none."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination.models import Activity, Organisation
from kvinnofrid.coordination.tests.factories import ActivityFactory
from kvinnofrid.plans.models import ActionPlan, Measure, PlanGoal
from kvinnofrid.regions.models import StrategyGoal
from kvinnofrid.testing.cast import verified_client

from .factories import full_plan, goal_create, measure_create, plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


@pytest.fixture
def national(cast):
    return verified_client(cast.national)


@pytest.fixture
def other_coordinator(cast):
    return verified_client(cast.coordinator_b)


def inline(prefix: str, rows=(), initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
        data.setdefault(f"{prefix}-{index}-ORDER", str(index + 1))
        data.setdefault(f"{prefix}-{index}-DELETE", "")
    return data


def plan_form(cast, **fields) -> dict:
    data = {
        "county": str(cast.county_a.pk),
        "kind": "action_plan",
        "title": "Handlingsplan mot mäns våld mot kvinnor 2025–2028",
        "summary": "Länets gemensamma plan.",
        "period_start": "2025",
        "period_end": "2028",
        "adopted_on": "2025-02-14",
        "status": "adopted",
        "strategy_goals": [str(StrategyGoal.objects.get(number=1).pk)],
        **inline(
            "goals",
            [
                {"title": "Fler kommuner arbetar förebyggande", "description": ""},
                {"title": "Våld upptäcks tidigare", "description": ""},
            ],
        ),
        **inline("revisions", [{"year": "2026", "note": "Nya åtgärder under mål 2"}]),
    }
    data.update(fields)
    return data


def test_a_coordinator_creates_a_plan_with_goals_and_revisions_and_it_is_audited(cast, coordinator):
    response = coordinator.post(reverse("handlingsplaner:add"), plan_form(cast))
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = ActionPlan.objects.get()
    assert plan.county == cast.county_a
    assert plan.created_by == cast.coordinator_a
    assert [goal.title for goal in plan.goals.all()] == [
        "Fler kommuner arbetar förebyggande",
        "Våld upptäcks tidigare",
    ]
    assert [(r.year, r.note) for r in plan.revisions.all()] == [(2026, "Nya åtgärder under mål 2")]
    entry = ModelLogEntry.objects.get(action="kvinnofrid.plans.create")
    assert entry.user == cast.coordinator_a and entry.object_id == str(plan.pk)
    assert str(entry.label) == plan.title


def test_a_plan_period_that_ends_before_it_starts_is_an_error_and_nothing_is_saved(
    cast, coordinator
):
    response = coordinator.post(
        reverse("handlingsplaner:add"), plan_form(cast, period_start="2028", period_end="2025")
    )
    assert response.status_code == 200
    assert "Perioden måste sluta samma år som den börjar eller senare." in response.content.decode()
    assert not ActionPlan.objects.exists() and not PlanGoal.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="kvinnofrid.plans").exists()


def test_a_coordinator_cannot_put_a_plan_in_another_county(cast, coordinator):
    response = coordinator.post(
        reverse("handlingsplaner:add"), plan_form(cast, county=str(cast.county_b.pk))
    )
    assert response.status_code == 200
    assert not ActionPlan.objects.exists()


def test_a_goal_with_measures_cannot_be_removed_from_the_plan(cast, coordinator):
    plan = plan_create(cast.county_a)
    goal = goal_create(plan)
    measure_create(goal)
    data = plan_form(
        cast,
        title=plan.title,
        **inline("goals", [{"id": str(goal.pk), "title": goal.title, "DELETE": "1"}], initial=1),
        **inline("revisions"),
    )
    response = coordinator.post(reverse("handlingsplaner:edit", args=[plan.pk]), data)
    assert response.status_code == 200
    assert "har åtgärder eller indikatorer" in response.content.decode()
    assert PlanGoal.objects.filter(pk=goal.pk).exists()


def measure_form(goal, **fields) -> dict:
    data = {
        "goal": str(goal.pk),
        "title": "Rutiner för att fråga om våld",
        "description": "Alla kommuner ska ha rutiner.",
        "starts_on": "2025-01-01",
        "ends_on": "2026-12-31",
        "status": "ongoing",
        "progress": "40",
        **inline("follow_ups", [{"year": "2025", "comment": "Infört i tolv kommuner."}]),
    }
    data.update(fields)
    return data


def test_a_coordinator_records_a_measure_with_its_follow_up_and_activities(cast, coordinator):
    goal = goal_create(plan_create(cast.county_a))
    activity = ActivityFactory(county=cast.county_a)
    organisation = Organisation.objects.filter(county=cast.county_a).first()
    response = coordinator.post(
        reverse("atgarder:add"),
        measure_form(goal, activities=[str(activity.pk)], organisations=[str(organisation.pk)]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get()
    assert list(measure.activities.all()) == [activity]
    assert list(measure.organisations.all()) == [organisation]
    assert measure.follow_ups.get().comment == "Infört i tolv kommuner."
    assert ModelLogEntry.objects.filter(
        action="kvinnofrid.plans.create", object_id=str(measure.pk)
    ).exists()


def test_a_measure_refuses_progress_over_100_and_a_personal_identity_number(cast, coordinator):
    goal = goal_create(plan_create(cast.county_a))
    response = coordinator.post(
        reverse("atgarder:add"),
        measure_form(goal, progress="120", description="Gäller 811218-9876."),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "personnummer" in content
    assert not Measure.objects.exists()


def test_a_measure_marked_done_under_100_percent_is_refused_with_a_clear_message(cast, coordinator):
    goal = goal_create(plan_create(cast.county_a))
    response = coordinator.post(
        reverse("atgarder:add"), measure_form(goal, status="done", progress="60")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "markerad som genomförd men bara 60 procent genomförd" in content
    assert not Measure.objects.exists()
    response = coordinator.post(
        reverse("atgarder:add"), measure_form(goal, status="done", progress="100")
    )
    assert response.status_code == 302
    assert Measure.objects.get().progress == 100


def test_choices_in_the_measure_form_are_limited_to_what_the_user_may_read(cast, coordinator):
    own_goal = goal_create(plan_create(cast.county_a), "Eget mål")
    other_goal = goal_create(plan_create(cast.county_b, title="Uppsalas plan"), "Uppsalas mål")
    other_activity = ActivityFactory(county=cast.county_b, title="Uppsalas utbildning")
    response = coordinator.get(reverse("atgarder:add"))
    content = response.content.decode()
    assert "Eget mål" in content
    assert "Uppsalas mål" not in content and "Uppsalas utbildning" not in content
    assert "Uppsala kommun" not in content  # another county's municipality (organisation)

    # Posting another county's goal or activity anyway is refused.
    for data in (
        measure_form(other_goal),
        measure_form(own_goal, activities=[str(other_activity.pk)]),
    ):
        response = coordinator.post(reverse("atgarder:add"), data)
        assert response.status_code == 200
    assert not Measure.objects.exists()
    assert Activity.objects.count() == 1


def test_deleting_a_measure_is_audited(cast, coordinator):
    measure = measure_create(goal_create(plan_create(cast.county_a)))
    response = coordinator.post(reverse("atgarder:delete", args=[measure.pk]))
    assert response.status_code == 302
    assert not Measure.objects.exists()
    entry = ModelLogEntry.objects.get(action="kvinnofrid.plans.delete")
    assert entry.object_id == str(measure.pk) and entry.user == cast.coordinator_a


def test_another_countys_coordinator_gets_404_everywhere(cast, other_coordinator):
    plan = full_plan(cast.county_a, status="draft")
    measure = Measure.objects.filter(goal__plan=plan).first()
    for url in (
        reverse("handlingsplaner:edit", args=[plan.pk]),
        reverse("handlingsplaner:inspect", args=[plan.pk]),
        reverse("handlingsplaner:delete", args=[plan.pk]),
        reverse("atgarder:edit", args=[measure.pk]),
        reverse("kvinnofrid_plan_overview", args=[plan.pk]),
        reverse("kvinnofrid_plan_export", args=[plan.pk]),
        reverse("kvinnofrid_plan_print", args=[plan.pk]),
        reverse("kvinnofrid_plan_import", args=[plan.pk]),
    ):
        assert other_coordinator.get(url).status_code == 404, url
    response = other_coordinator.post(
        reverse("atgarder:edit", args=[measure.pk]), measure_form(measure.goal)
    )
    assert response.status_code == 404
    assert (
        other_coordinator.post(reverse("handlingsplaner:delete", args=[plan.pk])).status_code == 404
    )
    assert ActionPlan.objects.filter(pk=plan.pk).exists()
    listing = other_coordinator.get(reverse("handlingsplaner:index")).content.decode()
    assert plan.title not in listing


def test_the_national_coordinator_reads_every_plan_and_writes_none(cast, national):
    plan = full_plan(cast.county_a, status="draft")
    measure = Measure.objects.filter(goal__plan=plan).first()
    assert plan.title in national.get(reverse("handlingsplaner:index")).content.decode()
    for url in (
        reverse("handlingsplaner:inspect", args=[plan.pk]),
        reverse("atgarder:inspect", args=[measure.pk]),
        reverse("kvinnofrid_plan_overview", args=[plan.pk]),
        reverse("kvinnofrid_plan_export", args=[plan.pk]),
    ):
        assert national.get(url).status_code == 200, url
    for url in (
        reverse("handlingsplaner:edit", args=[plan.pk]),
        reverse("atgarder:edit", args=[measure.pk]),
        reverse("handlingsplaner:add"),
        reverse("kvinnofrid_plan_import", args=[plan.pk]),
    ):
        assert national.get(url).status_code in (302, 403, 404), url
    national.post(reverse("atgarder:edit", args=[measure.pk]), measure_form(measure.goal))
    national.post(reverse("handlingsplaner:delete", args=[plan.pk]))
    measure.refresh_from_db()
    assert measure.title != "Rutiner för att fråga om våld"
    assert ActionPlan.objects.filter(pk=plan.pk).exists()
    assert not ModelLogEntry.objects.filter(user=cast.national).exists()


def test_deleting_a_plan_removes_its_measures_and_indicators_and_is_audited(cast, coordinator):
    plan = full_plan(cast.county_a)
    response = coordinator.post(reverse("handlingsplaner:delete", args=[plan.pk]))
    assert response.status_code == 302
    assert not ActionPlan.objects.exists() and not Measure.objects.exists()
    entry = ModelLogEntry.objects.get(action="kvinnofrid.plans.delete")
    assert entry.object_id == str(plan.pk) and entry.user == cast.coordinator_a


def test_a_coordinator_records_an_indicator_with_yearly_values(cast, coordinator):
    goal = goal_create(plan_create(cast.county_a))
    data = {
        "goal": str(goal.pk),
        "name": "Kommuner med handlingsplan",
        "unit": "antal",
        "baseline_value": "12",
        "baseline_year": "2023",
        "target_value": "26",
        "target_year": "2027",
        **inline(
            "values",
            [
                {"year": "2024", "value": "14", "source": "manual", "source_note": "Enkät"},
                {"year": "2025", "value": "17", "source": "manual", "source_note": ""},
            ],
        ),
    }
    response = coordinator.post(reverse("indikatorer:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = goal.indicators.get()
    assert [(v.year, int(v.value)) for v in indicator.values.all()] == [(2024, 14), (2025, 17)]
    assert ModelLogEntry.objects.filter(
        action="kvinnofrid.plans.create", object_id=str(indicator.pk)
    ).exists()


def test_an_indicator_with_a_baseline_value_but_no_year_is_an_error(cast, coordinator):
    goal = goal_create(plan_create(cast.county_a))
    data = {"goal": str(goal.pk), "name": "Andel", "unit": "procent", "baseline_value": "12"}
    response = coordinator.post(reverse("indikatorer:add"), {**data, **inline("values")})
    assert response.status_code == 200
    assert "Ange både utgångsvärde och år." in response.content.decode()


def test_every_plans_staff_url_is_in_the_isolation_matrix():
    from kvinnofrid.tenancy.isolation import discover, discover_listings

    names = {entry.name for entry in discover()}
    for namespace in ("handlingsplaner", "atgarder", "indikatorer"):
        for view in ("edit", "delete", "inspect", "history", "usage"):
            assert f"plans {namespace} {view}" in names
    assert {
        "plans follow-up overview",
        "plans follow-up XLSX export",
        "plans follow-up printable page",
        "plans indicator value import",
    } <= names
    listings = {entry.name for entry in discover_listings()}
    assert {"plans handlingsplaner list", "plans follow-up list", "plans overview measures"} <= (
        listings
    )


def test_the_measure_list_filters_late_measures(cast, coordinator):
    full_plan(cast.county_a)
    content = coordinator.get(reverse("atgarder:index") + "?late=true").content.decode()
    assert "Kartläggning av våldsutövare" in content
    assert "Rutiner i socialtjänsten" not in content
