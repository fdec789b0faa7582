import time

from django.core.management.base import BaseCommand

from kvinnofrid.core.schedule import enqueue_due


class Command(BaseCommand):
    help = "Enqueue the recurring tasks (settings.KVINNOFRID_SCHEDULE) at their intervals."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="enqueue every task once and exit")

    def handle(self, *args, once=False, **options):
        last_run: dict = {}
        while True:
            for name in enqueue_due(last_run={} if once else last_run, now=time.monotonic()):
                self.stdout.write(f"Enqueued {name}")
            if once:
                return
            time.sleep(60)
