"""The figures of a status report as plain data, separate from any rendering.

`report_data(county=, year=)` assembles one county's year from the platform: the activity
log (through the coordination dashboard's `figures_for`, so the report and the dashboard
never disagree), networks and meetings, events and their registrations, publications in
the knowledge bank, issues raised to national level, action plans (`plans.reporting`) and
the survey to the municipalities (`surveys.reporting`), each with the previous year where
the report compares. `national_data(year=)` puts every county's key figures side by side.

Only strings, numbers, dates and lists of small dataclasses leave this module, so the PDF,
DOCX and XLSX renderers (and tests) need no database.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from kvinnofrid.coordination.dashboard import figures_for
from kvinnofrid.coordination.models import Activity, Meeting, NationalIssue, Network
from kvinnofrid.events.models import EventKind, EventPage, Registration, RegistrationTally
from kvinnofrid.knowledge.models import Resource
from kvinnofrid.plans.reporting import plan_followup_for
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea
from kvinnofrid.surveys.models import Invitation
from kvinnofrid.surveys.reporting import survey_results_for


@dataclass(frozen=True)
class Row:
    """One line of a table of counts, with the previous year's count where compared."""

    label: str
    count: int
    previous: int | None = None
    key: str = ""


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    activities: int = 0


@dataclass(frozen=True)
class NetworkRow:
    name: str
    status: str
    meetings: int  # meetings of the network in the year


@dataclass(frozen=True)
class EventRow:
    title: str
    kind: str
    first_day: datetime.date | None
    occasions: int  # occasions in the year
    registered: int  # confirmed registrations (kept as anonymous counts after erasure)
    attended: int


@dataclass(frozen=True)
class PublicationRow:
    title: str
    kind: str
    publisher: str


@dataclass(frozen=True)
class IssueRow:
    title: str
    status: str
    raised_on: datetime.date


@dataclass(frozen=True)
class MeasureLine:
    goal: str
    title: str
    status: str
    progress: int
    late: bool
    comment: str


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str
    goal: str
    points: list[tuple[int, float]]
    trend: str


@dataclass(frozen=True)
class PlanRow:
    title: str
    kind: str
    period: str
    status: str
    measures_total: int
    by_status: list[Row]
    late: int
    percent_done: int
    percent_late: int
    measures: list[MeasureLine]
    indicators: list[IndicatorLine]


@dataclass(frozen=True)
class SurveyQuestionLine:
    key: str
    text: str
    answered: int
    # (answer, count this year, count the previous year or None)
    counts: list[tuple[str, int, int | None]] = field(default_factory=list)
    total: float | None = None
    mean: float | None = None
    previous_mean: float | None = None


@dataclass(frozen=True)
class SurveySummary:
    title: str
    invited: int
    submitted: int
    response_rate: float | None  # 0–1
    previous_invited: int
    previous_submitted: int
    previous_response_rate: float | None
    questions: list[SurveyQuestionLine]

    @staticmethod
    def percent(rate: float | None) -> str:
        return "–" if rate is None else f"{round(100 * rate)} %"


@dataclass(frozen=True)
class ReportData:
    county_code: str
    county_name: str
    year: int
    activities_total: int
    previous_activities_total: int
    by_kind: list[Row]
    by_goal: list[Row]
    by_area: list[Row]
    by_target_group: list[Row]
    participants_total: int
    previous_participants_total: int
    participants_by_type: list[Row]
    reached: list[Municipality]
    not_reached: list[Municipality]
    networks: list[NetworkRow]
    meetings_total: int  # meetings the county held in the year
    events: list[EventRow]
    registrations_total: int
    attended_total: int
    publications: list[PublicationRow]
    issues: list[IssueRow]  # raised in the year
    issues_by_status: list[Row]
    plans: list[PlanRow]
    survey: SurveySummary | None

    @property
    def municipalities_total(self) -> int:
        return len(self.reached) + len(self.not_reached)

    @property
    def events_total(self) -> int:
        return len(self.events)

    def goal(self, number: int) -> Row:
        return next(row for row in self.by_goal if row.key == str(number))


@dataclass(frozen=True)
class CountyFigures:
    code: str
    name: str
    activities: int
    participants: int
    municipalities_reached: int
    municipalities_total: int
    meetings: int
    events: int
    registrations: int
    publications: int
    issues_raised: int
    response_rate: float | None


@dataclass(frozen=True)
class NationalData:
    year: int
    counties: list[CountyFigures]
    by_kind: list[Row]
    by_goal: list[Row]
    participants_by_type: list[Row]
    activities_total: int
    previous_activities_total: int

    def total(self, name: str) -> int:
        return sum(getattr(county, name) for county in self.counties)

    @property
    def response_rate(self) -> float | None:
        # Of all invitations in the country, not a mean of the counties' rates.
        invited = sum(self._invited.values())
        return sum(self._submitted.values()) / invited if invited else None

    _invited: dict = field(default_factory=dict, repr=False)
    _submitted: dict = field(default_factory=dict, repr=False)


def _year_q(prefix: str, year: int) -> Q:
    return Q(
        **{
            f"{prefix}__gte": datetime.date(year, 1, 1),
            f"{prefix}__lt": datetime.date(year + 1, 1, 1),
        }
    )


def _compare(current: list, previous: list) -> list[Row]:
    before = {row.key: row.count for row in previous}
    return [
        Row(label=row.label, count=row.count, previous=before.get(row.key, 0), key=row.key)
        for row in current
    ]


def _vocabulary_counts(model, through, county, year: int) -> list[Row]:
    """Activities per violence area or target group, this year and the year before."""
    column = f"{model._meta.model_name}_id"
    counts = {}
    for when in (year, year - 1):
        counts[when] = dict(
            through.objects.filter(_year_q("activity__starts_on", when), activity__county=county)
            .order_by()
            .values_list(column)
            .annotate(n=Count("activity_id"))
        )
    return [
        Row(
            label=term.name,
            count=counts[year].get(term.pk, 0),
            previous=counts[year - 1].get(term.pk, 0),
            key=term.slug,
        )
        for term in model.objects.order_by("sort_order", "name")
        if counts[year].get(term.pk) or counts[year - 1].get(term.pk)
    ]


def _events(county, year: int) -> list[EventRow]:
    events = list(
        EventPage.objects.live()
        .filter(county=county, occasions__date__year=year)
        .annotate(
            occasions_in_year=Count(
                "occasions", filter=Q(occasions__date__year=year), distinct=True
            )
        )
        .order_by("starts_on", "pk")
    )
    ids = [event.pk for event in events]
    registered = Counter()
    attended = Counter()
    for event_id, confirmed, present in (
        Registration.objects.filter(event__in=ids)
        .order_by()
        .values_list("event_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            present=Count("pk", filter=Q(attended=True)),
        )
    ):
        registered[event_id] += confirmed
        attended[event_id] += present
    # After the registrants' data is erased, only the anonymous tallies are left.
    for event_id, confirmed, present in (
        RegistrationTally.objects.filter(event__in=ids)
        .order_by()
        .values_list("event_id")
        .annotate(confirmed=Sum("registered"), present=Sum("attended"))
    ):
        registered[event_id] += confirmed or 0
        attended[event_id] += present or 0
    kinds = dict(EventKind.choices)
    return [
        EventRow(
            title=event.title,
            kind=str(kinds.get(event.kind, event.kind)),
            first_day=event.starts_on,
            occasions=event.occasions_in_year,
            registered=registered[event.pk],
            attended=attended[event.pk],
        )
        for event in events
    ]


def _plans(county, year: int) -> list[PlanRow]:
    rows = []
    for followup in plan_followup_for(county=county, year=year):
        plan = followup.plan
        rows.append(
            PlanRow(
                title=plan.title,
                kind=plan.get_kind_display(),
                period=f"{plan.period_start}–{plan.period_end}",
                status=plan.get_status_display(),
                measures_total=followup.measures_total,
                by_status=[
                    Row(label=label, count=count, key=key)
                    for key, label, count, _percent in followup.status_rows
                ],
                late=followup.late,
                percent_done=followup.percent_done,
                percent_late=followup.percent_late,
                measures=[
                    MeasureLine(
                        goal=row.goal_title,
                        title=row.measure.title,
                        status=row.measure.get_status_display(),
                        progress=row.measure.progress,
                        late=row.late,
                        comment=row.comment,
                    )
                    for row in followup.measures
                ],
                indicators=[
                    IndicatorLine(
                        name=series.indicator.name,
                        unit=series.indicator.unit,
                        goal=series.goal_title,
                        points=[(point_year, float(value)) for point_year, value in series.points],
                        trend=series.trend_label,
                    )
                    for series in followup.indicators
                ],
            )
        )
    return rows


def _survey(county, year: int) -> SurveySummary | None:
    results = survey_results_for(county=county, year=year)
    if results.survey is None:
        return None
    previous = results.previous
    questions = []
    for question in results.questions:
        before = question.previous
        if question.counts:
            counts = [
                (label, count, before.counts.get(label) if before else None)
                for label, count in question.counts.items()
            ]
            questions.append(
                SurveyQuestionLine(
                    key=question.key, text=question.text, answered=question.answered, counts=counts
                )
            )
        elif question.kind == "number":
            questions.append(
                SurveyQuestionLine(
                    key=question.key,
                    text=question.text,
                    answered=question.answered,
                    total=question.total,
                    mean=question.mean,
                    previous_mean=before.mean if before else None,
                )
            )
    return SurveySummary(
        title=results.survey.title,
        invited=results.invited,
        submitted=results.submitted,
        response_rate=results.response_rate,
        previous_invited=previous.invited if previous else 0,
        previous_submitted=previous.submitted if previous else 0,
        previous_response_rate=previous.response_rate if previous else None,
        questions=questions,
    )


def report_data(*, county: County, year: int) -> ReportData:
    """Every figure of one county's status report for `year`. The caller has checked that
    the user may read the county."""
    figures = figures_for(county=county, year=year)
    before = figures_for(county=county, year=year - 1)

    meetings_per_network = dict(
        Meeting.objects.in_year(year).order_by().values_list("network_id").annotate(n=Count("pk"))
    )
    networks = [
        NetworkRow(
            name=network.name,
            status=network.get_status_display(),
            meetings=meetings_per_network.get(network.pk, 0),
        )
        for network in Network.objects.for_county(county).order_by("name")
        if network.status == Network.Status.ACTIVE or meetings_per_network.get(network.pk)
    ]

    events = _events(county, year)
    issues = list(
        NationalIssue.objects.for_county(county)
        .filter(raised_on__year=year)
        .order_by("raised_on", "pk")
    )
    issue_counts = Counter(issue.status for issue in issues)
    publications = [
        PublicationRow(
            title=resource.title, kind=resource.get_kind_display(), publisher=resource.publisher
        )
        # Joint material (a mapping by several counties) belongs in each of their reports.
        for resource in Resource.objects.in_county(county)
        .filter(year=year, live=True)
        .order_by("title", "pk")
    ]
    return ReportData(
        county_code=county.code,
        county_name=county.name,
        year=year,
        activities_total=figures.activities,
        previous_activities_total=before.activities,
        by_kind=_compare(figures.by_kind, before.by_kind),
        by_goal=_compare(figures.by_goal, before.by_goal),
        by_area=_vocabulary_counts(ViolenceArea, Activity.violence_areas.through, county, year),
        by_target_group=_vocabulary_counts(
            TargetGroup, Activity.target_groups.through, county, year
        ),
        participants_total=figures.participants,
        previous_participants_total=before.participants,
        participants_by_type=_compare(figures.participants_by_type, before.participants_by_type),
        reached=[
            Municipality(
                code=reach.municipality.code,
                name=reach.municipality.name,
                activities=reach.activities,
            )
            for reach in figures.reached
        ],
        not_reached=[
            Municipality(code=municipality.code, name=municipality.name)
            for municipality in figures.not_reached
        ],
        networks=networks,
        meetings_total=figures.meetings,
        events=events,
        registrations_total=sum(event.registered for event in events),
        attended_total=sum(event.attended for event in events),
        publications=publications,
        issues=[
            IssueRow(
                title=issue.title, status=issue.get_status_display(), raised_on=issue.raised_on
            )
            for issue in issues
        ],
        issues_by_status=[
            Row(label=str(label), count=issue_counts.get(value, 0), key=value)
            for value, label in NationalIssue.Status.choices
        ],
        plans=_plans(county, year),
        survey=_survey(county, year),
    )


def national_data(*, year: int) -> NationalData:
    """Every county's key figures for `year` side by side, with national totals."""
    figures = figures_for(county=None, year=year)
    before = figures_for(county=None, year=year - 1)
    events = dict(
        EventPage.objects.live()
        .filter(county__isnull=False, occasions__date__year=year)
        .order_by()
        .values_list("county_id")
        .annotate(n=Count("pk", distinct=True))
    )
    event_ids = EventPage.objects.live().filter(occasions__date__year=year).values("pk")
    registrations: Counter = Counter(
        dict(
            Registration.objects.filter(event__in=event_ids, status=Registration.Status.CONFIRMED)
            .order_by()
            .values_list("event__county_id")
            .annotate(n=Count("pk"))
        )
    )
    for county_id, count in (
        RegistrationTally.objects.filter(event__in=event_ids)
        .order_by()
        .values_list("event__county_id")
        .annotate(n=Sum("registered"))
    ):
        registrations[county_id] += count or 0
    publications = dict(
        Resource.objects.filter(year=year, live=True, county__isnull=False)
        .order_by()
        .values_list("county_id")
        .annotate(n=Count("pk"))
    )
    issues = dict(
        NationalIssue.objects.filter(raised_on__year=year)
        .order_by()
        .values_list("county_id")
        .annotate(n=Count("pk"))
    )
    invited: dict = defaultdict(int)
    submitted: dict = defaultdict(int)
    for county_id, total, done in (
        Invitation.objects.filter(survey__year=year)
        .active()
        .order_by()
        .values_list("survey__county_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=Invitation.Status.SUBMITTED)))
    ):
        invited[county_id] += total
        submitted[county_id] += done
    counties = [
        CountyFigures(
            code=row.county.code,
            name=row.county.name,
            activities=row.activities,
            participants=row.participants,
            municipalities_reached=row.municipalities_reached,
            municipalities_total=row.municipalities_total,
            meetings=row.meetings,
            events=events.get(row.county.pk, 0),
            registrations=registrations.get(row.county.pk, 0),
            publications=publications.get(row.county.pk, 0),
            issues_raised=issues.get(row.county.pk, 0),
            response_rate=(submitted[row.county.pk] / invited[row.county.pk])
            if invited.get(row.county.pk)
            else None,
        )
        for row in sorted(figures.counties, key=lambda row: row.county.code)
    ]
    return NationalData(
        year=year,
        counties=counties,
        by_kind=_compare(figures.by_kind, before.by_kind),
        by_goal=_compare(figures.by_goal, before.by_goal),
        participants_by_type=_compare(figures.participants_by_type, before.participants_by_type),
        activities_total=figures.activities,
        previous_activities_total=before.activities,
        _invited=dict(invited),
        _submitted=dict(submitted),
    )


def no_data_label() -> str:
    return _("Inga uppgifter")
