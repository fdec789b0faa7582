"""A county's year of work for the report tests, with figures the tests know exactly."""

import datetime

from kvinnofrid.coordination.models import Activity, NationalIssue, Network
from kvinnofrid.coordination.reference import municipality_organisation_name
from kvinnofrid.coordination.tests.factories import (
    ActivityFactory,
    MeetingFactory,
    NationalIssueFactory,
    NetworkFactory,
)
from kvinnofrid.regions.models import Municipality, StrategyGoal, TargetGroup, ViolenceArea
from kvinnofrid.surveys.models import Invitation
from kvinnofrid.surveys.tests.factories import invitation_make, municipality, survey_make

YEAR = 2025


def goals(*numbers):
    return list(StrategyGoal.objects.filter(number__in=numbers))


def activity(county, *, year=YEAR, goal_numbers=(), municipalities=(), **fields):
    made = ActivityFactory(county=county, starts_on=datetime.date(year, 4, 2), **fields)
    made.goals.set(goals(*goal_numbers))
    made.municipalities.set(Municipality.objects.filter(name__in=municipalities, county=county))
    return made


def county_year(county):
    """Four activities this year (goal 1 ×3, goal 2 ×2; Botkyrka and Solna reached), one
    the year before, one network meeting, one national issue, a survey with 3 of 4 invited
    municipalities submitted (and 1 of 2 the year before)."""
    area = ViolenceArea.objects.order_by("sort_order").first()
    group = TargetGroup.objects.order_by("sort_order").first()
    first = activity(
        county, goal_numbers=(1, 2), municipalities=["Botkyrka"], participants=10, kind="training"
    )
    first.violence_areas.set([area])
    first.target_groups.set([group])
    activity(county, goal_numbers=(1,), municipalities=["Botkyrka", "Solna"], participants=5)
    activity(county, goal_numbers=(1, 2), participants=7)
    activity(county, goal_numbers=(), municipalities=["Solna"])
    activity(county, year=YEAR - 1, goal_numbers=(1,), municipalities=["Nacka"])
    network = NetworkFactory(counties=[county], status=Network.Status.ACTIVE, name="Länsnätverket")
    MeetingFactory(
        network=network,
        county=county,
        starts_at=datetime.datetime(YEAR, 5, 4, 9, tzinfo=datetime.UTC),
    )
    NationalIssueFactory(
        county=county,
        title="Nationell vägledning om riskbedömning",
        raised_on=datetime.date(YEAR, 6, 1),
        status=NationalIssue.Status.FORWARDED,
    )
    survey = survey_make(county, year=YEAR)
    for index, name in enumerate(["Botkyrka", "Solna", "Nacka", "Täby"]):
        invitation_make(
            survey,
            municipality(county, municipality_organisation_name(name)),
            status=Invitation.Status.SUBMITTED if index < 3 else Invitation.Status.NOT_STARTED,
        )
    previous = survey_make(county, year=YEAR - 1)
    invitation_make(
        previous, municipality(county, "Botkyrka kommun"), status=Invitation.Status.SUBMITTED
    )
    invitation_make(previous, municipality(county, "Solna stad"))
    return Activity.objects.filter(county=county)


def full_county_year(county):
    """`county_year` plus what the remaining tables of the report need: an adopted action
    plan (measures, indicators), an event held in the year and a publication of the year,
    so that every table of the county report has rows."""
    from kvinnofrid.coordination.models import ActivityParticipants
    from kvinnofrid.events.models import EventOccasion
    from kvinnofrid.events.tests.factories import event_create
    from kvinnofrid.knowledge.models import Resource
    from kvinnofrid.plans.tests.factories import full_plan

    activities = county_year(county)
    ActivityParticipants.objects.create(
        activity=activities.filter(starts_on__year=YEAR).first(),
        organisation_type="municipality",
        count=10,
    )
    full_plan(county)
    event_create(
        county=county,
        title="Länsgemensam utbildningsdag om våld i nära relationer",
        occasions=[
            EventOccasion(
                date=datetime.date(YEAR, 5, 12),
                start_time=datetime.time(9),
                end_time=datetime.time(16),
            )
        ],
    )
    Resource.objects.create(
        title="Kartläggning av skyddat boende i länet",
        summary="…",
        kind="report",
        publisher="Länsstyrelsen",
        county=county,
        year=YEAR,
        live=True,
    )
    return activities
