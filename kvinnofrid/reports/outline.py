"""The report as an ordered list of blocks (heading, narrative text, tables, chart, map),
built once from the plain data and rendered by each exporter: PDF, DOCX and XLSX show the
same headings and the same tables, so their figures cannot drift apart."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .data import NationalData, ReportData, Row, SurveySummary
from .models import REQUIRED_SECTIONS, StatusReport


@dataclass(frozen=True)
class Percent:
    """A share (0–1, or None when nothing was asked) in a table cell: "75 %" in the PDF and
    DOCX, the number 0.75 with a percent format in the XLSX."""

    rate: float | None

    def __str__(self) -> str:
        return SurveySummary.percent(self.rate)


def cell_text(value) -> str:
    """A table cell as the PDF and the DOCX print it, in Swedish format. The XLSX writes the
    value itself (exports.render_xlsx), so a number stays a number there."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else ""
    if isinstance(value, float):
        return number_format(round(value, 2))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


@dataclass
class Trend:
    """A series of yearly values, drawn as a line chart (an indicator's development)."""

    title: str
    unit: str
    points: list[tuple[int, float]]


# From this many columns a table is printed on a landscape page of its own: the national
# table of the 21 counties (11 columns) and the plan tables do not fit 17 cm of portrait A4
# even with wrapped and hyphenated headers.
WIDE_COLUMNS = 7


@dataclass
class Table:
    sheet: str  # XLSX sheet name (≤ 31 characters, unique in the report)
    title: str
    headers: list[str | int]  # a year is an int, so that the XLSX gets a number
    rows: list[list]  # str, int, float, Percent, date or None
    chart: list[Row] | None = None  # drawn as a bar chart beside the table
    trends: list[Trend] = field(default_factory=list)  # line charts after the table

    @property
    def wide(self) -> bool:
        return len(self.headers) >= WIDE_COLUMNS

    def header_texts(self) -> list[str]:
        return [cell_text(header) for header in self.headers]

    def row_texts(self) -> list[list[str]]:
        return [[cell_text(value) for value in row] for row in self.rows]


@dataclass
class Block:
    heading: str
    level: int = 1
    anchor: str = ""
    html: str = ""  # narrative rich text (already expanded), may be empty
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    map_county: str = ""  # SCB code: draw the county's municipality map here
    map_counts: dict = field(default_factory=dict)
    national_map: bool = False


@dataclass
class Document:
    title: str
    subtitle: str
    year: int
    blocks: list[Block]
    # The title page: who issues the report, the date of this version (when it was made
    # final, or last changed), the registry number staff entered, and the version.
    author: str = ""
    date: datetime.date | None = None
    reference_number: str = ""
    version_label: str = ""

    @property
    def date_text(self) -> str:
        return date_format(self.date, "j F Y") if self.date else ""

    def tables(self) -> list[Table]:
        return [table for block in self.blocks for table in block.tables]


def _percent(rate) -> Percent:
    return Percent(rate)


def _share(percent: int | None) -> Percent:
    """A whole-number percentage (0–100) of the plans' follow-up as a Percent."""
    return Percent(None if percent is None else percent / 100)


# The board that compiles the national report (PRODUCT.md: Länsstyrelsen i Stockholms län
# coordinates the national reporting).
NATIONAL_COORDINATOR_COUNTY = "01"


def _board_name(county_code: str) -> str:
    from kvinnofrid.regions.models import County

    county = County.objects.filter(code=county_code).first()
    return county.board_name if county else ""


def _title_facts(report: StatusReport | None, county_code: str) -> dict:
    """Author, date, registry number and version for the title page."""
    if report is None:
        when, version_label, reference = timezone.now(), "", ""
    else:
        when = report.finalised_at if report.is_final else report.updated_at
        when = when or timezone.now()
        version_label = _("Version %(version)s (%(status)s)") % {
            "version": report.version,
            "status": report.get_status_display().lower(),
        }
        reference = report.reference_number
    return {
        "author": _board_name(county_code),
        "date": timezone.localtime(when).date(),
        "reference_number": reference,
        "version_label": version_label,
    }


def _compare_table(sheet, title, rows: list[Row], year: int, first=None, chart=True) -> Table:
    return Table(
        sheet=sheet,
        title=title,
        headers=[first or _("Kategori"), year, year - 1],
        rows=[[row.label, row.count, row.previous or 0] for row in rows],
        chart=rows if chart else None,
    )


def _narrative(report: StatusReport | None) -> dict:
    if report is None:
        return {}
    from wagtail.rich_text import expand_db_html

    return {name: expand_db_html(getattr(report, name) or "") for name in report_text_fields()}


def _county_reports(year: int) -> list[StatusReport]:
    """Each county's newest report of the year, for the national compilation."""
    return list(
        StatusReport.objects.filter(year=year, county__isnull=False)
        .latest_versions()
        .select_related("county")
        .order_by("county__code")
    )


def report_text_fields():
    from .models import TEXT_FIELDS

    return TEXT_FIELDS


def _missing() -> str:
    return "<p>" + _("Texten är inte skriven ännu.") + "</p>"


def county_document(data: ReportData, report: StatusReport | None = None) -> Document:
    texts = _narrative(report)
    year = data.year
    blocks = [
        Block(
            heading=_("Nyckeltal"),
            anchor="nyckeltal",
            tables=[
                Table(
                    sheet=_("Nyckeltal"),
                    title=_("Nyckeltal %(year)s jämfört med %(previous)s")
                    % {"year": year, "previous": year - 1},
                    headers=[_("Nyckeltal"), year, year - 1],
                    rows=[
                        [_("Insatser"), data.activities_total, data.previous_activities_total],
                        [
                            _("Deltagare i insatser"),
                            data.participants_total,
                            data.previous_participants_total,
                        ],
                        [_("Kommuner som nåtts"), len(data.reached), None],
                        [_("Kommuner i länet"), data.municipalities_total, None],
                        [_("Nätverksmöten som länsstyrelsen höll"), data.meetings_total, None],
                        [_("Evenemang"), data.events_total, None],
                        [_("Anmälda till evenemang (fått plats)"), data.registrations_total, None],
                        [_("Närvarande vid evenemang"), data.attended_total, None],
                        [_("Publikationer"), len(data.publications), None],
                        [_("Frågor till nationell nivå"), len(data.issues), None],
                        [
                            _("Svarsfrekvens i kartläggningen"),
                            _percent(data.survey.response_rate if data.survey else None),
                            _percent(data.survey.previous_response_rate if data.survey else None),
                        ],
                    ],
                )
            ],
        )
    ]
    for index, (name, label) in enumerate(REQUIRED_SECTIONS, start=1):
        blocks.append(
            Block(heading=str(label), anchor=f"del-{index}", html=texts.get(name) or _missing())
        )
    blocks.append(Block(heading=_("Arbetet per målsättning"), anchor="malsattningar"))
    for row in data.by_goal:
        blocks.append(
            Block(
                heading=_("Målsättning %(label)s") % {"label": row.label},
                level=2,
                anchor=f"mal-{row.key}",
                paragraphs=[
                    _("%(count)s insatser %(year)s (%(previous)s året innan).")
                    % {"count": row.count, "year": year, "previous": row.previous or 0}
                ],
                html=texts.get(f"goal_{row.key}_text") or _missing(),
            )
        )
    blocks.append(
        Block(
            heading=_("Insatser"),
            anchor="insatser",
            tables=[
                _compare_table(_("Insatser per typ"), _("Insatser per typ"), data.by_kind, year),
                _compare_table(
                    _("Insatser per målsättning"),
                    _("Insatser per målsättning i den nationella strategin"),
                    data.by_goal,
                    year,
                ),
                _compare_table(
                    _("Insatser per våldsområde"),
                    _("Insatser per våldsområde"),
                    data.by_area,
                    year,
                    chart=False,
                ),
                _compare_table(
                    _("Insatser per målgrupp"),
                    _("Insatser per målgrupp"),
                    data.by_target_group,
                    year,
                    chart=False,
                ),
                _compare_table(
                    _("Deltagare per organisation"),
                    _("Deltagare per typ av organisation"),
                    data.participants_by_type,
                    year,
                    chart=False,
                ),
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Kommuner"),
            anchor="kommuner",
            paragraphs=[
                _("Insatserna nådde %(reached)s av länets %(total)s kommuner %(year)s.")
                % {"reached": len(data.reached), "total": data.municipalities_total, "year": year}
            ],
            map_county=data.county_code,
            map_counts={m.code: m.activities for m in data.reached},
            tables=[
                Table(
                    sheet=_("Kommuner som nåtts"),
                    title=_("Kommuner som nåtts"),
                    headers=[_("Kommun"), _("Kommunkod"), _("Insatser")],
                    rows=[[m.name, m.code, m.activities] for m in data.reached],
                ),
                Table(
                    sheet=_("Kommuner som inte nåtts"),
                    title=_("Kommuner som inte nåtts"),
                    headers=[_("Kommun"), _("Kommunkod")],
                    rows=[[m.name, m.code] for m in data.not_reached],
                ),
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Nätverk och möten"),
            anchor="natverk",
            paragraphs=[
                _("Länsstyrelsen höll %(count)s nätverksmöten %(year)s.")
                % {"count": data.meetings_total, "year": year}
            ],
            tables=[
                Table(
                    sheet=_("Nätverk"),
                    title=_("Nätverk och deras möten under året"),
                    headers=[_("Nätverk"), _("Status"), _("Möten")],
                    rows=[[n.name, n.status, n.meetings] for n in data.networks],
                )
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Evenemang"),
            anchor="evenemang",
            tables=[
                Table(
                    sheet=_("Evenemang"),
                    title=_("Evenemang med tillfällen under året"),
                    headers=[
                        _("Evenemang"),
                        _("Typ"),
                        _("Första dag"),
                        _("Tillfällen"),
                        _("Anmälda"),
                        _("Närvarande"),
                    ],
                    rows=[
                        [
                            e.title,
                            e.kind,
                            e.first_day,
                            e.occasions,
                            e.registered,
                            e.attended,
                        ]
                        for e in data.events
                    ],
                )
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Publikationer"),
            anchor="publikationer",
            tables=[
                Table(
                    sheet=_("Publikationer"),
                    title=_("Publikationer i kunskapsbanken utgivna under året"),
                    headers=[_("Titel"), _("Typ"), _("Utgivare")],
                    rows=[[p.title, p.kind, p.publisher] for p in data.publications],
                )
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Frågor till nationell nivå"),
            anchor="nationella-fragor",
            tables=[
                Table(
                    sheet=_("Nationella frågor"),
                    title=_("Frågor som väckts under året"),
                    headers=[_("Fråga"), _("Väckt"), _("Status")],
                    rows=[[i.title, i.raised_on, i.status] for i in data.issues],
                ),
                Table(
                    sheet=_("Frågor per status"),
                    title=_("Frågor per status"),
                    headers=[_("Status"), _("Antal")],
                    rows=[[row.label, row.count] for row in data.issues_by_status],
                ),
            ],
        )
    )
    plan_tables = []
    if data.plans:
        plan_tables.append(
            Table(
                sheet=_("Handlingsplaner"),
                title=_("Handlingsplaner och åtgärdernas läge"),
                headers=[
                    _("Plan"),
                    _("Period"),
                    _("Status"),
                    _("Åtgärder"),
                    *[row.label for row in data.plans[0].by_status],
                    _("Försenade"),
                    _("Genomförda (%)"),
                ],
                rows=[
                    [
                        p.title,
                        p.period,
                        p.status,
                        p.measures_total,
                        *[row.count for row in p.by_status],
                        p.late,
                        _share(p.percent_done),
                    ]
                    for p in data.plans
                ],
            )
        )
        plan_tables.append(
            Table(
                sheet=_("Åtgärder"),
                title=_("Åtgärder"),
                headers=[
                    _("Plan"),
                    _("Mål"),
                    pgettext("handlingsplan", "Åtgärd"),
                    _("Status"),
                    _("Genomfört (%)"),
                    _("Försenad"),
                    _("Uppföljning"),
                ],
                rows=[
                    [
                        p.title,
                        m.goal,
                        m.title,
                        m.status,
                        _share(m.progress),
                        bool(m.late),
                        m.comment,
                    ]
                    for p in data.plans
                    for m in p.measures
                ],
            )
        )
        # One column per year that any indicator has a value for, so that each value is a
        # cell of its own (a number in the XLSX), not "2024: 3, 2025: 5" in one cell.
        indicator_years = sorted(
            {y for p in data.plans for i in p.indicators for y, _value in i.points}
        )
        plan_tables.append(
            Table(
                sheet=_("Indikatorer"),
                title=_("Indikatorer och deras utveckling"),
                headers=[_("Plan"), _("Indikator"), _("Enhet"), *indicator_years, _("Trend")],
                trends=[
                    Trend(title=i.name, unit=i.unit, points=i.points)
                    for p in data.plans
                    for i in p.indicators
                    if len(i.points) >= 2
                ],
                rows=[
                    [
                        p.title,
                        i.name,
                        i.unit,
                        *[dict(i.points).get(y) for y in indicator_years],
                        i.trend,
                    ]
                    for p in data.plans
                    for i in p.indicators
                ],
            )
        )
    blocks.append(
        Block(
            heading=_("Handlingsplaner"),
            anchor="handlingsplaner",
            paragraphs=[] if data.plans else [_("Länet har ingen antagen plan för året.")],
            tables=plan_tables,
        )
    )
    survey = data.survey
    if survey:
        survey_paragraphs = [
            _(
                "%(submitted)s av %(invited)s inbjudna svarade (%(rate)s); året innan "
                "%(previous_submitted)s av %(previous_invited)s (%(previous_rate)s)."
            )
            % {
                "submitted": survey.submitted,
                "invited": survey.invited,
                "rate": _percent(survey.response_rate),
                "previous_submitted": survey.previous_submitted,
                "previous_invited": survey.previous_invited,
                "previous_rate": _percent(survey.previous_response_rate),
            }
        ]
        survey_tables = [
            Table(
                sheet=pgettext("enkät", "Kartläggning"),
                title=_("Kartläggningens svarsfrekvens"),
                headers=[_("Uppgift"), year, year - 1],
                rows=[
                    [_("Inbjudna"), survey.invited, survey.previous_invited],
                    [_("Svarat"), survey.submitted, survey.previous_submitted],
                    [
                        _("Svarsfrekvens"),
                        _percent(survey.response_rate),
                        _percent(survey.previous_response_rate),
                    ],
                ],
            ),
            Table(
                sheet=_("Kartläggningens resultat"),
                title=_("Kartläggningens viktigaste resultat"),
                headers=[pgettext("enkät", "Fråga"), _("Svar"), year, year - 1],
                rows=[
                    [q.text, label, count, previous]
                    for q in survey.questions
                    for label, count, previous in q.counts
                ]
                + [
                    [
                        q.text,
                        _("medelvärde"),
                        q.mean,
                        q.previous_mean,
                    ]
                    for q in survey.questions
                    if not q.counts
                ],
            ),
        ]
    else:
        survey_paragraphs = [_("Länet gjorde ingen kartläggning för året.")]
        survey_tables = []
    blocks.append(
        Block(
            heading=_("Kartläggning av kommunernas arbete"),
            anchor="kartlaggning",
            paragraphs=survey_paragraphs,
            tables=survey_tables,
        )
    )
    return Document(
        title=_("Lägesrapport %(county)s %(year)s") % {"county": data.county_name, "year": year},
        subtitle=_("Regional samordning mot mäns våld mot kvinnor"),
        year=year,
        blocks=blocks,
        **_title_facts(report, data.county_code),
    )


def national_document(data: NationalData, report: StatusReport | None = None) -> Document:
    texts = _narrative(report)
    year = data.year
    blocks = [
        Block(
            heading=_("Nyckeltal för hela landet"),
            anchor="nyckeltal",
            tables=[
                Table(
                    sheet=_("Nyckeltal"),
                    title=_("Nyckeltal för hela landet"),
                    headers=[_("Nyckeltal"), year, year - 1],
                    rows=[
                        [_("Insatser"), data.activities_total, data.previous_activities_total],
                        [_("Deltagare i insatser"), data.total("participants"), None],
                        [_("Kommuner som nåtts"), data.total("municipalities_reached"), None],
                        [_("Nätverksmöten"), data.total("meetings"), None],
                        [_("Evenemang"), data.total("events"), None],
                        [_("Anmälda till evenemang"), data.total("registrations"), None],
                        [_("Publikationer"), data.total("publications"), None],
                        [_("Frågor till nationell nivå"), data.total("issues_raised"), None],
                        [_("Svarsfrekvens i kartläggningarna"), _percent(data.response_rate), None],
                    ],
                )
            ],
        )
    ]
    county_reports = _county_reports(year)
    for index, (name, label) in enumerate(REQUIRED_SECTIONS, start=1):
        blocks.append(
            Block(heading=str(label), anchor=f"del-{index}", html=texts.get(name) or _missing())
        )
        # The counties' own texts for the same part, gathered under it.
        for county_report in county_reports:
            html = _narrative(county_report).get(name)
            if not html:
                continue
            heading = county_report.county.name
            if county_report.status != county_report.Status.FINAL:
                heading = _("%(county)s (%(status)s)") % {
                    "county": heading,
                    "status": county_report.get_status_display().lower(),
                }
            blocks.append(
                Block(
                    heading=heading,
                    level=2,
                    anchor=f"del-{index}-{county_report.county.code}",
                    html=html,
                )
            )
    blocks.append(
        Block(
            heading=_("Länen sida vid sida"),
            anchor="lanen",
            national_map=True,
            map_counts={county.code: county.activities for county in data.counties},
            tables=[
                Table(
                    sheet=_("Län"),
                    title=_("Länens nyckeltal %(year)s") % {"year": year},
                    headers=[
                        _("Län"),
                        _("Insatser"),
                        _("Deltagare"),
                        _("Kommuner som nåtts"),
                        _("Kommuner"),
                        _("Nätverksmöten"),
                        _("Evenemang"),
                        _("Anmälda"),
                        _("Publikationer"),
                        _("Nationella frågor"),
                        _("Svarsfrekvens"),
                    ],
                    rows=[
                        [
                            c.name,
                            c.activities,
                            c.participants,
                            c.municipalities_reached,
                            c.municipalities_total,
                            c.meetings,
                            c.events,
                            c.registrations,
                            c.publications,
                            c.issues_raised,
                            _percent(c.response_rate),
                        ]
                        for c in data.counties
                    ]
                    + [
                        [
                            _("Hela landet"),
                            data.total("activities"),
                            data.total("participants"),
                            data.total("municipalities_reached"),
                            data.total("municipalities_total"),
                            data.total("meetings"),
                            data.total("events"),
                            data.total("registrations"),
                            data.total("publications"),
                            data.total("issues_raised"),
                            _percent(data.response_rate),
                        ]
                    ],
                )
            ],
        )
    )
    blocks.append(
        Block(
            heading=_("Insatser i hela landet"),
            anchor="insatser",
            tables=[
                _compare_table(_("Insatser per typ"), _("Insatser per typ"), data.by_kind, year),
                _compare_table(
                    _("Insatser per målsättning"),
                    _("Insatser per målsättning i den nationella strategin"),
                    data.by_goal,
                    year,
                ),
                _compare_table(
                    _("Deltagare per organisation"),
                    _("Deltagare per typ av organisation"),
                    data.participants_by_type,
                    year,
                    chart=False,
                ),
            ],
        )
    )
    return Document(
        title=_("Lägesrapport hela landet %(year)s") % {"year": year},
        subtitle=_("Nationell sammanställning av länsstyrelsernas lägesrapporter"),
        year=year,
        blocks=blocks,
        **_title_facts(report, NATIONAL_COORDINATOR_COUNTY),
    )


def document_for(report: StatusReport) -> Document:
    from .data import national_data, report_data

    if report.county_id is None:
        return national_document(national_data(year=report.year), report)
    return county_document(report_data(county=report.county, year=report.year), report)
