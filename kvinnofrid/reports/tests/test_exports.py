"""The three files and the command line, from the same data: PDF (tagged PDF/UA, Swedish,
title, bookmarks), DOCX (Word heading styles, tables) and XLSX (sums match the data)."""

import io

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from kvinnofrid.reports.data import national_data, report_data
from kvinnofrid.reports.exports import render_docx, render_pdf, render_xlsx
from kvinnofrid.reports.outline import county_document, national_document
from kvinnofrid.reports.services import report_create

from .factories import YEAR, county_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(cast):
    county_year(cast.county_a)
    report = report_create(
        county=cast.county_a,
        year=YEAR,
        user=cast.coordinator_a,
        results_and_effects="<p>Fler kommuner har handlingsplaner.</p><ul><li>Utbildning</li></ul>",
        goal_2_text="<p>Upptäckt av våld i vården.</p>",
    )
    return county_document(report_data(county=cast.county_a, year=YEAR), report)


def test_the_pdf_is_tagged_swedish_titled_and_has_bookmarks_and_page_numbers(document):
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Lägesrapport Stockholms län 2025"
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Resultat och effekter" in text
    assert "Fler kommuner har handlingsplaner." in text
    assert "Analys av regionala och lokala stödbehov" in text
    assert "Sida 1 av" in text
    assert "Innehåll" in text
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Kommuner" in titles and "Arbetet per målsättning" in titles


def test_the_docx_uses_word_heading_styles_and_word_tables(document):
    word = docx.Document(io.BytesIO(render_docx(document)))
    headings = {
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    }
    assert ("Heading 1", "Resultat och effekter") in headings
    assert ("Heading 1", "Analys av utvecklingen i länet") in headings
    assert (
        "Heading 2",
        "Målsättning 2. Förbättrad upptäckt av våld och starkare skydd och stöd för "
        "våldsutsatta kvinnor och barn",
    ) in headings
    assert "Upptäckt av våld i vården." in [p.text for p in word.paragraphs]
    goal_table = next(
        t
        for t in word.tables
        if t.rows[0].cells[0].text == "Kategori" and "1." in t.rows[1].cells[0].text
    )
    assert [row.cells[1].text for row in goal_table.rows[1:]] == ["3", "2", "0", "0"]
    assert word.inline_shapes  # the bar charts as PNG


def test_the_xlsx_has_a_sheet_per_table_whose_sums_match_the_data(cast, document):
    data = report_data(county=cast.county_a, year=YEAR)
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))
    assert {
        "Nyckeltal",
        "Insatser per målsättning",
        "Kommuner som nåtts",
        "Kartläggning",
        "Texter",
    } <= set(book.sheetnames)
    kinds = list(book["Insatser per typ"].iter_rows(min_row=2, values_only=True))
    assert sum(row[1] for row in kinds) == data.activities_total == 4
    assert sum(row[2] for row in kinds) == data.previous_activities_total == 1
    goals = list(book["Insatser per målsättning"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in goals] == [3, 2, 0, 0]
    reached = list(book["Kommuner som nåtts"].iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in reached) == ["Botkyrka", "Solna"]
    survey = {row[0]: row[1] for row in book["Kartläggning"].iter_rows(min_row=2, values_only=True)}
    assert survey["Svarsfrekvens"] == 0.75  # a number; its percent format is tested apart
    texts = {row[0]: row[1] for row in book["Texter"].iter_rows(min_row=2, values_only=True)}
    assert texts["Resultat och effekter"] == "Fler kommuner har handlingsplaner.\nUtbildning"


def test_the_national_xlsx_has_every_county_and_the_total(cast):
    county_year(cast.county_a)
    book = openpyxl.load_workbook(
        io.BytesIO(render_xlsx(national_document(national_data(year=YEAR))))
    )
    rows = list(book["Län"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 22
    assert rows[-1][0] == "Hela landet"
    assert rows[-1][1] == sum(row[1] for row in rows[:-1]) == 4


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_the_command_writes_a_countys_report(cast, tmp_path, fmt):
    county_year(cast.county_a)
    output = tmp_path / f"rapport.{fmt}"
    call_command(
        "lagesrapport", county="01", year=YEAR, fmt=fmt, output=str(output), stdout=io.StringIO()
    )
    content = output.read_bytes()
    assert content.startswith(b"%PDF" if fmt == "pdf" else b"PK")


def test_the_command_writes_the_national_compilation(cast, tmp_path):
    county_year(cast.county_a)
    output = tmp_path / "sverige.xlsx"
    call_command(
        "lagesrapport",
        "--national",
        "--year",
        str(YEAR),
        "--format",
        "xlsx",
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    rows = list(openpyxl.load_workbook(output)["Län"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == ("Stockholms län", 4)


def test_the_command_refuses_an_unknown_county_or_format_in_swedish(cast, tmp_path):
    with pytest.raises(CommandError, match="Det finns inget län med SCB-koden 99"):
        call_command("lagesrapport", county="99", year=YEAR, fmt="pdf", output=str(tmp_path / "x"))
    with pytest.raises(CommandError, match="Okänt format: odt. Välj pdf, docx eller xlsx."):
        call_command("lagesrapport", county="01", year=YEAR, fmt="odt", output=str(tmp_path / "x"))


def test_the_national_compilation_gathers_the_countys_texts_under_each_part(cast):
    report_create(
        county=cast.county_a,
        year=YEAR,
        user=cast.coordinator_a,
        support_needs_analysis="<p>Kommunerna behöver stöd i riskbedömning.</p>",
    )
    report_create(
        county=cast.county_b,
        year=YEAR,
        user=cast.coordinator_b,
        support_needs_analysis="<p>Stöd kring barnäktenskap efterfrågas.</p>",
    )
    national = report_create(
        county=None, year=YEAR, user=cast.national, support_needs_analysis="<p>Sammantaget.</p>"
    )
    blocks = national_document(national_data(year=YEAR), national).blocks
    headings = [(block.level, block.heading) for block in blocks]
    part = headings.index((1, "Analys av regionala och lokala stödbehov"))
    assert headings[part + 1 : part + 3] == [
        (2, "Stockholms län (utkast)"),
        (2, "Uppsala län (utkast)"),
    ]
    assert "riskbedömning" in blocks[part + 1].html
    assert "barnäktenskap" in blocks[part + 2].html
    # A part no county wrote gets no county sections.
    first = headings.index((1, "Resultat och effekter"))
    assert headings[first + 1][0] == 1


def test_each_indicator_with_several_years_gets_a_trend_line_in_the_report(cast):
    import xml.etree.ElementTree as ET

    from kvinnofrid.plans.tests.factories import full_plan
    from kvinnofrid.reports.exports import render_html

    full_plan(cast.county_a)
    document = county_document(report_data(county=cast.county_a, year=YEAR))
    [indicators] = [t for t in document.tables() if t.trends]
    html = render_html(document, admin=True)
    svgs = [
        ET.fromstring(html[start : html.index("</svg>", start) + 6])
        for start in [i for i in range(len(html)) if html.startswith("<svg xmlns", i)]
    ]
    trends = [svg for svg in svgs if svg.get("class") == "kf-report-trend"]
    assert len(trends) == len(indicators.trends) >= 1
    ns = "{http://www.w3.org/2000/svg}"
    first, trend = trends[0], indicators.trends[0]
    assert first.get("role") == "img"
    assert first.find(f"{ns}title").text == trend.title
    assert len(first.findall(f"{ns}circle")) == len(trend.points)
    assert str(trend.points[0][0]) in first.find(f"{ns}desc").text
