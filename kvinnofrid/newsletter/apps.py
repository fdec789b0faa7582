from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "kvinnofrid.newsletter"
    label = "newsletter"
    verbose_name = _("Nyhetsbrev")

    def ready(self):
        from django.db.models.signals import post_save

        from . import signals
        from .models import NewsletterListPage

        post_save.connect(
            signals.national_list_permissions,
            sender=NewsletterListPage,
            dispatch_uid="newsletter_national_list",
        )
