"""A small line chart per indicator, drawn as inline SVG.

The public pages forbid inline style attributes (the content security policy allows
styles from files only), so the drawing uses presentation attributes. The chart has
role="img" with a title and a description; the same values are in a table beside it.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .reporting import IndicatorSeries

WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 14, 30
LINE = "#1d5d90"
TARGET = "#8a3b12"
TEXT = "#222"
GRID = "#c8c8c8"


def format_number(value) -> str:
    """In the locale's format, with thousands grouped and without trailing zeros."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


# Units that read as no unit after a number: "14", not "14 antal".
COUNT_UNITS = {"", "antal", "st", "st.", "stycken"}
PERCENT_UNITS = {"procent", "%", "andel (%)", "procent (%)"}


def with_unit(value, unit: str) -> str:
    """A value with its unit as it reads in a sentence: "14", "52 procent", "3 kommuner"."""
    number = format_number(value)
    unit = (unit or "").strip()
    if unit.lower() in COUNT_UNITS:
        return number
    if unit.lower() in PERCENT_UNITS:
        return _("%(number)s procent") % {"number": number}
    return f"{number} {unit}"


def describe(series: IndicatorSeries) -> str:
    """The chart in Swedish sentences, for its description. The year always comes before
    the value ("År 2024 var värdet 20"), so "20 år 2024" is never read as twenty years."""
    indicator = series.indicator
    unit = indicator.unit
    parts = []
    points = series.points
    if not points:
        parts.append(_("Inga uppmätta värden ännu."))
    else:
        parts.append(
            ngettext("%(count)s uppmätt värde.", "%(count)s uppmätta värden.", len(points))
            % {"count": len(points)}
        )
        (first_year, first_value), (last_year, last_value) = points[0], points[-1]
        if len(points) == 1:
            parts.append(
                _("År %(year)s var värdet %(value)s.")
                % {"year": first_year, "value": with_unit(first_value, unit)}
            )
        else:
            parts.append(
                _(
                    "År %(first_year)s var värdet %(first_value)s och år %(last_year)s "
                    "var det %(last_value)s."
                )
                % {
                    "first_year": first_year,
                    "first_value": with_unit(first_value, unit),
                    "last_year": last_year,
                    "last_value": with_unit(last_value, unit),
                }
            )
    if indicator.baseline_value is not None:
        parts.append(
            _("Utgångsvärdet år %(year)s var %(value)s.")
            % {"year": indicator.baseline_year, "value": with_unit(indicator.baseline_value, unit)}
        )
    if indicator.target_value is not None:
        parts.append(
            _("Målet till år %(year)s är %(value)s.")
            % {"year": indicator.target_year, "value": with_unit(indicator.target_value, unit)}
        )
    return " ".join(parts)


def indicator_chart_svg(series: IndicatorSeries, *, id_prefix: str = "indikator") -> SafeString:
    indicator = series.indicator
    chart_id = f"{id_prefix}-{indicator.pk}"
    values = [value for _year, value in series.points]
    years = [year for year, _value in series.points]
    if indicator.target_value is not None:
        values.append(indicator.target_value)
        years.append(indicator.target_year)
    if indicator.baseline_value is not None:
        values.append(indicator.baseline_value)
        years.append(indicator.baseline_year)
    parts = [
        format_html(
            '<svg class="plan-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
            'width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=HEIGHT,
            title=_("Diagram: %(name)s") % {"name": indicator.name},
            desc=describe(series),
        )
    ]
    if values:
        low = min(min(values), Decimal(0))
        high = max(values)
        if high == low:
            high = low + 1
        first_year, last_year = min(years), max(years)
        span = max(last_year - first_year, 1)
        plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

        def x(year: int) -> float:
            if first_year == last_year:
                return LEFT + plot_w / 2
            return round(LEFT + plot_w * (year - first_year) / span, 1)

        def y(value: Decimal) -> float:
            return round(TOP + plot_h * float((high - value) / (high - low)), 1)

        for value in (low, high):
            parts.append(
                format_html(
                    '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="{c}" stroke-width="1"/>'
                    '<text x="{tx}" y="{ty}" font-size="11" text-anchor="end" fill="{t}">'
                    "{label}</text>",
                    x1=LEFT,
                    x2=WIDTH - RIGHT,
                    y=y(value),
                    c=GRID,
                    tx=LEFT - 4,
                    ty=y(value) + 4,
                    t=TEXT,
                    label=format_number(value),
                )
            )
        for year in sorted({first_year, last_year}):
            if first_year == last_year:
                anchor = "middle"
            else:
                anchor = "start" if year == first_year else "end"
            parts.append(
                format_html(
                    '<text x="{x}" y="{y}" font-size="11" text-anchor="{anchor}" fill="{t}">'
                    "{year}</text>",
                    anchor=anchor,
                    x=x(year),
                    y=HEIGHT - 10,
                    t=TEXT,
                    year=year,
                )
            )
        if indicator.target_value is not None:
            parts.append(
                format_html(
                    '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="{c}" stroke-width="2" '
                    'stroke-dasharray="6 4"/>',
                    x1=LEFT,
                    x2=WIDTH - RIGHT,
                    y=y(indicator.target_value),
                    c=TARGET,
                )
            )
        if indicator.baseline_value is not None:
            parts.append(
                format_html(
                    '<circle cx="{x}" cy="{y}" r="4" fill="#fff" stroke="{c}" stroke-width="2"/>',
                    x=x(indicator.baseline_year),
                    y=y(indicator.baseline_value),
                    c=LINE,
                )
            )
        if series.points:
            points = " ".join(f"{x(year)},{y(value)}" for year, value in series.points)
            parts.append(
                format_html(
                    '<polyline points="{p}" fill="none" stroke="{c}" stroke-width="2.5"/>',
                    p=points,
                    c=LINE,
                )
            )
            for year, value in series.points:
                parts.append(
                    format_html(
                        '<circle cx="{x}" cy="{y}" r="3.5" fill="{c}"/>',
                        x=x(year),
                        y=y(value),
                        c=LINE,
                    )
                )
    parts.append(mark_safe("</svg>"))
    return mark_safe(
        "".join(escape(part) if not hasattr(part, "__html__") else part for part in parts)
    )
