"""Writes for support lines."""

from datetime import time

from django.db import transaction

from kvinnofrid.regions.models import ViolenceArea

from .models import Audience, SupportLine, WeeklyHours

WEEKDAYS = range(5)

# The lines named in PRODUCT.md, as they describe themselves.
NATIONAL_LINES = [
    {
        "name": "Larmnumret 112",
        "organisation": "SOS Alarm",
        "phone": "112",
        "description": "Vid akut fara för liv, hälsa, egendom eller miljö.",
        "audience": Audience.BOTH,
        "always_open": True,
        "sort_order": 1,
        "topics": [],
        "weekly": [],
    },
    {
        "name": "Kvinnofridslinjen",
        "organisation": "Nationellt centrum för kvinnofrid (NCK)",
        "phone": "020-50 50 50",
        "web_url": "https://kvinnofridslinjen.se/",
        "description": (
            "Nationell stödtelefon för dig som utsatts för hot, våld eller sexuella övergrepp, "
            "och för anhöriga. Gratis, och samtalet syns inte på telefonräkningen."
        ),
        "audience": Audience.PUBLIC,
        "always_open": True,
        "sort_order": 2,
        "topics": ["fysiskt-psykiskt-sexuellt-vald", "vald-i-nara-relationer"],
        "weekly": [],
    },
    {
        "name": "Nationella stödtelefonen om hedersrelaterat våld och förtryck",
        "organisation": "Nationella kompetensteamet, Länsstyrelsen Östergötland",
        "phone": "010-223 57 60",
        "description": (
            "Rådgivning för yrkesverksamma om hedersrelaterat våld och förtryck, barnäktenskap, "
            "tvångsäktenskap och könsstympning."
        ),
        "audience": Audience.PROFESSIONALS,
        "sort_order": 10,
        "topics": ["hedersrelaterat-vald"],
        "weekly": [(day, time(9), time(16)) for day in WEEKDAYS],
    },
    {
        "name": "Regionkoordinatorerna mot prostitution och människohandel",
        "organisation": "Regionkoordinatorerna mot prostitution och människohandel",
        "phone": "020-390 000",
        "description": (
            "Stöd och rådgivning vid misstanke om prostitution eller människohandel, för "
            "yrkesverksamma och för den som är utsatt."
        ),
        "audience": Audience.BOTH,
        "sort_order": 11,
        "topics": ["prostitution-manniskohandel"],
        # Weekday office hours.
        "weekly": [(day, time(8), time(17)) for day in WEEKDAYS],
    },
    {
        "name": "Tipsa polisen, 114 14",
        "organisation": "Polismyndigheten",
        "phone": "114 14",
        "description": "För att tipsa polisen eller anmäla brott när det inte är akut.",
        "audience": Audience.BOTH,
        "always_open": True,
        "sort_order": 20,
        "topics": ["prostitution-manniskohandel"],
        "weekly": [],
    },
]


@transaction.atomic
def support_lines_seed() -> int:
    """Create the national lines that do not exist yet (by name); never overwrites what
    editors have changed. Returns the number created."""
    created = 0
    for spec in NATIONAL_LINES:
        if SupportLine.objects.filter(name=spec["name"], county__isnull=True).exists():
            continue
        fields = {k: v for k, v in spec.items() if k not in {"topics", "weekly"}}
        line = SupportLine(**fields)
        line.full_clean(exclude=["topics"])
        # A parental many-to-many is written by save(), so set it first.
        line.topics.set(ViolenceArea.objects.filter(slug__in=spec["topics"]))
        line.save()
        WeeklyHours.objects.bulk_create(
            WeeklyHours(line=line, weekday=day, opens=opens, closes=closes, sort_order=index)
            for index, (day, opens, closes) in enumerate(spec["weekly"])
        )
        created += 1
    return created
