"""E-mail to the organisations invited to a survey: the invitation with the organisation's
own link, and reminders. Sent through Django's mail API, whose backend queues every
message as a task (kvinnofrid/core/mail.py)."""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.pages.models import InformationPage

from .models import Invitation
from .services import invitation_token

SUBJECTS = {
    "invitation": "Kartläggning {year}: {title}",
    "reminder": "Påminnelse: svara senast {deadline} på kartläggningen {year}",
}


def invitation_link(invitation: Invitation) -> str:
    return absolute_url(reverse("survey-answer", kwargs={"token": invitation_token(invitation)}))


def _privacy_url() -> str:
    page = InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()
    return absolute_url(page.url) if page else ""


def invitation_message(kind: str, invitation: Invitation, *, privacy_url: str) -> EmailMessage:
    survey = invitation.survey
    context = {
        "kind": kind,
        "invitation": invitation,
        "survey": survey,
        "organisation": invitation.organisation,
        "link": invitation_link(invitation),
        "privacy_url": privacy_url,
        "status": invitation.status,
    }
    with translation.override("sv"):
        body = render_to_string("surveys/email/invitation.txt", context)
    subject = SUBJECTS[kind].format(
        year=survey.year, title=survey.title, deadline=survey.deadline.isoformat()
    )
    return EmailMessage(subject=subject, body=body, to=[invitation.email])


def send_to_invitations(kind: str, invitation_ids: list[int]) -> int:
    invitations = Invitation.objects.filter(pk__in=invitation_ids).select_related(
        "survey", "survey__county", "organisation"
    )
    privacy_url = _privacy_url()
    messages = [
        invitation_message(kind, invitation, privacy_url=privacy_url)
        for invitation in invitations
        if invitation.email
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages)
