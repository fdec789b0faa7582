"""The detectors that keep case data out of free text: personal identity and co-ordination
numbers (refused when the date is real, whatever the check digit), phone numbers and
e-mail addresses; and the ordinary things staff write that must never be taken for them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kvinnofrid.core.validators import (
    contact_details,
    contains_contact_details,
    contains_personal_identity_number,
    personal_identity_numbers,
    validate_no_contact_details,
    validate_no_personal_identity_number,
)


@pytest.mark.parametrize(
    "text",
    [
        "Maria 850101-1234, tel 070-123 45 67",  # the check digit is wrong (…-1238 is right)
        "850101-1234",
        "19850101-1234",
        "8501011234",
        "198501011234",
        "850101 1234",
        "850101\u00a01234",
        "850101 - 1234",
        "850101–1234",  # en dash, as a word processor writes it
        "850101+1234",  # aged 100 or more
        "850161-1234",  # samordningsnummer: the day plus 60
        "19850161-1234",
        "000229-1234",  # 29 February 2000
        "pnr:850101-1234.",
        "Besök angående 19811228-9874 på socialkontoret",
    ],
)
def test_a_number_with_a_real_date_is_a_personal_identity_number(text):
    assert contains_personal_identity_number(text)
    with pytest.raises(ValidationError) as error:
        validate_no_personal_identity_number(text)
    assert "personnummer eller samordningsnummer" in error.value.messages[0]
    assert error.value.error_list[0].code == "personal_identity_number"


def test_the_message_quotes_what_was_found_so_it_can_be_found_in_a_long_text():
    with pytest.raises(ValidationError) as error:
        validate_no_personal_identity_number("Vi träffade Maria 850101-1234 i går.")
    assert "”850101-1234”" in error.value.messages[0]
    assert [found.text for found in personal_identity_numbers("a 850101-1234 b")] == ["850101-1234"]


@pytest.mark.parametrize(
    "text",
    [
        "212000-0142",  # a municipality's organisation number: "month" 20
        "Organisationsnummer 202100-2148 hos länsstyrelsen",
        "556123-4567",  # a limited company: "month" 61
        "802400-1234",  # a foundation
        "850100-1234",  # day 00
        "851301-1234",  # month 13
        "850132-1234",  # 32 January
        "850192-1234",  # co-ordination day 92 is 32 January
        "850160-1234",  # co-ordination day 60 is day 00
        "010229-1234",  # 29 February 2001
        "000229+1234",  # 29 February 1900 (aged 100 or more): no leap day
        "29991231-1234",  # the century written out and the date still to come
        "Mötet är 2026-12-03 kl. 13.00",
        "2026-12-03 14:00",
        "20261203",
        "Dnr 851-1234-2026",
        "Dnr 2026-001234",
        "Dnr 2026-1234",
        "12 000 kr",
        "1 500 000 kr",
        "2024–2026",
        "2024-2026",
        "ISBN 978-91-7331-000-0",
        "9789173310000",
        "19 deltagare den 2026-03-10",
        "tipsa polisen på 114 14",
        "Box 22067, 104 22 Stockholm",
        "8501011234567",  # part of a longer run of digits
    ],
)
def test_ordinary_numbers_are_not_taken_for_personal_identity_numbers(text):
    assert not contains_personal_identity_number(text)
    validate_no_personal_identity_number(text)


@given(
    born=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)),
    serial=st.integers(min_value=0, max_value=9999),
    co_ordination=st.booleans(),
    form=st.sampled_from(["{yy}{md}-{n}", "{yy}{md}{n}", "{cc}{yy}{md}-{n}", "{cc}{yy}{md}{n}"]),
    space=st.sampled_from(["", " "]),
)
def test_every_real_date_with_any_four_digits_is_refused(born, serial, co_ordination, form, space):
    day = born.day + (60 if co_ordination else 0)
    text = form.format(
        cc=str(born.year)[:2],
        yy=str(born.year)[2:],
        md=f"{born.month:02d}{day:02d}",
        n=f"{serial:04d}",
    )
    if space and "-" in text:
        text = text.replace("-", " ")
    assert contains_personal_identity_number(f"Ärendet gällde {text} i går.")


@given(
    year=st.integers(min_value=0, max_value=99),
    middle=st.integers(min_value=20, max_value=99),
    rest=st.integers(min_value=0, max_value=99),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_no_organisation_number_of_a_legal_entity_is_refused(year, middle, rest, serial):
    # Legal entities' numbers have 20 or more in the "month" place, which no date has.
    assert not contains_personal_identity_number(f"{year:02d}{middle:02d}{rest:02d}-{serial:04d}")


@given(
    day=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2035, 12, 31)),
    hour=st.integers(min_value=0, max_value=23),
    minute=st.sampled_from([0, 15, 30, 45]),
    amount=st.integers(min_value=0, max_value=99_999_999),
    first_year=st.integers(min_value=1990, max_value=2040),
)
def test_dates_times_amounts_and_year_ranges_are_neither_identity_numbers_nor_contacts(
    day, hour, minute, amount, first_year
):
    end_hour = min(hour + 2, 23)
    text = (
        f"Mötet den {day.isoformat()} kl. {hour:02d}.{minute:02d}–{end_hour:02d}.00 "
        f"({hour:02d}:{minute:02d}) kostade {amount:,} kr".replace(",", " ")
        + f" inom planen {first_year}–{first_year + 2}, dnr {first_year}-{amount % 10000:04d}."
    )
    assert not contains_personal_identity_number(text)
    assert not contains_contact_details(text), contact_details(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Maria 850101-1234, tel 070-123 45 67", "070-123 45 67"),
        ("Ring +46 70 123 45 67", "+46 70 123 45 67"),
        ("Växeln 08-123 456 78", "08-123 456 78"),
        ("Telefon 0701234567", None),  # ten digits with a real date: refused as an identity number
        ("Ring 0046 70 123 45 67", "0046 70 123 45 67"),
        ("tel. 031-123456", "031-123456"),
        ("Norge: +47 22 12 34 56", "+47 22 12 34 56"),
        ("Ring +46 (0)70-123 45 67", "+46 (0)70-123 45 67"),
        ("Ring (08) 123 45 67", "(08) 123 45 67"),
        ("Skriv till maria.svensson@example.org.", "maria.svensson@example.org"),
        ("e-post: info@kommun.se", "info@kommun.se"),
    ],
)
def test_phone_numbers_and_email_addresses_are_contact_details(text, found):
    if found is None:
        assert contains_personal_identity_number(text)
        return
    assert [finding.text for finding in contact_details(text)] == [found]
    with pytest.raises(ValidationError) as error:
        validate_no_contact_details(text)
    message = error.value.messages[0]
    assert f"”{found}”" in message
    assert "kontaktpersonerna i registret" in message
    assert error.value.error_list[0].code == "contact_details"


def test_a_personal_identity_number_is_not_reported_as_a_phone_number_too():
    # phonenumbers reads 850101-1234 as a Stockholm number; it is reported once, as what it is.
    assert [f.kind for f in contact_details("850101-1234 och 8501011234")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Vi tipsade om att tipsa polisen på 114 14.",
        "Vid akut fara: ring 112.",
        "Vårdguiden 1177 och BRIS 116 111.",
        "Kvinnofridslinjen 020-50 50 50 är öppen dygnet runt.",
        "Stödlinjen för människohandel 020-390 000.",
        "Nationella stödtelefonen 010-223 57 60 (vardagar 09–16).",
        "Utbildningen pågår kl. 09.00-12.00 och 13.00–16.30.",
        "kl 08.30 - 10.00",
        "Postadress: Box 22067, 104 22 Stockholm",
        "Dnr 851-1234-2026",
        "212000-0142",
        "@kvinnofrid på Instagram",
        "anna(at)kommun.se",  # not an address anyone can mail to
        "Se https://www.lansstyrelsen.se/stockholm.html",
        "21 kommuner, 1 234 deltagare, 12 000 kr",
        # What a search with hypothesis found the matcher reads as phone numbers:
        "Dnr 460-130-2000",
        "den 01.10.2026 01/10",
        "kl. 00.01 2026-01-01",
        "0 4 000 000 kr",
    ],
)
def test_service_numbers_times_and_addresses_are_not_contact_details(text):
    assert not contains_contact_details(text), contact_details(text)
    validate_no_contact_details(text)
