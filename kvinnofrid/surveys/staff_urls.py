"""Isolation-matrix entries for the surveys: every staff URL, created for a survey of
county A, is checked against the cast (see tenancy/isolation.py)."""

import datetime
import uuid

from django.urls import reverse

from kvinnofrid.coordination.models import Organisation
from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import Answer, Invitation, Question, Survey

COORDINATOR_ONLY = {Role.COORDINATOR}
READERS = {Role.COORDINATOR, Role.NATIONAL}


def _marker() -> str:
    return f"Internt {uuid.uuid4().hex[:10]}"


def _survey(county, title=None) -> Survey:
    year = 2000 + Survey.objects.filter(county=county).count()
    survey = Survey.objects.create(
        county=county,
        year=year,
        title=title or _marker(),
        deadline=datetime.date(year, 12, 31),
    )
    Question.objects.create(
        survey=survey, section="Styrning", key="action_plan", text="Handlingsplan?", kind="yes_no"
    )
    return survey


def _invitation(county, organisation_name=None) -> Invitation:
    survey = _survey(county)
    organisation = Organisation.objects.create(
        name=organisation_name or _marker(), kind=Organisation.Kind.MUNICIPALITY, county=county
    )
    invitation = Invitation.objects.create(
        survey=survey, organisation=organisation, email="samordnare@example.org", status="submitted"
    )
    Answer.objects.create(invitation=invitation, question=survey.questions.get(), value="ja")
    return invitation


def _survey_url(name):
    return lambda county: reverse(name, args=[_survey(county).pk])


for view, roles in (
    ("edit", COORDINATOR_ONLY),
    ("delete", COORDINATOR_ONLY),
    ("inspect", READERS),
    ("history", READERS),
    ("usage", READERS),
):
    register_staff_url(
        f"surveys survey {view}", make=_survey_url(f"kartlaggningar:{view}"), allowed_roles=roles
    )

register_staff_url(
    "surveys tracking", make=_survey_url("kvinnofrid_survey_tracking"), allowed_roles=READERS
)
register_staff_url(
    "surveys results", make=_survey_url("kvinnofrid_survey_results"), allowed_roles=READERS
)
register_staff_url(
    "surveys XLSX export", make=_survey_url("kvinnofrid_survey_export"), allowed_roles=READERS
)
register_staff_url(
    "surveys send", make=_survey_url("kvinnofrid_survey_send"), allowed_roles=COORDINATOR_ONLY
)
for action in ("aterkalla", "ny-lank", "oppna"):
    register_staff_url(
        f"surveys invitation {action}",
        make=lambda county, action=action: reverse(
            "kvinnofrid_survey_invitation_action", args=[_invitation(county).pk, action]
        ),
        allowed_roles=COORDINATOR_ONLY,
    )
register_staff_url(
    "surveys answers of an organisation",
    make=lambda county: reverse(
        "kvinnofrid_survey_organisation", args=[_invitation(county).organisation_id]
    ),
    allowed_roles=READERS,
)


def _survey_listing(county):
    marker = _marker()
    _survey(county, marker)
    return reverse("kartlaggningar:index"), marker


def _tracking_listing(county):
    marker = _marker()
    invitation = _invitation(county, marker)
    return reverse("kvinnofrid_survey_tracking", args=[invitation.survey_id]), marker


def _organisation_listing(county):
    # The survey's title is not the county's to hide (it is e-mailed), but its answers are.
    marker = _marker()
    invitation = _invitation(county)
    question = invitation.survey.questions.get()
    question.kind = "short_text"
    question.save()
    invitation.answers.update(value=marker)
    return reverse("kvinnofrid_survey_organisation", args=[invitation.organisation_id]), marker


def _results_listing(county):
    marker = _marker()
    invitation = _invitation(county)
    question = invitation.survey.questions.get()
    question.kind = "long_text"
    question.save()
    invitation.answers.update(value=marker)
    return reverse("kvinnofrid_survey_results", args=[invitation.survey_id]), marker


register_staff_listing("surveys list", make=_survey_listing)
register_staff_listing("surveys tracking", make=_tracking_listing)
register_staff_listing("surveys answers of an organisation", make=_organisation_listing)
register_staff_listing("surveys results free text", make=_results_listing)
