from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from kvinnofrid.core.audit import register_audit_actions
from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader

from .admin_urls import urlpatterns
from .models import EventPage

register_audit_actions(
    {
        "kvinnofrid.events.cancel": (
            _("Avbokade en anmälan"),
            _("Avbokade en anmälan till evenemanget"),
        ),
        "kvinnofrid.events.close": (
            _("Stängde anmälan"),
            _("Stängde anmälan till evenemanget i förtid"),
        ),
        "kvinnofrid.events.reopen": (
            _("Öppnade anmälan igen"),
            _("Öppnade anmälan till evenemanget igen"),
        ),
        "kvinnofrid.events.attendance": (
            _("Registrerade närvaro"),
            _("Registrerade vilka som närvarade vid evenemanget"),
        ),
        "kvinnofrid.events.message": (
            _("Skickade meddelande till anmälda"),
            _("Skickade ett meddelande till de anmälda"),
        ),
    }
)


@hooks.register("register_admin_urls")
def event_registration_admin_urls():
    return urlpatterns


class StaffMenuItem(MenuItem):
    """Shown to county staff and national coordinators; the pages behind it are limited to
    the user's counties whoever opens them."""

    def is_shown(self, request):
        user = request.user
        return bool(county_ids_for_user(user)) or national_reader(user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return StaffMenuItem(
        _("Anmälningar"), reverse("kvinnofrid_event_registrations"), icon_name="date", order=205
    )


@hooks.register("register_page_header_buttons")
def event_registrants_button(page, user, view_name, next_url=None):
    if not issubclass(page.specific_class or object, EventPage):
        return
    # The same checkpoint as the registrants page, so the button never leads to a 404.
    if EventPage.objects.for_user(user).with_internal_registration().filter(pk=page.pk).exists():
        yield Button(
            _("Anmälningar"),
            reverse("kvinnofrid_event_registrants", kwargs={"event_id": page.pk}),
            icon_name="group",
            priority=40,
        )
