"""Staff pages: the builder and template, sending, tracking, results with the previous
year, the XLSX export, an organisation's answers, isolation and the audit log."""

import io

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl.utils import get_column_letter
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination.models import Organisation
from kvinnofrid.surveys.models import Invitation, Question, Survey
from kvinnofrid.surveys.reporting import survey_results_for
from kvinnofrid.surveys.services import (
    answers_save,
    default_recipients,
    invitation_from_token,
    invitation_submit,
)
from kvinnofrid.surveys.template import DEFAULT_QUESTIONS
from kvinnofrid.testing.cast import verified_client

from .factories import contact_make, invitation_make, municipality, survey_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


@pytest.fixture
def national(cast):
    return verified_client(cast.national)


def answered(survey, raw: dict, *, submit=True, organisation=None) -> Invitation:
    invitation = invitation_make(survey, organisation)
    answers_save(invitation=invitation, raw=raw)
    if submit:
        invitation.survey.questions.update(required=False)
        assert invitation_submit(invitation=invitation) == []
    return invitation


def test_a_coordinator_creates_the_years_survey_from_the_template(cast, coordinator):
    url = reverse("kvinnofrid_survey_new")
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(
        url, {"county": cast.county_a.pk, "year": 2026, "deadline": "2026-10-31"}
    )
    survey = Survey.objects.get(county=cast.county_a, year=2026)
    assert response.status_code == 302 and response["Location"].endswith(f"/edit/{survey.pk}/")
    assert [q.key for q in survey.questions.order_by("sort_order")] == [
        key for _s, key, *_rest in DEFAULT_QUESTIONS
    ]
    assert ModelLogEntry.objects.filter(action="kvinnofrid.surveys.create").count() == 1
    # The same year again is refused; another county is not offered.
    again = coordinator.post(
        url, {"county": cast.county_a.pk, "year": 2026, "deadline": "2026-10-31"}
    )
    assert again.status_code == 200 and "redan en kartläggning" in again.content.decode()
    other = coordinator.post(
        url, {"county": cast.county_b.pk, "year": 2027, "deadline": "2027-10-31"}
    )
    assert other.status_code == 200 and not Survey.objects.filter(county=cast.county_b).exists()


def test_the_survey_list_filters_and_searches_the_countys_surveys(cast, coordinator):
    own = survey_make(cast.county_a, year=2025)
    other = survey_make(cast.county_b, year=2025)
    response = coordinator.get(reverse("kartlaggningar:index") + "?q=kartl&year=2025")
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("kvinnofrid_survey_tracking", args=[own.pk]) in html
    assert reverse("kvinnofrid_survey_tracking", args=[other.pk]) not in html
    assert "Ny kartläggning från mallen" in html


def test_next_years_survey_copies_the_countys_edited_survey(cast):
    first = survey_make(cast.county_a, year=2025)
    Question.objects.filter(survey=first, key="support_needs").update(text="Vad behöver ni?")
    second = survey_make(cast.county_a, year=2026)
    from kvinnofrid.surveys.services import survey_from_template

    second.delete()
    second = survey_from_template(
        county=cast.county_a, year=2026, deadline=first.deadline, user=cast.coordinator_a
    )
    assert second.questions.get(key="support_needs").text == "Vad behöver ni?"


def test_the_builder_edits_questions_and_checks_conditions(cast, coordinator):
    survey = survey_make(cast.county_a)
    url = reverse("kartlaggningar:edit", args=[survey.pk])
    page = coordinator.get(url)
    assert page.status_code == 200 and "Vilket år antogs handlingsplanen?" in page.content.decode()
    questions = list(survey.questions.order_by("sort_order")[:2])
    data = {
        "county": cast.county_a.pk,
        "year": survey.year,
        "title": "Kartläggning (redigerad)",
        "introduction": "",
        "deadline": "2026-10-31",
        "reminder_days": "[7]",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "2",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        for field in ("section", "key", "text", "help_text", "kind", "options", "rows"):
            data[f"questions-{index}-{field}"] = getattr(question, field)
        data[f"questions-{index}-id"] = question.pk
        data[f"questions-{index}-ORDER"] = index + 1
        data[f"questions-{index}-required"] = "on"
    data["questions-1-condition_key"] = "action_plan"
    data["questions-1-condition_value"] = "kanske"
    response = coordinator.post(url, data)
    assert response.status_code == 200
    assert "Skriv ett av svarsalternativen: ja, nej" in response.content.decode()
    data["questions-1-condition_value"] = "ja"
    response = coordinator.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    survey.refresh_from_db()
    assert survey.title == "Kartläggning (redigerad)" and survey.reminder_days == [7]
    assert ModelLogEntry.objects.filter(action="kvinnofrid.surveys.update").count() == 1


def test_sending_invites_the_municipalities_at_their_coordinators_address(cast, coordinator):
    survey = survey_make(cast.county_a)
    danderyd = municipality(cast.county_a, "Danderyds kommun")
    contact_make(danderyd, email="annan@danderyd.example.org")
    contact_make(danderyd, email="samordnare@danderyd.example.org", coordinator=True)
    url = reverse("kvinnofrid_survey_send", args=[survey.pk])
    page = coordinator.get(url).content.decode()
    assert page.count('name="organisation"') >= 26
    assert 'value="samordnare@danderyd.example.org"' in page

    botkyrka = municipality(cast.county_a, "Botkyrka kommun")
    response = coordinator.post(
        url,
        {
            "organisation": [danderyd.pk, botkyrka.pk],
            f"email-{danderyd.pk}": "samordnare@danderyd.example.org",
            f"email-{botkyrka.pk}": "",
        },
    )
    assert response.status_code == 400
    assert "Skriv en giltig e-postadress till Botkyrka" in response.content.decode()
    assert not Invitation.objects.exists()

    response = coordinator.post(
        url,
        {
            "organisation": [danderyd.pk, botkyrka.pk],
            f"email-{danderyd.pk}": "samordnare@danderyd.example.org",
            f"email-{botkyrka.pk}": "kvinnofrid@botkyrka.example.org",
        },
    )
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "kvinnofrid@botkyrka.example.org",
        "samordnare@danderyd.example.org",
    ]
    assert ModelLogEntry.objects.filter(action="kvinnofrid.surveys.send").count() == 1


def test_the_invitation_mail_is_queued_and_carries_the_link(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from kvinnofrid.surveys.services import survey_send

    survey = survey_make(cast.county_a)
    danderyd = municipality(cast.county_a, "Danderyds kommun")
    with django_capture_on_commit_callbacks(execute=True):
        [invitation] = survey_send(
            survey=survey,
            recipients=[(danderyd, "s@danderyd.example.org")],
            user=cast.coordinator_a,
        )
    [message] = mail.outbox
    assert message.to == ["s@danderyd.example.org"]
    assert message.subject.startswith("Kartläggning 2026")
    assert "Danderyds kommun" in message.body and "Svara senast 31 oktober 2026" in message.body
    link = next(line for line in message.body.splitlines() if "/enkat/" in line).strip()
    path = "/enkat/" + link.split("/enkat/", 1)[1]
    page = Client().get(path)
    assert page.status_code == 200 and "Danderyds kommun" in page.content.decode()
    # The link carries a signed token, not the invitation's id.
    assert path != f"/enkat/{invitation.pk}/" and len(path) > 60


def test_tracking_shows_each_status_and_staff_can_revoke_renew_and_reopen(cast, coordinator):
    survey = survey_make(cast.county_a)
    submitted = answered(survey, {"action_plan": "ja"})
    partial = answered(survey, {"action_plan": "nej"}, submit=False)
    untouched = invitation_make(survey)
    page = coordinator.get(reverse("kvinnofrid_survey_tracking", args=[survey.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-figure="submitted">1<' in html and 'data-figure="partial">1<' in html
    assert 'data-figure="not_started">1<' in html
    for invitation in (submitted, partial, untouched):
        assert invitation.organisation.name in html

    url = reverse("kvinnofrid_survey_invitation_action", args=[submitted.pk, "oppna"])
    assert coordinator.get(url).status_code == 200
    assert coordinator.post(url).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Invitation.Status.PARTIAL

    old = untouched.public_id
    coordinator.post(reverse("kvinnofrid_survey_invitation_action", args=[untouched.pk, "ny-lank"]))
    untouched.refresh_from_db()
    assert untouched.public_id != old
    coordinator.post(reverse("kvinnofrid_survey_invitation_action", args=[partial.pk, "aterkalla"]))
    partial.refresh_from_db()
    assert partial.revoked_at is not None
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {
        "kvinnofrid.surveys.reopen",
        "kvinnofrid.surveys.renew",
        "kvinnofrid.surveys.revoke",
    } <= actions


def test_the_tracking_page_takes_the_same_number_of_queries_for_3_and_30_invitations(
    cast, coordinator
):
    survey = survey_make(cast.county_a)
    url = reverse("kvinnofrid_survey_tracking", args=[survey.pk])

    def queries() -> int:
        coordinator.get(url)  # warm caches (menus, permissions)
        with CaptureQueriesContext(connection) as context:
            assert coordinator.get(url).status_code == 200
        return len(context.captured_queries)

    for _n in range(3):
        answered(survey, {"action_plan": "ja"}, submit=False)
    few = queries()
    for _n in range(27):
        answered(survey, {"action_plan": "ja", "coordinator": "nej"}, submit=False)
    assert queries() == few


def test_the_xlsx_export_has_a_row_per_organisation_and_a_column_per_grid_cell(cast, coordinator):
    survey = survey_make(cast.county_a)
    invitation = answered(
        survey,
        {
            "action_plan": "ja",
            "action_plan_year": "2022",
            "routines": {
                "Våld i nära relationer": "Ja",
                "Hedersrelaterat våld och förtryck": "Nej",
            },
            "risk_methods": ["FREDA"],
            "risk_assessment": "Ja, alltid",
            "support_needs": '=HYPERLINK("http://example.org")',
        },
    )
    invitation_make(survey)  # not started: an empty row
    response = coordinator.get(reverse("kvinnofrid_survey_export", args=[survey.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook["Svar"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["Organisation", "Status", "Inskickad"]
    assert "routines: Våld i nära relationer" in headers
    assert "routines: Könsstympning av flickor och kvinnor" in headers
    rows = {
        row[0]: dict(zip(headers, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    row = rows[invitation.organisation.name]
    assert row["Status"] == "Inskickad"
    assert row["action_plan"] == "Ja" and row["action_plan_year"] == 2022
    assert row["routines: Våld i nära relationer"] == "Ja"
    assert row["routines: Hedersrelaterat våld och förtryck"] == "Nej"
    assert row["routines: Barnäktenskap och tvångsäktenskap"] is None
    assert row["risk_methods"] == "FREDA"
    assert row["support_needs"].startswith("=HYPERLINK")
    [cell] = [c for c in sheet[get_column_letter(headers.index("support_needs") + 1)] if c.value][
        1:
    ]
    assert cell.data_type == "s"  # text, not a formula
    assert len(rows) == 2
    assert [c.value for c in workbook["Frågor"][1]] == ["Nyckel", "Avsnitt", "Fråga", "Typ"]


def test_results_count_submitted_answers_and_compare_with_the_previous_year(cast, coordinator):
    last, this = survey_make(cast.county_a, year=2025), survey_make(cast.county_a, year=2026)
    for plan in ("ja", "nej", "nej"):
        answered(last, {"action_plan": plan, "coordinator": "ja", "coordinator_fte": "1"})
    answered(last, {"action_plan": "ja"}, submit=False)
    for plan in ("ja", "ja", "ja", "nej"):
        answered(
            this,
            {
                "action_plan": plan,
                "coordinator": "ja",
                "coordinator_fte": "0,5",
                "routines": {
                    "Våld i nära relationer": "Ja",
                    "Hedersrelaterat våld och förtryck": "Under framtagande",
                },
                "risk_methods": ["FREDA", "PATRIARK"],
                "risk_assessment": "Ja, alltid",
            },
        )
    answered(this, {"action_plan": "nej"}, submit=False)
    invitation_make(this)

    results = survey_results_for(county=cast.county_a, year=2026)
    assert (results.invited, results.submitted, results.partial, results.not_started) == (
        6,
        4,
        1,
        1,
    )
    assert results.response_rate == pytest.approx(4 / 6)
    plan = results.question("action_plan")
    assert plan.counts == {"Ja": 3, "Nej": 1} and plan.answered == 4
    assert plan.previous.counts == {"Ja": 1, "Nej": 2}
    assert results.previous.response_rate == pytest.approx(3 / 4)
    fte = results.question("coordinator_fte")
    assert (fte.total, fte.mean, fte.previous.mean) == (2, 0.5, 1)
    routines = results.question("routines")
    assert routines.grid["Våld i nära relationer"] == {"Ja": 4, "Nej": 0, "Under framtagande": 0}
    assert routines.grid["Hedersrelaterat våld och förtryck"]["Under framtagande"] == 4
    assert routines.previous.grid["Våld i nära relationer"]["Ja"] == 0
    assert results.question("risk_methods").counts["PATRIARK"] == 4

    page = coordinator.get(reverse("kvinnofrid_survey_results", args=[this.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-figure="response-rate">67 %' in html
    assert 'data-figure="previous-response-rate">75 %' in html
    assert 'role="img"' in html and "Ja: 3 av 4 (förra året 1 av 3)" in html
    # Charts are drawn without style attributes (the content security policy).
    charts = html[html.index('class="kf-chart"') :]
    assert "<svg" in html and "style=" not in charts


def test_results_without_a_previous_year_or_invitations(cast):
    results = survey_results_for(county=cast.county_b, year=2026)
    assert results.survey is None and results.response_rate is None
    assert results.previous.survey is None


def test_an_organisations_answers_across_years(cast, coordinator, national):
    danderyd = municipality(cast.county_a, "Danderyds kommun")
    answered(
        survey_make(cast.county_a, year=2025), {"support_needs": "Svar 2025"}, organisation=danderyd
    )
    answered(
        survey_make(cast.county_a, year=2026), {"support_needs": "Svar 2026"}, organisation=danderyd
    )
    url = reverse("kvinnofrid_survey_organisation", args=[danderyd.pk])
    html = coordinator.get(url).content.decode()
    assert html.index("Svar 2026") < html.index("Svar 2025")
    assert "Svar 2025" in national.get(url).content.decode()


def test_other_counties_get_404_and_the_national_coordinator_reads_but_cannot_write(cast, national):
    survey = survey_make(cast.county_a)
    invitation = answered(survey, {"action_plan": "ja"})
    other = verified_client(cast.coordinator_b)
    for url in (
        reverse("kvinnofrid_survey_tracking", args=[survey.pk]),
        reverse("kvinnofrid_survey_results", args=[survey.pk]),
        reverse("kvinnofrid_survey_export", args=[survey.pk]),
        reverse("kvinnofrid_survey_send", args=[survey.pk]),
        reverse("kartlaggningar:edit", args=[survey.pk]),
        reverse("kvinnofrid_survey_invitation_action", args=[invitation.pk, "oppna"]),
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(reverse("kvinnofrid_survey_send", args=[survey.pk])).status_code == 404
    assert national.get(reverse("kvinnofrid_survey_tracking", args=[survey.pk])).status_code == 200
    assert national.get(reverse("kvinnofrid_survey_results", args=[survey.pk])).status_code == 200
    assert national.get(reverse("kvinnofrid_survey_export", args=[survey.pk])).status_code == 200
    refused = (302, 403, 404)
    send_url = reverse("kvinnofrid_survey_send", args=[survey.pk])
    assert national.post(send_url, {}).status_code in refused
    reopen_url = reverse("kvinnofrid_survey_invitation_action", args=[invitation.pk, "oppna"])
    assert national.post(reopen_url).status_code in refused
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED
    edit_url = reverse("kartlaggningar:edit", args=[survey.pk])
    assert national.get(edit_url).status_code in refused
    assert not Invitation.objects.filter(survey__county=cast.county_b).exists()


def test_sending_reuses_last_years_address_and_never_ticks_an_organisation_without_one(
    cast, coordinator
):
    last, this = survey_make(cast.county_a, year=2025), survey_make(cast.county_a, year=2026)
    danderyd = municipality(cast.county_a, "Danderyds kommun")
    botkyrka = municipality(cast.county_a, "Botkyrka kommun")
    nacka = municipality(cast.county_a, "Nacka kommun")
    invitation_make(last, danderyd, email="forra-aret@danderyd.example.org")
    invitation_make(last, botkyrka, email="forra-aret@botkyrka.example.org")
    # A coordinator in the registry wins over last year's address.
    contact_make(botkyrka, email="samordnare@botkyrka.example.org", coordinator=True)
    for organisation in Organisation.objects.filter(county=cast.county_a).exclude(
        pk__in=[danderyd.pk, botkyrka.pk, nacka.pk]
    ):
        contact_make(organisation, email=f"kontakt-{organisation.pk}@example.org")
    page = coordinator.get(reverse("kvinnofrid_survey_send", args=[this.pk])).content.decode()

    def row(organisation) -> str:
        start = page.index(f'id="org-{organisation.pk}"')
        return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]

    assert 'value="forra-aret@danderyd.example.org"' in row(danderyd)
    assert "Från förra årets kartläggning" in row(danderyd)
    assert 'value="samordnare@botkyrka.example.org"' in row(botkyrka)
    assert " checked" in row(danderyd) and " checked" in row(botkyrka)
    # Nacka has no address anywhere: offered, not ticked.
    assert 'value=""' in row(nacka) and " checked" not in row(nacka)
    recipients = dict(default_recipients(this))
    assert recipients[danderyd] == "forra-aret@danderyd.example.org"
    assert recipients[nacka] == ""


def test_staff_can_copy_an_organisations_personal_link(cast, coordinator, national):
    survey = survey_make(cast.county_a)
    invitation = invitation_make(survey)
    revoked = invitation_make(survey, revoked_at=timezone.now())
    url = reverse("kvinnofrid_survey_tracking", args=[survey.pk])
    html = coordinator.get(url).content.decode()
    start = html.index(f'id="link-{invitation.pk}"')
    field = html[html.rindex("<input", 0, start) : html.index(">", start)]
    assert "readonly" in field
    link = field.split('value="', 1)[1].split('"', 1)[0]
    assert link.startswith("http") and "/enkat/" in link
    assert invitation_from_token(link.rstrip("/").rsplit("/", 1)[1]) == invitation
    assert "Kopiera länk" in html and "surveys/copy-link.js" in html
    assert f'id="link-{revoked.pk}"' not in html  # a revoked link would not work
    # Reading is not sending: the national coordinator sees no personal links.
    assert 'id="link-' not in national.get(url).content.decode()


def test_results_show_numbers_in_swedish_and_count_years_instead_of_a_mean(cast, coordinator):
    survey = survey_make(cast.county_a)
    invitations = []
    for year, fte in (("2019", "0,5"), ("2023", "0,5"), ("2023", "1,5")):
        invitations.append(
            answered(
                survey,
                {
                    "action_plan": "ja",
                    "action_plan_year": year,
                    "coordinator": "ja",
                    "coordinator_fte": fte,
                },
            )
        )
    results = survey_results_for(county=cast.county_a, year=2026)
    plan_year = results.question("action_plan_year")
    assert plan_year.kind == "year" and plan_year.mean is None
    assert plan_year.counts == {"2019": 1, "2023": 2}
    html = coordinator.get(reverse("kvinnofrid_survey_results", args=[survey.pk])).content.decode()
    section = html[html.index('data-key="action_plan_year"') :]
    section = section[: section.index("</section>")]
    assert "Medelvärde" not in section and 'data-option="2023"' in section
    fte = html[html.index('data-key="coordinator_fte"') :]
    fte = fte[: fte.index("</section>")]
    assert "<dd>2,5</dd>" in fte and "<dd>0,83</dd>" in fte and "0.83" not in fte
    organisation = invitations[0].organisation
    answers = coordinator.get(
        reverse("kvinnofrid_survey_organisation", args=[organisation.pk])
    ).content.decode()
    table = answers[answers.index('<table class="listing">') :]
    assert "<td>0,5</td>" in table and "0.5" not in table


def test_a_year_answer_must_be_a_four_digit_year(cast):
    from django.core.exceptions import ValidationError

    from kvinnofrid.surveys.services import parse_answer

    question = survey_make(cast.county_a).questions.get(key="action_plan_year")
    assert parse_answer(question, "2024") == 2024
    for bad in ("24", "2024,5", "tjugohundra"):
        with pytest.raises(ValidationError, match="årtal med fyra siffror"):
            parse_answer(question, bad)


def test_the_organisations_csv_has_swedish_decimals(cast):
    from kvinnofrid.surveys.exports import csv_bytes, invitation_table

    survey = survey_make(cast.county_a)
    invitation = answered(survey, {"coordinator": "ja", "coordinator_fte": "0,5"})
    text = csv_bytes(*invitation_table(invitation)).decode("utf-8-sig")
    assert ";0,5" in text and "0.5" not in text
