"""Demo surveys for `make run`: Stockholms län's copy of the default template, last year's
round answered by most municipalities and this year's round under way (some submitted,
some started, some not), so tracking, results and the year comparison show something.
Idempotent; a fixed random seed makes every run the same. No e-mail is sent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from kvinnofrid.coordination.models import Organisation
from kvinnofrid.regions.models import County

from .models import Invitation, QuestionKind, Survey
from .services import answers_save, invitation_submit, recipient_for, survey_from_template

SUPPORT_NEEDS = [
    "Utbildning för socialtjänsten om hedersrelaterat våld.",
    "Stöd i att ta fram en ny handlingsplan.",
    "Nätverksträffar för kvinnofridssamordnare.",
    "Metodstöd kring arbete med personer som utövar våld.",
]


def _fake_answers(questions, rng: random.Random, *, progress: float, share_yes: float) -> dict:
    raw = {}
    for question in questions:
        if rng.random() > progress:
            continue
        kind = question.kind
        if kind == QuestionKind.YES_NO:
            raw[question.key] = "ja" if rng.random() < share_yes else "nej"
        elif kind == QuestionKind.SINGLE:
            raw[question.key] = rng.choice(question.option_list)
        elif kind == QuestionKind.MULTIPLE:
            raw[question.key] = rng.sample(question.option_list, rng.randint(1, 2))
        elif kind == QuestionKind.GRID:
            options = question.option_list
            weights = [share_yes, 1 - share_yes, 0.3][: len(options)] + [0.1] * (len(options) - 3)
            raw[question.key] = {
                row: rng.choices(options, weights=weights)[0] for row in question.row_list
            }
        elif kind == QuestionKind.YEAR:
            raw[question.key] = str(rng.randint(2015, 2025))
        elif kind == QuestionKind.NUMBER:
            if question.key.endswith("fte"):
                raw[question.key] = str(rng.choice([0.25, 0.5, 1, 2]))
            else:
                raw[question.key] = str(rng.randint(5, 120))
        elif kind == QuestionKind.DATE:
            day = datetime.date(rng.randint(2019, 2025), rng.randint(1, 12), 1)
            raw[question.key] = day.isoformat()
        elif kind == QuestionKind.LONG_TEXT:
            raw[question.key] = rng.choice(SUPPORT_NEEDS)
        else:
            raw[question.key] = "Samtalsbehandling enligt egen modell (demo)."
    return raw


def _round(survey: Survey, rng: random.Random, *, submitted: int, partial: int, share_yes: float):
    municipalities = list(
        Organisation.objects.filter(county=survey.county, kind=Organisation.Kind.MUNICIPALITY)
        .prefetch_related("contacts")
        .order_by("name")
    )
    questions = list(survey.questions.order_by("sort_order"))
    rng.shuffle(municipalities)
    sent = timezone.make_aware(datetime.datetime(survey.deadline.year, survey.deadline.month, 1))
    for index, organisation in enumerate(municipalities):
        email = recipient_for(organisation) or (
            f"kvinnofrid@{slugify(organisation.name)}.example.org"
        )
        invitation = Invitation.objects.create(
            survey=survey, organisation=organisation, email=email, sent_at=min(sent, timezone.now())
        )
        if index < submitted + partial:
            done = index < submitted
            raw = _fake_answers(questions, rng, progress=1.0 if done else 0.5, share_yes=share_yes)
            answers_save(invitation=invitation, raw=raw)
            if done:
                invitation_submit(invitation=invitation)


@transaction.atomic
def demo_surveys_load(*, user) -> None:
    stockholm = County.objects.get(code="01")
    this_year = timezone.localdate().year
    if Survey.objects.filter(county=stockholm, year=this_year).exists():
        return
    rng = random.Random(2026)
    last = Survey.objects.filter(county=stockholm, year=this_year - 1).first()
    if last is None:
        last = survey_from_template(
            county=stockholm,
            year=this_year - 1,
            deadline=datetime.date(this_year - 1, 10, 31),
            user=user,
            from_previous=False,
        )
        _round(last, rng, submitted=22, partial=2, share_yes=0.6)
    current = survey_from_template(
        county=stockholm,
        year=this_year,
        deadline=timezone.localdate() + datetime.timedelta(days=21),
        user=user,
    )
    _round(current, rng, submitted=11, partial=6, share_yes=0.75)
