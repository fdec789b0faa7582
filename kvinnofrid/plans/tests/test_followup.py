"""The yearly follow-up: the figures of the overview and the status report, the XLSX
export read back, the printable page, the import of indicator values and the number of
queries of the lists."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.plans.models import IndicatorValue
from kvinnofrid.plans.reporting import plan_followup_for
from kvinnofrid.testing.cast import verified_client

from .factories import full_plan, goal_create, indicator_create, measure_create, plan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


def test_the_status_report_gets_each_plans_follow_up_as_plain_data(cast):
    plan = full_plan(cast.county_a)
    plan_create(cast.county_a, status="draft", title="Utkast")  # not a plan yet
    plan_create(cast.county_a, title="Gammal plan", period_start=2018, period_end=2021)
    full_plan(cast.county_b, title="Uppsalas plan")

    [followup] = plan_followup_for(county=cast.county_a, year=2025, today=datetime.date(2026, 4, 1))
    assert followup.plan == plan
    assert followup.measures_total == 5
    assert followup.by_status == {"not_started": 1, "ongoing": 2, "done": 1, "cancelled": 1}
    assert followup.late == 1
    assert (followup.percent_done, followup.percent_ongoing, followup.percent_late) == (20, 40, 20)
    assert [row.measure.title for row in followup.measures if row.late] == [
        "Kartläggning av våldsutövare"
    ]
    assert [row.comment for row in followup.measures if row.comment] == [
        "Sammanställningen är försenad."
    ]
    first, second = followup.indicators
    assert first.points == [(2023, Decimal("14")), (2024, Decimal("17")), (2025, Decimal("20"))]
    assert (first.trend, second.trend) == ("up", "down")


def test_a_measure_is_not_late_in_a_year_before_its_end(cast):
    full_plan(cast.county_a)
    [followup] = plan_followup_for(county=cast.county_a, year=2024, today=datetime.date(2026, 4, 1))
    assert followup.late == 0
    # Values after the year asked for are not part of its series.
    assert followup.indicators[0].points[-1][0] == 2024


def test_the_overview_shows_the_figures_of_the_year(cast, coordinator):
    plan = full_plan(cast.county_a)
    response = coordinator.get(reverse("kvinnofrid_plan_overview", args=[plan.pk]) + "?ar=2025")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-figure="measures">5<' in content
    assert 'data-figure="done">20 %<' in content
    assert 'data-figure="late">20 % (1)<' in content
    assert "Sammanställningen är försenad." in content
    assert content.count('role="img"') == 2
    assert 'style="' not in content.split('class="plan-chart"')[1].split("</svg>")[0]


def test_the_xlsx_export_holds_the_same_figures(cast, coordinator):
    plan = full_plan(cast.county_a)
    response = coordinator.get(reverse("kvinnofrid_plan_export", args=[plan.pk]) + "?ar=2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Översikt", "Åtgärder", "Indikatorer"]
    overview = {row[0]: row[1] for row in workbook["Översikt"].iter_rows(values_only=True)}
    by_status = [overview[label] for label in ("Inte påbörjad", "Pågår", "Genomförd", "Avbruten")]
    assert sum(by_status) == overview["Åtgärder totalt"] == 5
    assert overview["Försenade"] == 1
    assert overview["Andel genomförda (%)"] == 20
    measures = list(workbook["Åtgärder"].iter_rows(min_row=2, values_only=True))
    assert len(measures) == 5
    assert sum(row[6] for row in measures) == 100 + 40 + 70 + 0 + 20
    assert [row[7] for row in measures].count("Ja") == overview["Försenade"]
    indicators = list(workbook["Indikatorer"].iter_rows(min_row=2, values_only=True))
    measured = [row for row in indicators if row[5] == "Uppmätt"]
    assert sum(row[4] for row in measured) == 14 + 17 + 20 + 61.5 + 58
    assert (
        indicators[4][1],
        indicators[4][3],
        indicators[4][4],
        indicators[4][5],
    ) == ("Kommuner med handlingsplan", 2027, 26.0, "Målvärde")


def test_the_printable_page_has_print_css_and_the_measures(cast, coordinator):
    plan = full_plan(cast.county_a)
    response = coordinator.get(reverse("kvinnofrid_plan_print", args=[plan.pk]) + "?ar=2025")
    assert response.status_code == 200
    content = response.content.decode()
    assert "plans/print.css" in content
    assert "Kartläggning av våldsutövare" in content and "(försenad)" in content
    assert "w-sidebar" not in content  # no admin menus on paper


def upload(client, plan, content: str, **fields):
    file = io.BytesIO(content.encode("utf-8"))
    file.name = "kolada.csv"
    return client.post(reverse("kvinnofrid_plan_import", args=[plan.pk]), {"file": file, **fields})


def test_import_of_indicator_values_names_every_bad_row_and_saves_nothing(cast, coordinator):
    plan = plan_create(cast.county_a)
    goal = goal_create(plan)
    indicator = indicator_create(goal, "Kommuner med handlingsplan", values=[(2023, 10)])
    response = upload(
        coordinator,
        plan,
        "indikator;år;värde\n"
        "Kommuner med handlingsplan;2024;12\n"
        "Kommuner med handlingsplan;tjugo;13\n"
        "Okänd indikator;2025;3\n"
        "Kommuner med handlingsplan;2025;många\n"
        "Kommuner med handlingsplan;2024;14\n",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rad 3: året ska vara ett årtal med fyra siffror, inte ”tjugo”." in content
    assert "Rad 4: planen har ingen indikator som heter ”Okänd indikator”." in content
    assert "Rad 5: värdet ska vara ett tal, inte ”många”." in content
    assert "Rad 6: Kommuner med handlingsplan har redan ett värde för 2024 på rad 2." in content
    assert list(indicator.values.values_list("year", flat=True)) == [2023]
    assert not ModelLogEntry.objects.filter(action="kvinnofrid.plans.import").exists()


def test_import_of_two_columns_for_a_chosen_indicator_replaces_and_adds_values(cast, coordinator):
    plan = plan_create(cast.county_a)
    indicator = indicator_create(goal_create(plan), values=[(2024, 10)])
    response = upload(
        coordinator,
        plan,
        "År;Värde\n2024;12,5\n2025;14\n",
        indicator=str(indicator.pk),
        source_note="Kolada 2026-02-01",
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    values = IndicatorValue.objects.filter(indicator=indicator).order_by("year")
    assert [(v.year, v.value, v.source, v.source_note) for v in values] == [
        (2024, Decimal("12.50"), "imported", "Kolada 2026-02-01"),
        (2025, Decimal("14.00"), "imported", "Kolada 2026-02-01"),
    ]
    entry = ModelLogEntry.objects.get(action="kvinnofrid.plans.import")
    assert entry.object_id == str(indicator.pk) and entry.data["years"] == [2024, 2025]


def test_import_of_two_columns_needs_the_indicator_chosen(cast, coordinator):
    plan = plan_create(cast.county_a)
    indicator_create(goal_create(plan))
    response = upload(coordinator, plan, "år;värde\n2024;12\n")
    assert "välj vilken indikator värdena hör till" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_an_import_can_only_reach_indicators_of_the_plan(cast, coordinator):
    plan = plan_create(cast.county_a)
    indicator_create(goal_create(plan), "Egen indikator")
    other = plan_create(cast.county_a, title="Annan plan")
    indicator_create(goal_create(other), "Annans indikator")
    response = upload(coordinator, plan, "indikator;år;värde\nAnnans indikator;2024;1\n")
    assert "Rad 2: planen har ingen indikator" in response.content.decode()


def _plans_with_measures(county, count):
    for number in range(count):
        plan = plan_create(county, title=f"Plan {county.code}-{number}", status="adopted")
        goal = goal_create(plan)
        measure_create(goal)
        indicator_create(goal, values=[(2024, 1), (2025, 2)])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/handlingsplaner/",
        "/admin/atgarder/",
        "/admin/indikatorer/",
        "/admin/uppfoljning/",
        "/handlingsplaner/",
    ],
)
def test_lists_take_the_same_number_of_queries_whatever_the_number_of_plans(cast, coordinator, url):
    _plans_with_measures(cast.county_a, 2)
    coordinator.get(url)  # warm the caches of the site shell and the menus
    few = _queries(coordinator, url)
    _plans_with_measures(cast.county_a, 8)
    assert _queries(coordinator, url) == few


def test_a_public_plan_page_takes_the_same_number_of_queries_whatever_its_size(cast, client):
    small = full_plan(cast.county_a, title="Liten plan")
    large = full_plan(cast.county_a, title="Stor plan")
    for goal in large.goals.all():
        for number in range(6):
            measure_create(goal, f"Extra åtgärd {number}")
            indicator_create(goal, f"Extra indikator {number}", values=[(2024, 1), (2025, 3)])
    client.get(small.get_absolute_url())  # warm the caches of the site shell
    assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url())
