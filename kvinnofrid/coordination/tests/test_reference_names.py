"""Municipalities that call themselves *stad* carry their own names in the registry."""

import pytest

from kvinnofrid.coordination.models import Organisation
from kvinnofrid.coordination.reference import (
    CITY_NAMES,
    municipality_organisation_name,
    reference_organisations_ensure,
)
from kvinnofrid.regions.models import Municipality


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stockholm", "Stockholms stad"),
        ("Solna", "Solna stad"),
        ("Lidingö", "Lidingö stad"),
        ("Sundbyberg", "Sundbybergs stad"),
        ("Vaxholm", "Vaxholms stad"),
        ("Göteborg", "Göteborgs Stad"),
        ("Malmö", "Malmö stad"),
        ("Västerås", "Västerås stad"),
        ("Borås", "Borås Stad"),
        ("Helsingborg", "Helsingborgs stad"),
        ("Uppsala", "Uppsala kommun"),
        ("Lund", "Lunds kommun"),
        ("Haninge", "Haninge kommun"),
    ],
)
def test_a_municipality_is_named_as_it_names_itself(name, expected):
    assert municipality_organisation_name(name) == expected


@pytest.mark.django_db
def test_every_city_in_the_table_is_a_real_municipality():
    assert set(CITY_NAMES) <= set(Municipality.objects.values_list("name", flat=True))


@pytest.mark.django_db
def test_the_registry_names_the_cities_by_their_own_names():
    names = dict(Organisation.objects.municipalities().values_list("municipality__name", "name"))
    assert names["Stockholm"] == "Stockholms stad"
    assert names["Göteborg"] == "Göteborgs Stad"
    assert names["Solna"] == "Solna stad"
    assert names["Botkyrka"] == "Botkyrka kommun"


@pytest.mark.django_db
def test_a_city_with_the_old_generic_name_is_renamed_but_a_name_staff_chose_is_kept():
    Organisation.objects.filter(reference_key="municipality:0184").update(name="Solna kommun")
    Organisation.objects.filter(reference_key="municipality:0186").update(
        name="Lidingö stad, socialförvaltningen"
    )
    assert reference_organisations_ensure() == 0
    assert Organisation.objects.get(reference_key="municipality:0184").name == "Solna stad"
    assert (
        Organisation.objects.get(reference_key="municipality:0186").name
        == "Lidingö stad, socialförvaltningen"
    )
