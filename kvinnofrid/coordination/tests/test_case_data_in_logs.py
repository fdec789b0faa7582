"""No case data in the coordination logs: every way into an activity, a meeting or a national
issue (the quick visit, the admin forms, the services, the registry import, an event logged
as an activity) refuses a personal identity number with a real date, whatever its check
digit, and a phone number or e-mail address, with the Swedish reason on the field; nothing
is saved. What staff write every day (service numbers, times, dates) still goes through."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kvinnofrid.coordination.importing import ImportKind, preview_rows, read_table
from kvinnofrid.coordination.models import Activity, Meeting, NationalIssue
from kvinnofrid.coordination.services import activity_from_event, activity_record
from kvinnofrid.events.models import EventPage
from kvinnofrid.events.tests.factories import event_create
from kvinnofrid.regions.models import Municipality
from kvinnofrid.testing.cast import verified_client

from .factories import NetworkFactory
from .test_staff_views import activity_form

pytestmark = pytest.mark.django_db

QUICK = "/admin/samordning/kommunbesok/"
# The text the quick visit saved in the defect report: the check digit is wrong (…-1238
# would be right), which let the old check pass it.
CASE_DATA = "Maria 850101-1234, tel 070-123 45 67"
PERSONAL_NUMBER_MESSAGE = "ser ut som ett personnummer eller samordningsnummer"
CONTACT_MESSAGE = "kontaktpersonerna i registret"
EVERYDAY = (
    "Vi gick igenom att tipsa polisen på 114 14 och att ringa 112 vid fara, och "
    "Kvinnofridslinjen 020-50 50 50. Nästa träff 2026-12-10 kl. 09.00-12.00, dnr 851-1234-2026, "
    "budget 12 000 kr för 2024–2026. Kommunens organisationsnummer 212000-0142."
)


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


def field_errors(response, name: str) -> str:
    return " ".join(response.context["form"].errors.get(name, []))


def test_the_quick_visit_refuses_the_reported_text_with_both_reasons_on_the_field(
    cast, coordinator
):
    response = coordinator.post(
        QUICK,
        {
            "lan": "01",
            "municipality": "Botkyrka",
            "starts_on": "2026-11-20",
            "description": CASE_DATA,
        },
    )
    assert response.status_code == 200
    errors = field_errors(response, "description")
    assert PERSONAL_NUMBER_MESSAGE in errors and "”850101-1234”" in errors
    assert CONTACT_MESSAGE in errors and "”070-123 45 67”" in errors
    body = response.content.decode()
    assert "här får inga uppgifter om enskilda personer sparas" in body
    assert 'aria-invalid="true"' in body
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    "description",
    [
        "Samtal om 19850101-1234",
        "Samordningsnummer 850161-1234 nämndes",
        "Ring henne på +46 70 123 45 67",
        "Växeln 08-123 456 78",
        "Skriv till maria.svensson@example.org",
    ],
)
def test_the_quick_visit_refuses_identity_numbers_phone_numbers_and_addresses(
    cast, coordinator, description
):
    response = coordinator.post(
        QUICK,
        {
            "lan": "01",
            "municipality": "Botkyrka",
            "starts_on": "2026-11-20",
            "description": description,
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "description")
    assert not Activity.objects.exists()


def test_the_quick_visit_keeps_what_staff_write_every_day(cast, coordinator):
    response = coordinator.post(
        QUICK,
        {
            "lan": "01",
            "municipality": "Botkyrka",
            "starts_on": "2026-11-20",
            "description": EVERYDAY,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Activity.objects.get().description == EVERYDAY


@pytest.mark.parametrize("field", ["description", "outcome", "follow_up"])
def test_the_activity_form_refuses_case_data_in_each_free_text(cast, coordinator, field):
    response = coordinator.post(reverse("insatser:add"), activity_form(cast, **{field: CASE_DATA}))
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert PERSONAL_NUMBER_MESSAGE in errors and CONTACT_MESSAGE in errors
    assert not Activity.objects.exists()


def test_an_activity_title_refuses_an_identity_number(cast, coordinator):
    data = activity_form(cast, title="Kommunbesök om 850101-1234")
    response = coordinator.post(reverse("insatser:add"), data)
    assert PERSONAL_NUMBER_MESSAGE in field_errors(response, "title")
    assert not Activity.objects.exists()


def test_a_meeting_agenda_refuses_case_data_and_no_activity_is_logged(cast, coordinator):
    network = NetworkFactory(counties=[cast.county_a])
    data = {
        "network": network.pk,
        "county": cast.county_a.pk,
        "starts_at": "2026-05-20 13:00",
        "format": "digital",
        "other_participants": "3",
        "agenda": "Ärendet med 19850101-1234; frågor till anna@example.org",
    }
    response = coordinator.post(reverse("natverksmoten:add"), data)
    assert response.status_code == 200
    errors = field_errors(response, "agenda")
    assert PERSONAL_NUMBER_MESSAGE in errors and "”anna@example.org”" in errors
    assert not Meeting.objects.exists() and not Activity.objects.exists()


def national_issue_form(cast, **fields) -> dict:
    return {
        "county": cast.county_a.pk,
        "status": "new",
        "title": "Vägledning om riskbedömning",
        "raised_on": "2026-03-10",
        "description": "Kommunerna saknar nationell vägledning.",
        **fields,
    }


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("description", "Gäller 850101-1234"),
        ("description", "Kontakta handläggaren på 070-123 45 67"),
        ("response", "Myndigheten svarade: mejla registrator@example.org"),
        ("title", "Ärende 850161-1234"),
    ],
)
def test_a_national_issue_refuses_case_data(cast, coordinator, field, text):
    response = coordinator.post(
        reverse("nationella-fragor:add"), national_issue_form(cast, **{field: text})
    )
    assert response.status_code == 200
    assert field_errors(response, field)
    assert not NationalIssue.objects.exists()


def test_the_national_issue_form_saves_an_everyday_text(cast, coordinator):
    response = coordinator.post(
        reverse("nationella-fragor:add"), national_issue_form(cast, description=EVERYDAY)
    )
    assert response.status_code == 302, response.context["form"].errors
    assert NationalIssue.objects.get().description == EVERYDAY


def test_the_service_refuses_case_data_even_without_a_form(cast):
    botkyrka = Municipality.objects.get(code="0127")
    with pytest.raises(ValidationError) as error:
        activity_record(
            county=cast.county_a,
            kind=Activity.Kind.MUNICIPALITY_VISIT,
            title="Kommunbesök i Botkyrka",
            starts_on="2026-11-20",
            municipalities=[botkyrka],
            description=CASE_DATA,
            user=cast.coordinator_a,
        )
    assert set(error.value.message_dict) == {"description"}
    assert len(error.value.message_dict["description"]) == 2
    assert not Activity.objects.exists()


def test_a_contact_import_row_with_an_identity_number_is_refused(cast):
    upload = SimpleUploadedFile(
        "kontakter.csv",
        (
            "namn;organisation;roll\r\n"
            "Anna Andersson;Botkyrka;Handläggare\r\n"
            "Bo Berg;Botkyrka;Handläggare för 850101-1234\r\n"
        ).encode(),
        content_type="text/csv",
    )
    preview = preview_rows(
        kind=ImportKind.CONTACTS,
        rows=read_table(uploaded_file=upload),
        county=cast.county_a,
        user=cast.coordinator_a,
    )
    assert [row.status for row in preview] == ["new", "error"]
    assert PERSONAL_NUMBER_MESSAGE in " ".join(preview[1].errors)


def test_an_event_whose_summary_names_a_phone_number_is_logged_without_it(cast):
    event = event_create(county=cast.county_a, title="Utbildning om heder", days=[3])
    EventPage.objects.filter(pk=event.pk).update(summary="Anmälan och frågor: Anna, 070-123 45 67.")
    event.refresh_from_db()
    activity = activity_from_event(event=event, user=cast.coordinator_a)
    assert activity.pk and activity.event == event
    assert activity.description == ""
