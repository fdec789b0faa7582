import pytest

from kvinnofrid.supportlines.models import SupportLine
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db
URL = "/admin/snippets/supportlines/supportline/add/"


def form_data(**overrides):
    data = {
        "name": "Länets stödlinje",
        "organisation": "Länsstyrelsen i Stockholms län",
        "phone": "08-123 456 78",
        "audience": "both",
        "closed_on_holidays": "on",
        "sort_order": "100",
        "live": "on",
        "weekly_hours-TOTAL_FORMS": "1",
        "weekly_hours-INITIAL_FORMS": "0",
        "weekly_hours-MIN_NUM_FORMS": "0",
        "weekly_hours-MAX_NUM_FORMS": "1000",
        "weekly_hours-0-weekday": "0",
        "weekly_hours-0-opens": "09:00",
        "weekly_hours-0-closes": "12:00",
        "weekly_hours-0-ORDER": "1",
        "special_days-TOTAL_FORMS": "0",
        "special_days-INITIAL_FORMS": "0",
        "special_days-MIN_NUM_FORMS": "0",
        "special_days-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_county_editor_adds_a_line_for_the_county(cast):
    client = verified_client(cast.editor_a)
    response = client.post(URL, form_data(county=str(cast.county_a.id)))
    assert response.status_code == 302, response.context["form"].errors
    line = SupportLine.objects.get(name="Länets stödlinje")
    assert (line.phone, line.county) == ("+46812345678", cast.county_a)
    assert line.weekly_hours.count() == 1


def test_a_bad_phone_number_gets_a_swedish_error_and_nothing_is_saved(cast):
    client = verified_client(cast.editor_a)
    response = client.post(URL, form_data(county=str(cast.county_a.id), phone="12"))
    assert response.status_code == 200
    assert "giltigt svenskt telefonnummer" in response.content.decode()
    assert not SupportLine.objects.filter(name="Länets stödlinje").exists()


@pytest.mark.parametrize("county", ["other", "none"])
def test_a_county_editor_cannot_place_a_line_in_another_county_or_nationally(cast, county):
    client = verified_client(cast.editor_a)
    value = str(cast.county_b.id) if county == "other" else ""
    response = client.post(URL, form_data(county=value))
    assert response.status_code == 200
    assert not SupportLine.objects.filter(name="Länets stödlinje").exists()


def test_the_national_coordinator_adds_a_national_line(cast):
    client = verified_client(cast.national)
    response = client.post(URL, form_data(county="", name="Ny nationell linje"))
    assert response.status_code == 302
    assert SupportLine.objects.get(name="Ny nationell linje").county is None


def test_county_staff_do_not_see_national_lines_in_the_admin(cast):
    SupportLine.objects.create(name="Nationell X", organisation="X", phone="112")
    body = verified_client(cast.coordinator_a).get("/admin/snippets/supportlines/supportline/")
    assert "Nationell X" not in body.content.decode()
