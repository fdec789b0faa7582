"""Checks for identifiers and for free text that must never hold case data."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish organisation and personal identity numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


ORGANISATION_NUMBER = re.compile(r"^(\d{6})-?(\d{4})$")


def normalise_organisation_number(value: str) -> str:
    """'2120000142' or '212000-0142' -> '212000-0142'; raises ValidationError if invalid."""
    match = ORGANISATION_NUMBER.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Organisationsnumret ska ha tio siffror, till exempel 212000-0142."),
            code="format",
        )
    digits = match.group(1) + match.group(2)
    if not luhn_valid(digits):
        raise ValidationError(
            _("Organisationsnumret stämmer inte (kontrollsiffran är fel)."), code="luhn"
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_organisation_number(value: str) -> None:
    normalise_organisation_number(value)


# A personal identity number or co-ordination number (personnummer, samordningsnummer):
# YYMMDD or YYYYMMDD, optional - or +, four digits, with a valid Luhn check digit.
PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:19|20)?(\d{2})(\d{2})(\d{2})[-+ ]?(\d{4})(?!\d)")


def contains_personal_identity_number(text: str) -> bool:
    for match in PERSONAL_NUMBER.finditer(text or ""):
        yy, mm, dd, last = match.groups()
        day = int(dd)
        if day > 60:  # samordningsnummer: the day plus 60
            day -= 60
        if 1 <= int(mm) <= 12 and 1 <= day <= 31 and luhn_valid(yy + mm + dd + last):
            return True
    return False


def validate_no_personal_identity_number(value: str) -> None:
    """Activity logs describe work, never people exposed to or using violence: a text with
    a personal identity number is refused before it is stored."""
    if contains_personal_identity_number(value):
        raise ValidationError(
            _(
                "Texten innehåller något som ser ut som ett personnummer eller "
                "samordningsnummer. Ta bort det: här får inga uppgifter om enskilda personer "
                "sparas."
            ),
            code="personal_identity_number",
        )
