"""Checks for identifiers of the registry. The checks that keep case data out of free text
live in kvinnofrid.core.validators, shared by every app; they are re-exported here because
the coordination app's first migrations name them by this module."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kvinnofrid.core.validators import (  # noqa: F401 (re-exported, see above)
    contains_personal_identity_number,
    validate_no_contact_details,
    validate_no_personal_identity_number,
)


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
