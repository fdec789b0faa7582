"""manage.py lagesrapport --county 01 --year 2026 --format pdf --output rapport.pdf
manage.py lagesrapport --national --year 2026 --format xlsx --output sverige.xlsx

Writes a status report from the platform's data. The texts are those of the newest version
of the county's (or the national) report for the year, if there is one."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kvinnofrid.regions.models import County
from kvinnofrid.reports.data import national_data, report_data
from kvinnofrid.reports.exports import FORMATS, render
from kvinnofrid.reports.models import StatusReport
from kvinnofrid.reports.outline import county_document, national_document


class Command(BaseCommand):
    help = (
        "Skapar en lägesrapport för ett län (eller hela landet) och ett år "
        "som PDF, DOCX eller XLSX."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--county", help="Länets SCB-kod, t.ex. 01")
        where.add_argument("--national", action="store_true", help="Hela landet")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", required=True, dest="fmt")
        parser.add_argument("--output", required=True)

    def handle(self, *args, county=None, national=False, year, fmt, output, **options):
        fmt = fmt.lower()
        if fmt not in FORMATS:
            raise CommandError(f"Okänt format: {fmt}. Välj pdf, docx eller xlsx.")
        if not 2000 <= year <= 2100:
            raise CommandError(f"Ogiltigt år: {year}.")
        if national:
            report = StatusReport.objects.national().filter(year=year).order_by("-version").first()
            document = national_document(national_data(year=year), report)
        else:
            code = county.strip().zfill(2)
            found = County.objects.filter(code=code).first()
            if found is None:
                raise CommandError(
                    f"Det finns inget län med SCB-koden {county}. Ange en kod mellan 01 och 25."
                )
            report = (
                StatusReport.objects.filter(county=found, year=year).order_by("-version").first()
            )
            document = county_document(report_data(county=found, year=year), report)
        content = render(document, fmt)
        Path(output).write_bytes(content)
        self.stdout.write(f"Skrev {document.title} till {output} ({len(content)} byte).")
