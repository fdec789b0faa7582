"""Survey answers as XLSX (and CSV for an organisation's own answers). Answers are typed
by the organisations, so every text cell is kept as text, never read as a formula."""

import csv
import datetime
import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kvinnofrid.core.spreadsheets import FORMULA_STARTS

from .models import Invitation, QuestionKind, Survey

MAX_COLUMN_WIDTH = 60


def _cell(question, value):
    if value in (None, "", []):
        return None
    if question.kind in (QuestionKind.NUMBER, QuestionKind.YEAR):
        return value
    return question.display_value(value)


def question_columns(questions) -> list[tuple[str, object, str | None]]:
    """(header, question, grid row) per column: a grid gets one column per row (cell)."""
    columns = []
    for question in questions:
        if question.kind == QuestionKind.GRID:
            columns += [(f"{question.key}: {row}", question, row) for row in question.row_list]
        else:
            columns.append((question.key, question, None))
    return columns


def survey_table(survey: Survey, invitations) -> tuple[list[str], list[list[object]]]:
    """One row per invited organisation, one column per question (per cell for grids).
    Prefetch `answers` on the invitations."""
    questions = list(survey.questions.order_by("sort_order"))
    columns = question_columns(questions)
    headers = [_("Organisation"), _("Status"), _("Inskickad"), *(c[0] for c in columns)]
    rows = []
    for invitation in invitations:
        values = {answer.question_id: answer.value for answer in invitation.answers.all()}
        row = [
            invitation.organisation.name,
            invitation.get_status_display(),
            _local_naive(invitation.submitted_at),
        ]
        for _header, question, grid_row in columns:
            value = values.get(question.pk)
            if grid_row is not None:
                row.append((value or {}).get(grid_row))
            else:
                row.append(_cell(question, value))
        rows.append(row)
    return headers, rows


def question_sheet(survey: Survey) -> tuple[list[str], list[list[object]]]:
    return [_("Nyckel"), _("Avsnitt"), pgettext("enkät", "Fråga"), _("Typ")], [
        [q.key, q.section, q.text, q.get_kind_display()]
        for q in survey.questions.order_by("sort_order")
    ]


def invitation_table(invitation: Invitation) -> tuple[list[str], list[list[object]]]:
    """One organisation's answers: one row per question (per cell for grids)."""
    values = {answer.question_id: answer.value for answer in invitation.answers.all()}
    rows = []
    for question in invitation.survey.questions.order_by("sort_order"):
        value = values.get(question.pk)
        if question.kind == QuestionKind.GRID:
            for grid_row in question.row_list:
                rows.append(
                    [question.section, f"{question.text} – {grid_row}", (value or {}).get(grid_row)]
                )
        else:
            rows.append([question.section, question.text, _cell(question, value)])
    return [_("Avsnitt"), pgettext("enkät", "Fråga"), _("Svar")], rows


def xlsx_bytes(
    sheets: list[tuple[str, list[str], list[list[object]]]], *, title: str = ""
) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, headers, rows in sheets:
        sheet = workbook.create_sheet(name[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.data_type = "s"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    # openpyxl stores any text that starts with "=" as a formula.
                    cell.data_type = "s"
                elif isinstance(cell.value, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            values = [header, *(_text(row[index - 1]) for row in rows)]
            width = min(max(len(value) for value in values) + 2, MAX_COLUMN_WIDTH)
            sheet.column_dimensions[get_column_letter(index)].width = width
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: list[str], rows: list[list[object]]) -> bytes:
    """`;`-separated UTF-8 with BOM, for Swedish Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        cells = []
        for value in row:
            text = _text(value)
            cells.append("'" + text if text.startswith(FORMULA_STARTS) else text)
        writer.writerow(cells)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _local_naive(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        # Swedish Excel reads "0,5" as a number and "0.5" as text (or a date).
        return str(value).replace(".", ",")
    return "" if value is None else str(value)


def readable_rows(rows: list[list[object]]) -> list[list[object]]:
    """invitation_table's rows for a page: numbers in the active language's format
    ("0,5"), which a template's linebreaksbr would print as "0.5"."""
    return [
        [formats.number_format(cell) if isinstance(cell, float) else cell for cell in row]
        for row in rows
    ]
