"""The figures of a county's (or the whole country's) coordination work in one year, as
plain data: the dashboard renders them, and the status report will reuse them.

Each figure is one aggregate query, so the number of queries is the same for ten
activities as for ten thousand.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from kvinnofrid.regions.choices import OrganisationType
from kvinnofrid.regions.models import County, Municipality, StrategyGoal

from .models import Activity, ActivityParticipants, Meeting, NationalIssue, Network

OPEN_ISSUES_SHOWN = 10


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    key: str = ""


@dataclass(frozen=True)
class MunicipalityReach:
    municipality: Municipality
    activities: int


@dataclass(frozen=True)
class CountyComparison:
    county: County
    activities: int
    participants: int
    municipalities_reached: int
    municipalities_total: int
    meetings: int
    open_issues: int


@dataclass(frozen=True)
class Figures:
    year: int
    county: County | None  # None: the whole country
    activities: int
    by_kind: list[Row]
    by_goal: list[Row]
    participants: int
    participants_by_type: list[Row]
    active_networks: int
    meetings: int
    reached: list[MunicipalityReach]
    not_reached: list[Municipality]
    open_issues_count: int
    open_issues: list[NationalIssue]
    counties: list[CountyComparison] = field(default_factory=list)

    @property
    def municipalities_total(self) -> int:
        return len(self.reached) + len(self.not_reached)

    @property
    def max_by_kind(self) -> int:
        return max((row.count for row in self.by_kind), default=0)

    @property
    def max_by_goal(self) -> int:
        return max((row.count for row in self.by_goal), default=0)


def _year_range(year: int) -> Q:
    return Q(
        activity__starts_on__gte=datetime.date(year, 1, 1),
        activity__starts_on__lt=datetime.date(year + 1, 1, 1),
    )


def figures_for(*, county: County | None, year: int) -> Figures:
    """The year's figures for one county, or for every county when `county` is None. The
    caller has checked that the user may read them."""
    in_county = Q(activity__county=county) if county else Q()
    activities = Activity.objects.in_year(year)
    if county:
        activities = activities.for_county(county)

    # One pass over the year's activities gives the counts per kind, the participants and,
    # for the whole country, the same per county.
    per_county_kind = list(
        activities.order_by()
        .values_list("county_id", "kind")
        .annotate(n=Count("id"), people=Sum("participants"))
    )
    kind_counts: Counter = Counter()
    county_activities: Counter = Counter()
    county_participants: Counter = Counter()
    for county_id, kind, count, people in per_county_kind:
        kind_counts[kind] += count
        county_activities[county_id] += count
        county_participants[county_id] += people or 0
    by_kind = [
        Row(label=str(label), count=kind_counts.get(value, 0), key=value)
        for value, label in Activity.Kind.choices
    ]
    goal_counts = dict(
        Activity.goals.through.objects.filter(_year_range(year), in_county)
        .order_by()
        .values_list("strategygoal_id")
        .annotate(n=Count("activity_id"))
    )
    by_goal = [
        Row(
            label=f"{goal.number}. {goal.label}",
            count=goal_counts.get(goal.pk, 0),
            key=str(goal.number),
        )
        for goal in StrategyGoal.objects.order_by("number")
    ]
    participants = sum(county_participants.values())
    type_counts = dict(
        ActivityParticipants.objects.filter(_year_range(year), in_county)
        .order_by()
        .values_list("organisation_type")
        .annotate(n=Sum("count"))
    )
    participants_by_type = [
        Row(label=str(label), count=type_counts[value], key=value)
        for value, label in OrganisationType.choices
        if type_counts.get(value)
    ]

    networks = Network.objects.active()
    meetings = Meeting.objects.in_year(year)
    issues = NationalIssue.objects.open()
    if county:
        networks = networks.for_county(county)
        meetings = meetings.filter(county=county)
        issues = issues.for_county(county)

    reach_counts = dict(
        Activity.municipalities.through.objects.filter(_year_range(year), in_county)
        .order_by()
        .values_list("municipality_id")
        .annotate(n=Count("activity_id"))
    )
    municipalities = Municipality.objects.order_by("name")
    if county:
        municipalities = municipalities.filter(county=county)
    else:
        municipalities = municipalities.select_related("county")
    reached, not_reached = [], []
    for municipality in municipalities:
        count = reach_counts.get(municipality.pk, 0)
        if count:
            reached.append(MunicipalityReach(municipality=municipality, activities=count))
        else:
            not_reached.append(municipality)

    return Figures(
        year=year,
        county=county,
        activities=sum(kind_counts.values()),
        by_kind=by_kind,
        by_goal=by_goal,
        participants=participants,
        participants_by_type=participants_by_type,
        active_networks=networks.count(),
        meetings=meetings.count(),
        reached=reached,
        not_reached=not_reached,
        open_issues_count=issues.count(),
        open_issues=list(
            issues.select_related("county", "raised_by").order_by("-raised_on", "-pk")[
                :OPEN_ISSUES_SHOWN
            ]
        ),
        counties=[]
        if county
        else _county_comparison(
            year,
            activities=county_activities,
            participants=county_participants,
            reached=Counter(reach.municipality.county_id for reach in reached),
        ),
    )


def _county_comparison(
    year: int, *, activities: Counter, participants: Counter, reached: Counter
) -> list[CountyComparison]:
    """Every county side by side (the national coordinator's view). A municipality reached
    counts for the county it lies in, as on the county maps (a meeting of a network that
    spans two counties can reach the other county's municipalities)."""
    meetings = dict(
        Meeting.objects.in_year(year).order_by().values_list("county_id").annotate(n=Count("id"))
    )
    issues = dict(
        NationalIssue.objects.open().order_by().values_list("county_id").annotate(n=Count("id"))
    )
    return [
        CountyComparison(
            county=county,
            activities=activities.get(county.pk, 0),
            participants=participants.get(county.pk, 0),
            municipalities_reached=reached.get(county.pk, 0),
            municipalities_total=county.municipality_total,
            meetings=meetings.get(county.pk, 0),
            open_issues=issues.get(county.pk, 0),
        )
        for county in County.objects.annotate(municipality_total=Count("municipalities"))
    ]
