from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _stamp_log_entries_after_migrate(**kwargs):
    from .audit import log_entries_stamp_missing

    log_entries_stamp_missing()


class TenancyConfig(AppConfig):
    name = "kvinnofrid.tenancy"
    label = "tenancy"
    verbose_name = _("Länsbehörigheter")

    def ready(self):
        from . import audit, choosers

        audit.install()
        choosers.install()
        # Entries written before stamping existed get their counties once; later runs
        # find nothing to do.
        post_migrate.connect(_stamp_log_entries_after_migrate, sender=self)
