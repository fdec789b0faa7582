import datetime
import uuid

from kvinnofrid.coordination.models import Contact, Organisation
from kvinnofrid.surveys.models import Invitation, Survey
from kvinnofrid.surveys.services import survey_from_template


def survey_make(county, *, year: int = 2026, deadline=None, user=None) -> Survey:
    """A county's copy of the default template."""
    return survey_from_template(
        county=county,
        year=year,
        deadline=deadline or datetime.date(year, 10, 31),
        user=user,
        from_previous=False,
    )


def municipality(county, name: str) -> Organisation:
    return Organisation.objects.get(county=county, kind="municipality", name=name)


def invitation_make(survey: Survey, organisation=None, *, email=None, **fields) -> Invitation:
    organisation = organisation or Organisation.objects.create(
        name=f"Testkommun {uuid.uuid4().hex[:6]}", kind="municipality", county=survey.county
    )
    return Invitation.objects.create(
        survey=survey,
        organisation=organisation,
        email=email or f"{uuid.uuid4().hex[:6]}@example.org",
        **fields,
    )


def contact_make(organisation, *, email, coordinator=False) -> Contact:
    return Contact.objects.create(
        county=organisation.county,
        organisation=organisation,
        name="Test Testsson",
        email=email,
        is_municipal_coordinator=coordinator,
        source="Test",
    )


# A complete, valid set of answers to the default template, as the form posts them.
COMPLETE = {
    "q-action_plan": "ja",
    "q-action_plan_year": "2023",
    "q-coordinator": "ja",
    "q-coordinator_fte": "0,5",
    "q-routines--0": "Ja",
    "q-routines--1": "Under framtagande",
    "q-routines--2": "Nej",
    "q-routines--3": "Nej",
    "q-routines--4": "Ja",
    "q-risk_assessment": "Ja, ibland",
    "q-womens_shelter_cooperation": "nej",
    "q-perpetrator_work": "nej",
    "q-support_needs": "Utbildning om hedersrelaterat våld.",
}
