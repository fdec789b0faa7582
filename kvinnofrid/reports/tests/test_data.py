"""The report's figures are the platform's: counted from data made in the test."""

import datetime

import pytest

from kvinnofrid.events.models import RegistrationTally
from kvinnofrid.events.services import attendance_mark, registrations_erase
from kvinnofrid.events.tests.factories import event_create, registration_make
from kvinnofrid.knowledge.models import Resource
from kvinnofrid.plans.tests.factories import full_plan
from kvinnofrid.reports.data import national_data, report_data

from .factories import YEAR, activity, county_year

pytestmark = pytest.mark.django_db


def test_it_counts_activities_per_goal_kind_area_and_target_group_with_the_previous_year(cast):
    county_year(cast.county_a)
    activity(cast.county_b, goal_numbers=(1,))  # another county: not counted

    data = report_data(county=cast.county_a, year=YEAR)

    assert data.activities_total == 4
    assert data.previous_activities_total == 1
    assert [(row.key, row.count, row.previous) for row in data.by_goal] == [
        ("1", 3, 1),
        ("2", 2, 0),
        ("3", 0, 0),
        ("4", 0, 0),
    ]
    kinds = {row.key: (row.count, row.previous) for row in data.by_kind}
    assert kinds["training"] == (1, 0)
    assert kinds["municipality_visit"] == (3, 1)
    assert [(row.count, row.previous) for row in data.by_area] == [(1, 0)]
    assert [(row.count, row.previous) for row in data.by_target_group] == [(1, 0)]
    assert data.participants_total == 22


def test_it_lists_the_municipalities_reached_and_not_reached(cast):
    county_year(cast.county_a)

    data = report_data(county=cast.county_a, year=YEAR)

    assert [(m.name, m.activities) for m in data.reached] == [("Botkyrka", 2), ("Solna", 2)]
    assert data.municipalities_total == 26
    assert len(data.not_reached) == 24
    assert "Nacka" in [m.name for m in data.not_reached]  # reached only the year before


def test_it_gives_networks_meetings_issues_and_the_survey_response_rate(cast):
    county_year(cast.county_a)

    data = report_data(county=cast.county_a, year=YEAR)

    assert [(n.name, n.meetings) for n in data.networks] == [("Länsnätverket", 1)]
    assert data.meetings_total == 1
    assert [(i.title, i.status) for i in data.issues] == [
        ("Nationell vägledning om riskbedömning", "Överlämnad")
    ]
    assert {row.key: row.count for row in data.issues_by_status}["forwarded"] == 1
    assert data.survey.invited == 4
    assert data.survey.submitted == 3
    assert data.survey.response_rate == 0.75
    assert data.survey.previous_response_rate == 0.5


def test_events_count_registrations_and_fall_back_to_the_tallies_after_erasure(cast):
    this_year = datetime.date.today().year
    offset = (datetime.date(this_year, 12, 31) - datetime.date.today()).days
    kept = event_create(county=cast.county_a, title="Utbildning som finns kvar", days=[offset])
    for _index in range(3):
        registration_make(kept)
    erased = event_create(county=cast.county_a, title="Utbildning som raderats", days=[offset])
    first = registration_make(erased)
    registration_make(erased)
    attendance_mark(event=erased, attended_ids={first.pk}, user=cast.coordinator_a)
    registrations_erase(event=erased)
    assert RegistrationTally.objects.filter(event=erased).get().registered == 2
    event_create(county=cast.county_b, days=[offset])

    data = report_data(county=cast.county_a, year=this_year)

    rows = {event.title: (event.registered, event.attended) for event in data.events}
    assert rows == {"Utbildning som finns kvar": (3, 0), "Utbildning som raderats": (2, 1)}
    assert (data.registrations_total, data.attended_total) == (5, 1)


def test_it_lists_the_countys_publications_of_the_year_and_its_plans(cast):
    for title, county, year, live in [
        ("Kartläggning av skyddat boende", cast.county_a, YEAR, True),
        ("Utkast som inte är publicerat", cast.county_a, YEAR, False),
        ("Förra årets rapport", cast.county_a, YEAR - 1, True),
        ("Ett annat läns rapport", cast.county_b, YEAR, True),
    ]:
        Resource.objects.create(
            title=title,
            summary="…",
            kind="report",
            publisher="Länsstyrelsen",
            county=county,
            year=year,
            live=live,
        )
    full_plan(cast.county_a)

    data = report_data(county=cast.county_a, year=YEAR)

    assert [p.title for p in data.publications] == ["Kartläggning av skyddat boende"]
    [plan] = data.plans
    assert plan.measures_total == 5
    assert {row.key: row.count for row in plan.by_status}["done"] == 1
    assert plan.late >= 1
    assert plan.indicators


def test_a_joint_publication_is_listed_in_the_report_of_each_county_taking_part(cast):
    joint = Resource.objects.create(
        title="Gemensam kartläggning",
        summary="…",
        kind="mapping_study",
        publisher="Länsstyrelserna",
        county=cast.county_b,
        year=YEAR,
        live=True,
    )
    joint.participating_counties.add(cast.county_a)
    joint.save()  # a ParentalManyToManyField writes its links on save

    for county in (cast.county_a, cast.county_b):
        data = report_data(county=county, year=YEAR)
        assert [p.title for p in data.publications] == ["Gemensam kartläggning"]


def test_the_national_data_puts_every_county_side_by_side_with_totals(cast):
    county_year(cast.county_a)
    activity(cast.county_b, goal_numbers=(3,), municipalities=["Uppsala"])

    data = national_data(year=YEAR)

    assert len(data.counties) == 21
    by_code = {county.code: county for county in data.counties}
    assert (by_code["01"].activities, by_code["01"].municipalities_reached) == (4, 2)
    assert (by_code["03"].activities, by_code["03"].municipalities_reached) == (1, 1)
    assert by_code["01"].response_rate == 0.75
    assert by_code["03"].response_rate is None
    assert data.total("activities") == data.activities_total == 5
    assert data.response_rate == 0.75
    assert {row.key: row.count for row in data.by_goal}["3"] == 1
