"""The registry's reference rows, identifiers and the rule against case data."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kvinnofrid.coordination.models import Activity, Organisation
from kvinnofrid.coordination.reference import (
    municipality_organisation_name,
    reference_organisations_ensure,
)
from kvinnofrid.coordination.validators import (
    contains_personal_identity_number,
    luhn_valid,
    normalise_organisation_number,
)
from kvinnofrid.regions.models import County, Municipality


@pytest.mark.django_db
def test_every_municipality_and_region_is_an_organisation_from_the_start():
    assert Organisation.objects.municipalities().count() == Municipality.objects.count() == 290
    # 21 counties, but Gotland's region is its municipality.
    assert Organisation.objects.filter(kind="region").count() == 20
    gotland = Organisation.objects.get(reference_key="municipality:0980")
    assert gotland.name == "Region Gotland" and gotland.acts_as_region
    assert not Organisation.objects.filter(kind="region", county__code="09").exists()
    stockholm = Organisation.objects.get(reference_key="region:01")
    assert stockholm.name == "Region Stockholm" and stockholm.county.code == "01"


@pytest.mark.django_db
def test_loading_the_reference_rows_again_changes_nothing():
    renamed = Organisation.objects.get(reference_key="municipality:0180")
    renamed.name = "Stockholms stad"
    renamed.save()
    assert reference_organisations_ensure() == 0
    assert Organisation.objects.get(reference_key="municipality:0180").name == "Stockholms stad"
    Organisation.objects.filter(reference_key="municipality:0114").delete()
    assert reference_organisations_ensure() == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stockholm", "Stockholms stad"),
        ("Uppsala", "Uppsala kommun"),
        ("Lund", "Lunds kommun"),
        ("Ekerö", "Ekerö kommun"),
        ("Upplands-Bro", "Upplands-Bro kommun"),
    ],
)
def test_municipality_organisations_are_named_in_swedish(name, expected):
    assert municipality_organisation_name(name) == expected


def test_a_valid_organisation_number_is_normalised_with_a_hyphen():
    # Länsstyrelsen i Stockholms län: 202100-2148
    assert normalise_organisation_number("2021002148") == "202100-2148"
    assert normalise_organisation_number(" 202100-2148 ") == "202100-2148"


@pytest.mark.parametrize("value", ["202100-2149", "20210021", "abcdef-ghij", "2021002148 1"])
def test_an_invalid_organisation_number_gets_a_swedish_error(value):
    with pytest.raises(ValidationError) as error:
        normalise_organisation_number(value)
    assert "Organisationsnumret" in str(error.value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_completes_any_nine_digits(first_nine):
    assert sum(luhn_valid(first_nine + str(digit)) for digit in range(10)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Besök angående 19811228-9874 på socialkontoret",
        "pnr 811228-9874",
        "811228 9874",
        "samordningsnummer 701063-2391",
    ],
)
def test_personal_identity_numbers_are_found_in_free_text(text):
    assert contains_personal_identity_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Organisationsnummer 202100-2148 hos länsstyrelsen",  # month 00: not a date
        "Ring 08-123 456 78",
        "Dnr 2026-1234",
        "19 deltagare den 2026-03-10",
    ],
)
def test_ordinary_numbers_are_not_taken_for_personal_identity_numbers(text):
    assert not contains_personal_identity_number(text)


@pytest.mark.django_db
def test_an_activity_describing_a_person_by_identity_number_is_refused():
    county = County.objects.get(code="01")
    activity = Activity(
        county=county,
        kind="municipality_visit",
        title="Kommunbesök",
        starts_on="2026-03-10",
        description="Vi diskuterade ärendet med 19811228-9874.",
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "personnummer" in error.value.message_dict["description"][0]
