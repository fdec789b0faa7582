"""Tables as files staff open in Excel: CSV the way Swedish Excel reads it with a double
click, and XLSX, both safe from formula injection (people type their own names into
forms, and a cell starting with "=" would run as a formula when staff open the file)."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence

# The characters with which a spreadsheet cell starts a formula or a DDE command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


def display_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


def csv_cell(value) -> str:
    text = display_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with a byte-order mark and `;` between fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(
    headers: Sequence[str], rows: Sequence[Sequence], *, sheet_title: str, title: str = ""
) -> bytes:
    """One sheet: bold header row, frozen; text kept as text; dates as dates; columns as
    wide as their content (up to a limit)."""
    # Imported here: openpyxl (and the numpy it loads) would otherwise be read at start-up
    # of every process, management commands included, through the admin hooks.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
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
        values = [header, *(display_text(row[index - 1]) for row in rows)]
        width = min(max(len(value) for value in values) + 2, MAX_COLUMN_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
