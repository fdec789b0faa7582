"""Loads the reference data shipped in `data/` into the database, idempotently.

Used by the data migration (with historical models) and by `manage.py
load_reference_data` (with the live models), so both read the same files.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as global_apps
from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
SCB_REGIONS = DATA_DIR / "scb_regions.csv"
COUNTY_CODES = DATA_DIR / "county_codes.csv"
VOCABULARY = DATA_DIR / "vocabulary.json"


class ReferenceDataError(ValueError):
    pass


@dataclass(frozen=True)
class LoadResult:
    counties: int
    municipalities: int
    strategy_goals: int
    violence_areas: int
    target_groups: int


def _read_regions() -> tuple[list[dict], list[dict]]:
    with SCB_REGIONS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with COUNTY_CODES.open(encoding="utf-8", newline="") as handle:
        extra = {row["code"]: row for row in csv.DictReader(handle)}
    counties, municipalities = [], []
    for row in rows:
        if row["kind"] == "county":
            if row["code"] not in extra:
                raise ReferenceDataError(f"County {row['code']} has no ISO code in {COUNTY_CODES}")
            counties.append({**row, **extra[row["code"]]})
        elif row["kind"] == "municipality":
            if row["code"][:2] != row["county_code"]:
                raise ReferenceDataError(
                    f"Municipality {row['code']} does not start with its county code"
                )
            municipalities.append(row)
        else:
            raise ReferenceDataError(f"Unknown kind {row['kind']!r} in {SCB_REGIONS}")
    return counties, municipalities


@transaction.atomic
def load_reference_data(*, apps=global_apps) -> LoadResult:
    County = apps.get_model("regions", "County")
    Municipality = apps.get_model("regions", "Municipality")
    StrategyGoal = apps.get_model("regions", "StrategyGoal")
    ViolenceArea = apps.get_model("regions", "ViolenceArea")
    TargetGroup = apps.get_model("regions", "TargetGroup")

    counties, municipalities = _read_regions()
    if not County.objects.exists():
        # A new or flushed database: insert in bulk (a flush ends every transactional test).
        County.objects.bulk_create(
            County(code=r["code"], name=r["name"], iso_code=r["iso_code"], slug=r["slug"])
            for r in counties
        )
        by_code = {county.code: county for county in County.objects.all()}
        Municipality.objects.bulk_create(
            Municipality(code=r["code"], name=r["name"], county=by_code[r["county_code"]])
            for r in municipalities
        )
    else:
        by_code = {}
        for row in counties:
            county, _ = County.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "iso_code": row["iso_code"], "slug": row["slug"]},
            )
            by_code[county.code] = county
        for row in municipalities:
            Municipality.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name"], "county": by_code[row["county_code"]]},
            )

    vocabulary = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    # The data migration 0002 runs with models that have no English names yet (0003 adds
    # them and loads again).
    english = any(field.name == "name_en" for field in StrategyGoal._meta.get_fields())

    def names(row) -> dict:
        if not english:
            return {"name": row["name"]}
        if not row.get("name_en"):
            raise ReferenceDataError(f"{row['name']!r} has no English name in {VOCABULARY}")
        return {"name": row["name"], "name_en": row["name_en"]}

    for goal in vocabulary["strategy_goals"]:
        StrategyGoal.objects.update_or_create(number=goal["number"], defaults=names(goal))
    for model, key in ((ViolenceArea, "violence_areas"), (TargetGroup, "target_groups")):
        for order, term in enumerate(vocabulary[key], start=1):
            model.objects.update_or_create(
                slug=term["slug"],
                defaults={**names(term), "group": term["group"], "sort_order": order},
            )
    return LoadResult(
        counties=County.objects.count(),
        municipalities=Municipality.objects.count(),
        strategy_goals=StrategyGoal.objects.count(),
        violence_areas=ViolenceArea.objects.count(),
        target_groups=TargetGroup.objects.count(),
    )
