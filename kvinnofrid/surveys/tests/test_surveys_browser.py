"""A municipality answers the survey in a real browser with the keyboard alone (Tab,
Space, arrow keys, Enter and typing), through an error state, a save, the confirmation
and the submitted answers; axe-core finds no violations in any state."""

import pytest
from django.urls import reverse

from kvinnofrid.coordination.tests.test_coordination_browser import log_in
from kvinnofrid.surveys.models import Invitation
from kvinnofrid.surveys.services import invitation_from_token, invitation_token, stored_values
from kvinnofrid.testing.browser import axe_violations

from .factories import invitation_make, municipality, survey_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_municipality_answers_and_submits_the_survey_by_keyboard(page, cast):
    survey = survey_make(cast.county_a)
    invitation = invitation_make(survey, municipality(cast.county_a, "Nacka kommun"))
    page.goto(reverse("survey-answer", kwargs={"token": invitation_token(invitation)}))
    assert page.locator("h1").inner_text().startswith("Kartläggning av kommunens arbete")
    assert axe_violations(page) == []

    # Straight to "submit" with nothing answered: the error summary takes focus.
    tab_to(page, "#survey-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary:focus")
    assert page.title().startswith("Fel i svaren")
    assert "Fråga 1: Besvara frågan." in page.locator(".error-summary").inner_text()
    assert axe_violations(page) == []

    # The first error link leads to the question; answer it there.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_action_plan_0"
    page.keyboard.press("Space")  # Ja: the plan exists, so its year is asked for
    tab_to(page, "#id_action_plan_year")
    page.keyboard.type("2023")
    tab_to(page, "#id_coordinator_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_coordinator_fte")
    page.keyboard.type("0,5")

    # Save and come back later.
    tab_to(page, "button[value=save]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Svaren är sparade")
    assert "Ni har besvarat 4 av" in page.locator(".survey-progress").inner_text()
    assert axe_violations(page) == []

    # The grid: one radio group per row; Space picks the first column, arrows move on.
    for row in range(5):
        tab_to(page, f"#id_routines_{row}_0")
        if row % 2:
            page.keyboard.press("ArrowRight")  # Nej
        else:
            page.keyboard.press("Space")  # Ja
    tab_to(page, "#id_risk_assessment_0")
    page.keyboard.press("ArrowRight")  # "Ja, ibland"
    tab_to(page, "#id_womens_shelter_cooperation_0")
    page.keyboard.press("ArrowRight")  # nej
    tab_to(page, "#id_perpetrator_work_0")
    page.keyboard.press("Space")  # ja
    tab_to(page, "#id_support_needs")
    page.keyboard.type("Utbildning för socialtjänsten.")
    tab_to(page, "#survey-submit")
    page.keyboard.press("Enter")

    page.wait_for_selector("h1:has-text('Granska och skicka in')")
    assert "Utbildning för socialtjänsten." in page.locator("main").inner_text()
    assert axe_violations(page) == []
    tab_to(page, "#survey-confirm")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Tack! Svaren är inskickade.")
    assert axe_violations(page) == []
    # The error state answers 400, which Chromium logs; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED
    values = stored_values(invitation)
    assert values["routines"] == {
        "Våld i nära relationer": "Ja",
        "Hedersrelaterat våld och förtryck": "Nej",
        "Barnäktenskap och tvångsäktenskap": "Ja",
        "Könsstympning av flickor och kvinnor": "Nej",
        "Prostitution och människohandel": "Ja",
    }
    assert (values["risk_assessment"], values["coordinator_fte"]) == ("Ja, ibland", 0.5)
    assert (values["womens_shelter_cooperation"], values["perpetrator_work"]) == ("nej", "ja")


def test_the_staff_survey_pages_have_no_axe_violations(page, live_server, cast):
    from kvinnofrid.coordination.tests.test_coordination_browser import log_in
    from kvinnofrid.surveys.demo import demo_surveys_load
    from kvinnofrid.surveys.models import Survey

    demo_surveys_load(user=cast.coordinator_a)
    survey = Survey.objects.filter(county=cast.county_a).order_by("-year").first()
    log_in(page, live_server, cast.coordinator_a)
    page.goto("/admin/")
    assert page.get_by_role("button", name="Kartläggningar").count() == 1
    for url in (
        reverse("kartlaggningar:index"),
        reverse("kvinnofrid_survey_tracking", args=[survey.pk]),
        reverse("kvinnofrid_survey_results", args=[survey.pk]),
        reverse("kvinnofrid_survey_send", args=[survey.pk]),
        reverse("kvinnofrid_survey_new"),
    ):
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == [], url
    page.goto(reverse("kvinnofrid_survey_results", args=[survey.pk]))
    assert page.locator("svg.kf-chart[role=img]").count() >= 5


def test_staff_copy_a_personal_link_from_the_tracking_page(page, live_server, cast):
    survey = survey_make(cast.county_a)
    invitation = invitation_make(survey, municipality(cast.county_a, "Nacka kommun"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, live_server, cast.coordinator_a)
    page.goto(reverse("kvinnofrid_survey_tracking", args=[survey.pk]))
    field = page.locator(f"#link-{invitation.pk}")
    link = field.input_value()
    assert invitation_from_token(link.rstrip("/").rsplit("/", 1)[1]) == invitation
    button = page.get_by_role("button", name="Kopiera länk Nacka kommun")
    button.click()
    status = page.locator(f'[data-copy-status="link-{invitation.pk}"]')
    status.wait_for(state="attached")
    page.wait_for_function(
        "(id) => document.querySelector(`[data-copy-status='${id}']`).textContent !== ''",
        arg=f"link-{invitation.pk}",
    )
    assert status.inner_text() == "Länken är kopierad."
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert axe_violations(page) == []
