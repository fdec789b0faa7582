"""Reading yearly indicator values from a CSV file exported from a statistics service
(Kolada, SCB's statistical database, a region's own tables).

Two layouts, with a header row: `år;värde` for one indicator chosen on the form, or
`indikator;år;värde` for several indicators of one plan (matched by name). `;` or `,`
separates the columns; decimals may be written with a comma. Every row is checked and
every error reported with its row number in Swedish; nothing is saved unless all rows are
right.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .services import ImportRow

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000


@dataclass
class ParseResult:
    rows: list[ImportRow]
    errors: list[str]


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # What Swedish Excel writes.
        return raw.decode("cp1252")


def _normalise(header: str) -> str:
    return header.strip().lower().replace("å", "a").replace("ä", "a").replace("ö", "o")


def _parse_value(text: str) -> Decimal | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        return None
    return value.quantize(Decimal("0.01"))


def parse_indicator_values(raw: bytes, *, indicators, indicator=None) -> ParseResult:
    """`indicators`: the plan's indicators (for the three-column layout); `indicator`: the
    one chosen for the two-column layout."""
    if len(raw) > MAX_BYTES:
        return ParseResult([], [_("Filen är för stor (högst 1 MB).")])
    text = _decode(raw)
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_normalise(cell) for cell in next(reader, [])]
    if header[:2] == ["ar", "varde"]:
        with_name = False
        if indicator is None:
            return ParseResult(
                [],
                [_("Filen har kolumnerna år och värde: välj vilken indikator värdena hör till.")],
            )
    elif header[:3] == ["indikator", "ar", "varde"]:
        with_name = True
    else:
        return ParseResult(
            [],
            [
                _(
                    "Första raden ska vara rubrikerna år;värde eller indikator;år;värde "
                    "(den är nu: %(header)s)."
                )
                % {"header": first_line[:100] or _("tom")}
            ],
        )
    by_name = {item.name.strip().lower(): item for item in indicators}
    rows, errors, seen = [], [], {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if number > MAX_ROWS + 1:
            errors.append(_("Filen har för många rader (högst %(max)s).") % {"max": MAX_ROWS})
            break
        if with_name:
            name, year_text, value_text = (cells + ["", "", ""])[:3]
            target = by_name.get(name.strip().lower())
            if target is None:
                errors.append(
                    _("Rad %(row)s: planen har ingen indikator som heter ”%(name)s”.")
                    % {"row": number, "name": name.strip()[:100]}
                )
                continue
        else:
            year_text, value_text = (cells + ["", ""])[:2]
            target = indicator
        year_text = year_text.strip()
        if not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
            errors.append(
                _("Rad %(row)s: året ska vara ett årtal med fyra siffror, inte ”%(value)s”.")
                % {"row": number, "value": year_text[:20]}
            )
            continue
        value = _parse_value(value_text)
        if value is None:
            errors.append(
                _("Rad %(row)s: värdet ska vara ett tal, inte ”%(value)s”.")
                % {"row": number, "value": value_text.strip()[:20]}
            )
            continue
        key = (target.pk, int(year_text))
        if key in seen:
            errors.append(
                _("Rad %(row)s: %(name)s har redan ett värde för %(year)s på rad %(first)s.")
                % {"row": number, "name": target.name, "year": year_text, "first": seen[key]}
            )
            continue
        seen[key] = number
        rows.append(ImportRow(indicator=target, year=int(year_text), value=value))
    if not rows and not errors:
        errors.append(_("Filen innehåller inga värden."))
    return ParseResult(rows, errors)
