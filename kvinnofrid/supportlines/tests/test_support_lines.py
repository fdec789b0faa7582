from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kvinnofrid.supportlines import models as support_models
from kvinnofrid.supportlines.models import SpecialDay, SupportLine, WeeklyHours
from kvinnofrid.supportlines.phone import normalise_phone
from kvinnofrid.supportlines.services import support_lines_seed

STOCKHOLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db


def at(*args) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def lines():
    support_lines_seed()
    return {line.phone: line for line in SupportLine.objects.with_hours()}


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("010-223 57 60", "+46102235760"),
        ("020-390 000", "+4620390000"),
        ("+46 20 50 50 50", "+4620505050"),
        ("114 14", "11414"),
        ("112", "112"),
    ],
)
def test_phone_numbers_are_stored_in_e164_or_as_short_numbers(raw, stored):
    assert normalise_phone(raw) == stored


@pytest.mark.parametrize("raw", ["123", "abc", "010-22", "+1 202 555 0100x"])
def test_invalid_phone_numbers_get_a_swedish_error(raw):
    with pytest.raises(ValidationError, match="giltigt svenskt telefonnummer"):
        normalise_phone(raw)


def test_the_seeded_lines_show_their_numbers_in_swedish_format(lines):
    assert lines["+46102235760"].phone_display == "010-223 57 60"
    assert lines["11414"].phone_display == "114 14"
    assert lines["112"].phone_e164 is None
    assert lines["+4620505050"].phone_href == "tel:+4620505050"


def test_seeding_twice_creates_nothing_new(lines):
    assert support_lines_seed() == 0
    assert SupportLine.objects.count() == 5


def test_the_honour_line_follows_non_holiday_weekdays(lines):
    honour = lines["+46102235760"]
    assert honour.status_at(at(2026, 12, 1, 10, 0)).closes_at == at(2026, 12, 1, 16, 0)
    # Wednesday 23 December, evening: julafton, juldagen, annandag jul and a Sunday follow.
    assert honour.status_at(at(2026, 12, 23, 17, 0)).next_opening == at(2026, 12, 28, 9, 0)
    assert honour.status_at(at(2027, 1, 5, 17, 0)).next_opening == at(2027, 1, 7, 9, 0)


def test_special_days_and_eve_hours_entered_by_editors_are_used(lines):
    honour = lines["+46102235760"]
    SpecialDay.objects.create(line=honour, day=date(2026, 12, 1), closed=True)
    SpecialDay.objects.create(line=honour, day=date(2026, 12, 2), opens=time(9), closes=time(11))
    SpecialDay.objects.create(line=honour, day=date(2026, 12, 2), opens=time(13), closes=time(15))
    honour.eve_opens, honour.eve_closes = time(9), time(12)
    honour.save()
    honour = SupportLine.objects.with_hours().get(pk=honour.pk)
    assert honour.status_at(at(2026, 12, 1, 10, 0)).next_opening == at(2026, 12, 2, 9, 0)
    assert honour.status_at(at(2026, 12, 2, 12, 0)).next_opening == at(2026, 12, 2, 13, 0)
    # Tuesday 5 January 2027 is the day before trettondedag jul: shortened hours.
    assert honour.status_at(at(2027, 1, 5, 10, 0)).closes_at == at(2027, 1, 5, 12, 0)


def test_a_special_day_must_be_closed_or_have_hours(lines):
    row = SpecialDay(line=lines["112"], day=date(2026, 12, 24), closed=False)
    with pytest.raises(ValidationError, match="stängd hela dagen"):
        row.clean()


def test_weekly_summary_lists_days_in_order(lines):
    summary = lines["+46102235760"].weekly_summary()
    assert summary[0] == ("måndag", ["09:00–16:00"])
    assert [day for day, _ in summary] == ["måndag", "tisdag", "onsdag", "torsdag", "fredag"]


@pytest.fixture
def directory(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    settings.DEBUG = False
    return "/stodlinjer/"


@pytest.fixture
def frozen_now(monkeypatch):
    """The directory computes statuses for the current moment; tests choose the moment."""

    def freeze(moment):
        monkeypatch.setattr(support_models.timezone, "now", lambda: moment)

    return freeze


def test_the_directory_says_in_words_which_lines_are_open(directory, client, frozen_now):
    frozen_now(at(2026, 11, 27, 17, 0))  # a Friday after office hours
    body = client.get(directory).content.decode()
    assert "Öppet dygnet runt" in body
    assert "Stängt – öppnar måndag 09:00" in body
    assert 'href="tel:+46102235760">010-223 57 60</a>' in body
    frozen_now(at(2026, 11, 30, 10, 0))
    assert "Öppet nu – stänger 16:00" in client.get(directory).content.decode()


def test_the_directory_is_not_cached_for_more_than_a_minute(directory, client):
    assert client.get(directory).headers["Cache-Control"] == "public, max-age=60"


def test_the_directory_filters_by_audience_and_topic(directory, client):
    professionals = client.get(directory, {"malgrupp": "professionals"}).content.decode()
    assert "Nationella stödtelefonen om hedersrelaterat våld" in professionals
    assert "Kvinnofridslinjen" not in professionals.split("<main")[1].split("</main>")[0]
    honour = client.get(directory, {"amne": "hedersrelaterat-vald"}).content.decode()
    assert "1 stödlinje" in honour
    nothing = client.get(directory, {"amne": "vald-mot-djur"}).content.decode()
    assert "Inga stödlinjer matchar filtret." in nothing


def test_directory_queries_do_not_grow_with_the_number_of_lines(directory, client):
    client.get(directory)
    with CaptureQueriesContext(connection) as before:
        client.get(directory)
    count = len(before)
    for number in range(10):
        line = SupportLine.objects.create(name=f"Linje {number}", organisation="X", phone="112")
        WeeklyHours.objects.create(line=line, weekday=0, opens=time(8), closes=time(9))
    with CaptureQueriesContext(connection) as after:
        client.get(directory)
    assert len(after) == count


def test_the_api_gives_status_at_a_chosen_moment(lines, client):
    response = client.get("/api/v1/support-lines/", {"at": "2026-12-24T10:00:00+01:00"})
    assert response.status_code == 200
    by_name = {line["name"]: line for line in response.json()}
    honour = by_name["Nationella stödtelefonen om hedersrelaterat våld och förtryck"]
    assert honour["is_open"] is False
    assert honour["next_opening"] == "2026-12-28T09:00:00+01:00"
    assert honour["phone"] == "010-223 57 60"
    assert honour["phone_e164"] == "+46102235760"
    assert honour["weekly_hours"][0] == {"weekday": 0, "opens": "09:00", "closes": "16:00"}
    assert by_name["Kvinnofridslinjen"]["is_open"] is True


@pytest.mark.parametrize("bad", ["igår", "2026-13-45T10:00", "2026-12-24T10:00:00"])
def test_the_api_refuses_an_unreadable_or_zoneless_moment(lines, client, bad):
    response = client.get("/api/v1/support-lines/", {"at": bad})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["at"]


def test_the_support_line_api_is_in_the_openapi_schema(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operation = schema["paths"]["/api/v1/support-lines/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["at"]


def test_the_national_directory_can_add_a_countys_own_lines(directory, client, cast):
    SupportLine.objects.create(
        name="Stockholms läns rådgivning",
        organisation="X",
        phone="08-123 456 78",
        county=cast.county_a,
    )
    assert "Stockholms läns rådgivning" not in client.get(directory).content.decode()
    body = client.get(directory, {"lan": "stockholm"}).content.decode()
    assert "Stockholms läns rådgivning" in body
    assert "Kvinnofridslinjen" in body
    assert (
        "Stockholms läns rådgivning"
        not in client.get(directory, {"lan": "uppsala"}).content.decode()
    )


def test_a_countys_public_lines_are_the_national_ones_and_its_own_published_ones(cast):
    national = SupportLine.objects.create(name="Nationell", organisation="X", phone="112")
    own = SupportLine.objects.create(
        name="Stockholms", organisation="X", phone="112", county=cast.county_a
    )
    SupportLine.objects.create(
        name="Opublicerad", organisation="X", phone="112", county=cast.county_a, live=False
    )
    SupportLine.objects.create(name="Uppsalas", organisation="X", phone="112", county=cast.county_b)
    assert set(SupportLine.objects.for_public_county(cast.county_a)) == {national, own}
    assert set(SupportLine.objects.for_public_county(None)) == {national}


def test_the_directory_link_for_a_county_shows_its_lines_with_the_national_ones(
    directory, client, cast
):
    SupportLine.objects.create(
        name="Stockholms läns rådgivning",
        organisation="X",
        phone="08-123 456 78",
        county=cast.county_a,
    )
    url = support_models.SupportLineIndexPage.url_for_county(cast.county_a)
    assert url == "/stodlinjer/?lan=stockholm"
    body = client.get(url).content.decode()
    assert "Stockholms läns rådgivning" in body and "Kvinnofridslinjen" in body
    assert "Nationella stödlinjer och stödlinjer i Stockholms län." in body
    assert '<option value="stockholm" selected>' in body
    # The SCB code works as well as the slug.
    assert "Stockholms läns rådgivning" in client.get(directory, {"lan": "01"}).content.decode()


def test_the_directory_shows_the_coming_special_days_in_swedish(directory, client, frozen_now):
    honour = SupportLine.objects.get(phone="+46102235760")
    SpecialDay.objects.create(line=honour, day=date(2026, 12, 23), closed=True, note="Personaldag")
    SpecialDay.objects.create(line=honour, day=date(2027, 1, 5), opens=time(10), closes=time(14))
    SpecialDay.objects.create(line=honour, day=date(2027, 3, 1), closed=True)  # too far ahead
    SpecialDay.objects.create(line=honour, day=date(2026, 12, 1), closed=True)  # past
    frozen_now(at(2026, 12, 14, 10, 0))
    body = client.get(directory).content.decode()
    assert "Stängt 23 december (Personaldag)" in body
    assert "Öppet 10:00–14:00 den 5 januari" in body
    assert "1 december" not in body and "1 mars" not in body
    assert body.index("Stängt 23 december") < body.index("den 5 januari")


def test_special_days_with_two_intervals_read_as_one_sentence():
    from kvinnofrid.supportlines.hours import describe_special_day

    text = describe_special_day(date(2027, 1, 5), [(time(13), time(15)), (time(9), time(11))])
    assert text == "Öppet 09:00–11:00 och 13:00–15:00 den 5 januari"


def test_the_directory_gives_safe_browsing_advice(directory, client):
    body = client.get(directory).content.decode()
    assert "Surfa säkrare" in body
    assert "privat fönster" in body and "historik" in body
    assert "raderar inte historiken" in body
