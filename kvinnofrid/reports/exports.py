"""The report's three files, all from the same `outline.Document`:

- PDF: WeasyPrint, PDF/UA-1 (tagged, language sv, title), bookmarks from the headings, a
  table of contents with page numbers, page numbers in the footer, charts and the map as
  inline SVG with a title, a description and the same numbers in a table;
- DOCX: python-docx, Word's own "Heading 1/2" styles, Word tables, the bar charts as PNG;
- XLSX: openpyxl, one sheet per table plus the narrative texts.
"""

import datetime
import io
import re
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kvinnofrid.coordination.maps import LEGEND_COLOURS

from . import charts
from .outline import Document, Percent

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def _map_legend(block) -> dict | None:
    """What the map's colours mean: one entry per step of the scale (the same steps as
    coordination.maps colours the areas with), the lowest step naming the areas no
    activity reached."""
    from kvinnofrid.coordination import maps

    if not (block.national_map or block.map_county):
        return None
    maximum = max(block.map_counts.values(), default=0)
    steps = maps.legend(maximum)
    for step in steps:
        if step["level"] == 0:
            step["label"] = (
                _("0 (inget län nått)") if block.national_map else _("0 (kommunen inte nådd)")
            )
    return {
        "heading": _("Förklaring till kartan (antal insatser)"),
        "steps": steps,
    }


def _map_svg(block) -> str:
    from kvinnofrid.coordination import maps

    if block.national_map:
        the_map = maps.county_map()
        title = _("Insatser per län")
    elif block.map_county:
        the_map = maps.municipality_map(block.map_county)
        title = _("Kommuner som nåtts av länsstyrelsens insatser")
    else:
        return ""
    return maps.choropleth_svg(
        the_map=the_map,
        counts=block.map_counts,
        title=title,
        description=_(
            "Kartan visar antalet insatser med färg, mörkare för fler. Samma siffror finns i "
            "tabellen efter kartan."
        ),
        value_label=lambda count: (
            ngettext("%(count)s insats", "%(count)s insatser", count) % {"count": count}
        ),
    )


def render_html(document: Document, *, admin: bool = False) -> str:
    """The report as HTML: a whole document for WeasyPrint, or (admin=True) the part shown
    on the staff overview page, with headings one level lower under the page's own h1."""
    blocks = []
    for block in document.blocks:
        blocks.append(
            {
                "block": block,
                "map_svg": _map_svg(block),
                "map_legend": _map_legend(block),
                "tables": [
                    {
                        "table": table,
                        "headers": table.header_texts(),
                        "rows": table.row_texts(),
                        "chart": charts.bar_chart_svg(
                            table.chart, title=table.title, year=document.year
                        )
                        if table.chart
                        else "",
                        "trend_charts": [charts.trend_chart_svg(trend) for trend in table.trends],
                    }
                    for table in block.tables
                ],
            }
        )
    context = {
        "document": document,
        "blocks": blocks,
        "offset": 1 if admin else 0,
        "admin": admin,
        "title_lines": title_page_lines(document),
        "legend_colours": list(enumerate(LEGEND_COLOURS)),
    }
    return render_to_string("reports/blocks.html" if admin else "reports/pdf.html", context)


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(document)).write_pdf(pdf_variant="pdf/ua-1")


class _TextBlocks(HTMLParser):
    """Rich text (Wagtail's HTML) as (kind, text) paragraphs for Word and Excel: headings,
    paragraphs and list items; inline formatting is dropped."""

    BLOCKS = {"p": "p", "h2": "h", "h3": "h", "h4": "h", "li": "li"}

    def __init__(self):
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.kind = None
        self.parts: list[str] = []
        self.ordered: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("ol", "ul"):
            self.ordered.append(tag == "ol")
        elif tag in self.BLOCKS:
            self._flush()
            kind = self.BLOCKS[tag]
            if kind == "li" and self.ordered and self.ordered[-1]:
                kind = "oli"
            self.kind = kind
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.ordered:
            self.ordered.pop()
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.parts.append(data)

    def _flush(self):
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.parts)).strip()
        if text:
            self.blocks.append((self.kind or "p", text))
        self.parts = []
        self.kind = None

    def close(self):
        super().close()
        self._flush()


def text_blocks(rich_html: str) -> list[tuple[str, str]]:
    parser = _TextBlocks()
    parser.feed(rich_html or "")
    parser.close()
    return parser.blocks


def plain_text(rich_html: str) -> str:
    return "\n".join(text for _kind, text in text_blocks(rich_html))


def render_docx(document: Document) -> bytes:
    import docx
    from docx.shared import Cm

    word = docx.Document()
    word.core_properties.title = document.title
    word.core_properties.language = "sv-SE"
    word.core_properties.author = document.author
    word.add_heading(document.title, level=0)
    word.add_paragraph(document.subtitle)
    for line in title_page_lines(document):
        word.add_paragraph(line)
    for block in document.blocks:
        word.add_heading(block.heading, level=block.level)
        for paragraph in block.paragraphs:
            word.add_paragraph(paragraph)
        for kind, text in text_blocks(block.html):
            style = {"h": "Heading 3", "li": "List Bullet", "oli": "List Number"}.get(kind)
            word.add_paragraph(text, style=style)
        if block.map_county or block.national_map:
            word.add_paragraph(
                _("Kartan finns i PDF-versionen; samma siffror står i tabellen nedan.")
            )
        for table in block.tables:
            word.add_heading(table.title, level=min(block.level + 1, 3))
            if table.chart:
                word.add_picture(
                    io.BytesIO(charts.bar_chart_png(table.chart, year=document.year)),
                    width=Cm(16),
                )
                word.add_paragraph(charts.describe(table.chart, year=document.year))
            if not table.rows:
                word.add_paragraph(_("Inga uppgifter."))
                continue
            grid = word.add_table(rows=1, cols=len(table.headers), style="Table Grid")
            for cell, header in zip(grid.rows[0].cells, table.header_texts(), strict=True):
                cell.text = header
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            _repeat_header(grid.rows[0])
            for row in table.row_texts():
                cells = grid.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _repeat_header(row) -> None:
    """Mark the first row as a header row (repeated on each page, read as headers)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _sheet_title(title: str, used: set) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", title)[:31] or "Blad"
    candidate, number = title, 2
    while candidate.lower() in used:
        suffix = f" {number}"
        candidate = title[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def title_page_lines(document: Document) -> list[str]:
    """The title page's facts under the title, in the PDF and the DOCX alike."""
    lines = [document.author] if document.author else []
    if document.date:
        lines.append(_("Datum: %(date)s") % {"date": document.date_text})
    if document.reference_number:
        lines.append(_("Diarienummer: %(number)s") % {"number": document.reference_number})
    if document.version_label:
        lines.append(document.version_label)
    return lines


# Excel's own percent format (built-in number format 9), so that any spreadsheet program
# shows the number as a percentage in its own locale.
PERCENT_FORMAT = "0%"
DATE_FORMAT = "yyyy-mm-dd"


def render_xlsx(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kvinnofrid.core.spreadsheets import FORMULA_STARTS

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = document.title
    workbook.properties.language = "sv-SE"
    workbook.properties.creator = document.author
    used: set = set()
    for table in document.tables():
        sheet = workbook.create_sheet(_sheet_title(table.sheet, used))
        sheet.append([_cell(header, FORMULA_STARTS) for header in table.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(value, FORMULA_STARTS) for value in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=True):
                if isinstance(value, Percent):
                    cell.number_format = PERCENT_FORMAT
                elif isinstance(value, datetime.date):
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].width = 48
    texts = workbook.create_sheet(_sheet_title(_("Texter"), used))
    texts.append([_("Avsnitt"), _("Text")])
    for cell in texts[1]:
        cell.font = Font(bold=True)
    for block in document.blocks:
        if block.html:
            texts.append([block.heading, _cell(plain_text(block.html), FORMULA_STARTS)])
    texts.column_dimensions["A"].width = 48
    texts.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value, formula_starts):
    """A table value as an XLSX cell value: numbers, years and dates stay what they are, a
    percentage is its share (formatted as a percentage by the caller), a missing figure is
    an empty cell."""
    if isinstance(value, Percent):
        return value.rate
    if isinstance(value, bool):
        return _("Ja") if value else None
    if value == "":
        return None
    # Text that Excel would read as a formula is kept as text.
    if isinstance(value, str) and value.startswith(formula_starts):
        return "'" + value
    return value


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}


def render(document: Document, fmt: str) -> bytes:
    return RENDERERS[fmt](document)


def filename_for(document: Document, fmt: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(document.title) or 'lagesrapport'}.{fmt}"
