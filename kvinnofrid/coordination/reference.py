"""The registry's reference rows: every municipality and every region is an organisation
from the start, so that staff never type them in. Gotland has no region of its own: its
municipality, Region Gotland, has the region's tasks."""

import csv
from pathlib import Path

from django.db import transaction

from kvinnofrid.regions.models import County, Municipality

from .models import Organisation

REGIONS = Path(__file__).resolve().parent / "data" / "regions.csv"
GOTLAND_MUNICIPALITY = "0980"

# Municipalities that call themselves *stad* in their official name (each one's own usage,
# capital S included), by SCB name, which is unique. Every other municipality is
# "… kommun"; where a municipality's usage was not certain it stays "kommun".
CITY_NAMES = {
    "Borås": "Borås Stad",
    "Göteborg": "Göteborgs Stad",
    "Haparanda": "Haparanda stad",
    "Helsingborg": "Helsingborgs stad",
    "Landskrona": "Landskrona stad",
    "Lidingö": "Lidingö stad",
    "Malmö": "Malmö stad",
    "Mölndal": "Mölndals stad",
    "Solna": "Solna stad",
    "Stockholm": "Stockholms stad",
    "Sundbyberg": "Sundbybergs stad",
    "Trollhättan": "Trollhättans stad",
    "Vaxholm": "Vaxholms stad",
    "Västerås": "Västerås stad",
}


def municipality_organisation_name(name: str) -> str:
    """'Stockholm' -> 'Stockholms stad' (its own name), 'Uppsala' -> 'Uppsala kommun',
    'Botkyrka' -> 'Botkyrka kommun', 'Lund' -> 'Lunds kommun'."""
    if name == "Gotland":
        return "Region Gotland"
    return CITY_NAMES.get(name) or _generic_name(name)


def _generic_name(name: str) -> str:
    """'<genitive> kommun' (Swedish genitive: an s after a consonant other than s, x or z)."""
    last = name[-1].lower()
    if last in "aeiouyåäö" or last in "sxz":
        return f"{name} kommun"
    return f"{name}s kommun"


def _region_names() -> dict[str, str]:
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        return {row["county_code"]: row["name"] for row in csv.DictReader(handle) if row["name"]}


@transaction.atomic
def reference_organisations_ensure() -> int:
    """Create the missing municipality and region organisations; returns how many were
    made. Names staff have changed are left alone; a city still carrying the generic name
    an earlier version gave it ("Stockholms kommun") gets its own ("Stockholms stad")."""
    existing = dict(
        Organisation.objects.filter(reference_key__isnull=False).values_list(
            "reference_key", "name"
        )
    )
    new = []
    for municipality in Municipality.objects.select_related("county"):
        key = f"municipality:{municipality.code}"
        own_name = municipality_organisation_name(municipality.name)
        if existing.get(key) == _generic_name(municipality.name) != own_name:
            Organisation.objects.filter(reference_key=key).update(name=own_name)
        if key not in existing:
            new.append(
                Organisation(
                    reference_key=key,
                    name=own_name,
                    kind=Organisation.Kind.MUNICIPALITY,
                    county=municipality.county,
                    municipality=municipality,
                    acts_as_region=municipality.code == GOTLAND_MUNICIPALITY,
                )
            )
    counties = {county.code: county for county in County.objects.all()}
    for code, name in _region_names().items():
        key = f"region:{code}"
        if key not in existing and code in counties:
            new.append(
                Organisation(
                    reference_key=key,
                    name=name,
                    kind=Organisation.Kind.REGION,
                    county=counties[code],
                )
            )
    Organisation.objects.bulk_create(new)
    return len(new)


def reference_organisations_after_migrate(sender, using="default", **kwargs):
    # After `flush` (and so after every transactional test) the rows are gone with the
    # counties; the pages app reloads the counties first, this runs after it.
    if using != "default" or not County.objects.exists():
        return
    reference_organisations_ensure()
