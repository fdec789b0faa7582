"""Every write of the surveys: validated, atomic and audited (staff changes), or plain
and atomic (an organisation's answers through its link, which has no user)."""

import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from kvinnofrid.coordination.models import Organisation
from kvinnofrid.core.audit import audit_log
from kvinnofrid.core.validators import contact_details, validate_no_personal_identity_number
from kvinnofrid.regions.models import County

from . import template
from .models import Answer, Invitation, Question, QuestionKind, Reminder, Survey

TOKEN_SALT = "kvinnofrid.surveys.invitation"


# --- links ---


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(str(invitation.public_id), salt=TOKEN_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation behind a link, or None if the link is forged, altered or revoked."""
    try:
        public_id = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.active()
        .select_related("survey", "survey__county", "organisation")
        .filter(public_id=public_id)
        .first()
    )


# --- building ---


@transaction.atomic
def record_save(*, form, user) -> Model:
    """Save an admin form (the survey and its questions) and log the change."""
    creating = form.instance.pk is None
    instance = form.save()
    audit_log(
        instance=instance,
        action="kvinnofrid.surveys.create" if creating else "kvinnofrid.surveys.update",
        user=user,
    )
    return instance


@transaction.atomic
def record_delete(*, instance: Model, user) -> None:
    audit_log(instance=instance, action="kvinnofrid.surveys.delete", user=user)
    instance.delete()


def _copy_questions(survey: Survey, questions) -> None:
    Question.objects.bulk_create(
        Question(survey=survey, sort_order=position, **fields)
        for position, fields in enumerate(questions)
    )


@transaction.atomic
def survey_from_template(
    *, county: County, year: int, deadline: datetime.date, user, from_previous: bool = True
) -> Survey:
    """A county's survey for a year: a copy of its previous survey if it has one (so the
    county's own edits carry over), else of the default template."""
    previous = (
        Survey.objects.filter(county=county, year__lt=year).order_by("-year").first()
        if from_previous
        else None
    )
    if previous:
        survey = Survey(
            county=county,
            year=year,
            title=previous.title,
            introduction=previous.introduction,
            deadline=deadline,
            reminder_days=previous.reminder_days,
        )
        questions = [
            {
                field: getattr(question, field)
                for field in (
                    "section",
                    "key",
                    "text",
                    "help_text",
                    "kind",
                    "required",
                    "options",
                    "rows",
                    "condition_key",
                    "condition_value",
                )
            }
            for question in previous.questions.order_by("sort_order")
        ]
    else:
        survey = Survey(
            county=county,
            year=year,
            title=template.DEFAULT_TITLE,
            introduction=template.DEFAULT_INTRODUCTION,
            deadline=deadline,
        )
        questions = [
            {
                "section": section,
                "key": key,
                "kind": kind,
                "text": text,
                "required": required,
                "help_text": extra.get("help_text", ""),
                "options": "\n".join(extra.get("options", [])),
                "rows": "\n".join(extra.get("rows", [])),
                "condition_key": extra.get("condition_key", ""),
                "condition_value": extra.get("condition_value", ""),
            }
            for section, key, kind, text, required, extra in template.DEFAULT_QUESTIONS
        ]
    survey.full_clean()
    survey.save()
    _copy_questions(survey, questions)
    audit_log(instance=survey, action="kvinnofrid.surveys.create", user=user)
    return survey


# --- sending ---


def recipient_for(organisation: Organisation, *, previous: str = "") -> str:
    """The address an organisation's invitation goes to by default: its municipal
    coordinator (kvinnofridssamordnare) in the registry; else the address its invitation
    went to in the county's previous survey (staff chose it for this very survey); else
    any contact with an address; else none."""
    contacts = [c for c in organisation.contacts.all() if c.email]
    contacts.sort(key=lambda c: (not c.is_municipal_coordinator, c.pk))
    if contacts and contacts[0].is_municipal_coordinator:
        return contacts[0].email
    if previous:
        return previous
    return contacts[0].email if contacts else ""


def previous_addresses(survey: Survey) -> dict[int, str]:
    """Organisation id -> the address of its invitation to the county's latest earlier
    survey (normally last year's), in one query."""
    previous = (
        Survey.objects.filter(county_id=survey.county_id, year__lt=survey.year)
        .order_by("-year")
        .first()
    )
    if previous is None:
        return {}
    return dict(
        Invitation.objects.filter(survey=previous)
        .exclude(email="")
        .values_list("organisation_id", "email")
    )


def default_recipients(survey: Survey) -> list[tuple[Organisation, str]]:
    """Every municipality of the survey's county, with its default address."""
    organisations = (
        Organisation.objects.filter(county=survey.county, kind=Organisation.Kind.MUNICIPALITY)
        .prefetch_related("contacts")
        .order_by("name")
    )
    previous = previous_addresses(survey)
    return [
        (organisation, recipient_for(organisation, previous=previous.get(organisation.pk, "")))
        for organisation in organisations
    ]


@transaction.atomic
def survey_send(*, survey: Survey, recipients: list[tuple[Organisation, str]], user) -> list:
    """Invite each (organisation, address) and e-mail its link. An organisation already
    invited keeps its link and answers; it gets the link again at the given address."""
    invitations = []
    for organisation, email in recipients:
        if organisation.county_id != survey.county_id:
            raise ValidationError(_("Organisationen hör inte till länet."))
        invitation, created = Invitation.objects.get_or_create(
            survey=survey, organisation=organisation, defaults={"email": email}
        )
        if not created:
            invitation.email = email
            invitation.revoked_at = None
            invitation.sent_at = timezone.now()
        invitation.full_clean()
        invitation.save()
        invitations.append(invitation)
    audit_log(
        instance=survey,
        action="kvinnofrid.surveys.send",
        user=user,
        data={"organisations": sorted(i.organisation_id for i in invitations)},
    )
    ids = [invitation.pk for invitation in invitations]
    transaction.on_commit(lambda: _mail("invitation", ids))
    return invitations


def _mail(kind: str, ids: list[int]) -> None:
    from .emails import send_to_invitations

    send_to_invitations(kind, ids)


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user) -> None:
    """Revoke a link: it answers 404 from now on. Answers are kept for staff."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_log(instance=invitation, action="kvinnofrid.surveys.revoke", user=user)


@transaction.atomic
def invitation_renew(*, invitation: Invitation, user) -> Invitation:
    """A new link for an invitation (the old one stops working), e-mailed again."""
    invitation.public_id = uuid.uuid4()
    invitation.revoked_at = None
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["public_id", "revoked_at", "sent_at"])
    audit_log(instance=invitation, action="kvinnofrid.surveys.renew", user=user)
    transaction.on_commit(lambda: _mail("invitation", [invitation.pk]))
    return invitation


@transaction.atomic
def invitation_reopen(*, invitation: Invitation, user) -> None:
    """Staff reopen a submitted answer so the organisation can change and submit again."""
    invitation.status = Invitation.Status.PARTIAL
    invitation.submitted_at = None
    invitation.save(update_fields=["status", "submitted_at"])
    audit_log(instance=invitation, action="kvinnofrid.surveys.reopen", user=user)


# --- answering ---


def parse_answer(question: Question, raw):
    """Turn what a form posted into a stored value; raises ValidationError (Swedish).
    `raw` is a str, a list (multiple) or a {row: str} dict (grid). Empty answers are None."""
    kind = question.kind
    if kind == QuestionKind.MULTIPLE:
        values = [value for value in raw or [] if value]
        options = question.option_list
        if any(value not in options for value in values):
            raise ValidationError(_("Välj bland svarsalternativen."))
        return [option for option in options if option in values] or None
    if kind == QuestionKind.GRID:
        cells = {row: (raw or {}).get(row, "") for row in question.row_list}
        if any(value and value not in question.option_list for value in cells.values()):
            raise ValidationError(_("Välj bland svarsalternativen."))
        filled = {row: value for row, value in cells.items() if value}
        return filled or None
    text = (raw or "").strip()
    if not text:
        return None
    if kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
        if text not in question.option_list:
            raise ValidationError(_("Välj ett av svarsalternativen."))
        return text
    if kind == QuestionKind.YEAR:
        return _parse_year(text)
    if kind == QuestionKind.NUMBER:
        try:
            number = decimal.Decimal(text.replace(",", ".").replace(" ", "").replace("\xa0", ""))
        except decimal.InvalidOperation:
            raise ValidationError(_("Skriv ett tal, till exempel 3 eller 0,5.")) from None
        if not number.is_finite() or number < 0 or number > 1_000_000:
            raise ValidationError(_("Skriv ett tal mellan 0 och 1 000 000."))
        return int(number) if number == number.to_integral_value() else float(number)
    if kind == QuestionKind.DATE:
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValidationError(
                _("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-31.")
            ) from None
    limit = 300 if kind == QuestionKind.SHORT_TEXT else 5000
    if len(text) > limit:
        raise ValidationError(
            _("Skriv högst %(limit)s tecken (nu %(count)s).") % {"limit": limit, "count": len(text)}
        )
    validate_no_case_data_in_answer(text)
    return text


def validate_no_case_data_in_answer(text: str) -> None:
    """A free-text answer holds neither a personal identity number nor a phone number or
    e-mail address (PRODUCT.md: no individual case data; a number or address in an answer
    about the municipality's work is about a person). Both are reported at once, so one
    correction is enough. The wording speaks to the municipality answering, unlike the
    staff-facing message of core.validators."""
    messages = []
    try:
        validate_no_personal_identity_number(text)
    except ValidationError as error:
        messages.extend(error.messages)
    found = contact_details(text)
    if found:
        messages.append(
            _(
                "Svaret innehåller kontaktuppgifter (%(found)s). Skriv inga telefonnummer eller "
                "e-postadresser i svaren: kartläggningen samlar inga uppgifter om enskilda "
                "personer, och länsstyrelsen har redan er kontaktperson."
            )
            % {"found": ", ".join(f"”{finding.text}”" for finding in found)}
        )
    if messages:
        raise ValidationError(messages, code="case_data")


def _parse_year(text: str) -> int:
    if not (text.isdigit() and 1900 <= int(text) <= 2100):
        raise ValidationError(_("Skriv ett årtal med fyra siffror, till exempel 2024."))
    return int(text)


def missing_required(questions: list[Question], values: dict) -> list[Question]:
    """Required questions without an answer. A question with a condition is required only
    when its condition holds; a grid needs every row."""
    missing = []
    for question in questions:
        if not question.required or not question.condition_holds(values):
            continue
        value = values.get(question.key)
        if value in (None, "", []) or (
            question.kind == QuestionKind.GRID and len(value or {}) < len(question.row_list)
        ):
            missing.append(question)
    return missing


@dataclass
class SaveResult:
    errors: dict  # question key -> message
    values: dict  # question key -> stored value (or what was posted, when in error)


@transaction.atomic
def answers_save(*, invitation: Invitation, raw: dict, submit: bool = False) -> SaveResult:
    """Store an organisation's answers (everything that is valid, even when some answers
    are not, so nothing typed is lost). With `submit`, required answers are checked too;
    submitting itself is `invitation_submit`. Answers to questions whose condition does not
    hold are dropped: they were not asked."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_submitted or invitation.revoked_at:
        raise ValidationError(_("Svaren är redan inskickade."))
    questions = list(invitation.survey.questions.order_by("sort_order"))
    errors, values = {}, {}
    for question in questions:
        try:
            values[question.key] = parse_answer(question, raw.get(question.key))
        except ValidationError as error:
            errors[question.key] = " ".join(error.messages)
            values[question.key] = raw.get(question.key)
    stored = {}
    for question in questions:
        if question.key in errors:
            continue
        value = values[question.key] if question.condition_holds(values) else None
        stored[question.pk] = value
    existing = {a.question_id: a for a in invitation.answers.all()}
    for question_pk, value in stored.items():
        answer = existing.get(question_pk)
        if answer is None:
            if value is not None:
                Answer.objects.create(invitation=invitation, question_id=question_pk, value=value)
        elif value is None:
            answer.delete()
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value", "updated_at"])
    if submit:
        for question in missing_required(questions, values):
            errors.setdefault(question.key, _("Besvara frågan."))
    invitation.last_saved_at = timezone.now()
    if invitation.status == Invitation.Status.NOT_STARTED and invitation.answers.exists():
        invitation.status = Invitation.Status.PARTIAL
    invitation.save(update_fields=["last_saved_at", "status"])
    return SaveResult(errors=errors, values=values)


def stored_values(invitation: Invitation) -> dict:
    """The invitation's answers by question key."""
    return {key: value for key, value in invitation.answers.values_list("question__key", "value")}


@transaction.atomic
def invitation_submit(*, invitation: Invitation) -> list[Question]:
    """Submit once: refuses (returns what is missing) unless every required answer is
    there; a second submit changes nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_submitted:
        return []
    questions = list(invitation.survey.questions.order_by("sort_order"))
    missing = missing_required(questions, stored_values(invitation))
    if missing:
        return missing
    invitation.status = Invitation.Status.SUBMITTED
    invitation.submitted_at = timezone.now()
    invitation.save(update_fields=["status", "submitted_at"])
    audit_log(instance=invitation, action="kvinnofrid.surveys.submit", user=None)
    return []


# --- reminders ---


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind every organisation that has not submitted, once per reminder step whose day
    has come (N days before the deadline). Several steps due at once (e.g. invited late)
    give one e-mail; every due step is recorded, so none is sent again. Returns the number
    of e-mails."""
    today = today or timezone.localdate()
    invitations = (
        Invitation.objects.awaiting_answer()
        .filter(survey__deadline__gte=today)
        .select_related("survey")
        .prefetch_related("reminders")
    )
    to_remind = []
    for invitation in invitations:
        done = {reminder.days_before for reminder in invitation.reminders.all()}
        deadline = invitation.survey.deadline
        due = [
            days
            for days in invitation.survey.reminder_steps()
            if days not in done and deadline - datetime.timedelta(days=days) <= today
        ]
        if not due:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.bulk_create(
                    Reminder(invitation=invitation, days_before=days) for days in due
                )
        except IntegrityError:
            continue  # another worker got there first
        to_remind.append(invitation.pk)
    if to_remind:
        _mail("reminder", to_remind)
    return len(to_remind)
