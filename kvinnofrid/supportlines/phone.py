"""Swedish phone numbers: stored as E.164 (or, for short numbers like 112 and 114 14, as
their digits, which E.164 cannot express), shown in Swedish national format."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID = _("Ange ett giltigt svenskt telefonnummer, till exempel 010-223 57 60 eller 112.")


def normalise_phone(raw: str) -> str:
    """'010-223 57 60' -> '+46102235760'; '114 14' -> '11414'. Raises ValidationError."""
    try:
        number = phonenumbers.parse(raw, "SE")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID, code="invalid_phone") from error
    if number.country_code == 46 and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.country_code == 46 and phonenumbers.is_valid_short_number(number):
        return str(number.national_number)
    raise ValidationError(INVALID, code="invalid_phone")


def is_short_number(stored: str) -> bool:
    return not stored.startswith("+")


def display_phone(stored: str) -> str:
    """'+46102235760' -> '010-223 57 60' (the grouping of Swedish standard SS 01 47 10);
    '11414' -> '114 14'."""
    if is_short_number(stored):
        return f"{stored[:3]} {stored[3:]}" if len(stored) == 5 else stored
    number = phonenumbers.parse(stored, None)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
