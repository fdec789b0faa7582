"""An organisation answers through its own link: conditions, required answers, grids,
save and continue, submit once, reopen, revoked and altered links, and privacy."""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from kvinnofrid.surveys.models import Answer, Invitation
from kvinnofrid.surveys.services import (
    answers_save,
    invitation_reopen,
    invitation_revoke,
    invitation_submit,
    invitation_token,
    stored_values,
)

from .factories import COMPLETE, invitation_make, survey_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(cast):
    return survey_make(cast.county_a)


@pytest.fixture
def invitation(survey):
    return invitation_make(survey)


def answer_url(invitation) -> str:
    return reverse("survey-answer", kwargs={"token": invitation_token(invitation)})


def post(invitation, data: dict, action: str = "save"):
    return Client().post(answer_url(invitation), {**data, "action": action})


def test_the_answer_page_is_private_swedish_and_shows_every_section(invitation):
    response = Client().get(answer_url(invitation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Styrning och samordning" in html and "Stöd från länsstyrelsen" in html
    assert invitation.organisation.name in html
    assert "Ni har besvarat 0 av" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex">' in html


def test_saving_keeps_the_answers_for_later_without_requiring_anything(invitation):
    response = post(invitation, {"q-action_plan": "ja", "q-support_needs": "Mer nätverk."})
    assert response.status_code == 303
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PARTIAL
    assert stored_values(invitation) == {"action_plan": "ja", "support_needs": "Mer nätverk."}
    page = Client().get(answer_url(invitation)).content.decode()
    assert "Mer nätverk." in page
    assert 'value="ja" checked' in page
    assert "Ni har besvarat 2 av" in page


def test_submitting_without_required_answers_lists_each_error_linked_to_its_field(invitation):
    response = post(invitation, {"q-action_plan": "ja"}, action="submit")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in html
    # The condition holds (a plan exists), so the year is required.
    assert 'href="#id_action_plan_year"' in html
    assert 'href="#id_coordinator_0"' in html
    assert 'href="#id_routines_0_0"' in html
    described = " ".join(f"id_action_plan_year-{part}" for part in ("hint", "condition", "error"))
    assert f'aria-describedby="{described}"' in html
    assert 'aria-invalid="true"' in html
    assert "error-summary.js" in html
    # What was valid was saved all the same.
    assert stored_values(invitation)["action_plan"] == "ja"


def test_a_conditional_question_is_required_only_when_its_condition_holds(invitation):
    data = {**COMPLETE, "q-action_plan": "nej", "q-action_plan_year": ""}
    response = post(invitation, data, action="submit")
    assert response.status_code == 303, response.content.decode()
    assert response["Location"].endswith("/skicka-in/")
    data = {**COMPLETE, "q-action_plan_year": ""}
    response = post(invitation, data, action="submit")
    assert response.status_code == 400
    assert 'href="#id_action_plan_year"' in response.content.decode()


def test_answers_to_questions_whose_condition_does_not_hold_are_dropped(invitation):
    post(invitation, {**COMPLETE, "q-action_plan": "nej", "q-action_plan_year": "2020"})
    values = stored_values(invitation)
    assert values["action_plan"] == "nej" and "action_plan_year" not in values


def test_a_grid_is_stored_per_row_and_needs_every_row_when_required(invitation):
    data = {**COMPLETE}
    del data["q-routines--4"]
    response = post(invitation, data, action="submit")
    assert response.status_code == 400
    assert 'href="#id_routines_0_0"' in response.content.decode()
    assert stored_values(invitation)["routines"] == {
        "Våld i nära relationer": "Ja",
        "Hedersrelaterat våld och förtryck": "Under framtagande",
        "Barnäktenskap och tvångsäktenskap": "Nej",
        "Könsstympning av flickor och kvinnor": "Nej",
    }
    assert post(invitation, {**COMPLETE, "q-routines--0": "Kanske"}).status_code == 400


def test_numbers_dates_and_choices_are_checked(invitation):
    response = post(
        invitation,
        {
            "q-coordinator_fte": "en halv",
            "q-coordinator": "ja",
            "q-womens_shelter_cooperation": "ja",
            "q-womens_shelter_agreement_date": "31/3",
            "q-risk_assessment": "Påhittat",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv ett tal" in html and "ÅÅÅÅ-MM-DD" in html and "Välj ett av" in html
    post(invitation, {"q-coordinator": "ja", "q-coordinator_fte": "0,5"})
    assert stored_values(invitation)["coordinator_fte"] == 0.5


def test_free_text_with_a_personal_identity_number_is_refused(invitation):
    response = post(invitation, {"q-support_needs": "Ärendet gäller 19811218-9876."})
    assert response.status_code == 400
    assert "personnummer" in response.content.decode()
    assert "support_needs" not in stored_values(invitation)


def test_submitting_goes_through_a_confirmation_and_happens_once(invitation):
    token = invitation_token(invitation)
    assert post(invitation, COMPLETE, action="submit").status_code == 303
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PARTIAL  # not yet: the confirm step
    confirm = Client().get(reverse("survey-confirm", kwargs={"token": token}))
    assert "Skicka in svaren" in confirm.content.decode()
    response = Client().post(reverse("survey-confirm", kwargs={"token": token}))
    assert response.status_code == 303
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED
    first = invitation.submitted_at

    # Again: nothing changes, and the form now leads to the answers.
    Client().post(reverse("survey-confirm", kwargs={"token": token}))
    invitation.refresh_from_db()
    assert invitation.submitted_at == first
    response = post(invitation, {**COMPLETE, "q-support_needs": "Ändrat"})
    assert response.status_code == 302
    assert response["Location"] == reverse("survey-answers", kwargs={"token": token})
    assert stored_values(invitation)["support_needs"] == "Utbildning om hedersrelaterat våld."


def test_after_submission_the_organisation_views_and_downloads_its_answers(invitation):
    post(invitation, COMPLETE, action="submit")
    assert invitation_submit(invitation=invitation) == []
    token = invitation_token(invitation)
    page = Client().get(reverse("survey-answers", kwargs={"token": token}))
    html = page.content.decode()
    assert "Inskickade" in html and "Utbildning om hedersrelaterat våld." in html
    assert "no-store" in page["Cache-Control"]
    download = Client().get(
        reverse("survey-answers-download", kwargs={"token": token, "fmt": "xlsx"})
    )
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = {row[1]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (
        rows[
            "Finns det rutiner för att upptäcka våld och ge stöd inom följande områden? – "
            "Hedersrelaterat våld och förtryck"
        ]
        == "Under framtagande"
    )
    assert rows["Hur många heltidstjänster motsvarar samordningen?"] == 0.5
    csv = Client().get(reverse("survey-answers-download", kwargs={"token": token, "fmt": "csv"}))
    assert csv.content.startswith("\ufeff".encode()) and ";" in csv.content.decode()


def test_a_submit_with_answers_missing_is_refused_at_the_confirm_step_too(invitation):
    post(invitation, {"q-action_plan": "nej"})
    response = Client().post(
        reverse("survey-confirm", kwargs={"token": invitation_token(invitation)})
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PARTIAL


def test_staff_can_reopen_a_submitted_answer(invitation, cast):
    answers_save(
        invitation=invitation, raw={k[2:]: v for k, v in COMPLETE.items() if "--" not in k}
    )
    post(invitation, COMPLETE)
    assert invitation_submit(invitation=invitation) == []
    invitation_reopen(invitation=invitation, user=cast.coordinator_a)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PARTIAL and invitation.submitted_at is None
    assert post(invitation, {**COMPLETE, "q-support_needs": "Ändrat"}).status_code == 303
    assert stored_values(invitation)["support_needs"] == "Ändrat"


def test_a_revoked_link_is_a_404_everywhere(invitation, cast):
    token = invitation_token(invitation)
    invitation_revoke(invitation=invitation, user=cast.coordinator_a)
    for name in ("survey-answer", "survey-confirm", "survey-answers"):
        assert Client().get(reverse(name, kwargs={"token": token})).status_code == 404
    assert post(invitation, COMPLETE).status_code == 404
    url = reverse("survey-answers-download", kwargs={"token": token, "fmt": "xlsx"})
    assert Client().get(url).status_code == 404


def test_an_altered_or_forged_token_is_a_404(invitation):
    token = invitation_token(invitation)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert Client().get(f"/enkat/{altered}/").status_code == 404
    assert Client().get(f"/enkat/{invitation.public_id}/").status_code == 404
    assert Client().get(f"/enkat/{invitation.pk}/").status_code == 404
    assert Client().get(answer_url(invitation)).status_code == 200


def test_one_organisation_never_sees_another_organisations_answers(survey):
    mine, theirs = invitation_make(survey), invitation_make(survey)
    post(theirs, {"q-support_needs": "Hemligt svar från grannkommunen."})
    for name in ("survey-answer", "survey-answers"):
        html = (
            Client().get(reverse(name, kwargs={"token": invitation_token(mine)})).content.decode()
        )
        assert "Hemligt svar" not in html and theirs.organisation.name not in html
    # A token names exactly one invitation: posting with mine never touches theirs.
    post(mine, {"q-support_needs": "Vårt svar."})
    assert stored_values(theirs)["support_needs"] == "Hemligt svar från grannkommunen."
    assert Answer.objects.filter(invitation=mine).count() == 1
