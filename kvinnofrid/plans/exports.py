"""The plan follow-up as an XLSX workbook: an overview sheet, the measures with their
status and the year's comment, and the indicators' yearly values."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from kvinnofrid.core.spreadsheets import FORMULA_STARTS

from .reporting import PlanFollowUp


def _cell(value):
    # Cells that would start a formula stay text (OWASP's CSV/spreadsheet injection rule).
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet(workbook, title, header, rows, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append([str(text) for text in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    return sheet


def followup_xlsx(followup: PlanFollowUp) -> bytes:
    plan = followup.plan
    workbook = Workbook()
    overview = [
        (_("Plan"), plan.title),
        (_("Län"), plan.county.name),
        (_("Typ"), str(plan.get_kind_display())),
        (_("Period"), plan.period),
        (_("Status"), str(plan.get_status_display())),
        (_("Uppföljningsår"), followup.year),
        (_("Åtgärder totalt"), followup.measures_total),
    ]
    overview += [(label, count) for _key, label, count, _percent in followup.status_rows]
    overview += [
        (_("Försenade"), followup.late),
        (_("Andel genomförda (%)"), followup.percent_done),
        (_("Andel pågående (%)"), followup.percent_ongoing),
        (_("Andel försenade (%)"), followup.percent_late),
    ]
    _sheet(workbook, _("Översikt"), [_("Uppgift"), _("Värde")], overview, first=True)
    _sheet(
        workbook,
        _("Åtgärder"),
        [
            _("Mål"),
            pgettext("handlingsplan", "Åtgärd"),
            _("Ansvariga"),
            _("Startdatum"),
            _("Slut"),
            _("Status"),
            _("Genomfört (%)"),
            _("Försenad"),
            _("Uppföljning %(year)s") % {"year": followup.year},
        ],
        [
            (
                row.goal_title,
                row.measure.title,
                row.measure.organisation_names(),
                row.measure.starts_on,
                row.measure.ends_on,
                str(row.measure.get_status_display()),
                row.measure.progress,
                _("Ja") if row.late else _("Nej"),
                row.comment,
            )
            for row in followup.measures
        ],
    )
    _sheet(
        workbook,
        _("Indikatorer"),
        [_("Mål"), _("Indikator"), _("Enhet"), _("År"), _("Värde"), _("Typ av värde")],
        [
            row
            for series in followup.indicators
            for row in [
                *(
                    [
                        (
                            series.goal_title,
                            series.indicator.name,
                            series.indicator.unit,
                            series.indicator.baseline_year,
                            float(series.indicator.baseline_value),
                            _("Utgångsvärde"),
                        )
                    ]
                    if series.indicator.baseline_value is not None
                    else []
                ),
                *(
                    (
                        series.goal_title,
                        series.indicator.name,
                        series.indicator.unit,
                        year,
                        float(value),
                        _("Uppmätt"),
                    )
                    for year, value in series.points
                ),
                *(
                    [
                        (
                            series.goal_title,
                            series.indicator.name,
                            series.indicator.unit,
                            series.indicator.target_year,
                            float(series.indicator.target_value),
                            _("Målvärde"),
                        )
                    ]
                    if series.indicator.target_value is not None
                    else []
                ),
            ]
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
