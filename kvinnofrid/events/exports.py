"""Registrant lists for staff, as CSV and XLSX.

Both formats are built from `registrant_table`, so a column added there appears in both.
Registrants type their own names and organisations on the public form, so every text
cell is guarded against being read as a spreadsheet formula.
"""

import csv
import datetime
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import STOCKHOLM, Registration

# Characters that make Excel and LibreOffice treat a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


def registrant_table(
    registrations: Iterable[Registration],
) -> tuple[list[str], list[list[object]]]:
    """Headers and one row per registration. Prefetch `occasions` on the registrations:
    every row names them."""
    headers = [
        _("Namn"),
        _("E-postadress"),
        _("Organisation"),
        _("Typ av organisation"),
        _("Yrkesroll"),
        _("Tillfällen"),
        _("Kost"),
        _("Tillgänglighet"),
        _("Status"),
        _("Närvaro"),
        _("Anmäld"),
    ]
    rows = [
        [
            registration.name,
            registration.email,
            registration.organisation,
            registration.get_organisation_type_display(),
            registration.role,
            ", ".join(occasion_label(o) for o in _sorted(registration.occasions.all())),
            registration.dietary_needs,
            registration.accessibility_needs,
            registration.get_status_display(),
            attendance_label(registration.attended),
            _local_naive(registration.created_at),
        ]
        for registration in registrations
    ]
    return headers, rows


def occasion_label(occasion) -> str:
    date = occasion.date.isoformat()
    return f"{occasion.label} ({date})" if occasion.label else date


def attendance_label(attended: bool | None) -> str:
    if attended is None:
        return ""
    return _("Ja") if attended else _("Nej")


def registrants_csv(registrations: Iterable[Registration]) -> bytes:
    """UTF-8 with a byte-order mark and `;` between fields: what Excel set to Swedish opens
    correctly with a double click."""
    headers, rows = registrant_table(registrations)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def registrants_xlsx(registrations: Iterable[Registration], *, title: str = "") -> bytes:
    # Imported here: openpyxl (and the numpy it loads) would otherwise be read at start-up
    # of every process, management commands included, through the admin hooks.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = registrant_table(registrations)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Anmälningar")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl stores any text that starts with "=" as a formula.
                cell.data_type = "s"
            elif isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        values = [header, *(_display_text(row[index - 1]) for row in rows)]
        width = min(max(len(value) for value in values) + 2, MAX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sorted(occasions):
    return sorted(occasions, key=lambda o: (o.date, o.start_time))


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    # Spreadsheets have no time zones; staff read Swedish time.
    return timezone.localtime(moment, STOCKHOLM).replace(tzinfo=None, microsecond=0)


def _display_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def _csv_cell(value) -> str:
    text = _display_text(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
