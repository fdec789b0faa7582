"""Bar charts of a report's counts: inline SVG for the PDF and the staff pages, PNG (drawn
with Pillow, which Wagtail already needs) for the Word document.

The SVG has role="img", a title and a description in words; the same numbers are always in
a table beside it. Colours are presentation attributes (the admin's content security
policy forbids inline styles).
"""

import io
import uuid

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .data import Row

THIS_YEAR = "#1f64a8"  # 6.0:1 against white
LAST_YEAR = "#8c8c8c"  # 3.4:1 against white
TEXT = "#222222"
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 300, 260, 34


def describe(rows: list[Row], *, year: int) -> str:
    parts = [
        _("%(label)s: %(count)s år %(year)s")
        % {"label": row.label, "count": row.count, "year": year}
        + (
            _(" (%(previous)s året innan)") % {"previous": row.previous}
            if row.previous is not None
            else ""
        )
        for row in rows
    ]
    return "; ".join(parts) + "." if parts else _("Inga uppgifter.")


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart_svg(rows: list[Row], *, title: str, year: int) -> SafeString:
    """Horizontal bars: this year dark, the previous year grey below it."""
    prefix = f"stapel-{uuid.uuid4().hex[:10]}"
    maximum = max([row.count for row in rows] + [row.previous or 0 for row in rows] + [1])
    height = ROW_HEIGHT * max(len(rows), 1) + 30
    bars = []
    for index, row in enumerate(rows):
        y = 10 + index * ROW_HEIGHT
        width = round(BAR_WIDTH * row.count / maximum, 1)
        previous = round(BAR_WIDTH * (row.previous or 0) / maximum, 1)
        bars.append(
            (
                y + 13,
                _short(row.label),
                LABEL_WIDTH,
                y,
                width,
                THIS_YEAR,
                LABEL_WIDTH + width + 4,
                y + 11,
                row.count,
                LABEL_WIDTH,
                y + 15,
                previous,
                LAST_YEAR,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{}-t" '
        'aria-describedby="{}-d" viewBox="0 0 {} {}" class="kf-report-chart" '
        'font-family="DejaVu Sans, sans-serif" font-size="12">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}'
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" fill="{}">{}</text>'
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" fill="{}">{}</text></svg>',
        prefix,
        prefix,
        LABEL_WIDTH + BAR_WIDTH + 50,
        height,
        prefix,
        title,
        prefix,
        describe(rows, year=year),
        format_html_join(
            "",
            '<text x="0" y="{}" fill="' + TEXT + '">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="12" fill="{}"/>'
            '<text x="{}" y="{}" fill="' + TEXT + '">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="6" fill="{}"/>',
            bars,
        ),
        LABEL_WIDTH,
        height - 16,
        THIS_YEAR,
        LABEL_WIDTH + 14,
        height - 7,
        TEXT,
        year,
        LABEL_WIDTH + 70,
        height - 16,
        LAST_YEAR,
        LABEL_WIDTH + 84,
        height - 7,
        TEXT,
        year - 1,
    )


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def bar_chart_png(rows: list[Row], *, year: int) -> bytes:
    """The same chart as a PNG at twice the size (sharp when Word scales it down)."""
    from PIL import Image, ImageDraw

    scale = 2
    width = (LABEL_WIDTH + BAR_WIDTH + 50) * scale
    height = (ROW_HEIGHT * max(len(rows), 1) + 30) * scale
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(12 * scale)
    maximum = max([row.count for row in rows] + [row.previous or 0 for row in rows] + [1])
    for index, row in enumerate(rows):
        y = (10 + index * ROW_HEIGHT) * scale
        bar = BAR_WIDTH * scale * row.count / maximum
        previous = BAR_WIDTH * scale * (row.previous or 0) / maximum
        left = LABEL_WIDTH * scale
        draw.text((0, y), _short(row.label), fill=TEXT, font=font)
        if bar:
            draw.rectangle([left, y, left + bar, y + 12 * scale], fill=THIS_YEAR)
        draw.text((left + bar + 4 * scale, y - 1 * scale), str(row.count), fill=TEXT, font=font)
        if previous:
            draw.rectangle([left, y + 15 * scale, left + previous, y + 21 * scale], fill=LAST_YEAR)
    legend_y = height - 18 * scale
    left = LABEL_WIDTH * scale
    draw.rectangle([left, legend_y, left + 10 * scale, legend_y + 10 * scale], fill=THIS_YEAR)
    draw.text((left + 14 * scale, legend_y - 2 * scale), str(year), fill=TEXT, font=font)
    draw.rectangle(
        [left + 70 * scale, legend_y, left + 80 * scale, legend_y + 10 * scale], fill=LAST_YEAR
    )
    draw.text((left + 84 * scale, legend_y - 2 * scale), str(year - 1), fill=TEXT, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


TREND_WIDTH, TREND_HEIGHT = 360, 150
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 56, 340, 16, 118


def trend_chart_svg(trend) -> SafeString:
    """An indicator's yearly values as a line with a dot per year; the axis shows the first
    and last year and the lowest and highest value. The description says every value, and
    the report's indicator table has them too."""
    from django.utils.formats import number_format

    prefix = f"trend-{uuid.uuid4().hex[:10]}"
    points = sorted(trend.points)
    years = [year for year, _value in points]
    values = [float(value) for _year, value in points]
    low, high = min(values), max(values)
    span_value = (high - low) or 1.0
    span_year = (years[-1] - years[0]) or 1

    def x(year):
        return round(PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (year - years[0]) / span_year, 1)

    def y(value):
        return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value - low) / span_value, 1)

    line = " ".join(f"{x(year)},{y(value)}" for year, value in zip(years, values, strict=True))
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3.5" fill="{}"></circle>',
        ((x(year), y(value), THIS_YEAR) for year, value in zip(years, values, strict=True)),
    )
    description = "; ".join(
        f"{year}: {number_format(value)} {trend.unit}".strip()
        for year, value in zip(years, values, strict=True)
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{0}-t" '
        'aria-describedby="{0}-d" viewBox="0 0 {1} {2}" class="kf-report-trend">'
        '<title id="{0}-t">{3}</title><desc id="{0}-d">{4}</desc>'
        '<line x1="{5}" y1="{7}" x2="{6}" y2="{7}" stroke="{8}" stroke-width="1"></line>'
        '<line x1="{5}" y1="{9}" x2="{5}" y2="{7}" stroke="{8}" stroke-width="1"></line>'
        '<polyline points="{10}" fill="none" stroke="{11}" stroke-width="2.5"></polyline>{12}'
        '<text x="{5}" y="{13}" font-size="11" fill="{14}">{15}</text>'
        '<text x="{6}" y="{13}" font-size="11" fill="{14}" text-anchor="end">{16}</text>'
        '<text x="{17}" y="{18}" font-size="11" fill="{14}" text-anchor="end">{19}</text>'
        '<text x="{17}" y="{20}" font-size="11" fill="{14}" text-anchor="end">{21}</text>'
        "</svg>",
        prefix,
        TREND_WIDTH,
        TREND_HEIGHT,
        trend.title,
        description,
        PLOT_LEFT,
        PLOT_RIGHT,
        PLOT_BOTTOM,
        LAST_YEAR,
        PLOT_TOP,
        line,
        THIS_YEAR,
        dots,
        PLOT_BOTTOM + 18,
        TEXT,
        years[0],
        years[-1],
        PLOT_LEFT - 6,
        PLOT_TOP + 4,
        number_format(high),
        PLOT_BOTTOM + 4,
        number_format(low),
    )
