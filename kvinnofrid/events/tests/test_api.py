import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from kvinnofrid.events.api import EventPagination
from kvinnofrid.events.models import EventOccasion
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

from .factories import event_create, in_days, registration_make

pytestmark = pytest.mark.django_db

URL = "/api/v1/events/"


def occasion(date: datetime.date, start: int = 9, end: int = 16, **fields) -> EventOccasion:
    return EventOccasion(
        date=date, start_time=datetime.time(start), end_time=datetime.time(end), **fields
    )


def titles(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [event["title"] for event in response.json()["results"]]


def queries_for(client, url):
    client.get(url)  # warm Wagtail's cache of site root paths, filled on first use
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def stockholm():
    return County.objects.get(code="01")


@pytest.fixture
def uppsala():
    return County.objects.get(code="03")


def test_it_describes_each_event_for_the_public(client, stockholm):
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    professionals = TargetGroup.objects.get(slug="yrkesforare")
    event = event_create(
        county=stockholm,
        title="Heder och förtryck",
        kind="conference",
        format="hybrid",
        digital_note="Sänds i Teams.",
        capacity=40,
        registration_deadline=in_days(20),
        occasions=[
            occasion(in_days(30), label="Del 1"),
            occasion(in_days(31), 10, 12, label="Del 2", format="digital"),
        ],
    )
    event.audiences.set([professionals])
    event.topics.set([honour])
    event.save_revision().publish()
    registration_make(event)

    data = client.get(URL).json()

    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None
    [result] = data["results"]
    assert result["id"] == event.pk
    assert result["title"] == "Heder och förtryck"
    assert result["url"] == f"http://testserver{event.url}"
    assert result["kind"] == {"value": "conference", "label": "Konferens"}
    assert result["summary"] == event.summary
    assert result["organiser"] == "Länsstyrelsen i Stockholms län"
    assert result["county"] == {"code": "01", "name": "Stockholms län"}
    assert result["format"] == {"value": "hybrid", "label": "På plats och digitalt"}
    assert result["venue"] == {"name": "Länsstyrelsen", "address": "Storgatan 1, Stockholm"}
    assert result["digital_note"] == "Sänds i Teams."
    assert result["audiences"] == ["yrkesforare"]
    assert result["topics"] == ["hedersrelaterat-vald"]
    assert result["registration"] == {
        "mode": "internal",
        "deadline": in_days(20).isoformat(),
        "open": True,
        "url": None,
        "places_left": 39,
    }
    first, second = result["occasions"]
    assert first["label"] == "Del 1"
    assert first["start"].startswith(in_days(30).isoformat() + "T09:00:00+0")
    assert first["format"] == {"value": "hybrid", "label": "På plats och digitalt"}
    assert first["place"] == "Länsstyrelsen, Storgatan 1, Stockholm"
    assert second["end"].startswith(in_days(31).isoformat() + "T12:00:00+0")
    assert second["format"]["value"] == "digital"


def test_it_shows_the_external_registration_link_and_no_places(client):
    event_create(registration_mode="external", registration_url="https://example.org/anmal")
    [result] = client.get(URL).json()["results"]
    assert result["county"] is None
    assert result["organiser"] == "Länsstyrelserna"
    assert result["registration"] == {
        "mode": "external",
        "deadline": None,
        "open": False,
        "url": "https://example.org/anmal",
        "places_left": None,
    }


def test_it_adds_up_the_places_left_when_each_occasion_has_its_own(client):
    event = event_create(
        capacity_per_occasion=True,
        occasions=[occasion(in_days(30), capacity=5), occasion(in_days(40), capacity=3)],
    )
    first = event.sorted_occasions()[0]
    registration_make(event, occasion_ids=[first.pk])
    registration_make(event, occasion_ids=[first.pk])
    [result] = client.get(URL).json()["results"]
    assert result["registration"]["places_left"] == 6


def test_it_gives_no_number_for_unlimited_places(client):
    event_create(capacity=None)
    [result] = client.get(URL).json()["results"]
    assert result["registration"]["places_left"] is None


def test_it_orders_events_by_their_first_occasion(client):
    event_create(title="Senare", days=[20])
    event_create(title="Eftermiddag", occasions=[occasion(in_days(10), 13, 15)])
    event_create(title="Förmiddag", occasions=[occasion(in_days(10), 9, 11)])
    assert titles(client) == ["Förmiddag", "Eftermiddag", "Senare"]


def test_it_filters_by_county_code(client, stockholm, uppsala):
    event_create(county=stockholm, title="I Stockholm")
    event_create(county=uppsala, title="I Uppsala")
    event_create(title="Nationellt")
    assert titles(client, county="01") == ["I Stockholm"]
    assert titles(client, county="03") == ["I Uppsala"]
    assert titles(client, county="05") == []


def test_it_filters_national_events(client, stockholm):
    event_create(county=stockholm, title="I Stockholm")
    event_create(title="Nationellt")
    assert titles(client, county="national") == ["Nationellt"]


def test_it_lists_only_upcoming_events_by_default(client):
    event_create(title="Förra månaden", days=[-30])
    event_create(title="Pågår", days=[-1, 1])
    event_create(title="Nästa månad", days=[30])
    assert titles(client) == ["Pågår", "Nästa månad"]


def test_it_includes_an_event_whose_second_occasion_falls_in_the_window(client):
    event_create(title="Två tillfällen", days=[5, 40])
    event_create(title="Före", days=[5])
    event_create(title="Efter", days=[60])
    window = {"from": in_days(35).isoformat(), "to": in_days(45).isoformat()}
    assert titles(client, **window) == ["Två tillfällen"]


def test_it_counts_both_ends_of_the_window(client):
    event_create(title="Första dagen", days=[10])
    event_create(title="Sista dagen", days=[20])
    window = {"from": in_days(10).isoformat(), "to": in_days(20).isoformat()}
    assert titles(client, **window) == ["Första dagen", "Sista dagen"]


def test_it_reaches_past_events_with_an_earlier_from(client):
    event_create(title="Förra månaden", days=[-30])
    assert titles(client, **{"from": in_days(-40).isoformat()}) == ["Förra månaden"]


def test_it_filters_by_kind(client):
    event_create(title="Webbinarium", kind="webinar", format="digital")
    event_create(title="Utbildning", kind="training")
    assert titles(client, kind="webinar") == ["Webbinarium"]


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"county": "99"}, "county", "Okänd länskod: 99"),
        ({"county": "stockholm"}, "county", "Okänd länskod"),
        ({"from": "15/3/2026"}, "from", "ÅÅÅÅ-MM-DD"),
        ({"from": "2026-02-30"}, "from", "Ogiltigt datum: 2026-02-30"),
        ({"to": "i morgon"}, "to", "ÅÅÅÅ-MM-DD"),
        ({"from": "2026-05-02", "to": "2026-05-01"}, "to", "får inte vara före"),
        ({"kind": "party"}, "kind", "Okänd typ av evenemang: party"),
    ],
)
def test_it_rejects_bad_parameters_with_a_swedish_message(client, params, field, words):
    response = client.get(URL, params)
    assert response.status_code == 400
    [message] = response.json()[field]
    assert words in message


def test_it_names_every_bad_parameter_at_once(client):
    response = client.get(URL, {"county": "99", "kind": "party", "from": "igår"})
    assert response.status_code == 400
    assert set(response.json()) == {"county", "kind", "from"}


def test_it_says_in_swedish_that_a_page_does_not_exist(client):
    response = client.get(URL, {"page": "5"})
    assert response.status_code == 404
    assert response.json() == {"page": "Sidan finns inte."}


def test_it_pages_through_the_events(client, monkeypatch):
    monkeypatch.setattr(EventPagination, "page_size", 2)
    for day in (10, 20, 30):
        event_create(title=f"Dag {day}", days=[day])
    first = client.get(URL).json()
    assert first["count"] == 3
    assert [e["title"] for e in first["results"]] == ["Dag 10", "Dag 20"]
    assert first["next"].startswith("http://testserver/api/v1/events/?")
    second = client.get(first["next"]).json()
    assert [e["title"] for e in second["results"]] == ["Dag 30"]
    assert second["next"] is None and second["previous"]


def test_it_leaves_out_unpublished_events(client):
    event_create(title="Utkast", live=False)
    event_create(title="Publicerat")
    assert titles(client) == ["Publicerat"]


def test_it_leaves_out_events_in_private_sections(client):
    private = event_create(title="Bara för inbjudna")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    event_create(title="Öppet")
    assert titles(client) == ["Öppet"]


def test_it_never_shows_the_joining_link_or_registrants(client):
    event = event_create(
        format="hybrid", joining_link="https://teams.example.org/hemlig-mote", capacity=1
    )
    registration_make(event, email="anna.andersson@example.org", name="Anna Andersson")
    registration_make(event, email="bertil.berg@example.org", name="Bertil Berg")
    body = client.get(URL).content.decode()
    assert "teams.example.org" not in body
    assert "hemlig-mote" not in body
    assert "joining" not in body
    assert "@example.org" not in body
    assert "Anna Andersson" not in body and "Bertil" not in body
    [result] = client.get(URL).json()["results"]
    assert result["registration"]["places_left"] == 0


def test_it_gives_times_with_the_swedish_offset_in_winter_and_summer(client):
    event_create(
        occasions=[
            occasion(datetime.date(2031, 1, 15), 9, 16),
            occasion(datetime.date(2031, 7, 15), 13, 17),
        ]
    )
    response = client.get(URL, {"from": "2031-01-01", "to": "2031-12-31"})
    winter, summer = response.json()["results"][0]["occasions"]
    assert winter["start"] == "2031-01-15T09:00:00+01:00"
    assert winter["end"] == "2031-01-15T16:00:00+01:00"
    assert summer["start"] == "2031-07-15T13:00:00+02:00"
    assert summer["end"] == "2031-07-15T17:00:00+02:00"


def test_it_appears_with_its_parameters_in_the_openapi_schema(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/events/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert {"county", "from", "to", "kind", "page"} <= set(parameters)
    assert "webinar" in parameters["kind"]["schema"]["enum"]
    assert "joining_link" not in str(schema)


def test_it_uses_the_same_number_of_queries_for_2_and_10_events(client, stockholm, uppsala):
    topics = list(ViolenceArea.objects.all()[:2])
    audiences = list(TargetGroup.objects.all()[:2])

    def make(number):
        event = event_create(
            county=[stockholm, uppsala, None][number % 3],
            days=[10 + number, 40 + number],
            capacity=10,
            capacity_per_occasion=number % 2 == 0,
            occasions=[
                occasion(in_days(10 + number), capacity=4),
                occasion(in_days(40 + number), capacity=4),
            ],
        )
        event.topics.set(topics)
        event.audiences.set(audiences)
        event.save_revision().publish()
        registration_make(event, occasion_ids=[event.sorted_occasions()[0].pk])

    for number in range(2):
        make(number)
    few = queries_for(client, URL)
    for number in range(2, 10):
        make(number)
    assert client.get(URL).json()["count"] == 10
    assert queries_for(client, URL) == few
