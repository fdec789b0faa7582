from django.core.management.base import BaseCommand

from kvinnofrid.regions.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load or refresh counties, municipalities, strategy goals, violence areas, target groups."
    )

    def handle(self, *args, **options):
        result = load_reference_data()
        self.stdout.write(
            f"Reference data: {result.counties} counties, {result.municipalities} municipalities, "
            f"{result.strategy_goals} strategy goals, {result.violence_areas} violence areas, "
            f"{result.target_groups} target groups."
        )
