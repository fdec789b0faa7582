"""The report files as a reader gets them (issue 16): every table fits its page, the XLSX
keeps numbers as numbers, the map has a legend, and the title page says who issued the
report, when, and under which registry number."""

import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from kvinnofrid.coordination import maps
from kvinnofrid.reports.data import national_data, report_data
from kvinnofrid.reports.exports import PERCENT_FORMAT, render_docx, render_pdf, render_xlsx
from kvinnofrid.reports.models import StatusReport
from kvinnofrid.reports.outline import Percent, county_document, national_document
from kvinnofrid.reports.services import report_create
from kvinnofrid.testing.cast import verified_client

from .factories import YEAR, full_county_year
from .pdf_layout import page_sizes, pieces, visible_text

pytestmark = pytest.mark.django_db


def _assert_every_table_fits(document, pdf: bytes):
    found = pieces(pdf)
    # Nothing is drawn past a page's edge (a wide table used to run off the right side).
    off_page = [(piece.page, piece.text) for piece in found if not piece.on_page]
    assert off_page == []
    text = visible_text(found)
    for table in document.tables():
        assert table.rows, f"the test data should fill the table {table.sheet!r}"
        # The whole header row, in order, on the page: a header cut off at the page's edge
        # is missing here even though pypdf's plain extract_text would still return it.
        assert " ".join(table.header_texts()) in text, table.sheet


@pytest.fixture
def county_pdf(cast):
    full_county_year(cast.county_a)
    document = county_document(report_data(county=cast.county_a, year=YEAR))
    return document, render_pdf(document)


def test_every_column_header_of_every_county_table_is_on_the_page(county_pdf):
    document, pdf = county_pdf
    _assert_every_table_fits(document, pdf)
    plan = next(table for table in document.tables() if table.sheet == "Handlingsplaner")
    assert "Genomförda (%)" in plan.headers and plan.wide


def test_every_column_header_of_the_national_tables_is_on_the_page(cast):
    full_county_year(cast.county_a)
    document = national_document(national_data(year=YEAR))
    counties = next(table for table in document.tables() if table.sheet == "Län")
    assert len(counties.headers) == 11 and counties.wide
    pdf = render_pdf(document)
    _assert_every_table_fits(document, pdf)
    sizes = page_sizes(pdf)
    # The wide table gets a landscape page; the rest of the report stays portrait.
    assert any(width > height for width, height in sizes)
    assert sizes[0][0] < sizes[0][1]


def test_a_wide_table_is_on_a_landscape_page_and_the_pdf_stays_tagged(county_pdf):
    document, pdf = county_pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    landscape = [
        number
        for number, page in enumerate(reader.pages, start=1)
        if page.mediabox.width > page.mediabox.height
    ]
    assert landscape
    wide_headers = [" ".join(table.header_texts()) for table in document.tables() if table.wide]
    on_landscape = visible_text([piece for piece in pieces(pdf) if piece.page in landscape])
    for headers in wide_headers:
        assert headers in on_landscape


def test_the_xlsx_keeps_years_percentages_dates_and_indicator_values_as_numbers(cast):
    full_county_year(cast.county_a)
    document = county_document(report_data(county=cast.county_a, year=YEAR))
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(document)))

    key = book["Nyckeltal"]
    assert [cell.value for cell in key[1]] == ["Nyckeltal", YEAR, YEAR - 1]
    rate = next(row for row in key.iter_rows(min_row=2) if row[0].value.startswith("Svarsfrek"))
    assert rate[1].value == 0.75 and rate[1].data_type == "n"
    assert rate[1].number_format == PERCENT_FORMAT and "%" in PERCENT_FORMAT
    assert rate[2].value == 0.5 and "%" in rate[2].number_format
    # A figure with no previous year is an empty cell, not an empty string.
    reached = next(row for row in key.iter_rows(min_row=2) if row[0].value == "Kommuner som nåtts")
    assert reached[2].value is None

    plans = book["Handlingsplaner"]
    done = [cell.value for cell in plans[1]].index("Genomförda (%)")
    share = plans.cell(row=2, column=done + 1)
    assert share.value == 0.2 and "%" in share.number_format

    indicators = book["Indikatorer"]
    headers = [cell.value for cell in indicators[1]]
    years = [header for header in headers if isinstance(header, int)]
    assert years == sorted(years) and len(years) >= 2
    values = [
        row[headers.index(year)]
        for row in indicators.iter_rows(min_row=2, values_only=True)
        for year in years
    ]
    assert all(value is None or isinstance(value, int | float) for value in values)
    assert 14 in values and 20 in values  # one value per cell, not "2023: 14, 2025: 20"
    assert not any(isinstance(value, str) and ":" in value for value in values)

    events = book["Evenemang"]
    first_day = [cell.value for cell in events[1]].index("Första dag")
    day = events.cell(row=2, column=first_day + 1)
    assert day.is_date and day.value.date() == datetime.date(YEAR, 5, 12)

    goals = book["Insatser per målsättning"]
    assert [cell.value for cell in goals[1]][1:] == [YEAR, YEAR - 1]


def test_the_pdf_and_docx_print_percentages_in_swedish_format(cast):
    full_county_year(cast.county_a)
    document = county_document(report_data(county=cast.county_a, year=YEAR))
    assert str(Percent(0.75)) == "75 %"
    text = visible_text(pieces(render_pdf(document)))
    assert "Svarsfrekvens i kartläggningen 75 % 50 %" in text
    word = docx.Document(io.BytesIO(render_docx(document)))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "75 %" in cells and "20 %" in cells


def test_the_pdf_map_has_a_legend_of_its_colours(county_pdf, cast):
    document, pdf = county_pdf
    text = visible_text(pieces(pdf))
    assert "Förklaring till kartan (antal insatser)" in text
    assert "0 (kommunen inte nådd)" in text
    counts = next(block for block in document.blocks if block.map_county).map_counts
    for step in maps.legend(max(counts.values())):
        if step["level"]:
            assert step["label"] in text


def test_the_national_map_has_a_legend_too(cast):
    full_county_year(cast.county_a)
    text = visible_text(pieces(render_pdf(national_document(national_data(year=YEAR)))))
    assert "Förklaring till kartan (antal insatser)" in text
    assert "0 (inget län nått)" in text


def _final_report(cast, **fields) -> StatusReport:
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a, **fields)
    StatusReport.objects.filter(pk=report.pk).update(
        status="final",
        finalised_at=datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC),
    )
    report.refresh_from_db()
    return report


def test_the_title_page_gives_the_board_the_date_and_the_registry_number(cast):
    full_county_year(cast.county_a)
    report = _final_report(cast, reference_number="203-1234-2026")
    document = county_document(report_data(county=cast.county_a, year=YEAR), report)

    reader = PdfReader(io.BytesIO(render_pdf(document)))
    title_page = " ".join(reader.pages[0].extract_text().split())
    assert "Länsstyrelsen i Stockholms län" in title_page
    assert "Datum: 3 december 2026" in title_page
    assert "Diarienummer: 203-1234-2026" in title_page
    assert "Version 1 (slutlig)" in title_page
    assert reader.metadata.author == "Länsstyrelsen i Stockholms län"

    word = docx.Document(io.BytesIO(render_docx(document)))
    paragraphs = [paragraph.text for paragraph in word.paragraphs[:8]]
    assert "Länsstyrelsen i Stockholms län" in paragraphs
    assert "Datum: 3 december 2026" in paragraphs
    assert "Diarienummer: 203-1234-2026" in paragraphs
    assert word.core_properties.author == "Länsstyrelsen i Stockholms län"


def test_a_report_without_a_registry_number_leaves_the_line_out(cast):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    document = county_document(report_data(county=cast.county_a, year=YEAR), report)
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert not any(p.text.startswith("Diarienummer") for p in word.paragraphs)
    assert "Version 1 (utkast)" in [p.text for p in word.paragraphs[:8]]


def test_the_national_title_page_names_the_coordinating_board(cast):
    document = national_document(national_data(year=YEAR))
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    assert "Länsstyrelsen i Stockholms län" in reader.pages[0].extract_text()


EMPTY = '{"blocks":[],"entityMap":{}}'
TEXTS = (
    "results_and_effects",
    "development_analysis",
    "support_needs_analysis",
    "goal_1_text",
    "goal_2_text",
    "goal_3_text",
    "goal_4_text",
)


@pytest.mark.parametrize(
    ("number", "saved"),
    [
        ("203-1234-2026", "203-1234-2026"),
        ("  Dnr 700-12345/2025 ", "Dnr 700-12345/2025"),
        ("", ""),
        ("<script>", None),
        ("203-1234-2026;DROP", None),
        ("-12", None),
    ],
)
def test_staff_enter_the_registry_number_which_is_checked_lightly(cast, number, saved):
    report = report_create(county=cast.county_a, year=YEAR, user=cast.coordinator_a)
    client = verified_client(cast.coordinator_a)
    response = client.post(
        reverse("lagesrapporter:edit", args=[report.pk]),
        {**{name: EMPTY for name in TEXTS}, "reference_number": number},
    )
    report.refresh_from_db()
    if saved is None:
        assert response.status_code == 200
        assert "Skriv diarienumret med bokstäver, siffror" in response.content.decode()
        assert report.reference_number == ""
    else:
        assert response.status_code == 302
        assert report.reference_number == saved
        overview = client.get(reverse("kvinnofrid_report_overview", args=[report.pk]))
        assert (saved in overview.content.decode()) if saved else True
