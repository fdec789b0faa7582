"""The yearly survey to municipalities (kartläggning).

A county's `Survey` for one year holds its questions (grouped under section headings) and
its `Invitation`s: one per organisation, each with its own signed link (no login). An
organisation's `Answer`s belong to its invitation. Questions carry a stable `key`, the
same across years, so results can be compared with the previous year's survey.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kvinnofrid.core.validators import validate_no_personal_identity_number

from .querysets import AnswerQuerySet, InvitationQuerySet, QuestionQuerySet, SurveyQuerySet

NO_CASE_DATA = [validate_no_personal_identity_number]


def default_reminder_days() -> list[int]:
    return [14, 3]


class Survey(ClusterableModel):
    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("län")
    )
    year = models.PositiveIntegerField(_("år"))
    title = models.CharField(_("rubrik"), max_length=200)
    introduction = models.TextField(_("inledning"), blank=True, validators=NO_CASE_DATA)
    deadline = models.DateField(_("sista svarsdag"))
    reminder_days = models.JSONField(
        _("påminnelser (dagar före sista svarsdag)"),
        default=default_reminder_days,
        blank=True,
        help_text=_("Till exempel [14, 3]: en påminnelse två veckor och en tre dagar före."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("kartläggning")
        verbose_name_plural = _("kartläggningar")
        ordering = ["-year", "county__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year"],
                name="one_survey_per_county_and_year",
                violation_error_message=_("Länet har redan en kartläggning det året."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def clean(self):
        days = self.reminder_days or []
        if not isinstance(days, list) or not all(
            isinstance(day, int) and 0 <= day <= 365 for day in days
        ):
            raise ValidationError(
                {"reminder_days": _("Skriv påminnelserna som en lista med heltal, t.ex. [14, 3].")}
            )

    def reminder_steps(self) -> list[int]:
        """Days before the deadline, latest reminder last: [14, 3]."""
        return sorted(set(self.reminder_days or []), reverse=True)


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Ja/nej")
    SINGLE = "single", _("Ett val")
    MULTIPLE = "multiple", _("Flera val")
    NUMBER = "number", _("Tal")
    # A year is a number whose mean means nothing: results count the years given.
    YEAR = "year", _("Årtal")
    SHORT_TEXT = "short_text", _("Kort text")
    LONG_TEXT = "long_text", _("Lång text")
    DATE = "date", _("Datum")
    GRID = "grid", _("Tabell (rader × kolumner)")


YES, NO = "ja", "nej"
YES_NO_OPTIONS = [(YES, _("Ja")), (NO, _("Nej"))]

KEY_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]*$", _("Nyckeln får bara innehålla a–z, siffror och understreck.")
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Question(Orderable):
    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(
        _("avsnitt"),
        max_length=200,
        help_text=_("Frågor i följd med samma avsnittsrubrik visas tillsammans."),
    )
    key = models.CharField(
        _("nyckel"),
        max_length=60,
        validators=[KEY_VALIDATOR],
        help_text=_("Samma nyckel år efter år gör att svaren kan jämföras mellan åren."),
    )
    text = models.CharField(_("fråga"), max_length=500)
    help_text = models.CharField(_("hjälptext"), max_length=500, blank=True)
    kind = models.CharField(_("typ"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("obligatorisk"), default=False)
    options = models.TextField(
        _("svarsalternativ eller kolumner"),
        blank=True,
        help_text=_("Ett per rad. För ett eller flera val, och kolumnerna i en tabell."),
    )
    rows = models.TextField(_("rader"), blank=True, help_text=_("Ett per rad (bara tabell)."))
    condition_key = models.CharField(
        _("visas om frågan (nyckel)"),
        max_length=60,
        blank=True,
        help_text=_("Lämna tomt om frågan alltid ska besvaras."),
    )
    condition_value = models.CharField(_("har svaret"), max_length=200, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("enkät", "fråga")
        verbose_name_plural = pgettext_lazy("enkät", "frågor")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique_in_survey")
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self):
        errors = {}
        has_options = self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.GRID)
        if has_options and len(self.option_list) < 2:
            errors["options"] = _("Skriv minst två svarsalternativ, ett per rad.")
        if self.kind == QuestionKind.GRID and not self.row_list:
            errors["rows"] = _("Skriv minst en rad.")
        if bool(self.condition_key) != bool(self.condition_value):
            errors["condition_value"] = _("Ange både frågans nyckel och svaret, eller inget.")
        if self.condition_key and self.condition_key == self.key:
            errors["condition_key"] = _("En fråga kan inte bero på sig själv.")
        if errors:
            raise ValidationError(errors)

    @property
    def option_list(self) -> list[str]:
        if self.kind == QuestionKind.YES_NO:
            return [YES, NO]
        return _lines(self.options)

    @property
    def choices(self) -> list[tuple[str, str]]:
        if self.kind == QuestionKind.YES_NO:
            return [(value, str(label)) for value, label in YES_NO_OPTIONS]
        return [(option, option) for option in self.option_list]

    @property
    def row_list(self) -> list[str]:
        return _lines(self.rows)

    @property
    def has_condition(self) -> bool:
        return bool(self.condition_key)

    def condition_holds(self, answers: dict) -> bool:
        """Whether the question applies, given the answers by question key."""
        if not self.condition_key:
            return True
        given = answers.get(self.condition_key)
        if isinstance(given, list):
            return self.condition_value in given
        return given == self.condition_value

    def display_value(self, value) -> str:
        """An answer as text, for pages and exports."""
        if value in (None, "", []):
            return ""
        if self.kind == QuestionKind.YES_NO:
            return str(dict(YES_NO_OPTIONS).get(value, value))
        if self.kind == QuestionKind.MULTIPLE:
            return ", ".join(value)
        if self.kind == QuestionKind.GRID:
            return "; ".join(f"{row}: {value.get(row, '')}" for row in self.row_list)
        if self.kind == QuestionKind.NUMBER and isinstance(value, int | float):
            # In the active language's format: "0,5" in Swedish, not "0.5".
            return formats.number_format(value)
        return str(value)


class Invitation(models.Model):
    """One organisation's invitation to answer a survey, and its answers' state."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Inte påbörjad")
        PARTIAL = "partial", _("Påbörjad")
        SUBMITTED = "submitted", _("Inskickad")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "coordination.Organisation",
        on_delete=models.PROTECT,
        related_name="survey_invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-postadress"))
    # The link carries a signed form of this, never the integer id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)
    last_saved_at = models.DateTimeField(_("senast sparad"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("länken återkallad"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="one_invitation_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.survey}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # str (yes/no, single, text, date as ISO), number, list (multiple) or {row: column}.
    value = models.JSONField(_("svar"), null=True, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value!r}"


class Reminder(models.Model):
    """A reminder sent for one step (days before the deadline): the row is the promise
    that the step is never sent twice to the same invitation."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "days_before"], name="one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.days_before}"
