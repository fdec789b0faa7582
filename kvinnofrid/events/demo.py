"""Demo events for `make run`, of the kinds the county boards arrange. Dates are relative to
today so the calendar always has something coming, and are counted in working days
(helgfria vardagar): county boards do not hold trainings on Saturdays or on julafton.
Idempotent."""

import datetime

from kvinnofrid.pages.models import CountyPage, HomePage
from kvinnofrid.regions.models import TargetGroup, ViolenceArea
from kvinnofrid.supportlines.calendar import is_helgfri_vardag

from .models import CalendarPage, EventOccasion, EventPage
from .services import registration_create

CALENDAR_INTRO = (
    "Konferenser, utbildningar, webbinarier och nätverksträffar om mäns våld mot kvinnor "
    "som länsstyrelserna anordnar. Anmäl dig direkt här, eller prenumerera på kalendern."
)


def working_day(count: int, *, today: datetime.date | None = None) -> datetime.date:
    """The `count`th working day after today (before it, when negative); so 1 and 2 are
    two consecutive working days, as the two days of a conference are."""
    day = today or datetime.date.today()
    step = datetime.timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_helgfri_vardag(day):
            remaining -= 1
    return day


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def demo_event_specs(*, today: datetime.date | None = None) -> list[dict]:
    """Fresh each call: occasions are model instances, saved with their event. Offsets are
    working days from today."""

    def _day(count: int) -> datetime.date:
        return working_day(count, today=today)

    def _occasion(count: int, start: str, end: str, **fields) -> EventOccasion:
        return EventOccasion(
            date=_day(count), start_time=_time(start), end_time=_time(end), **fields
        )

    return [
        {
            "county": "01",
            "slug": "barnrattskonferens",
            "title": "Barnrättskonferens: barnets rätt till skydd mot våld",
            "kind": "conference",
            "summary": (
                "Två dagar om barn som upplever våld: barnkonventionen som lag i praktiken, "
                "barnets röst i utredningen och samverkan mellan socialtjänst, skola och hälso- "
                "och sjukvård."
            ),
            "programme": (
                "<h3>Dag 1</h3><p>Barnkonventionen som svensk lag – vad har förändrats? "
                "Barnets egen berättelse i utredningen.</p><h3>Dag 2</h3><p>Samverkan kring "
                "barn som upplever våld. Workshop: vår lokala rutin.</p>"
            ),
            "format": "physical",
            "venue_name": "Münchenbryggeriet",
            "venue_address": "Torkel Knutssonsgatan 2, Stockholm",
            "capacity": 150,
            "deadline": 28,
            "occasions": [_occasion(39, "09:00", "16:30"), _occasion(40, "09:00", "15:00")],
            "topics": ["barn-som-upplever-vald", "vald-i-nara-relationer"],
            "audiences": ["socialtjanst", "skola-och-forskola", "halso-och-sjukvard"],
        },
        {
            "county": "14",
            "slug": "nya-foreskrifter-vald-i-nara-relationer",
            "title": "Nya föreskrifter om våld i nära relationer – konferensserie i två delar",
            "kind": "conference",
            "summary": (
                "Socialstyrelsens nya föreskrifter och allmänna råd om våld i nära relationer: "
                "en digital genomgång och en fysisk dag i Göteborg om hur kommunerna tar in dem "
                "i sina rutiner. Anmäl dig till en eller båda delarna."
            ),
            "programme": (
                "<p><b>Del 1</b> (digital halvdag): föreskrifternas innehåll och vad som är nytt. "
                "<b>Del 2</b> (heldag i Göteborg): från föreskrift till rutin – erfarenheter från "
                "tre kommuner, och arbete i grupper per verksamhet.</p>"
            ),
            "format": "hybrid",
            "venue_name": "Länsstyrelsen i Västra Götalands län",
            "venue_address": "Södra Hamngatan 3, Göteborg",
            "digital_note": "Del 1 sänds digitalt. Länken skickas till dem som fått plats.",
            "joining_link": "https://video.example.org/foreskrifter-del-1",
            "capacity": 120,
            "deadline": 14,
            "occasions": [
                _occasion(17, "09:00", "12:00", label="Del 1: digital halvdag", format="digital"),
                _occasion(
                    44,
                    "09:30",
                    "16:00",
                    label="Del 2: heldag i Göteborg",
                    format="physical",
                    registration_deadline=_day(34),
                ),
            ],
            "topics": ["vald-i-nara-relationer"],
            "audiences": ["socialtjanst", "politiker-och-chefer"],
        },
        {
            "county": "01",
            "slug": "utbildarutbildning-hedersrelaterat-vald",
            "title": "Utbildarutbildning om hedersrelaterat våld och förtryck",
            "kind": "train_the_trainer",
            "summary": (
                "För dig som ska utbilda kollegor i din kommun om hedersrelaterat våld och "
                "förtryck, barnäktenskap, tvångsäktenskap och könsstympning. Tre dagar med "
                "material du får använda fritt."
            ),
            "format": "physical",
            "venue_name": "Länsstyrelsen i Stockholms län",
            "venue_address": "Hantverkargatan 29, Stockholm",
            "capacity": 3,
            "deadline": 21,
            "occasions": [
                _occasion(32, "09:00", "16:00"),
                _occasion(33, "09:00", "16:00"),
                _occasion(42, "09:00", "15:00"),
            ],
            "topics": ["hedersrelaterat-vald"],
            "audiences": ["socialtjanst", "skola-och-forskola"],
            "registrants": 4,  # more than the seats: the waiting list shows in the admin
        },
        {
            "county": "24",
            "slug": "lansering-jamstalldhetsstrategi",
            "title": "Lanseringskonferens: Ett jämställt Västerbotten",
            "kind": "conference",
            "summary": (
                "Länets nya strategi för jämställdhet lanseras, med mäns våld mot kvinnor som "
                "ett av målområdena. Landshövdingen inleder; kommuner och region berättar hur "
                "de ska arbeta med strategin."
            ),
            "format": "hybrid",
            "venue_name": "Väven",
            "venue_address": "Storgatan 46 A, Umeå",
            "digital_note": "Konferensen sänds också digitalt. Länken skickas till anmälda.",
            "joining_link": "https://video.example.org/jamstalldhetsstrategi",
            "capacity": 200,
            "deadline": 18,
            "occasions": [_occasion(23, "13:00", "16:30")],
            "topics": ["fysiskt-psykiskt-sexuellt-vald"],
            "audiences": ["politiker-och-chefer", "allmanheten"],
        },
        {
            "county": None,
            "slug": "webbinarium-yrkesforare-manniskohandel",
            "title": "Webbinarium: yrkesförare som ser tecken på människohandel",
            "kind": "webinar",
            "summary": (
                "Hur kan taxi-, buss- och lastbilsförare känna igen tecken på prostitution och "
                "människohandel, och när ska de tipsa polisen? Ett nationellt webbinarium."
            ),
            "format": "digital",
            "digital_note": "Sänds digitalt. Länken skickas till anmälda.",
            "joining_link": "https://video.example.org/yrkesforare",
            "deadline": 8,
            "occasions": [_occasion(10, "10:00", "11:30")],
            "topics": ["prostitution-manniskohandel"],
            "audiences": ["yrkesforare"],
        },
        {
            "county": "01",
            "slug": "natverkstraff-kvinnofridssamordnare",
            "title": "Nätverksträff för kommunernas kvinnofridssamordnare",
            "kind": "network_meeting",
            "summary": "Höstens träff i länets nätverk för kvinnofridssamordnare.",
            "format": "physical",
            "venue_name": "Länsstyrelsen i Stockholms län",
            "venue_address": "Hantverkargatan 29, Stockholm",
            "registration_mode": "none",
            "occasions": [_occasion(-14, "13:00", "16:00")],
            "topics": ["vald-i-nara-relationer"],
            "audiences": ["socialtjanst"],
        },
    ]


def calendar_page_ensure(*, user=None) -> CalendarPage:
    calendar = CalendarPage.objects.first()
    if calendar is None:
        calendar = HomePage.objects.get().add_child(
            instance=CalendarPage(
                title="Kalender",
                slug="kalender",
                intro=CALENDAR_INTRO,
                search_description="Konferenser, utbildningar och webbinarier om mäns våld "
                "mot kvinnor.",
            )
        )
        calendar.save_revision(user=user).publish()
    return calendar


def demo_events_load(*, user=None) -> list[EventPage]:
    calendar = calendar_page_ensure(user=user)
    created = []
    for spec in demo_event_specs():
        code = spec.pop("county")
        parent = CountyPage.objects.get(county__code=code) if code else calendar
        if EventPage.objects.child_of(parent).filter(slug=spec["slug"]).exists():
            continue
        topics = spec.pop("topics")
        audiences = spec.pop("audiences")
        registrants = spec.pop("registrants", 0)
        deadline = spec.pop("deadline", None)
        event = parent.add_child(
            instance=EventPage(
                registration_deadline=working_day(deadline) if deadline is not None else None,
                search_description=spec["summary"][:250],
                **spec,
            )
        )
        event.topics.set(ViolenceArea.objects.filter(slug__in=topics))
        event.audiences.set(TargetGroup.objects.filter(slug__in=audiences))
        event.save_revision(user=user).publish()
        for number in range(1, registrants + 1):
            registration_create(
                event=event,
                name=f"Demodeltagare {number}",
                email=f"demodeltagare{number}@example.org",
                organisation="Exempelkommun",
                organisation_type="municipality",
                role="Socialsekreterare",
                occasion_ids=[o.pk for o in event.occasions.all()],
            )
        created.append(event)
    return created
