"""The default yearly survey to the municipalities on their work against men's violence
against women. A county copies it (`services.survey_from_template`) and edits its copy.
The keys stay the same from year to year so that answers can be compared."""

DEFAULT_TITLE = "Kartläggning av kommunens arbete mot mäns våld mot kvinnor"
DEFAULT_INTRODUCTION = (
    "Länsstyrelsen kartlägger varje år hur kommunerna i länet arbetar mot mäns våld mot "
    "kvinnor, våld i nära relationer och hedersrelaterat våld och förtryck. Svaren används i "
    "länsstyrelsens lägesrapport till regeringen och för att planera stödet till kommunerna. "
    "Svara för kommunens verksamheter som helhet. Skriv inga uppgifter om enskilda personer."
)

AREAS = [
    "Våld i nära relationer",
    "Hedersrelaterat våld och förtryck",
    "Barnäktenskap och tvångsäktenskap",
    "Könsstympning av flickor och kvinnor",
    "Prostitution och människohandel",
]
ROUTINE_STATES = ["Ja", "Nej", "Under framtagande"]
PROFESSIONS = [
    "Socialtjänsten",
    "Hälso- och sjukvård",
    "Skola och elevhälsa",
    "Förskola",
    "Äldreomsorg och funktionshinderområdet",
]

SECTION_GOVERNANCE = "Styrning och samordning"
SECTION_ROUTINES = "Rutiner och arbetssätt"
SECTION_COMPETENCE = "Kompetens"
SECTION_COOPERATION = "Samverkan"
SECTION_SUPPORT = "Stöd från länsstyrelsen"

# (section, key, kind, text, required, extra) — extra: options, rows, help_text,
# condition_key, condition_value.
DEFAULT_QUESTIONS = [
    (SECTION_GOVERNANCE, "action_plan", "yes_no",
     "Har kommunen en antagen handlingsplan mot mäns våld mot kvinnor och våld i nära relationer?",
     True, {}),
    (SECTION_GOVERNANCE, "action_plan_year", "year",
     "Vilket år antogs handlingsplanen?", True,
     {"condition_key": "action_plan", "condition_value": "ja", "help_text": "Till exempel 2024."}),
    (SECTION_GOVERNANCE, "coordinator", "yes_no",
     "Har kommunen en kvinnofridssamordnare eller motsvarande samordnande funktion?", True, {}),
    (SECTION_GOVERNANCE, "coordinator_fte", "number",
     "Hur många heltidstjänster motsvarar samordningen?", True,
     {"condition_key": "coordinator", "condition_value": "ja",
      "help_text": "Till exempel 0,5 för en halvtidstjänst."}),
    (SECTION_ROUTINES, "routines", "grid",
     "Finns det rutiner för att upptäcka våld och ge stöd inom följande områden?", True,
     {"rows": AREAS, "options": ROUTINE_STATES}),
    (SECTION_ROUTINES, "risk_assessment", "single",
     "Använder socialtjänsten en strukturerad bedömningsmetod för risk (t.ex. FREDA, PATRIARK)?",
     True, {"options": ["Ja, alltid", "Ja, ibland", "Nej"]}),
    (SECTION_ROUTINES, "risk_methods", "multiple",
     "Vilka bedömningsmetoder används?", False,
     {"options": ["FREDA", "PATRIARK", "SARA:SV", "Check 65", "Annan metod"],
      "condition_key": "risk_assessment", "condition_value": "Ja, alltid"}),
    (SECTION_COMPETENCE, "trained_staff", "grid",
     "Har personal fått utbildning om våld under året?", False,
     {"rows": PROFESSIONS, "options": ["Ja", "Nej", "Vet inte"]}),
    (SECTION_COMPETENCE, "trained_staff_total", "number",
     "Ungefär hur många anställda har utbildats om våld under året?", False, {}),
    (SECTION_COOPERATION, "womens_shelter_cooperation", "yes_no",
     "Samverkar kommunen med en kvinnojour eller tjejjour?", True, {}),
    (SECTION_COOPERATION, "womens_shelter_agreement_date", "date",
     "När tecknades den senaste överenskommelsen om samverkan (IOP eller avtal)?", False,
     {"condition_key": "womens_shelter_cooperation", "condition_value": "ja",
      "help_text": "Skriv datumet som ÅÅÅÅ-MM-DD."}),
    (SECTION_COOPERATION, "perpetrator_work", "yes_no",
     "Erbjuder kommunen stöd och behandling till personer som utövar våld?", True, {}),
    (SECTION_COOPERATION, "perpetrator_work_description", "short_text",
     "Beskriv kort insatsen för personer som utövar våld.", False,
     {"condition_key": "perpetrator_work", "condition_value": "ja"}),
    (SECTION_SUPPORT, "support_needs", "long_text",
     "Vilket stöd behöver kommunen från länsstyrelsen det kommande året?", False,
     {"help_text": "Till exempel utbildning, nätverk, metodstöd eller kartläggningar."}),
]  # fmt: skip
