"""Registrant lists for staff, as CSV and XLSX.

Both formats are built from `registrant_table`, so a column added there appears in both.
Registrants type their own names and organisations on the public form, so every text
cell is guarded against being read as a spreadsheet formula.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from kvinnofrid.core.spreadsheets import table_csv, table_xlsx

from .models import STOCKHOLM, Registration

# Characters that make Excel and LibreOffice treat a cell as a formula (OWASP's list).


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
    headers, rows = registrant_table(registrations)
    return table_csv(headers, rows)


def registrants_xlsx(registrations: Iterable[Registration], *, title: str = "") -> bytes:
    headers, rows = registrant_table(registrations)
    return table_xlsx(headers, rows, sheet_title=_("Anmälningar"), title=title)


def _sorted(occasions):
    return sorted(occasions, key=lambda o: (o.date, o.start_time))


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    # Spreadsheets have no time zones; staff read Swedish time.
    return timezone.localtime(moment, STOCKHOLM).replace(tzinfo=None, microsecond=0)
