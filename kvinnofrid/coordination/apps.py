from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "kvinnofrid.coordination"
    label = "coordination"
    verbose_name = _("Samordning")

    def ready(self):
        from .reference import reference_organisations_after_migrate

        post_migrate.connect(reference_organisations_after_migrate, sender=self)
