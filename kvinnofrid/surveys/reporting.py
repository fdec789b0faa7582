"""Survey results as plain data, for the results page and the status report
(lägesrapport): `survey_results_for(county=, year=)` gives the response rate and, per
question key, the aggregated answers of the organisations that submitted, with the same
figures for the previous year's survey where the key exists there too."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from kvinnofrid.regions.models import County

from .models import Answer, Invitation, QuestionKind, Survey


@dataclass
class QuestionResult:
    key: str
    text: str
    section: str
    kind: str
    answered: int = 0
    # Choice questions: option -> number of organisations (every option, also zeros).
    counts: dict[str, int] = field(default_factory=dict)
    # Grids: row -> column -> number of organisations.
    grid: dict[str, dict[str, int]] = field(default_factory=dict)
    # Numbers.
    total: float | None = None
    mean: float | None = None
    # Text and dates: (organisation, answer).
    texts: list[tuple[str, str]] = field(default_factory=list)
    previous: "QuestionResult | None" = None

    @property
    def max_count(self) -> int:
        return max(self.counts.values(), default=0)


@dataclass
class SurveyResults:
    county: County
    year: int
    survey: Survey | None
    invited: int = 0
    submitted: int = 0
    partial: int = 0
    not_started: int = 0
    questions: list[QuestionResult] = field(default_factory=list)
    previous: "SurveyResults | None" = None

    @property
    def response_rate(self) -> float | None:
        """Share of invited organisations that submitted (0–1), None if nobody was invited."""
        return self.submitted / self.invited if self.invited else None

    @property
    def response_percent(self) -> int | None:
        rate = self.response_rate
        return None if rate is None else round(rate * 100)

    def question(self, key: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.key == key), None)


def _labels(question) -> list[tuple[str, str]]:
    return question.choices


def _results(survey: Survey | None, county: County, year: int) -> SurveyResults:
    results = SurveyResults(county=county, year=year, survey=survey)
    if survey is None:
        return results
    tally = (
        Invitation.objects.filter(survey=survey)
        .active()
        .aggregate(
            invited=Count("pk"),
            submitted=Count("pk", filter=Q(status=Invitation.Status.SUBMITTED)),
            partial=Count("pk", filter=Q(status=Invitation.Status.PARTIAL)),
            not_started=Count("pk", filter=Q(status=Invitation.Status.NOT_STARTED)),
        )
    )
    results.invited = tally["invited"]
    results.submitted = tally["submitted"]
    results.partial = tally["partial"]
    results.not_started = tally["not_started"]
    answers: dict[int, list] = {}
    for question_id, value, organisation in (
        Answer.objects.submitted()
        .filter(invitation__survey=survey)
        .order_by("invitation__organisation__name")
        .values_list("question_id", "value", "invitation__organisation__name")
    ):
        answers.setdefault(question_id, []).append((organisation, value))
    for question in survey.questions.order_by("sort_order"):
        given = answers.get(question.pk, [])
        result = QuestionResult(
            key=question.key,
            text=question.text,
            section=question.section,
            kind=question.kind,
            answered=len(given),
        )
        if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counter = Counter()
            for _organisation, value in given:
                counter.update(value if isinstance(value, list) else [value])
            result.counts = {label: counter[value] for value, label in _labels(question)}
        elif question.kind == QuestionKind.GRID:
            result.grid = {
                row: {
                    column: sum(1 for _o, value in given if (value or {}).get(row) == column)
                    for column in question.option_list
                }
                for row in question.row_list
            }
        elif question.kind == QuestionKind.YEAR:
            # How many gave each year, oldest first: a mean year would mean nothing.
            years = Counter(str(value) for _o, value in given if isinstance(value, int))
            result.counts = {year: years[year] for year in sorted(years)}
        elif question.kind == QuestionKind.NUMBER:
            numbers = [value for _o, value in given if isinstance(value, int | float)]
            result.total = sum(numbers) if numbers else None
            result.mean = round(sum(numbers) / len(numbers), 2) if numbers else None
        else:
            result.texts = [(organisation, str(value)) for organisation, value in given]
        results.questions.append(result)
    return results


def survey_results_for(*, county: County, year: int, compare: bool = True) -> SurveyResults:
    """The county's survey results for a year (submitted answers only), with the previous
    year's figures attached per question key when `compare` is set."""
    surveys = {
        survey.year: survey
        for survey in Survey.objects.filter(county=county, year__in=[year, year - 1])
    }
    results = _results(surveys.get(year), county, year)
    if compare:
        results.previous = _results(surveys.get(year - 1), county, year - 1)
        for question in results.questions:
            question.previous = results.previous.question(question.key)
    return results
