from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kvinnofrid.core"
    label = "core"
    verbose_name = _("Kvinnofrid")

    def ready(self):
        from . import compat

        compat.install()
