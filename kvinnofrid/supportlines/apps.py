from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportLinesConfig(AppConfig):
    name = "kvinnofrid.supportlines"
    label = "supportlines"
    verbose_name = _("Stödlinjer")
