"""Demo coordination work for `make run`: a year of Stockholm's log, its networks and
meetings, fictitious contacts and a few issues raised to national level, so that the
dashboard and lists show something believable. Idempotent. Dates are relative to today;
a fixed random seed makes every run the same."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kvinnofrid.regions.models import County, Municipality, StrategyGoal, TargetGroup, ViolenceArea

from .models import (
    ActivityParticipants,
    Contact,
    Meeting,
    NationalIssue,
    Network,
    NetworkMember,
    Organisation,
)
from .services import activity_record, meeting_activity_sync, national_issues_group

MARKER_NETWORK = "Kvinnofridsnätverket i Stockholms län"

NATIONAL_ORGANISATIONS = [
    ("Jämställdhetsmyndigheten", Organisation.Kind.AGENCY),
    ("Socialstyrelsen", Organisation.Kind.AGENCY),
    ("Polismyndigheten", Organisation.Kind.AGENCY),
    ("Brottsoffermyndigheten", Organisation.Kind.AGENCY),
    ("Nationellt centrum för kvinnofrid (NCK), Uppsala universitet", Organisation.Kind.UNIVERSITY),
]
STOCKHOLM_ORGANISATIONS = [
    ("Kvinnojouren i Södertörn (demo)", "womens_shelter"),
    ("Tjejjouren Norrort (demo)", "young_womens_shelter"),
    ("Brottsofferjouren Stockholm (demo)", "victim_support"),
]
# Fictitious people: the demo holds no real personal data.
CONTACTS = [
    ("Anna Exempelsson", "0127", "Kvinnofridssamordnare"),
    ("Bo Provsson", "0180", "Kvinnofridssamordnare"),
    ("Cecilia Demosdotter", "0138", "Enhetschef, socialtjänsten"),
    ("David Testberg", "0182", "Kvinnofridssamordnare"),
]
TITLES = {
    "municipality_visit": "Kommunbesök i {municipality}",
    "training": "Utbildning om våld i nära relationer i {municipality}",
    "method_support": "Metodstöd om riskbedömning i {municipality}",
    "county_collaboration": "Länssamverkan mot mäns våld mot kvinnor",
    "conference": "Länskonferens om barn som upplever våld",
    "webinar": "Webbinarium om hedersrelaterat våld och förtryck",
    "campaign": "Kampanjen mot sexuell exploatering: material till kommunerna",
    "mapping_study": "Kartläggning av kommunernas arbete med våldsutövare",
}
KIND_WEIGHTS = {
    "municipality_visit": 10,
    "training": 4,
    "method_support": 4,
    "county_collaboration": 2,
    "conference": 1,
    "webinar": 2,
    "campaign": 1,
    "mapping_study": 1,
}


def _organisations(stockholm: County) -> dict[str, Organisation]:
    made = {}
    for name, kind in NATIONAL_ORGANISATIONS:
        made[name], _ = Organisation.objects.get_or_create(
            name=name, county=None, defaults={"kind": kind}
        )
    for name, sub_kind in STOCKHOLM_ORGANISATIONS:
        made[name], _ = Organisation.objects.get_or_create(
            name=name,
            county=stockholm,
            defaults={"kind": Organisation.Kind.CIVIL_SOCIETY, "civil_society_kind": sub_kind},
        )
    return made


@transaction.atomic
def demo_coordination_load(*, user) -> None:
    if Network.objects.filter(name=MARKER_NETWORK).exists():
        return
    rng = random.Random(2026)
    stockholm = County.objects.get(code="01")
    uppsala = County.objects.get(code="03")
    organisations = _organisations(stockholm)
    municipal = {
        org.municipality.code: org
        for org in Organisation.objects.municipalities()
        .filter(county=stockholm)
        .select_related("municipality")
    }

    contacts = []
    for name, code, title in CONTACTS:
        contacts.append(
            Contact.objects.create(
                county=stockholm,
                organisation=municipal[code],
                name=name,
                title=title,
                email=f"{name.split()[0].lower()}@example.org",
                is_municipal_coordinator=title == "Kvinnofridssamordnare",
                source="Anmälan till Kvinnofridsnätverket (demo)",
            )
        )

    areas = {area.slug: area for area in ViolenceArea.objects.all()}
    groups = list(TargetGroup.objects.all())
    network = Network.objects.create(
        name=MARKER_NETWORK,
        purpose=(
            "Nätverk för kommunernas kvinnofridssamordnare: erfarenhetsutbyte, omvärldsbevakning "
            "och stöd i att genomföra den nationella strategin lokalt."
        ),
    )
    network.counties.set([stockholm])
    network.target_groups.set(groups[:2])
    network.violence_areas.set(list(areas.values())[:2])
    members = [
        NetworkMember.objects.create(network=network, contact=contact, role=role)
        for contact, role in zip(contacts, ["convener", "member", "member", "member"], strict=True)
    ]
    honour = Network.objects.create(
        name="Specialistnätverket mot hedersrelaterat våld och förtryck (Stockholm–Uppsala)",
        purpose="Fördjupning för yrkesverksamma i två län: skydd, stöd och samverkan.",
    )
    honour.counties.set([stockholm, uppsala])
    honour_area = areas["hedersrelaterat-vald"]
    honour.violence_areas.set([honour_area])
    NetworkMember.objects.create(
        network=honour, organisation=organisations["Kvinnojouren i Södertörn (demo)"]
    )
    delegation = Network.objects.create(
        name="Länsdelegationen för jämställdhet",
        purpose="Strategisk samverkan mellan länets huvudmän, med landshövdingen som ordförande.",
    )
    delegation.counties.set([stockholm])
    NetworkMember.objects.create(
        network=delegation,
        organisation=Organisation.objects.get(reference_key="region:01"),
        role=NetworkMember.Role.MEMBER,
    )

    today = timezone.localdate()
    for days_ago in (300, 190, 80, 20):
        meeting = Meeting.objects.create(
            network=network,
            county=stockholm,
            starts_at=timezone.make_aware(
                datetime.datetime.combine(
                    today - datetime.timedelta(days=days_ago), datetime.time(13, 0)
                )
            ),
            format="digital" if days_ago % 2 else "physical",
            place="Länsstyrelsen, Hantverkargatan" if days_ago % 2 == 0 else "",
            agenda="Nyheter från länsstyrelsen, erfarenhetsutbyte, kommande utbildningar.",
            other_participants=rng.randint(0, 4),
        )
        meeting.attendees.set(rng.sample(members, k=rng.randint(2, len(members))))
        meeting_activity_sync(meeting=meeting, user=user)

    goals = list(StrategyGoal.objects.order_by("number"))
    municipalities = list(Municipality.objects.filter(county=stockholm).order_by("code"))
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    for days_ago in sorted(rng.sample(range(1, 700), 60), reverse=True):
        kind = rng.choices(kinds, weights)[0]
        reached = rng.sample(municipalities, k=1 if kind != "county_collaboration" else 4)
        participants = rng.randint(3, 12) if kind == "municipality_visit" else rng.randint(15, 120)
        activity = activity_record(
            county=stockholm,
            kind=kind,
            title=TITLES[kind].format(municipality=reached[0].name),
            starts_on=today - datetime.timedelta(days=days_ago),
            municipalities=reached,
            organisations=[municipal[m.code] for m in reached],
            goals=rng.sample(goals, k=rng.randint(1, 2)),
            participants=participants,
            description="Demo: genomgång av kommunens arbete och behov av stöd.",
            user=user,
        )
        activity.violence_areas.set(rng.sample(list(areas.values()), k=rng.randint(0, 2)))
        activity.target_groups.set(rng.sample(groups, k=rng.randint(1, 2)))
        if kind != "municipality_visit":
            ActivityParticipants.objects.create(
                activity=activity,
                organisation_type="municipality",
                count=participants - participants // 4,
            )
            ActivityParticipants.objects.create(
                activity=activity, organisation_type="region", count=participants // 4
            )

    raised = [
        (
            stockholm,
            "Vägledning om barnäktenskap och erkännande av utländska äktenskap",
            "preparing",
            "Botkyrka",
        ),
        (stockholm, "Finansiering av skyddat boende för kvinnor med missbruk", "new", "Stockholm"),
        (
            stockholm,
            "Rutiner för informationsdelning mellan socialtjänst och polis",
            "forwarded",
            "Huddinge",
        ),
        (uppsala, "Barnäktenskap: vägledning till socialtjänsten saknas", "new", "Uppsala"),
    ]
    issues = []
    for county, title, status, municipality_name in raised:
        issues.append(
            NationalIssue.objects.create(
                county=county,
                title=title,
                status=status,
                raised_by=Organisation.objects.municipalities()
                .filter(municipality__name=municipality_name)
                .first(),
                topic=honour_area if "äktenskap" in title else None,
                description="Demo: kommunerna efterfrågar nationell vägledning.",
                raised_on=today - datetime.timedelta(days=rng.randint(10, 200)),
                forwarded_to=organisations["Socialstyrelsen"] if status == "forwarded" else None,
            )
        )
    national_issues_group(issues=[issues[0], issues[3]], title="Barnäktenskap", user=user)
