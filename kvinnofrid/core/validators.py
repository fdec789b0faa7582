"""Shared checks that keep case data out of free text.

The platform never stores information about identifiable people exposed to or using
violence (PRODUCT.md, "No individual case data"). Staff and respondents write free text in
logs, plans and survey answers; these checks find what would identify a person in it:

* a Swedish personal identity number or co-ordination number (*personnummer*,
  *samordningsnummer*). It is refused when its date is a real date, whatever its check
  digit: a mistyped check digit identifies a person just as well, so the Luhn check (which
  python-stdnum's `is_valid` insists on) is deliberately not used here;
* a phone number or an e-mail address, in the texts where the lead decided that contact
  details have no place (activities, meetings, national issues, survey answers). Numbers
  that can only belong to an organisation's service stay allowed: short numbers (112,
  114 14, 1177, 116 111) and freephone, shared-cost, premium-rate and corporate series
  (020-50 50 50, 0771-…, 010-223 57 60), so staff can still write "tipsa polisen på
  114 14" or point to Kvinnofridslinjen.

Hits are returned as the text that was found, so a message can quote it and the writer can
find it in a long text.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import personnummer

# YYMMDD or CCYYMMDD, a separator or none, then four digits: 850101-1234, 8501011234,
# 850101+1234 (aged 100 or more), 19850101-1234, 198501011234, 850101 1234. En dash and
# minus sign are accepted as the hyphen (word processors turn one into the other), and a
# space may stand on either side of it. The number must not be part of a longer run of
# digits (an ISBN, an invoice number). The date part must be contiguous digits, so ISO
# dates (2026-12-03), year ranges (2024–2026) and diary numbers (Dnr 851-1234-2026) are
# never read as one.
_SPACE = "[ \u00a0\u202f]"
PERSONAL_NUMBER = re.compile(
    rf"(?<!\d)(?P<century>18|19|20)?(?P<date>\d{{6}}){_SPACE}?(?P<sign>[-+\u2013\u2212])?"
    rf"{_SPACE}?(?P<serial>\d{{4}})(?!\d)"
)

# A co-ordination number is the birth date with 60 added to the day.
CO_ORDINATION_DAY_OFFSET = 60


@dataclass(frozen=True)
class Finding:
    """Something found in a text: what it is, the text as written and where it stands."""

    kind: str  # "personal_identity_number", "phone_number" or "email_address"
    text: str
    start: int
    end: int


def _birth_date(century: str | None, date: str, sign: str | None) -> datetime.date | None:
    """The date in a personal identity or co-ordination number, or None if it is no real
    date. python-stdnum reads the date (and the century of a ten-digit number, from the
    sign); only the date is asked of it, never the check digit."""
    day = int(date[4:6])
    if day > CO_ORDINATION_DAY_OFFSET:
        day -= CO_ORDINATION_DAY_OFFSET
    digits = f"{century or ''}{date[:4]}{day:02d}"
    compact = f"{digits}{'+' if sign == '+' else '-'}0000"
    try:
        born = personnummer.get_birth_date(compact)
    except (StdnumValidationError, ValueError):
        return None
    if century and born > timezone.localdate():
        # With the century written out, a date still to come is no one's birth date (a
        # ten-digit number's century is only guessed, so there any real date counts).
        return None
    return born


def personal_identity_numbers(text: str) -> Iterator[Finding]:
    """Every personal identity or co-ordination number in the text whose date is real."""
    for match in PERSONAL_NUMBER.finditer(text or ""):
        if _birth_date(match["century"], match["date"], match["sign"]) is not None:
            yield Finding("personal_identity_number", match.group(), match.start(), match.end())


def contains_personal_identity_number(text: str) -> bool:
    return next(personal_identity_numbers(text), None) is not None


# Number types that can be a person's own line. Freephone (020), shared-cost (077x),
# premium-rate (0900) and corporate "UAN" (010) series are organisations' services, and
# the matcher never returns short numbers (112, 114 14): those stay allowed.
PERSONAL_PHONE_TYPES = frozenset(
    {
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
        PhoneNumberType.VOIP,
        PhoneNumberType.PERSONAL_NUMBER,
        PhoneNumberType.PAGER,
    }
)

# The matcher reads times and dates as phone numbers ("kl. 08.30-10.00" as 08-30 10 00,
# "01.10.2026 01", "01 2026-01-01"); staff write times and dates like that every day. A
# match holding a clock time or a date, or starting in the middle of one ("00.01 …"), is
# not taken for a phone number.
TIME_OR_DATE = re.compile(
    r"(?<!\d)(?:(?:[01]?\d|2[0-3])[.:][0-5]\d|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2})(?!\d)"
)
INSIDE_A_NUMBER = re.compile(r"\d[.:/,]$")
# A phone number is written with a country code or with the trunk 0 joined to the area code
# (08-…, 070 …). Other runs of digits the matcher accepts are diary numbers or amounts
# ("Dnr 460-130-2000", "0 4 000 000 kr").
WRITTEN_AS_A_PHONE_NUMBER = re.compile(r"\(?(?:\+|0\d)")

EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def phone_numbers(text: str) -> Iterator[Finding]:
    """Phone numbers (Swedish, or international with a country code) that could be a
    person's, found by phonenumbers' matcher for region SE."""
    text = text or ""
    taken = [(found.start, found.end) for found in personal_identity_numbers(text)]
    for match in PhoneNumberMatcher(text, "SE", leniency=Leniency.VALID):
        if not WRITTEN_AS_A_PHONE_NUMBER.match(match.raw_string):
            continue
        before = text[max(0, match.start - 2) : match.start]
        if TIME_OR_DATE.search(match.raw_string) or INSIDE_A_NUMBER.search(before):
            continue
        if any(match.start < end and start < match.end for start, end in taken):
            continue  # reported as a personal identity number, not twice
        if phonenumbers.number_type(match.number) not in PERSONAL_PHONE_TYPES:
            continue
        yield Finding("phone_number", match.raw_string, match.start, match.end)


def email_addresses(text: str) -> Iterator[Finding]:
    for match in EMAIL_ADDRESS.finditer(text or ""):
        yield Finding("email_address", match.group(), match.start(), match.end())


def contact_details(text: str) -> list[Finding]:
    """Phone numbers and e-mail addresses in the text, in the order they are written."""
    found = [*phone_numbers(text), *email_addresses(text)]
    return sorted(found, key=lambda finding: finding.start)


def contains_contact_details(text: str) -> bool:
    return bool(contact_details(text))


def _quoted(findings: list[Finding]) -> str:
    return ", ".join(f"”{finding.text}”" for finding in findings)


def validate_no_personal_identity_number(value: str) -> None:
    """Logs, plans and answers describe work, never people exposed to or using violence:
    a text with a personal identity or co-ordination number is refused before it is
    stored."""
    found = list(personal_identity_numbers(value))
    if found:
        raise ValidationError(
            _(
                "Texten innehåller något som ser ut som ett personnummer eller "
                "samordningsnummer (%(found)s). Ta bort det: här får inga uppgifter om "
                "enskilda personer sparas."
            ),
            code="personal_identity_number",
            params={"found": _quoted(found)},
        )


def validate_no_contact_details(value: str) -> None:
    """Staff's free text in the coordination logs holds no phone numbers or e-mail
    addresses: a person's would be case data, and an organisation's belong with its
    contacts in the registry, where they are kept up to date and erased on time."""
    found = contact_details(value)
    if found:
        raise ValidationError(
            _(
                "Texten innehåller kontaktuppgifter (%(found)s). Här får inga uppgifter om "
                "enskilda personer sparas, och en organisations telefonnummer och "
                "e-postadresser hör hemma bland kontaktpersonerna i registret."
            ),
            code="contact_details",
            params={"found": _quoted(found)},
        )
