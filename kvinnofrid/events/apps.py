from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kvinnofrid.events"
    label = "events"
    verbose_name = _("Evenemang")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from . import signals
        from .models import CalendarPage, EventPage

        post_save.connect(signals.book_ensure, sender=EventPage, dispatch_uid="events_book")
        page_published.connect(
            signals.promote_on_publish, sender=EventPage, dispatch_uid="events_promote"
        )
        post_save.connect(
            signals.national_calendar_permissions,
            sender=CalendarPage,
            dispatch_uid="events_national_calendar",
        )
