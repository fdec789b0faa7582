"""Demo content: a draft status report for Stockholms län this year, with texts, so that a
believable report (figures from the coordination, plans and surveys demos) appears after
`make run`. Idempotent."""

import datetime

from django.db import transaction

from kvinnofrid.regions.models import County

from .models import StatusReport
from .services import report_create

TEXTS = {
    "results_and_effects": (
        "<p>Länsstyrelsen har under året besökt merparten av länets kommuner och följt upp "
        "deras arbete mot mäns våld mot kvinnor. Besöken har lett till att fler kommuner "
        "har antagit eller reviderat handlingsplaner och utsett kvinnofridssamordnare.</p>"
        "<ul><li>Utbildningsinsatserna nådde socialtjänst, hälso- och sjukvård och skola.</li>"
        "<li>Nätverket för kvinnofridssamordnare träffades regelbundet.</li></ul>"
    ),
    "development_analysis": (
        "<p>Arbetet i länet har blivit mer systematiskt. Skillnaderna mellan kommunerna är "
        "dock fortfarande stora, särskilt när det gäller arbetet med våldsutövare och med "
        "hedersrelaterat våld och förtryck.</p>"
    ),
    "support_needs_analysis": (
        "<p>Kommunerna efterfrågar stöd i strukturerad riskbedömning, i samverkan med "
        "kvinnojourerna och i att följa upp sina handlingsplaner med indikatorer. Regionen "
        "efterfrågar stöd i att sprida rutiner för att fråga om våld i vården.</p>"
    ),
    "goal_1_text": "<p>Förebyggande insatser i skolan och kampanjer riktade till allmänheten.</p>",
    "goal_2_text": "<p>Utbildningar i att upptäcka våld för socialtjänst och vård.</p>",
    "goal_3_text": "<p>Samverkan med Polisen om kontaktförbud och skyddsbedömningar.</p>",
    "goal_4_text": "<p>Kartläggningen av kommunernas arbete och metodstöd i riskbedömning.</p>",
}


@transaction.atomic
def demo_reports_load(*, user, year: int | None = None) -> StatusReport:
    year = year or datetime.date.today().year
    county = County.objects.get(code="01")
    report = StatusReport.objects.filter(county=county, year=year).order_by("-version").first()
    if report is not None:
        return report
    return report_create(county=county, year=year, user=user, **TEXTS)
