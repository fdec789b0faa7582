"""Benchmark: the coordination workspace — the activity log and the dashboard at the scale
of every county's log over several years.

Creates its own throw-away PostgreSQL database on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it (counties, municipalities, the
strategy's vocabulary, the registry's municipality and region organisations) and fills
it, with COPY, with a generated registry and activity log:

* per county: civil-society organisations, national agencies shared by all, contacts,
  --networks-per-county networks (a few spanning two counties) with members, target
  groups and violence areas, and national issues in every status;
* per county and year, --per-county-year activities (21 x 5 x 2 000 = 210 000 by
  default): kinds weighted (municipality visits most common), 1–3 of the county's
  municipalities (some far more often than others), organisations, 0–3 strategy goals,
  0–2 violence areas, 0–2 target groups, participants (some split per organisation type);
  network meetings are a Meeting with attendees and the activity that
  services.meeting_activity_sync keeps in step with it, and a share of the other
  activities names a network. Activities get ids in date order, as if entered over the
  years.

The data are loaded in two steps, --first per county and year and then the rest, and
VACUUM ANALYZEd after each (the state autovacuum leaves a live site in; --analyze-only
for ANALYZE alone, after which autovacuum may change the plans while pages are timed).
At each size the SQL queries per page are counted in-process (Django
test Client, CaptureQueriesContext); they should not grow with the rows. At the full size
gunicorn serves the database and a county coordinator of Stockholm (01) and a national
coordinator, each with a real session cookie of a login with a confirmed TOTP device,
GET in rounds, after warm-up:

* the activity list /admin/insatser/ unfiltered, by year, year+kind, year+goal,
  year+municipality, year+network and a search ?q=;
* the dashboard /admin/samordning/?lan=01&ar=<latest year> and ?lan=alla (national).

It prints p50/p95 beside the targets (list p95 <= 200 ms, dashboard p95 <= 500 ms) and
checks the figures against direct SQL (the list's counts per filter, the dashboard's
activities, participants, meetings and open issues, in-process and over HTTP); the exit
status is 1 if a check fails. For a page over its target it prints EXPLAIN ANALYZE of the
page's slowest queries (--explain). The database is dropped at the end, also after an
error (KVINNOFRID_BENCH_KEEP_DB=1 keeps it; --database NAME measures a kept database
again, after migrating it, e.g. to see what a new index does, without generating anew).

    .venv/bin/python bench/coordination.py                                  # 210 000
    .venv/bin/python bench/coordination.py --per-county-year 50 --years 2   # quick
    KVINNOFRID_BENCH_KEEP_DB=1 .venv/bin/python bench/coordination.py       # then later:
    .venv/bin/python bench/coordination.py --database kvinnofrid_bench_coordination_<pid>
"""

import argparse
import datetime
import os
import random
import re
import signal
import sys
import tempfile
import time
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from harness import BenchDatabase, Server, load, percentile, say  # noqa: E402

LIST = "/admin/insatser/"
DASHBOARD = "/admin/samordning/"
LIST_TARGET_MS = 200.0
DASHBOARD_TARGET_MS = 500.0
COUNTY = "01"  # the county coordinator's county (Stockholm)
SEARCH_TERM = "FREDA"
SEARCH_SHARE = 0.03  # of descriptions that mention the search term
NETWORK_LINK_SHARE = 0.10  # of the activities that are not meetings
PARTICIPANT_ROWS_SHARE = 0.35  # of the activities with participants, not meetings
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")

KIND_WEIGHTS = {
    "municipality_visit": 34,
    "network_meeting": 14,
    "training": 12,
    "method_support": 10,
    "county_collaboration": 8,
    "webinar": 6,
    "conference": 5,
    "campaign": 3,
    "mapping_study": 2,
    "other": 6,
}
PARTICIPANTS = {  # kind: (share without a number, low, high)
    "municipality_visit": (0.05, 2, 15),
    "training": (0.05, 8, 80),
    "method_support": (0.10, 2, 20),
    "county_collaboration": (0.10, 5, 40),
    "webinar": (0.05, 20, 400),
    "conference": (0.05, 40, 350),
    "campaign": (0.60, 50, 2000),
    "mapping_study": (0.70, 1, 10),
    "other": (0.30, 2, 60),
}
MUNICIPALITIES_PER_ACTIVITY = {1: 60, 2: 28, 3: 12}
GOALS_PER_ACTIVITY = {0: 15, 1: 45, 2: 30, 3: 10}
GOAL_WEIGHTS = {1: 35, 2: 35, 3: 10, 4: 20}
VIOLENCE_AREAS_PER_ACTIVITY = {0: 25, 1: 50, 2: 25}
TARGET_GROUPS_PER_ACTIVITY = {0: 30, 1: 45, 2: 25}
PARTICIPANT_TYPES = {
    "municipality": 40,
    "region": 15,
    "police": 10,
    "womens_shelter": 10,
    "young_womens_shelter": 4,
    "victim_support": 5,
    "agency": 6,
    "civil_society": 5,
    "university": 2,
    "business": 1,
    "other": 2,
}
ISSUE_STATUS_WEIGHTS = {"new": 20, "preparing": 20, "forwarded": 20, "answered": 25, "closed": 15}
NETWORK_STATUS_WEIGHTS = {"active": 80, "paused": 15, "closed": 5}

# Short phrases for titles, by violence area slug.
TOPIC = {
    "fysiskt-psykiskt-sexuellt-vald": "sexuellt våld",
    "vald-i-nara-relationer": "våld i nära relationer",
    "hedersrelaterat-vald": "hedersrelaterat våld och förtryck",
    "prostitution-manniskohandel": "prostitution och människohandel",
    "kommersialisering-exploatering": "exploatering i medier",
    "barn-som-upplever-vald": "barn som upplever våld",
    "vald-mot-aldre-kvinnor": "våld mot äldre kvinnor",
    "vald-mot-personer-med-funktionsnedsattning": "våld mot personer med funktionsnedsättning",
    "personer-som-utovar-vald": "våldsutövare",
    "sexuella-trakasserier": "sexuella trakasserier",
    "vald-som-arbetsgivarfraga": "våld som arbetsgivarfråga",
    "vald-mot-djur": "våld mot djur och människor",
}
AUDIENCES = [
    "socialtjänsten",
    "hälso- och sjukvården",
    "skolkuratorer",
    "förskolans personal",
    "polisen",
    "tandvården",
    "chefer och politiker",
    "äldreomsorgen",
    "LSS-verksamheter",
]
METHODS = ["FREDA", "SARA:SV", "PATRIARK", "Våga fråga", "MVP", "Barnahus", "SAMBA"]
CAMPAIGNS = ["Orange Day", "16 dagar mot våld", "Våga fråga-veckan", "Stoppa mäns våld"]
SENTENCES = [
    "Samtalet handlade om hur kommunen arbetar med {topic}.",
    "Deltagarna gick igenom kommunens handlingsplan och rutiner.",
    "Socialtjänsten beskrev hur ärenden om {topic} tas emot och bedöms.",
    "Vi diskuterade samverkan mellan kommun, region och polis.",
    "Länsstyrelsen presenterade aktuell statistik och nationella riktlinjer.",
    "Behov av fortsatt kompetensutveckling för {audience} lyftes.",
    "Kvinnojouren deltog och berättade om sitt arbete med skyddat boende.",
    "Frågan om långsiktig finansiering av det våldsförebyggande arbetet togs upp.",
    "Uppföljning planeras till nästa kvartal.",
    "Materialet från Jämställdhetsmyndigheten och Nationellt centrum för kvinnofrid delades.",
    "Kommunen har utsett en ny kvinnofridssamordnare.",
    "Barnperspektivet i utredningar om {topic} diskuterades särskilt.",
]
SEARCH_SENTENCES = [
    "Rutinerna för riskbedömning med FREDA gicks igenom.",
    "Personalen har utbildats i FREDA-kortfrågor och farlighetsbedömning.",
    "Kommunen vill införa FREDA i hela socialtjänsten under året.",
]
OUTCOMES = [
    "Kommunen tar fram en handlingsplan.",
    "Nätverket fortsätter träffas varje kvartal.",
    "Deltagarna efterfrågade en fördjupning.",
    "Rutinen för screening revideras.",
]
CIVIL_SOCIETY = [
    ("womens_shelter", "Kvinnojouren i {place}"),
    ("womens_shelter", "{place}s kvinno- och tjejjour"),
    ("womens_shelter", "Kvinnojouren Frida i {place}"),
    ("young_womens_shelter", "Tjejjouren i {place}"),
    ("victim_support", "Brottsofferjouren {place}"),
    ("other", "Föreningen Hela människan {place}"),
    ("other", "Stödcentrum för unga brottsutsatta {place}"),
]
AGENCIES = [
    "Polismyndigheten",
    "Socialstyrelsen",
    "Jämställdhetsmyndigheten",
    "Brottsoffermyndigheten",
    "Åklagarmyndigheten",
    "Kriminalvården",
    "Skolverket",
    "Migrationsverket",
    "Nationellt centrum för kvinnofrid",
]
NETWORK_NAMES = [
    "Länsnätverket för kvinnofridssamordnare",
    "Nätverket mot hedersrelaterat våld",
    "Barnahusnätverket",
    "Nätverket mot prostitution och människohandel",
    "Länsgruppen för våldsförebyggande arbete",
    "Samverkansgruppen för skyddat boende",
    "Nätverket för våld mot äldre",
    "Nätverket för funktionsrätt och våld",
    "Regionala resursteamet",
    "Nätverket för arbete med våldsutövare",
    "Skolnätverket mot sexuella trakasserier",
    "Hälso- och sjukvårdens kvinnofridsnätverk",
    "Polis och socialtjänst i samverkan",
    "Nätverket för barn som upplever våld",
    "Tandvårdens nätverk om våld",
    "Arbetsgivarnätverket om våld",
    "Nätverket för civilsamhällets jourer",
    "Länets MVP-nätverk",
    "Nätverket Våga fråga",
    "Nätverket för socialtjänstens chefer",
]
ISSUE_TITLES = [
    "Saknad nationell vägledning om {topic}",
    "Otydligt ansvar mellan kommun och region i frågor om {topic}",
    "Finansiering av skyddat boende för personer utsatta för {topic}",
    "Behov av nationell statistik om {topic}",
    "Sekretess hindrar samverkan kring {topic}",
]


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def sample_weighted(rng: random.Random, items: list, weights: list, k: int) -> list:
    """k distinct items drawn by weight (k is small)."""
    k = min(k, len(items))
    chosen: dict[int, object] = {}
    positions = range(len(items))
    while len(chosen) < k:
        position = rng.choices(positions, weights=weights)[0]
        chosen[position] = items[position]
    return list(chosen.values())


def p50_p95(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f} ms"


# --- Database ---------------------------------------------------------------------------


def server_summary() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "work_mem", "random_page_cost", "max_connections"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
    return f"PostgreSQL {version} ({', '.join(settings)})"


def analyze(*, vacuum: bool) -> float:
    """Planner statistics (and with vacuum the visibility map, which index-only scans
    need), as autovacuum keeps them on a live site; returns seconds."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return time.perf_counter() - start


def copy_rows(cursor, model_or_table, columns: list[str], rows: list[tuple]) -> int:
    """COPY rows into a table (psycopg 3's copy protocol, values adapted by type)."""
    if not rows:
        return 0
    table = getattr(getattr(model_or_table, "_meta", None), "db_table", model_or_table)
    names = ", ".join(f'"{column}"' for column in columns)
    with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
    return len(rows)


def through_columns(through) -> list[str]:
    """The two foreign-key columns of a many-to-many through table, in declaration order."""
    return [f.column for f in through._meta.local_fields if not f.primary_key]


def reset_sequence(model) -> None:
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)',
            [table],
        )


def next_id(model) -> int:
    from django.db.models import Max

    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


# --- Generated registry and activity log -------------------------------------------------


@dataclass
class Member:
    id: int
    organisation_id: int
    municipality_id: int | None
    organisation_type: str


@dataclass
class NetworkInfo:
    id: int
    name: str
    county_id: int
    violence_area_ids: list[int]
    target_group_ids: list[int]
    members: list[Member] = field(default_factory=list)


@dataclass
class CountyInfo:
    county: object
    municipalities: list  # Municipality, in code order
    municipality_weights: list[float]
    organisations: list  # of the county and national: (id, organisation_type)
    civil_society: list[int]
    networks: list[NetworkInfo] = field(default_factory=list)


@dataclass
class Planned:
    """One generated activity before it has an id (ids are given in date order)."""

    county_id: int
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    participants: int | None
    description: str
    outcome: str
    network_id: int | None
    municipalities: list[int]
    organisations: list[int]
    goals: list[int]
    violence_areas: list[int]
    target_groups: list[int]
    by_type: dict
    meeting: tuple | None = None  # (network_id, starts_at, format, place, others, attendees)


class Registry:
    """Generates the registry once (ORM bulk_create: a few thousand rows) and then the
    activity log in steps (COPY)."""

    def __init__(self, *, seed: int, years: list[int], networks_per_county: int):
        from kvinnofrid.regions.models import County, StrategyGoal, TargetGroup, ViolenceArea

        self.rng = random.Random(seed)
        self.years = years
        self.networks_per_county = networks_per_county
        self.counties = list(County.objects.order_by("code"))
        goals = list(StrategyGoal.objects.order_by("number"))
        self.goal_ids = [goal.pk for goal in goals]
        self.goal_weights = [GOAL_WEIGHTS.get(goal.number, 10) for goal in goals]
        areas = list(ViolenceArea.objects.order_by("sort_order", "pk"))
        self.area_ids = [area.pk for area in areas]
        self.area_topic = {area.pk: TOPIC.get(area.slug, area.name.lower()) for area in areas}
        # Violence in close relationships and honour-related violence dominate the log.
        self.area_weights = [
            {"vald-i-nara-relationer": 30, "hedersrelaterat-vald": 15}.get(area.slug, 5)
            for area in areas
        ]
        self.target_group_ids = list(
            TargetGroup.objects.order_by("pk").values_list("pk", flat=True)
        )
        self.info: dict[int, CountyInfo] = {}
        self.activity_id = 0
        self.meeting_id = 0
        self.rows: Counter = Counter()

    # The registry ------------------------------------------------------------------------

    def build_registry(self) -> None:
        from kvinnofrid.coordination.models import (
            Contact,
            NationalIssue,
            Network,
            NetworkMember,
            Organisation,
        )

        rng = self.rng
        agencies = Organisation.objects.bulk_create(
            Organisation(name=name, kind="agency") for name in AGENCIES
        )
        by_county = {county.pk: [] for county in self.counties}
        for county in self.counties:
            place = county.name.removesuffix(" län").removesuffix("s")
            new = []
            for kind, name in rng.sample(CIVIL_SOCIETY, rng.randint(4, len(CIVIL_SOCIETY))):
                new.append(
                    Organisation(
                        name=name.format(place=place),
                        kind="civil_society",
                        civil_society_kind=kind,
                        county=county,
                    )
                )
            new.append(
                Organisation(name=f"Universitetet i {place}", kind="university", county=county)
            )
            new.append(Organisation(name=f"Företagarna {place}", kind="business", county=county))
            Organisation.objects.bulk_create(new)
        organisations = list(Organisation.objects.all())
        for organisation in organisations:
            if organisation.county_id:
                by_county[organisation.county_id].append(organisation)

        contacts = []
        for county in self.counties:
            for organisation in by_county[county.pk]:
                for number in range(2 if organisation.kind == "municipality" else 1):
                    contacts.append(
                        Contact(
                            county=county,
                            organisation=organisation,
                            name=f"Kontakt {organisation.pk}-{number}",
                            title="Kvinnofridssamordnare" if number == 0 else "Enhetschef",
                            email=f"kontakt{organisation.pk}-{number}@example.org",
                            is_municipal_coordinator=organisation.kind == "municipality"
                            and number == 0,
                            source="Anmälan till nätverket",
                        )
                    )
        contacts = Contact.objects.bulk_create(contacts)
        contacts_by_county: dict[int, list] = {county.pk: [] for county in self.counties}
        for contact in contacts:
            contacts_by_county[contact.county_id].append(contact)
        organisation_by_id = {organisation.pk: organisation for organisation in organisations}

        from kvinnofrid.regions.models import Municipality

        municipalities = list(Municipality.objects.order_by("code"))
        for county in self.counties:
            own = [m for m in municipalities if m.county_id == county.pk]
            # Some municipalities are reached far more often (the largest, the nearest).
            weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(own))]
            rng.shuffle(weights)
            self.info[county.pk] = CountyInfo(
                county=county,
                municipalities=own,
                municipality_weights=weights,
                organisations=[
                    (o.pk, o.organisation_type) for o in by_county[county.pk] + agencies
                ],
                civil_society=[o.pk for o in by_county[county.pk] if o.kind == "civil_society"],
            )

        # Networks, a few spanning the next county too.
        networks, county_links, area_links, group_links, members = [], [], [], [], []
        for county in self.counties:
            for number in range(self.networks_per_county):
                base = NETWORK_NAMES[number % len(NETWORK_NAMES)]
                suffix = (
                    f" {number // len(NETWORK_NAMES) + 1}" if number >= len(NETWORK_NAMES) else ""
                )
                networks.append(
                    Network(
                        name=f"{base}{suffix}, {county.name}",
                        purpose=f"Samverkan i {county.name} om {base.lower()}.",
                        status=weighted(rng, NETWORK_STATUS_WEIGHTS),
                    )
                )
        networks = Network.objects.bulk_create(networks)
        Through = Network.counties.through
        for index, network in enumerate(networks):
            county = self.counties[index // self.networks_per_county]
            county_links.append(Through(network_id=network.pk, county_id=county.pk))
            if rng.random() < 0.05:
                other = self.counties[(self.counties.index(county) + 1) % len(self.counties)]
                county_links.append(Through(network_id=network.pk, county_id=other.pk))
            areas = sample_weighted(rng, self.area_ids, self.area_weights, rng.randint(1, 3))
            groups = rng.sample(self.target_group_ids, rng.randint(1, 2))
            area_links += [
                Network.violence_areas.through(network_id=network.pk, violencearea_id=a)
                for a in areas
            ]
            group_links += [
                Network.target_groups.through(network_id=network.pk, targetgroup_id=g)
                for g in groups
            ]
            info = NetworkInfo(
                id=network.pk,
                name=network.name,
                county_id=county.pk,
                violence_area_ids=areas,
                target_group_ids=groups,
            )
            if network.status != "closed":
                self.info[county.pk].networks.append(info)
            pool_orgs = rng.sample(
                by_county[county.pk], min(len(by_county[county.pk]), rng.randint(5, 12))
            )
            pool_contacts = rng.sample(
                contacts_by_county[county.pk],
                min(len(contacts_by_county[county.pk]), rng.randint(2, 6)),
            )
            roles = iter(["chair", "convener"])
            for organisation in pool_orgs:
                members.append(
                    NetworkMember(
                        network_id=network.pk,
                        organisation_id=organisation.pk,
                        role=next(roles, "member"),
                    )
                )
            members += [
                NetworkMember(network_id=network.pk, contact_id=contact.pk, role="member")
                for contact in pool_contacts
            ]
        Through.objects.bulk_create(county_links)
        Network.violence_areas.through.objects.bulk_create(area_links)
        Network.target_groups.through.objects.bulk_create(group_links)
        members = NetworkMember.objects.bulk_create(members)
        contact_by_id = {contact.pk: contact for contact in contacts}
        infos = {info.id: info for county in self.info.values() for info in county.networks}
        for member in members:
            info = infos.get(member.network_id)
            if info is None:
                continue
            organisation = organisation_by_id[
                member.organisation_id or contact_by_id[member.contact_id].organisation_id
            ]
            info.members.append(
                Member(
                    id=member.pk,
                    organisation_id=organisation.pk,
                    municipality_id=organisation.municipality_id,
                    organisation_type=organisation.organisation_type,
                )
            )

        # Issues raised to national level (not grouped: the grouping is not measured here).
        issues = []
        first, last = datetime.date(self.years[0], 1, 1), datetime.date(self.years[-1], 12, 31)
        for county in self.counties:
            county_orgs = by_county[county.pk]
            for _ in range(30):
                status = weighted(rng, ISSUE_STATUS_WEIGHTS)
                raised = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
                area = rng.choices(self.area_ids, weights=self.area_weights)[0]
                forwarded = status in ("forwarded", "answered", "closed")
                issues.append(
                    NationalIssue(
                        county=county,
                        title=rng.choice(ISSUE_TITLES).format(topic=self.area_topic[area]),
                        raised_by=rng.choice(county_orgs),
                        topic_id=area,
                        description="Kommunerna i länet efterfrågar ett nationellt besked.",
                        status=status,
                        raised_on=raised,
                        forwarded_to=rng.choice(agencies) if forwarded else None,
                        forwarded_on=raised + datetime.timedelta(days=30) if forwarded else None,
                        answered_on=raised + datetime.timedelta(days=90)
                        if status in ("answered", "closed")
                        else None,
                        response="Myndigheten har svarat." if status == "answered" else "",
                    )
                )
        NationalIssue.objects.bulk_create(issues)
        self.rows.update(
            organisations=len(organisations),
            contacts=len(contacts),
            networks=len(networks),
            network_members=len(members),
            national_issues=len(issues),
        )

    # The activity log --------------------------------------------------------------------

    def _day(self, year: int) -> datetime.date:
        rng = self.rng
        first = datetime.date(year, 1, 1)
        length = (datetime.date(year + 1, 1, 1) - first).days
        while True:
            day = first + datetime.timedelta(days=rng.randrange(length))
            if day.weekday() >= 5:
                continue
            if day.month == 7 and rng.random() < 0.75:  # summer holidays
                continue
            return day

    def _text(self, topic: str) -> str:
        rng = self.rng
        sentences = [
            s.format(topic=topic, audience=rng.choice(AUDIENCES))
            for s in rng.sample(SENTENCES, rng.randint(1, 4))
        ]
        if rng.random() < SEARCH_SHARE:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(SEARCH_SENTENCES))
        return " ".join(sentences)

    def _meeting(self, info: CountyInfo, day: datetime.date) -> Planned:
        rng = self.rng
        network = rng.choice(info.networks)
        attendees = rng.sample(network.members, min(len(network.members), rng.randint(3, 9)))
        others = rng.choice((0, 0, 0, 1, 2, 3, 5))
        organisations = sorted({m.organisation_id for m in attendees})
        municipalities = sorted({m.municipality_id for m in attendees if m.municipality_id})
        starts_at = datetime.datetime.combine(
            day, datetime.time(rng.choice((9, 10, 13))), tzinfo=STOCKHOLM
        )
        form = rng.choice(("physical", "digital", "digital", "hybrid"))
        return Planned(
            county_id=info.county.pk,
            kind="network_meeting",
            title=f"{network.name}: nätverksmöte"[:200],
            starts_on=day,
            ends_on=None,
            participants=len(attendees) + others,
            description="",
            outcome="",
            network_id=network.id,
            municipalities=municipalities,
            organisations=organisations,
            goals=[],
            violence_areas=list(network.violence_area_ids),
            target_groups=list(network.target_group_ids),
            by_type=dict(Counter(m.organisation_type for m in attendees)),
            meeting=(
                network.id,
                starts_at,
                form,
                "" if form == "digital" else f"Länsstyrelsen, {info.county.name}",
                others,
                [m.id for m in attendees],
            ),
        )

    def _activity(self, info: CountyInfo, year: int) -> Planned:
        rng = self.rng
        kind = weighted(rng, KIND_WEIGHTS)
        day = self._day(year)
        if kind == "network_meeting" and info.networks:
            return self._meeting(info, day)
        if kind == "network_meeting":
            kind = "county_collaboration"
        k = weighted(rng, MUNICIPALITIES_PER_ACTIVITY)
        if kind == "municipality_visit":
            k = 1 if rng.random() < 0.8 else 2
        municipalities = sample_weighted(rng, info.municipalities, info.municipality_weights, k)
        areas = sample_weighted(
            rng, self.area_ids, self.area_weights, weighted(rng, VIOLENCE_AREAS_PER_ACTIVITY)
        )
        topic_area = areas[0] if areas else rng.choices(self.area_ids, self.area_weights)[0]
        topic = self.area_topic[topic_area]
        place = municipalities[0].name
        title = {
            "municipality_visit": lambda: rng.choice(
                (
                    "Kommunbesök i {m}",
                    "Uppföljningsbesök i {m}",
                    "Dialogmöte med socialtjänsten i {m}",
                )
            ).format(m=" och ".join(m.name for m in municipalities)),
            "county_collaboration": lambda: f"Länssamverkan om {topic}",
            "training": lambda: f"Utbildning om {topic} för {rng.choice(AUDIENCES)}",
            "method_support": lambda: f"Metodstöd i {rng.choice(METHODS)} till {place}",
            "webinar": lambda: f"Webbinarium om {topic}",
            "conference": lambda: f"Länskonferens om {topic}",
            "campaign": lambda: f"Kampanj: {rng.choice(CAMPAIGNS)}",
            "mapping_study": lambda: f"Kartläggning av {topic} i {info.county.name}",
            "other": lambda: f"Insats om {topic} i {place}",
        }[kind]()
        ends_on = None
        if kind == "conference" and rng.random() < 0.3:
            ends_on = day + datetime.timedelta(days=1)
        elif kind in ("campaign", "mapping_study"):
            ends_on = day + datetime.timedelta(days=rng.randint(7, 30))
        none_share, low, high = PARTICIPANTS[kind]
        participants = None if rng.random() < none_share else rng.randint(low, high)
        by_type: dict = {}
        if participants and participants >= 2 and rng.random() < PARTICIPANT_ROWS_SHARE:
            types = rng.sample(list(PARTICIPANT_TYPES), rng.randint(1, 3))
            left = participants
            for index, kind_of_org in enumerate(types):
                if left < 1:
                    break
                share = left if index == len(types) - 1 else rng.randint(1, left)
                by_type[kind_of_org] = share
                left -= share
        municipality_orgs = [self.municipality_org[m.pk] for m in municipalities]
        if kind == "municipality_visit":
            organisations = municipality_orgs
            if info.civil_society and rng.random() < 0.3:
                organisations = organisations + [rng.choice(info.civil_society)]
        else:
            organisations = [o for o, _ in rng.sample(info.organisations, rng.randint(0, 3))]
        network_id = None
        if info.networks and rng.random() < NETWORK_LINK_SHARE:
            network_id = rng.choice(info.networks).id
        goals = sample_weighted(
            rng, self.goal_ids, self.goal_weights, weighted(rng, GOALS_PER_ACTIVITY)
        )
        groups = rng.sample(self.target_group_ids, weighted(rng, TARGET_GROUPS_PER_ACTIVITY))
        return Planned(
            county_id=info.county.pk,
            kind=kind,
            title=title[:200],
            starts_on=day,
            ends_on=ends_on,
            participants=participants,
            description=self._text(topic),
            outcome=rng.choice(OUTCOMES) if rng.random() < 0.4 else "",
            network_id=network_id,
            municipalities=[m.pk for m in municipalities],
            organisations=sorted(set(organisations)),
            goals=goals,
            violence_areas=areas,
            target_groups=groups,
            by_type=by_type,
        )

    def grow(self, per_county_year: int) -> float:
        """Adds per_county_year activities to every county and year; returns seconds."""
        from django.db import connection, transaction

        from kvinnofrid.coordination.models import (
            Activity,
            ActivityParticipants,
            Meeting,
            Organisation,
        )

        if not hasattr(self, "municipality_org"):
            self.municipality_org = dict(
                Organisation.objects.filter(
                    kind="municipality", municipality__isnull=False
                ).values_list("municipality_id", "pk")
            )
        if not self.activity_id:
            self.activity_id, self.meeting_id = next_id(Activity), next_id(Meeting)
        A = Activity
        links = {
            "municipalities": A.municipalities.through,
            "organisations": A.organisations.through,
            "goals": A.goals.through,
            "violence_areas": A.violence_areas.through,
            "target_groups": A.target_groups.through,
        }
        activity_columns = [
            A._meta.get_field(name).column
            for name in (
                "id", "county", "kind", "title", "starts_on", "ends_on", "participants",
                "description", "outcome", "follow_up", "event", "network", "meeting",
                "created_by", "created_at", "updated_at",
            )
        ]  # fmt: skip
        meeting_columns = [
            Meeting._meta.get_field(name).column
            for name in (
                "id", "network", "county", "starts_at", "format", "place", "agenda", "minutes",
                "other_participants", "created_at", "updated_at",
            )
        ]  # fmt: skip
        attendees = Meeting.attendees.through
        participant_columns = [
            ActivityParticipants._meta.get_field(name).column
            for name in ("activity", "organisation_type", "count")
        ]
        start = time.perf_counter()
        for year in self.years:
            planned = [
                self._activity(info, year)
                for info in self.info.values()
                for _ in range(per_county_year)
            ]
            # Entered over the year, every county interleaved: ids follow the dates.
            planned.sort(key=lambda p: p.starts_on)
            activities, meetings, meeting_links, participant_rows = [], [], [], []
            link_rows: dict[str, list] = {name: [] for name in links}
            for plan in planned:
                aid = self.activity_id
                self.activity_id += 1
                created = datetime.datetime.combine(
                    plan.starts_on, datetime.time(16), tzinfo=STOCKHOLM
                )
                meeting_id = None
                if plan.meeting:
                    meeting_id = self.meeting_id
                    self.meeting_id += 1
                    network_id, starts_at, form, place, others, members = plan.meeting
                    meetings.append(
                        (meeting_id, network_id, plan.county_id, starts_at, form, place,
                         "1. Aktuellt i länet\n2. Erfarenhetsutbyte\n3. Nästa möte",
                         None, others, created, created)
                    )  # fmt: skip
                    meeting_links += [(meeting_id, member) for member in members]
                activities.append(
                    (aid, plan.county_id, plan.kind, plan.title, plan.starts_on, plan.ends_on,
                     plan.participants, plan.description, plan.outcome, "", None,
                     plan.network_id, meeting_id, None, created, created)
                )  # fmt: skip
                for name in links:
                    link_rows[name] += [(aid, other) for other in getattr(plan, name)]
                participant_rows += [(aid, t, n) for t, n in plan.by_type.items()]
            with transaction.atomic(), connection.cursor() as wrapper:
                cursor = wrapper.cursor
                self.rows["meetings"] += copy_rows(cursor, Meeting, meeting_columns, meetings)
                self.rows["meeting attendees"] += copy_rows(
                    cursor, attendees, through_columns(attendees), meeting_links
                )
                self.rows["activities"] += copy_rows(cursor, A, activity_columns, activities)
                for name, through in links.items():
                    self.rows[f"activity {name}"] += copy_rows(
                        cursor, through, through_columns(through), link_rows[name]
                    )
                self.rows["activity participant counts"] += copy_rows(
                    cursor, ActivityParticipants, participant_columns, participant_rows
                )
            say(
                f"  {year}: {len(activities):>7} activities, {len(meetings):>6} meetings  "
                f"{time.perf_counter() - start:6.1f} s  (load {load()})"
            )
        for model in (A, Meeting, ActivityParticipants, *links.values(), attendees):
            reset_sequence(model)
        return time.perf_counter() - start


# --- Pages, users, the figures to check -----------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    path: str
    kind: str  # "list" or "dashboard"
    # The SQL condition (on coordination_activity AS a) that the list's rows meet.
    where: str = ""
    params: tuple = ()
    county: str | None = None  # dashboard: SCB code, None = the whole country

    @property
    def target(self) -> float:
        return LIST_TARGET_MS if self.kind == "list" else DASHBOARD_TARGET_MS


def choose_pages(year: int) -> list[Page]:
    """The list's variants and the dashboards. The filter values are the ones most used in
    Stockholm in `year` (chosen after the first step, so every variant has rows then)."""
    from django.db.models import Count

    from kvinnofrid.coordination.models import Activity, Network
    from kvinnofrid.regions.models import County, StrategyGoal

    county = County.objects.get(code=COUNTY)
    in_year = Activity.objects.for_county(county).in_year(year)
    most_used = (
        Activity.municipalities.through.objects.filter(activity__in=in_year)
        .values_list("municipality_id")
        .annotate(n=Count("*"))
        .order_by("-n", "municipality_id")
        .first()
    )
    municipality = most_used[0] if most_used else county.municipalities.order_by("pk")[0].pk
    most_used = (
        in_year.exclude(network=None)
        .values_list("network_id")
        .annotate(n=Count("*"))
        .order_by("-n", "network_id")
        .first()
    )
    network = most_used[0] if most_used else Network.objects.for_county(county).first().pk
    goal = StrategyGoal.objects.get(number=2).pk
    year_where = "a.starts_on >= %s AND a.starts_on < %s"
    year_params = (datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
    goals_table = Activity.goals.through._meta.db_table
    municipalities_table = Activity.municipalities.through._meta.db_table
    return [
        Page("unfiltered", "list unfiltered", LIST, "list", "TRUE"),
        Page("year", "list year", f"{LIST}?year={year}", "list", year_where, year_params),
        Page(
            "year+kind",
            "list year+kind",
            f"{LIST}?year={year}&kind=municipality_visit",
            "list",
            f"{year_where} AND a.kind = %s",
            (*year_params, "municipality_visit"),
        ),
        Page(
            "year+goal",
            "list year+goal",
            f"{LIST}?year={year}&goals={goal}",
            "list",
            f'{year_where} AND EXISTS (SELECT 1 FROM "{goals_table}" g '
            "WHERE g.activity_id = a.id AND g.strategygoal_id = %s)",
            (*year_params, goal),
        ),
        Page(
            "year+municipality",
            "list year+municipality",
            f"{LIST}?year={year}&municipalities={municipality}",
            "list",
            f'{year_where} AND EXISTS (SELECT 1 FROM "{municipalities_table}" m '
            "WHERE m.activity_id = a.id AND m.municipality_id = %s)",
            (*year_params, municipality),
        ),
        Page(
            "year+network",
            "list year+network",
            f"{LIST}?year={year}&network={network}",
            "list",
            f"{year_where} AND a.network_id = %s",
            (*year_params, network),
        ),
        Page(
            "search",
            f"list ?q={SEARCH_TERM}",
            f"{LIST}?q={SEARCH_TERM}",
            "list",
            "(a.title ILIKE %s OR a.description ILIKE %s)",
            (f"%{SEARCH_TERM}%", f"%{SEARCH_TERM}%"),
        ),
        Page(
            "dashboard",
            f"dashboard {COUNTY} {year}",
            f"{DASHBOARD}?lan={COUNTY}&ar={year}",
            "dashboard",
            county=COUNTY,
        ),
        Page(
            "dashboard national",
            f"dashboard alla {year}",
            f"{DASHBOARD}?lan=alla&ar={year}",
            "dashboard",
        ),
    ]


@dataclass
class Reader:
    key: str
    label: str
    user: object
    client: object  # django.test.Client, verified
    county_code: str | None  # None: reads every county

    def pages(self, pages: list[Page]) -> list[Page]:
        # The whole country's dashboard is the national readers' only.
        return [p for p in pages if self.county_code is None or p.key != "dashboard national"]


def make_readers() -> list[Reader]:
    """A county coordinator of Stockholm and a national coordinator, each with a verified
    (TOTP) session; the users are made once (a --database run finds them)."""
    from django.contrib.auth import get_user_model

    from kvinnofrid.regions.models import County
    from kvinnofrid.tenancy.models import Role
    from kvinnofrid.testing.cast import make_staff, verified_client

    def staff(username, **kwargs):
        existing = get_user_model().objects.filter(username=username).first()
        return existing or make_staff(username, **kwargs)

    county = County.objects.get(code=COUNTY)
    coordinator = staff(f"bench-samordnare-{COUNTY}", role=Role.COORDINATOR, county=county)
    national = staff("bench-nationell", role=Role.NATIONAL, county=None)
    return [
        Reader("county", f"county {COUNTY}", coordinator, verified_client(coordinator), COUNTY),
        Reader("national", "national", national, verified_client(national), None),
    ]


def expected_list_count(page: Page, reader: Reader) -> int:
    from django.db import connection

    from kvinnofrid.coordination.models import Activity
    from kvinnofrid.regions.models import County

    sql = f'SELECT COUNT(*) FROM "{Activity._meta.db_table}" a WHERE {page.where}'
    params = list(page.params)
    if reader.county_code:
        sql += " AND a.county_id = %s"
        params.append(County.objects.get(code=reader.county_code).pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def expected_figures(county_code: str | None, year: int) -> dict[str, int]:
    """The dashboard's key figures, counted directly in SQL."""
    from django.db import connection

    from kvinnofrid.coordination.models import Activity, Meeting, NationalIssue
    from kvinnofrid.regions.models import County

    county_id = County.objects.get(code=county_code).pk if county_code else None
    first, after = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    scope = "" if county_id is None else " AND county_id = %s"
    extra = [] if county_id is None else [county_id]
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT COUNT(*), COALESCE(SUM(participants), 0) FROM "{Activity._meta.db_table}" '
            f"WHERE starts_on >= %s AND starts_on < %s{scope}",
            [first, after, *extra],
        )
        activities, participants = cursor.fetchone()
        cursor.execute(
            f'SELECT COUNT(*) FROM "{Meeting._meta.db_table}" WHERE starts_at >= %s '
            f"AND starts_at < %s{scope}",
            [
                datetime.datetime.combine(first, datetime.time(), tzinfo=STOCKHOLM),
                datetime.datetime.combine(after, datetime.time(), tzinfo=STOCKHOLM),
                *extra,
            ],
        )
        meetings = cursor.fetchone()[0]
        cursor.execute(
            f'SELECT COUNT(*) FROM "{NationalIssue._meta.db_table}" '
            f"WHERE status IN ('new', 'preparing', 'forwarded'){scope}",
            extra,
        )
        issues = cursor.fetchone()[0]
    return {
        "activities": activities,
        "participants": participants,
        "meetings": meetings,
        "open-issues": issues,
    }


FIGURE = re.compile(r'<dd data-figure="([a-z-]+)">\s*(\d+)')


def figures_in(html: str) -> dict[str, int]:
    return {name: int(value) for name, value in FIGURE.findall(html)}


class Checks:
    def __init__(self):
        self.results: list[tuple[str, bool]] = []

    def check(self, description: str, passed: bool) -> None:
        self.results.append((description, passed))
        say(f"    {'check ok' if passed else 'CHECK FAILED'}: {description}")

    @property
    def passed(self) -> bool:
        return all(passed for _, passed in self.results)


# --- In-process: queries per page and the figures -------------------------------------------


def measure_in_process(
    readers: list[Reader], pages: list[Page], *, size: str, results: dict, checks: Checks, year
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    say(f"\nIn-process (Django test Client) at {size}: SQL queries per page, and checks")
    for reader in readers:
        for page in reader.pages(pages):
            with CaptureQueriesContext(connection) as captured:
                response = reader.client.get(page.path)
            if response.status_code != 200:
                checks.check(f"{reader.label} GET {page.path}: {response.status_code}", False)
                continue
            queries = len(captured.captured_queries)
            sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
            results["queries"][(size, reader.key, page.key)] = queries
            if page.kind == "list":
                shown = response.context["paginator"].count
                expected = expected_list_count(page, reader)
                results["rows"][(size, reader.key, page.key)] = shown
                checks.check(
                    f"{reader.label:<9} {page.label:<26} {queries:>3} queries "
                    f"({sql_ms:6.1f} ms SQL), {shown} rows = direct COUNT {expected}",
                    shown == expected,
                )
            else:
                figures = response.context["figures"]
                shown = {
                    "activities": figures.activities,
                    "participants": figures.participants,
                    "meetings": figures.meetings,
                    "open-issues": figures.open_issues_count,
                }
                expected = expected_figures(page.county, year)
                results["rows"][(size, reader.key, page.key)] = figures.activities
                checks.check(
                    f"{reader.label:<9} {page.label:<26} {queries:>3} queries "
                    f"({sql_ms:6.1f} ms SQL), figures {shown} = direct SQL",
                    shown == expected,
                )


def explain(reader: Reader, page: Page, *, slowest: int) -> None:
    """EXPLAIN ANALYZE of the page's slowest queries (in-process, as the view runs them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        reader.client.get(page.path)
    queries = sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)
    total = sum(float(q["time"]) for q in queries) * 1000
    say(
        f"\n--- EXPLAIN ANALYZE: {reader.label}, {page.label} ({page.path}); "
        f"{len(queries)} queries, {total:.1f} ms SQL in-process"
    )
    for query in queries[:slowest]:
        say(f"\n[{float(query['time']) * 1000:.1f} ms] {query['sql'][:1500]}")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            for (line,) in cursor.fetchall():
                say(f"    {line}")


# --- Over HTTP ----------------------------------------------------------------------------


def http_sessions(server: Server, readers: list[Reader]) -> dict:
    """A requests.Session per reader carrying the session cookie of its verified login."""
    import requests
    from django.conf import settings

    sessions = {}
    for reader in readers:
        session = requests.Session()
        session.trust_env = False
        cookie = reader.client.cookies[settings.SESSION_COOKIE_NAME].value
        session.cookies.set(settings.SESSION_COOKIE_NAME, cookie, domain="127.0.0.1", path="/")
        sessions[reader.key] = session
    return sessions


def get(session, url: str) -> tuple[float, object]:
    start = time.perf_counter()
    response = session.get(url, allow_redirects=False, timeout=300)
    body = response.content
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"GET {url}: {response.status_code} {body[:300]!r}")
    return elapsed, response


def measure_http(
    server: Server,
    readers: list[Reader],
    pages: list[Page],
    *,
    repeats: int,
    warmup: int,
    results: dict,
    checks: Checks,
    year: int,
) -> None:
    sessions = http_sessions(server, readers)
    runs = [(reader, page) for reader in readers for page in reader.pages(pages)]
    say(
        f"\nOver HTTP: gunicorn {server.describe}; {len(runs)} URLs, {warmup} warm-up "
        f"rounds, then {repeats} rounds (each URL once per round, one request at a time); "
        f"load {load()}"
    )
    for _ in range(warmup):
        for reader, page in runs:
            get(sessions[reader.key], server.base + page.path)
    timings: dict = {(reader.key, page.key): [] for reader, page in runs}
    last: dict = {}
    for _ in range(repeats):
        for reader, page in runs:
            elapsed, response = get(sessions[reader.key], server.base + page.path)
            timings[(reader.key, page.key)].append(elapsed)
            last[(reader.key, page.key)] = response
    results["http"] = timings
    say(f"  done; load {load()}")
    for reader, page in runs:
        say(f"  {reader.label:<9} {page.label:<26} {p50_p95(timings[(reader.key, page.key)])}")
    say("  Checks over HTTP (the page as served equals direct SQL):")
    for reader, page in runs:
        if page.kind != "dashboard":
            continue
        shown = figures_in(last[(reader.key, page.key)].text)
        expected = expected_figures(page.county, year)
        checks.check(
            f"{reader.label} {page.path}: activities {shown.get('activities')} = "
            f"direct COUNT {expected['activities']}, participants {shown.get('participants')} "
            f"= SUM {expected['participants']}, meetings {shown.get('meetings')} = "
            f"{expected['meetings']}, open issues {shown.get('open-issues')} = "
            f"{expected['open-issues']}",
            all(shown.get(name) == value for name, value in expected.items()),
        )
    tracebacks = server.log_tail(10**7).count("Traceback")
    checks.check(f"server log: {tracebacks} tracebacks", tracebacks == 0)


# --- Report -------------------------------------------------------------------------------


def report(results: dict, readers, pages, sizes: list[str], title: str) -> list:
    say("\n" + "=" * 104)
    say(f"Summary: coordination, PostgreSQL, {title}; load average now {load()}")
    small, full = sizes[0], sizes[-1]
    say(
        f"Rows listed and SQL queries per page (in-process) at the small size ({small} "
        f"activities) -> the full size ({full}); HTTP at the full size."
    )
    say(f"{'':<38}{'rows listed':^19}{'SQL queries':^14}{'HTTP (ms)':^22}")
    say(
        f"{'page':<27}{'reader':<11}{'small':>8} -> {'full':<7}{'small':>5} -> {'full':<5}"
        f"{'min':>7}{'p50':>7}{'p95':>8}{'target p95':>12}  result"
    )
    missed = []
    differ = []
    for reader in readers:
        for page in reader.pages(pages):
            key = (reader.key, page.key)
            r_small = results["rows"].get((small, *key), "-")
            r_full = results["rows"].get((full, *key), "-")
            q_small = results["queries"].get((small, *key), "-")
            q_full = results["queries"].get((full, *key), "-")
            if q_small != q_full:
                why = " (no rows at the small size, so no prefetches)" if r_small == 0 else ""
                differ.append(f"{reader.label} {page.label}{why}")
            values = results.get("http", {}).get(key)
            if values:
                p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
                ok = p95 <= page.target
                if not ok:
                    missed.append((reader, page, p95))
                cells = f"{min(values):>7.1f}{p50:>7.1f}{p95:>8.1f}"
                cells += f"{'<= ' + format(page.target, '.0f'):>12}  "
                cells += "PASS" if ok else "MISS"
            else:
                cells = f"{'-':>7}{'-':>7}{'-':>8}{'':>12}"
            say(
                f"{page.label:<27}{reader.label:<11}{r_small:>8} -> {r_full:<7}"
                f"{q_small:>5} -> {q_full:<5}{cells}"
            )
    if small == full:
        say(f"(one size only: {full} activities)")
    else:
        say(
            f"SQL queries per page, {small} -> {full} activities: "
            + ("the same for every page" if not differ else "DIFFER for " + "; ".join(differ))
        )
    return missed


class ExistingDatabase:
    """--database: a database kept from an earlier run (KVINNOFRID_BENCH_KEEP_DB=1), to
    measure again, e.g. after adding an index in a migration. Migrated, never dropped."""

    def __init__(self, name: str):
        import urllib.parse

        from harness import DEFAULT_DATABASE_URL

        parts = urllib.parse.urlsplit(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
        self.name = name
        self.url = parts._replace(path=f"/{name}").geturl()

    def create(self) -> None:
        pass

    def drop(self) -> str:
        return f"Left database {self.name} as it was (--database)"


def generate(args, checks: Checks, results: dict) -> tuple:
    """Registry, then the activity log in two steps, with the in-process checks after each.
    Returns (sizes, pages, readers, title, the latest year)."""
    this_year = datetime.date.today().year
    years = list(range(this_year - args.years + 1, this_year + 1))
    registry = Registry(seed=args.seed, years=years, networks_per_county=args.networks_per_county)
    start = time.perf_counter()
    registry.build_registry()
    say(
        f"Registry in {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{registry.rows[k]} {k}" for k in list(registry.rows))
    )
    readers = make_readers()
    sizes: list[str] = []
    pages: list[Page] = []
    for per_county_year in (args.first, args.per_county_year):
        total = per_county_year * len(years) * len(registry.counties)
        say(
            f"\nActivity log up to {per_county_year} per county and year "
            f"({total} activities; COPY):"
        )
        seconds = registry.grow(per_county_year - (args.first if sizes else 0))
        logged = [k for k in registry.rows if k.startswith(("activit", "meeting"))]
        rows = sum(registry.rows[k] for k in logged)
        say(
            f"Generated in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); "
            + ", ".join(f"{registry.rows[k]} {k}" for k in logged)
        )
        what = "ANALYZE" if args.analyze_only else "VACUUM ANALYZE"
        say(f"{what} in {analyze(vacuum=not args.analyze_only):.1f} s")
        size = f"{total:,}".replace(",", " ")
        sizes.append(size)
        if not pages:
            pages = choose_pages(years[-1])
        measure_in_process(
            readers, pages, size=size, results=results, checks=checks, year=years[-1]
        )
    title = (
        f"{registry.rows['activities']} activities ({len(years)} year(s) {years[0]}-{years[-1]} "
        f"x {len(registry.counties)} counties x {args.per_county_year})"
    )
    return sizes, pages, readers, title, years[-1]


def reuse(args, checks: Checks, results: dict) -> tuple:
    """--database: measure the data that are there."""
    from kvinnofrid.coordination.models import Activity

    years = Activity.objects.years()
    if not years:
        sys.exit(f"{args.database} holds no activities")
    readers = make_readers()
    pages = choose_pages(years[0])
    size = f"{Activity.objects.count():,}".replace(",", " ")
    measure_in_process(readers, pages, size=size, results=results, checks=checks, year=years[0])
    return [size], pages, readers, f"{size} activities in {args.database}", years[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-county-year", type=int, default=2000, help="activities")
    parser.add_argument("--years", type=int, default=5, help="years up to this one")
    parser.add_argument(
        "--first",
        type=int,
        help="activities per county and year at the small size "
        "(default: a tenth of --per-county-year, at most 50)",
    )
    parser.add_argument("--networks-per-county", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--server-settings", default="config.settings.dev")
    parser.add_argument(
        "--analyze-only",
        action="store_true",
        help="ANALYZE after loading instead of VACUUM ANALYZE (then autovacuum may set the "
        "visibility map, and change plans, while the pages are timed)",
    )
    parser.add_argument(
        "--explain",
        choices=("missed", "all", "none"),
        default="missed",
        help="EXPLAIN ANALYZE the slowest queries of pages over their target (or all pages)",
    )
    parser.add_argument("--explain-queries", type=int, default=2, help="queries per page")
    parser.add_argument("--no-http", action="store_true", help="in-process checks only")
    parser.add_argument(
        "--database",
        help="measure this existing database (kept by KVINNOFRID_BENCH_KEEP_DB=1) instead of "
        "generating one; it is migrated first and never dropped",
    )
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    if args.first is None:
        args.first = min(50, max(1, args.per_county_year // 10))
    if not 0 < args.first < args.per_county_year:
        parser.error("--first must be between 0 and --per-county-year")
    if args.years < 1:
        parser.error("--years must be at least 1")

    began = time.perf_counter()
    if args.database:
        database = ExistingDatabase(args.database)
    else:
        database = BenchDatabase(
            prefix="kvinnofrid_bench_coordination", script="bench/coordination.py"
        )
    # SIGTERM ends the run like Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database.create()
    say(f"{'Using' if args.database else 'Created'} database {database.name}")
    server = None
    checks = Checks()
    try:
        os.environ["DATABASE_URL"] = database.url
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()  # response.context for the in-process checks
        say(server_summary())
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        say(
            f"Migrated (reference data, site tree, role groups) in "
            f"{time.perf_counter() - start:.1f} s"
        )

        results: dict = {"queries": {}, "rows": {}}
        prepare = reuse if args.database else generate
        sizes, pages, readers, title, year = prepare(args, checks, results)
        preparation_seconds = time.perf_counter() - began

        if not args.no_http:
            # The server must accept the sessions made here: same secret key.
            os.environ["SECRET_KEY"] = settings.SECRET_KEY
            with tempfile.TemporaryDirectory(prefix="kvinnofrid-bench-coordination-") as log_dir:
                server = Server(
                    database_url=database.url,
                    settings=args.server_settings,
                    workers=args.workers,
                    threads=args.threads,
                    log_dir=log_dir,
                )
                server.wait_ready("/admin/login/")
                measure_http(
                    server,
                    readers,
                    pages,
                    repeats=args.repeats,
                    warmup=args.warmup,
                    results=results,
                    checks=checks,
                    year=year,
                )
                server.stop()
                server = None
        missed = report(results, readers, pages, sizes, title)
        say(f"Setting up and generating the data took {preparation_seconds:.0f} s of the run.")
        say(
            f"Checks: {sum(p for _, p in checks.results)} of {len(checks.results)} ok"
            + ("" if checks.passed else " -- SOME FAILED")
        )
        if args.explain != "none":
            chosen = (
                [(r, p) for r in readers for p in r.pages(pages)]
                if args.explain == "all"
                else [(r, p) for r, p, _ in missed]
            )
            for reader, page in chosen:
                explain(reader, page, slowest=args.explain_queries)
    finally:
        if server is not None:
            server.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 (Django may not be set up yet)
            pass
        say(f"{database.drop()}; total run time {time.perf_counter() - began:.1f} s")
    if not checks.passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
