"""The county dashboard's figures and the quick entry of a municipality visit."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination.dashboard import figures_for
from kvinnofrid.coordination.models import Activity, ActivityParticipants, Meeting, Organisation
from kvinnofrid.regions.models import Municipality, StrategyGoal
from kvinnofrid.testing.cast import verified_client

from .factories import ActivityFactory, NationalIssueFactory, NetworkFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/samordning/"
QUICK = "/admin/samordning/kommunbesok/"


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


def activity(county, *, municipalities=(), goals=(), day=datetime.date(2026, 3, 10), **fields):
    made = ActivityFactory(county=county, starts_on=day, **fields)
    made.municipalities.set(Municipality.objects.filter(code__in=municipalities))
    made.goals.set(StrategyGoal.objects.filter(number__in=goals))
    return made


def test_the_figures_count_activities_goals_participants_and_municipalities_reached(cast):
    a = cast.county_a
    first = activity(a, municipalities=["0127", "0180"], goals=[1, 2], participants=20)
    ActivityParticipants.objects.create(activity=first, organisation_type="municipality", count=15)
    ActivityParticipants.objects.create(activity=first, organisation_type="womens_shelter", count=5)
    activity(a, municipalities=["0127"], goals=[2], kind="training", participants=40)
    activity(a, municipalities=["0114"], day=datetime.date(2025, 12, 31))  # another year
    activity(cast.county_b, municipalities=["0380"], goals=[2])  # another county
    network = NetworkFactory(counties=[a])
    Meeting.objects.create(
        network=network, county=a, starts_at=datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC)
    )
    NationalIssueFactory(county=a, status="preparing")
    NationalIssueFactory(county=a, status="closed")

    figures = figures_for(county=a, year=2026)

    assert figures.activities == 2
    assert {row.key: row.count for row in figures.by_kind if row.count} == {
        "municipality_visit": 1,
        "training": 1,
    }
    assert [row.count for row in figures.by_goal] == [1, 2, 0, 0]
    assert figures.participants == 60
    assert {row.key: row.count for row in figures.participants_by_type} == {
        "municipality": 15,
        "womens_shelter": 5,
    }
    assert {(r.municipality.name, r.activities) for r in figures.reached} == {
        ("Botkyrka", 2),
        ("Stockholm", 1),
    }
    assert len(figures.not_reached) == 26 - 2
    assert "Upplands Väsby" in [m.name for m in figures.not_reached]
    assert figures.active_networks == 1 and figures.meetings == 1
    assert figures.open_issues_count == 1


def test_the_national_figures_compare_every_county(cast):
    activity(cast.county_a, municipalities=["0127", "0180"])
    activity(cast.county_b, municipalities=["0380"], participants=12)
    figures = figures_for(county=None, year=2026)
    rows = {row.county.code: row for row in figures.counties}
    assert len(rows) == 21
    assert (rows["01"].activities, rows["01"].municipalities_reached) == (1, 2)
    assert (rows["03"].participants, rows["03"].municipalities_total) == (12, 8)
    assert figures.activities == 2


def test_the_dashboard_shows_the_county_map_and_its_table(cast, coordinator):
    activity(cast.county_a, municipalities=["0127"], day=datetime.date.today())
    response = coordinator.get(DASHBOARD)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index("<svg xmlns")
    svg = ET.fromstring(body[start : body.index("</svg>", start) + len("</svg>")])
    paths = svg.findall(".//{http://www.w3.org/2000/svg}path")
    assert len(paths) == 26
    botkyrka = next(p for p in paths if p.get("data-code") == "0127")
    assert botkyrka.get("class") == "level-4"
    assert "Botkyrka: 1 insats" in ET.tostring(botkyrka, encoding="unicode")
    assert '<th scope="row">Botkyrka</th><td>1</td>' in body
    assert '<dd data-figure="reached">1 av 26</dd>' in body


def test_another_countys_dashboard_is_not_found_and_the_whole_country_is_national(cast):
    other = verified_client(cast.coordinator_b)
    assert other.get(DASHBOARD + "?lan=01").status_code == 404
    assert other.get(DASHBOARD + "?lan=alla").status_code == 404
    national = verified_client(cast.national)
    response = national.get(DASHBOARD)
    assert response.status_code == 200
    assert 'id="county-comparison"' in response.content.decode()
    assert national.get(DASHBOARD + "?lan=03").status_code == 200


def test_the_dashboard_takes_as_many_queries_for_many_activities_as_for_few(cast, coordinator):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert coordinator.get(DASHBOARD + "?ar=2026").status_code == 200
        return len(context.captured_queries)

    activity(cast.county_a, municipalities=["0127"], goals=[1])
    few = queries()
    for index in range(30):
        activity(cast.county_a, municipalities=["0127", "0114"][: 1 + index % 2], goals=[2, 3])
        NationalIssueFactory(county=cast.county_a)
    assert queries() == few


def test_a_municipality_visit_is_recorded_with_defaults_in_one_step(cast, coordinator):
    page = coordinator.get(QUICK)
    assert page.status_code == 200
    assert '<option value="Botkyrka">' in page.content.decode()
    shelter = Organisation.objects.create(
        name="Kvinnojouren Frida", kind="civil_society", county=cast.county_a
    )
    response = coordinator.post(
        QUICK,
        {
            "lan": "01",
            "municipality": "botkyrka",
            "starts_on": "2026-11-20",
            "organisations": [shelter.pk],
            "participants": "6",
            "goals": [StrategyGoal.objects.get(number=2).pk],
        },
    )
    assert response.status_code == 302
    visit = Activity.objects.get()
    assert visit.kind == "municipality_visit" and visit.title == "Kommunbesök i Botkyrka"
    assert visit.county == cast.county_a and visit.created_by == cast.coordinator_a
    assert [m.name for m in visit.municipalities.all()] == ["Botkyrka"]
    assert sorted(o.name for o in visit.organisations.all()) == [
        "Botkyrka kommun",
        "Kvinnojouren Frida",
    ]
    assert ModelLogEntry.objects.filter(action="kvinnofrid.coordination.create").count() == 1


def test_a_municipality_outside_the_county_is_refused_and_what_was_typed_is_kept(cast, coordinator):
    response = coordinator.post(
        QUICK, {"lan": "01", "municipality": "Uppsala", "starts_on": "2026-11-20"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Välj en kommun i Stockholms län ur listan." in body
    assert 'value="Uppsala"' in body and 'aria-invalid="true"' in body
    assert not Activity.objects.exists()


def test_a_visit_described_with_a_personal_identity_number_is_refused(cast, coordinator):
    response = coordinator.post(
        QUICK,
        {
            "lan": "01",
            "municipality": "Botkyrka",
            "starts_on": "2026-11-20",
            "description": "Diskuterade 19811228-9874",
        },
    )
    assert "personnummer" in response.content.decode()
    assert not Activity.objects.exists()


def test_the_national_coordinator_and_editors_cannot_record_visits(cast):
    # Wagtail's admin answers a refused permission with a redirect to the dashboard.
    for user in (cast.national, cast.editor_a):
        response = verified_client(user).get(QUICK)
        assert response.status_code in {302, 403}
        assert response.status_code == 403 or response["Location"] == "/admin/"
