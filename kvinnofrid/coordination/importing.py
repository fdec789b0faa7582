"""Import of organisations and contacts from a spreadsheet (CSV or XLSX) into one county.

Three steps, each a function: `read_table` turns an upload into rows of text (refusing
anything that is not really a spreadsheet), `preview_rows` says for every row what an
import would do and why a row cannot be imported, and `import_rows` does it, all valid
rows in one transaction. The view keeps the rows in the session between the preview and
the confirmation, so `import_rows` validates them again: the registry may have changed.

A row is matched to an existing record of the same county, so importing a file twice
creates nothing new. Existing records are looked up only through `writable_by(user)` and
organisations for contacts only through `for_user(user)`: another county's records are
never matched, changed or named.
"""

import codecs
import copy
import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kvinnofrid.core.audit import audit_log
from kvinnofrid.knowledge import filetypes
from kvinnofrid.regions.models import County, Municipality
from kvinnofrid.tenancy.querysets import county_ids_for_user

from .models import Contact, Organisation
from .validators import (
    ORGANISATION_NUMBER,
    normalise_organisation_number,
    validate_no_personal_identity_number,
)

MAX_ROWS = 5000
MAX_BYTES = 5 * 1000 * 1000
# An XLSX file is a zip archive; a small one can unpack to gigabytes of XML.
MAX_UNPACKED_BYTES = 100 * 1000 * 1000
# Columns beyond these are not read (a sheet may be formatted out to column XFD).
MAX_COLUMNS = 60


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", gettext_lazy("Organisationer")
    CONTACTS = "contacts", gettext_lazy("Kontaktpersoner")


MODEL_OF_KIND = {ImportKind.ORGANISATIONS: Organisation, ImportKind.CONTACTS: Contact}


class RowStatus(models.TextChoices):
    NEW = "new", gettext_lazy("ny")
    UPDATE = "update", gettext_lazy("uppdateras")
    UNCHANGED = "unchanged", gettext_lazy("oförändrad")
    ERROR = "error", gettext_lazy("fel")


@dataclass(frozen=True)
class Column:
    name: str
    required: str
    description: str
    # Other spellings people use, e.g. the headings of the registry's own export.
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


ORGANISATION_COLUMNS = (
    Column("namn", gettext_lazy("Ja"), gettext_lazy("Organisationens namn.")),
    Column(
        "typ",
        gettext_lazy("För nya"),
        gettext_lazy("kommun, region, myndighet, civilsamhälle, näringsliv, lärosäte eller annan."),
    ),
    Column(
        "civilsamhällestyp",
        gettext_lazy("Nej"),
        gettext_lazy(
            "kvinnojour, tjejjour, brottsofferjour eller annan. Bara för civilsamhället; "
            "typen blir då civilsamhälle."
        ),
        aliases=("civilsamhallestyp", "typ av civilsamhällesorganisation"),
    ),
    Column(
        "kommun",
        gettext_lazy("Nej"),
        gettext_lazy("Kommunens namn eller kod (fyra siffror). Kommunen ska ligga i länet."),
    ),
    Column(
        "organisationsnummer",
        gettext_lazy("Nej"),
        gettext_lazy("Tio siffror, med eller utan bindestreck, till exempel 212000-0142."),
        aliases=("orgnr", "org.nr", "org nr"),
    ),
    Column(
        "webbplats",
        gettext_lazy("Nej"),
        gettext_lazy("Webbadress, till exempel https://www.kvinnojouren.se."),
        aliases=("webbadress", "webb"),
    ),
)

CONTACT_COLUMNS = (
    Column("namn", gettext_lazy("Ja"), gettext_lazy("Kontaktpersonens namn.")),
    Column(
        "organisation",
        gettext_lazy("För nya"),
        gettext_lazy(
            "Namnet på en organisation i länet eller en nationell organisation, eller "
            "kommunens namn (till exempel Botkyrka eller Botkyrka kommun)."
        ),
    ),
    Column(
        "roll",
        gettext_lazy("Nej"),
        gettext_lazy("Roll eller titel."),
        aliases=("titel", "roll eller titel"),
    ),
    Column(
        "e-post",
        gettext_lazy("Nej"),
        gettext_lazy("E-postadress i arbetet."),
        aliases=("epost", "e-postadress", "mejl"),
    ),
    Column(
        "telefon",
        gettext_lazy("Nej"),
        gettext_lazy("Telefonnummer i arbetet."),
        aliases=("telefonnummer",),
    ),
    Column(
        "kvinnofridssamordnare",
        gettext_lazy("Nej"),
        gettext_lazy("ja, x eller nej. En tom cell betyder nej."),
    ),
    Column(
        "källa",
        gettext_lazy("Nej"),
        gettext_lazy(
            "Var uppgifterna kommer ifrån. Tom: ”Import från <filnamn> <datum>” för nya "
            "kontaktpersoner."
        ),
        aliases=("kalla",),
    ),
)

COLUMNS = {ImportKind.ORGANISATIONS: ORGANISATION_COLUMNS, ImportKind.CONTACTS: CONTACT_COLUMNS}


@dataclass
class PreviewRow:
    number: int
    status: str
    # The row's cells in the order of COLUMNS[kind], as they stand in the file.
    cells: list[str]
    errors: list[str] = field(default_factory=list)
    # What will be saved: a new or changed, unsaved instance; None for rows with errors.
    instance: models.Model | None = None

    @property
    def status_label(self) -> str:
        return str(RowStatus(self.status).label)

    @property
    def messages(self) -> list[str]:
        return [
            _("Rad %(row)s: %(message)s") % {"row": self.number, "message": error}
            for error in self.errors
        ]


@dataclass(frozen=True)
class ColumnReport:
    unknown: list[str]
    missing: list[str]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int


# Reading ------------------------------------------------------------------------------


def read_table(*, uploaded_file) -> list[dict]:
    """The data rows of an uploaded CSV or XLSX file (first sheet), as
    `{"row": <row number in the file, the header being row 1>, "cells": {heading: text}}`,
    headings in lower case. Blank rows are left out. Raises ValidationError with a
    Swedish message for a file that is not a spreadsheet, too large or empty."""
    if uploaded_file.size is not None and uploaded_file.size > MAX_BYTES:
        raise ValidationError(
            _("Filen är större än %(size)s. Dela upp den i flera filer.")
            % {"size": filetypes.human_size(MAX_BYTES)},
            code="too_large",
        )
    try:
        kind = filetypes.detect(uploaded_file)
    except filetypes.UnsupportedFile as error:
        raise ValidationError(_refusal(error), code=error.code) from error
    if kind.key == "xlsx":
        records = _xlsx_records(uploaded_file)
    elif kind.key == "txt":
        records = _csv_records(uploaded_file)
    else:
        raise ValidationError(_wrong_type(), code="unsupported")
    return _table(records)


def _wrong_type() -> str:
    return _(
        "Det går bara att importera CSV-filer och Excel-filer (XLSX). Spara kalkylbladet "
        "som ”CSV UTF-8” eller ”Excel-arbetsbok” och försök igen."
    )


def _refusal(error: filetypes.UnsupportedFile) -> str:
    if error.code == "markup":
        return error.message
    if error.code == "empty":
        return _("Filen är tom.")
    if error.code == "legacy_office":
        return _(
            "Äldre Excel-filer (XLS) och lösenordsskyddade filer kan inte importeras. "
            "Spara filen som XLSX eller CSV utan lösenord och försök igen."
        )
    if error.code == "macro":
        return _(
            "Filen innehåller makron och kan inte importeras av säkerhetsskäl. Spara den "
            "som XLSX utan makron och försök igen."
        )
    return _wrong_type()


def _csv_records(uploaded_file) -> Iterator[list[str]]:
    uploaded_file.seek(0)
    raw = uploaded_file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Swedish Excel's plain "CSV (semikolonavgränsad)" is Windows-1252; filetypes has
        # already checked that the bytes are text in one of the two encodings.
        text = codecs.decode(raw, "cp1252", errors="replace")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ValidationError(
            _("CSV-filen kunde inte läsas: %(reason)s") % {"reason": error}, code="csv"
        ) from error


def _xlsx_records(uploaded_file) -> Iterator[list[str]]:
    unreadable = ValidationError(
        _("Excel-filen kunde inte läsas. Öppna den i Excel, spara den igen och försök på nytt."),
        code="xlsx",
    )
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as error:
        raise unreadable from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_too_many_rows(), code="too_large")
    uploaded_file.seek(0)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read; data is unaffected.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(uploaded_file, read_only=True, data_only=True)
    except Exception as error:
        # openpyxl raises many kinds of errors on damaged files; they mean the same here.
        raise unreadable from error
    try:
        if not workbook.worksheets:
            return
        for values in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        # A number typed in Excel, e.g. an organisation number without its hyphen.
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _too_many_rows() -> str:
    return _("Filen har fler än %(max)s rader. Dela upp den i flera filer.") % {
        "max": number_format(MAX_ROWS, force_grouping=True)
    }


def _heading(text: str) -> str:
    return " ".join(text.split()).casefold()


def _table(records: Iterable[list[str]]) -> list[dict]:
    headings: list[str] | None = None
    rows: list[dict] = []
    for number, record in enumerate(records, start=1):
        cells = [cell.strip() for cell in record[:MAX_COLUMNS]]
        if not any(cells):
            continue
        if headings is None:
            headings = [_heading(cell) for cell in cells]
            named = [heading for heading in headings if heading]
            for heading in named:
                if named.count(heading) > 1:
                    raise ValidationError(
                        _("Kolumnen ”%(column)s” finns flera gånger i rubrikraden.")
                        % {"column": heading},
                        code="duplicate_column",
                    )
            continue
        if len(rows) == MAX_ROWS:
            raise ValidationError(_too_many_rows(), code="too_many_rows")
        cells += [""] * (len(headings) - len(cells))
        rows.append(
            {
                "row": number,
                # Columns without a heading are left out: spreadsheets often end in some.
                "cells": {heading: cells[i] for i, heading in enumerate(headings) if heading},
            }
        )
    if not rows:
        raise ValidationError(
            _("Filen har inga rader att importera under rubrikraden."), code="no_rows"
        )
    return rows


def check_columns(*, kind: str, rows: list[dict]) -> ColumnReport:
    """Headings the import does not know (their cells are not read) and required ones
    that are missing."""
    headings = list(rows[0]["cells"]) if rows else []
    columns = COLUMNS[ImportKind(kind)]
    known = {spelling for column in columns for spelling in column.spellings}
    present = {column.name for column in columns if set(column.spellings) & set(headings)}
    return ColumnReport(
        unknown=[heading for heading in headings if heading not in known],
        missing=[column.name for column in columns[:1] if column.name not in present],
    )


def allowed_kinds(user) -> list[str]:
    """The kinds of records a user may import (add)."""
    return [
        kind
        for kind, model in MODEL_OF_KIND.items()
        if user.has_perm(f"coordination.add_{model._meta.model_name}")
    ]


def default_source(*, source_name: str) -> str:
    text = _("Import från %(file)s %(date)s") % {
        "file": source_name,
        "date": timezone.localdate().isoformat(),
    }
    return text[: Contact._meta.get_field("source").max_length]


# Validating ---------------------------------------------------------------------------


def preview_rows(
    *, kind: str, rows: list[dict], county: County, user, source_name: str = ""
) -> list[PreviewRow]:
    """What importing `rows` into `county` would do to each row, with the reasons a row
    cannot be imported. Writes nothing."""
    _check_county(user=user, county=county)
    kind = ImportKind(kind)
    model = MODEL_OF_KIND[kind]
    columns = COLUMNS[kind]
    context = (
        _OrganisationContext(county=county, user=user)
        if kind == ImportKind.ORGANISATIONS
        else _ContactContext(county=county, user=user, source_name=source_name)
    )
    may_add = user.has_perm(f"coordination.add_{model._meta.model_name}")
    may_change = user.has_perm(f"coordination.change_{model._meta.model_name}")
    preview = []
    for row in rows:
        values = _canonical(row["cells"], columns)
        result = context.check(number=row["row"], values=values)
        result.cells = [values.get(column.name, "") for column in columns]
        if result.status == RowStatus.NEW and not may_add:
            result.errors.append(_("Du har inte behörighet att lägga till nya uppgifter."))
        if result.status == RowStatus.UPDATE and not may_change:
            result.errors.append(_("Du har inte behörighet att ändra befintliga uppgifter."))
        if result.errors:
            result.status, result.instance = RowStatus.ERROR, None
        else:
            context.remember(result)
        preview.append(result)
    return preview


def _check_county(*, user, county: County) -> None:
    # The view only offers the user's counties; this keeps the service safe on its own.
    if not (user.is_superuser or county.pk in county_ids_for_user(user)):
        raise PermissionDenied


def _canonical(cells: dict, columns: tuple[Column, ...]) -> dict[str, str]:
    values = {}
    for column in columns:
        for spelling in column.spellings:
            if spelling in cells:
                values[column.name] = str(cells[spelling] or "").strip()
                break
    return values


def _field_errors(instance: models.Model, *, exclude: list[str]) -> list[str]:
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        return [
            _("%(field)s: %(message)s")
            % {
                "field": capfirst(instance._meta.get_field(name).verbose_name),
                "message": message,
            }
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _snapshot(instance: models.Model, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(instance, name) for name in names)


def _lookup_words(choices, words: dict[str, str]) -> dict[str, str]:
    """Accepted spellings of a choice: the import's own words, the stored values and the
    labels as shown in the admin and in the registry's exports."""
    lookup = {word.casefold(): value for word, value in words.items()}
    for value, label in choices:
        lookup.setdefault(value.casefold(), value)
        lookup.setdefault(str(label).casefold(), value)
    return lookup


def _one(candidates: list, *, county: County):
    """The single candidate, preferring the county's own row over a national one; None
    when there are none; raises LookupError when it is ambiguous."""
    if len(candidates) > 1:
        own = [candidate for candidate in candidates if candidate.county_id == county.pk]
        if len(own) != 1:
            raise LookupError
        return own[0]
    return candidates[0] if candidates else None


class _OrganisationContext:
    FIELDS = (
        "name",
        "kind",
        "civil_society_kind",
        "municipality_id",
        "organisation_number",
        "website",
    )

    def __init__(self, *, county: County, user):
        self.county = county
        existing = list(Organisation.objects.writable_by(user).filter(county=county))
        self.by_number: dict[str, list[Organisation]] = {}
        self.by_name: dict[str, list[Organisation]] = {}
        for organisation in existing:
            if organisation.organisation_number:
                self.by_number.setdefault(organisation.organisation_number, []).append(organisation)
            self.by_name.setdefault(organisation.name.casefold(), []).append(organisation)
        self.municipalities = list(Municipality.objects.select_related("county"))
        self.kinds = _lookup_words(
            Organisation.Kind.choices,
            {
                "kommun": Organisation.Kind.MUNICIPALITY,
                "region": Organisation.Kind.REGION,
                "myndighet": Organisation.Kind.AGENCY,
                "civilsamhälle": Organisation.Kind.CIVIL_SOCIETY,
                "näringsliv": Organisation.Kind.BUSINESS,
                "lärosäte": Organisation.Kind.UNIVERSITY,
                "annan": Organisation.Kind.OTHER,
            },
        )
        self.civil_society_kinds = _lookup_words(
            Organisation.CivilSocietyKind.choices,
            {
                "kvinnojour": Organisation.CivilSocietyKind.WOMENS_SHELTER,
                "tjejjour": Organisation.CivilSocietyKind.YOUNG_WOMENS_SHELTER,
                "brottsofferjour": Organisation.CivilSocietyKind.VICTIM_SUPPORT,
                "annan": Organisation.CivilSocietyKind.OTHER,
            },
        )
        self.seen: dict[tuple, int] = {}

    def check(self, *, number: int, values: dict[str, str]) -> PreviewRow:
        errors: list[str] = []
        name = values.get("namn", "")
        if not name:
            errors.append(_("Namn saknas."))
        kind = self._choice(values.get("typ", ""), self.kinds, errors, _unknown_kind)
        civil_society_kind = self._choice(
            values.get("civilsamhällestyp", ""),
            self.civil_society_kinds,
            errors,
            _unknown_civil_society_kind,
        )
        municipality = self._municipality(values.get("kommun", ""), errors)
        organisation_number = ""
        if values.get("organisationsnummer"):
            try:
                organisation_number = normalise_organisation_number(values["organisationsnummer"])
            except ValidationError as error:
                errors.extend(error.messages)
        website = values.get("webbplats", "")
        if website and "://" not in website:
            website = f"https://{website}"

        try:
            existing = self._match(name=name, organisation_number=organisation_number)
        except LookupError:
            errors.append(
                _(
                    "Flera organisationer i %(county)s heter ”%(name)s”. Ange "
                    "organisationsnumret för att välja en av dem."
                )
                % {"county": self.county.name, "name": name}
            )
            existing = None
        duplicate = self._duplicate_of(existing, name, organisation_number)
        if duplicate:
            errors.append(_("Samma organisation finns redan på rad %(row)s.") % {"row": duplicate})

        # A copy: a row with errors must leave the record as later rows will see it.
        instance = copy.copy(existing) if existing else Organisation(county=self.county)
        before = _snapshot(instance, self.FIELDS) if existing else None
        if name and not (existing and existing.name.casefold() == name.casefold()):
            instance.name = name
        if civil_society_kind and not kind:
            kind = Organisation.Kind.CIVIL_SOCIETY
        if kind:
            instance.kind = kind
        if not instance.kind and not values.get("typ"):
            errors.append(_("Ange typ för en ny organisation."))
        if instance.kind == Organisation.Kind.CIVIL_SOCIETY:
            instance.civil_society_kind = (
                civil_society_kind
                or instance.civil_society_kind
                or Organisation.CivilSocietyKind.OTHER
            )
        elif civil_society_kind:
            errors.append(_("Civilsamhällestyp anges bara för organisationer i civilsamhället."))
        else:
            instance.civil_society_kind = ""
        if municipality:
            instance.municipality = municipality
        if organisation_number:
            instance.organisation_number = organisation_number
        if website:
            instance.website = website
        if not errors:
            errors.extend(_field_errors(instance, exclude=["county", "municipality"]))
        return _result(number, errors, instance, before, _snapshot(instance, self.FIELDS))

    def remember(self, row: PreviewRow) -> None:
        for key in self._keys(row.instance):
            self.seen.setdefault(key, row.number)

    def _keys(self, organisation: Organisation) -> list[tuple]:
        keys = [("name", organisation.name.casefold())]
        if organisation.pk:
            keys.append(("pk", organisation.pk))
        if organisation.organisation_number:
            keys.append(("number", organisation.organisation_number))
        return keys

    def _duplicate_of(self, existing, name: str, organisation_number: str) -> int | None:
        keys = [("pk", existing.pk)] if existing else []
        if organisation_number:
            keys.append(("number", organisation_number))
        elif name:
            keys.append(("name", name.casefold()))
        return next((self.seen[key] for key in keys if key in self.seen), None)

    def _match(self, *, name: str, organisation_number: str) -> Organisation | None:
        if organisation_number and organisation_number in self.by_number:
            return _one(self.by_number[organisation_number], county=self.county)
        candidates = self.by_name.get(name.casefold(), []) if name else []
        if organisation_number:
            # Another organisation number is another organisation, whatever its name.
            candidates = [c for c in candidates if not c.organisation_number]
        return _one(candidates, county=self.county)

    def _choice(self, value: str, lookup: dict[str, str], errors: list[str], message) -> str:
        if not value:
            return ""
        if value.casefold() in lookup:
            return lookup[value.casefold()]
        errors.append(message(value))
        return ""

    def _municipality(self, value: str, errors: list[str]) -> Municipality | None:
        if not value:
            return None
        wanted = value.casefold().removesuffix(" kommun")
        for municipality in self.municipalities:
            if wanted in {municipality.name.casefold(), municipality.code}:
                if municipality.county_id != self.county.pk:
                    errors.append(
                        _("Kommunen %(municipality)s ligger inte i %(county)s.")
                        % {"municipality": municipality.name, "county": self.county.name}
                    )
                    return None
                return municipality
        errors.append(_("Det finns ingen kommun som heter ”%(value)s”.") % {"value": value})
        return None


def _unknown_kind(value: str) -> str:
    return _(
        "Okänd typ ”%(value)s”. Använd kommun, region, myndighet, civilsamhälle, näringsliv, "
        "lärosäte eller annan."
    ) % {"value": value}


def _unknown_civil_society_kind(value: str) -> str:
    return _(
        "Okänd civilsamhällestyp ”%(value)s”. Använd kvinnojour, tjejjour, brottsofferjour "
        "eller annan."
    ) % {"value": value}


def _result(number: int, errors: list[str], instance, before, after) -> PreviewRow:
    if errors:
        return PreviewRow(number=number, status=RowStatus.ERROR, cells=[], errors=errors)
    if before is None:
        status = RowStatus.NEW
    elif before == after:
        status = RowStatus.UNCHANGED
    else:
        status = RowStatus.UPDATE
    return PreviewRow(number=number, status=status, cells=[], instance=instance)


YES = {"ja", "j", "x", "1", "sant", "true", "yes"}
NO = {"", "nej", "n", "0", "falskt", "false", "no"}


class _ContactContext:
    FIELDS = (
        "organisation_id",
        "name",
        "title",
        "email",
        "phone",
        "is_municipal_coordinator",
        "source",
    )

    def __init__(self, *, county: County, user, source_name: str):
        self.county = county
        self.source = default_source(source_name=source_name)
        # The organisations a contact of this county may belong to: the county's own and
        # the national ones, read through the checkpoint.
        organisations = (
            Organisation.objects.for_user(user)
            .filter(Q(county=county) | Q(county__isnull=True))
            .select_related("municipality")
        )
        self.organisations_by: dict[str, dict[str, list[Organisation]]] = {
            "name": {},
            "municipality": {},
            "number": {},
        }
        for organisation in organisations:
            self._index("name", organisation.name.casefold(), organisation)
            if organisation.organisation_number:
                self._index("number", organisation.organisation_number, organisation)
            if organisation.kind == Organisation.Kind.MUNICIPALITY and organisation.municipality:
                self._index("municipality", organisation.municipality.name.casefold(), organisation)
                self._index("municipality", organisation.municipality.code, organisation)
        contacts = Contact.objects.writable_by(user).filter(county=county)
        self.by_email: dict[str, list[Contact]] = {}
        self.by_name: dict[tuple, list[Contact]] = {}
        for contact in contacts:
            if contact.email:
                self.by_email.setdefault(contact.email.casefold(), []).append(contact)
            self.by_name.setdefault((contact.name.casefold(), contact.organisation_id), []).append(
                contact
            )
        self.seen: dict[tuple, int] = {}

    def _index(self, key: str, value: str, organisation: Organisation) -> None:
        self.organisations_by[key].setdefault(value, []).append(organisation)

    def check(self, *, number: int, values: dict[str, str]) -> PreviewRow:
        errors: list[str] = []
        name = values.get("namn", "")
        if not name:
            errors.append(_("Namn saknas."))
        organisation = self._organisation(values.get("organisation", ""), errors)
        email = values.get("e-post", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("E-postadressen ”%(value)s” är ogiltig.") % {"value": email})
                email = ""
        coordinator = None
        if "kvinnofridssamordnare" in values:
            flag = values["kvinnofridssamordnare"].casefold()
            if flag in YES | NO:
                coordinator = flag in YES
            else:
                errors.append(
                    _("Kvinnofridssamordnare ska vara ja, nej, x eller tomt, inte ”%(value)s”.")
                    % {"value": values["kvinnofridssamordnare"]}
                )
        for column in ("namn", "roll", "källa"):
            try:
                validate_no_personal_identity_number(values.get(column, ""))
            except ValidationError as error:
                errors.extend(error.messages)

        try:
            existing = self._match(name=name, email=email, organisation=organisation)
        except LookupError as error:
            errors.append(str(error))
            existing = None
        duplicate = self._duplicate_of(existing, name, email, organisation)
        if duplicate:
            errors.append(_("Samma kontaktperson finns redan på rad %(row)s.") % {"row": duplicate})

        instance = (
            copy.copy(existing) if existing else Contact(county=self.county, source=self.source)
        )
        before = _snapshot(instance, self.FIELDS) if existing else None
        if name and not (existing and existing.name.casefold() == name.casefold()):
            instance.name = name
        if organisation:
            instance.organisation = organisation
        elif not existing and not values.get("organisation"):
            errors.append(_("Ange organisation för en ny kontaktperson."))
        if email and not (existing and existing.email.casefold() == email.casefold()):
            instance.email = email
        for column, attribute in (("roll", "title"), ("telefon", "phone"), ("källa", "source")):
            if values.get(column):
                setattr(instance, attribute, values[column])
        if coordinator is not None:
            instance.is_municipal_coordinator = coordinator
        if not errors:
            errors.extend(_field_errors(instance, exclude=["county", "organisation"]))
        return _result(number, errors, instance, before, _snapshot(instance, self.FIELDS))

    def remember(self, row: PreviewRow) -> None:
        contact = row.instance
        keys = [("name", contact.name.casefold(), contact.organisation_id)]
        if contact.pk:
            keys.append(("pk", contact.pk))
        if contact.email:
            keys.append(("email", contact.email.casefold()))
        for key in keys:
            self.seen.setdefault(key, row.number)

    def _duplicate_of(self, existing, name: str, email: str, organisation) -> int | None:
        keys = [("pk", existing.pk)] if existing else []
        if email:
            keys.append(("email", email.casefold()))
        elif name and organisation:
            keys.append(("name", name.casefold(), organisation.pk))
        return next((self.seen[key] for key in keys if key in self.seen), None)

    def _organisation(self, value: str, errors: list[str]) -> Organisation | None:
        if not value:
            return None
        wanted = value.casefold()
        if ORGANISATION_NUMBER.match(value):
            candidates = self.organisations_by["number"].get(_hyphenated(value), [])
        else:
            candidates = self.organisations_by["name"].get(wanted) or self.organisations_by[
                "municipality"
            ].get(wanted.removesuffix(" kommun"), [])
        try:
            organisation = _one(candidates, county=self.county)
        except LookupError:
            errors.append(
                _("Flera organisationer heter ”%(value)s”. Ange organisationsnumret i stället.")
                % {"value": value}
            )
            return None
        if organisation is None:
            errors.append(
                _(
                    "Organisationen ”%(value)s” finns inte bland organisationerna i "
                    "%(county)s eller de nationella organisationerna. Lägg till den först."
                )
                % {"value": value, "county": self.county.name}
            )
        return organisation

    def _match(self, *, name: str, email: str, organisation) -> Contact | None:
        if email:
            by_email = self.by_email.get(email.casefold(), [])
            if len(by_email) > 1:
                raise LookupError(
                    _("Flera kontaktpersoner i %(county)s har e-postadressen %(email)s.")
                    % {"county": self.county.name, "email": email}
                )
            if by_email:
                return by_email[0]
        if name and organisation:
            by_name = self.by_name.get((name.casefold(), organisation.pk), [])
            if email:
                # A different e-mail address on file means a different person.
                by_name = [c for c in by_name if not c.email]
            if len(by_name) > 1:
                raise LookupError(
                    _(
                        "Flera kontaktpersoner på %(organisation)s heter %(name)s. Ange "
                        "e-postadressen för att skilja dem åt."
                    )
                    % {"organisation": organisation.name, "name": name}
                )
            return by_name[0] if by_name else None
        return None


def _hyphenated(value: str) -> str:
    match = ORGANISATION_NUMBER.match(value.strip())
    return f"{match.group(1)}-{match.group(2)}"


# Importing ----------------------------------------------------------------------------


@transaction.atomic
def import_rows(
    *, kind: str, rows: list[dict], county: County, user, source_name: str
) -> ImportResult:
    """Import every valid row of `rows` into `county`, all or nothing: the rows are
    validated again here, rows with errors are skipped, each record created or changed is
    audited, and so is the import as a whole."""
    preview = preview_rows(kind=kind, rows=rows, county=county, user=user, source_name=source_name)
    counts = {status: 0 for status in RowStatus.values}
    for row in preview:
        counts[row.status] += 1
        if row.status not in (RowStatus.NEW, RowStatus.UPDATE):
            continue
        row.instance.save()
        audit_log(
            instance=row.instance,
            action=(
                "kvinnofrid.coordination.create"
                if row.status == RowStatus.NEW
                else "kvinnofrid.coordination.update"
            ),
            user=user,
        )
    result = ImportResult(
        created=counts[RowStatus.NEW],
        updated=counts[RowStatus.UPDATE],
        unchanged=counts[RowStatus.UNCHANGED],
        skipped=counts[RowStatus.ERROR],
    )
    audit_log(
        instance=county,
        action="kvinnofrid.coordination.import",
        user=user,
        data={
            "kind": str(kind),
            "file": source_name,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
        },
    )
    return result
