from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "kvinnofrid.pages"
    label = "pages"
    verbose_name = _("Webbsidor")

    def ready(self):
        from .signals import provision_after_migrate

        post_migrate.connect(provision_after_migrate, sender=self)
