import csv

import pytest

from kvinnofrid.regions import reference
from kvinnofrid.regions.models import County, Municipality, StrategyGoal, TargetGroup, ViolenceArea
from kvinnofrid.regions.reference import ReferenceDataError, load_reference_data

pytestmark = pytest.mark.django_db


def test_it_has_all_21_counties_and_290_municipalities():
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290


def test_every_municipality_belongs_to_the_county_its_code_starts_with():
    for municipality in Municipality.objects.select_related("county"):
        assert municipality.code[:2] == municipality.county.code, municipality


def test_known_municipalities_have_their_scb_codes():
    # Checked against SCB's list independently of the shipped file.
    expected = {
        "0180": ("Stockholm", "01"),
        "0380": ("Uppsala", "03"),
        "0980": ("Gotland", "09"),
        "1280": ("Malmö", "12"),
        "1480": ("Göteborg", "14"),
        "2584": ("Kiruna", "25"),
        "2480": ("Umeå", "24"),
        "0114": ("Upplands Väsby", "01"),
    }
    actual = {
        code: (name, county)
        for code, name, county in Municipality.objects.filter(code__in=expected).values_list(
            "code", "name", "county__code"
        )
    }
    assert actual == expected


def test_it_matches_the_shipped_scb_file_row_by_row():
    with reference.SCB_REGIONS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = {
        (r["code"], r["name"], r["county_code"]) for r in rows if r["kind"] == "municipality"
    }
    actual = set(Municipality.objects.values_list("code", "name", "county__code"))
    assert actual == expected


def test_counties_carry_scb_and_iso_codes():
    stockholm = County.objects.get(code="01")
    assert (stockholm.iso_code, stockholm.name) == ("SE-AB", "Stockholms län")
    assert County.objects.get(code="25").iso_code == "SE-BD"
    assert Municipality.objects.get(name="Gotland").county.iso_code == "SE-I"
    assert len(set(County.objects.values_list("iso_code", flat=True))) == 21


def test_loading_twice_duplicates_nothing():
    before = load_reference_data()
    after = load_reference_data()
    assert before == after
    assert (after.counties, after.municipalities, after.strategy_goals) == (21, 290, 4)


def test_the_four_strategy_goals_have_their_official_wording():
    assert list(StrategyGoal.objects.values_list("number", "name")) == [
        # The strategy's wording (skr. 2016/17:10); PRODUCT.md leaves out "verkningsfullt".
        (1, "Ett utökat och verkningsfullt förebyggande arbete mot våld"),
        (
            2,
            "Förbättrad upptäckt av våld och starkare skydd och stöd för våldsutsatta "
            "kvinnor och barn",
        ),
        (3, "Effektivare brottsbekämpning"),
        (4, "Förbättrad kunskap och metodutveckling"),
    ]


def test_violence_areas_and_target_groups_are_data():
    assert ViolenceArea.objects.filter(group="core").count() == 5
    assert ViolenceArea.objects.filter(slug="hedersrelaterat-vald").exists()
    assert ViolenceArea.objects.filter(slug="vald-mot-djur", group="cross_cutting").exists()
    assert TargetGroup.objects.filter(slug="yrkesforare", group="professional").exists()


def test_a_municipality_filed_under_the_wrong_county_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "scb_regions.csv"
    text = reference.SCB_REGIONS.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("0114,Upplands Väsby,municipality,01", "0114,Upplands Väsby,municipality,03")
    )
    monkeypatch.setattr(reference, "SCB_REGIONS", bad)
    with pytest.raises(ReferenceDataError, match="0114"):
        load_reference_data()
    assert Municipality.objects.get(code="0114").county.code == "01"
