"""No case data in survey answers: a free-text answer with a personal identity number (a
real date is enough, whatever the check digit), a phone number or an e-mail address is
refused with the reason on that question. As with any invalid answer, the other answers
are saved and what was typed stays in the form; a submit with a refused answer does not
submit (it shows the error); so the refused text never reaches the exports."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from kvinnofrid.surveys.models import Invitation
from kvinnofrid.surveys.services import invitation_token, stored_values
from kvinnofrid.testing.cast import verified_client

from .factories import COMPLETE, invitation_make, survey_make

pytestmark = pytest.mark.django_db

# What a survey answer saved and exported in the defect report.
CASE_DATA = "Vi hjälpte Maria 850101-1234, tel 070-123 45 67, maria@example.org."


@pytest.fixture
def survey(cast):
    return survey_make(cast.county_a)


@pytest.fixture
def invitation(survey):
    return invitation_make(survey)


def post(invitation, data: dict, action: str = "save"):
    url = reverse("survey-answer", kwargs={"token": invitation_token(invitation)})
    return Client().post(url, {**data, "action": action})


def error_of(html: str, key: str) -> str:
    start = html.index(f'id="id_{key}-error"')
    return html[start : html.index("</p>", start)]


def test_an_answer_with_case_data_is_refused_on_its_question_and_the_rest_is_saved(invitation):
    response = post(invitation, {"q-action_plan": "ja", "q-support_needs": CASE_DATA})
    assert response.status_code == 400
    html = response.content.decode()
    error = error_of(html, "support_needs")
    assert "ser ut som ett personnummer eller samordningsnummer" in error
    assert "”850101-1234”" in error
    assert "Svaret innehåller kontaktuppgifter" in error
    assert "”070-123 45 67”" in error and "”maria@example.org”" in error
    assert 'href="#id_support_needs"' in html  # the error summary links the question
    assert CASE_DATA in html  # what was typed is kept in the form to be corrected
    assert stored_values(invitation) == {"action_plan": "ja"}


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("support_needs", "Gäller 19850101-1234"),
        ("support_needs", "Samordningsnummer 850161-1234"),
        ("support_needs", "Ring +46 70 123 45 67"),
        ("support_needs", "Socialjouren 08-123 456 78"),
        ("perpetrator_work_description", "Kontakt: anna.andersson@kommun.se"),
    ],
)
def test_short_and_long_text_answers_refuse_each_kind_of_case_data(invitation, key, text):
    data = {"q-perpetrator_work": "ja"} if key == "perpetrator_work_description" else {}
    response = post(invitation, {**data, f"q-{key}": text})
    assert response.status_code == 400
    assert error_of(response.content.decode(), key)
    assert key not in stored_values(invitation)


def test_an_answer_pointing_to_service_numbers_is_kept(invitation):
    text = "Vi informerar om Kvinnofridslinjen 020-50 50 50, polisen 114 14 och 112."
    assert post(invitation, {"q-support_needs": text}).status_code == 303
    assert stored_values(invitation)["support_needs"] == text


def test_a_submit_with_a_refused_answer_submits_nothing_and_exports_none_of_it(
    cast, invitation, survey
):
    response = post(invitation, {**COMPLETE, "q-support_needs": CASE_DATA}, action="submit")
    assert response.status_code == 400
    invitation.refresh_from_db()
    assert invitation.status != Invitation.Status.SUBMITTED
    # As with any invalid answer, the valid ones are kept and the refused one is not.
    assert "support_needs" not in stored_values(invitation)
    assert stored_values(invitation)["action_plan_year"] == 2023

    export = verified_client(cast.coordinator_a).get(
        reverse("kvinnofrid_survey_export", args=[survey.pk])
    )
    assert export.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    cells = [
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert not any("850101" in cell or "070-123" in cell or "@example" in cell for cell in cells)
    assert invitation.organisation.name in cells and "2023" in cells  # the valid answers
