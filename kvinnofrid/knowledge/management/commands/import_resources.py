"""manage.py import_resources FILE: load a publication archive from JSON Lines."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kvinnofrid.knowledge.importing import resources_import


class Command(BaseCommand):
    help = (
        "Importera material till kunskapsbanken från en JSON Lines-fil (ett material per rad, "
        "se docs/knowledge-bank.md). Fel rader rapporteras med radnummer; övriga importeras."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines-fil; filsökvägar relativt den")
        parser.add_argument("--user", help="Användarnamn som importen loggas på")

    def handle(self, *args, file: Path, user=None, **options):
        if not file.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"Användaren {user} finns inte.")
        try:
            with file.open(encoding="utf-8") as lines:
                report = resources_import(
                    lines=lines, base_dir=file.resolve().parent, user=importer
                )
        except UnicodeDecodeError as error:
            raise CommandError(f"Filen är inte UTF-8: {error}") from error
        self.stdout.write(
            f"Nya: {report.created}, uppdaterade: {report.updated}, "
            f"oförändrade: {report.unchanged}, fel: {len(report.errors)}"
        )
        for number, reason in report.errors:
            self.stderr.write(f"rad {number}: {reason}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} rader kunde inte importeras.")
