from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from kvinnofrid.core.audit import register_audit_actions
from kvinnofrid.tenancy.querysets import county_ids_for_user

from .admin_urls import urlpatterns
from .models import Activity
from .viewsets import CoordinationViewSetGroup

register_audit_actions(
    {
        "kvinnofrid.coordination.create": (_("Skapade i samordningen"), _("Skapade")),
        "kvinnofrid.coordination.update": (_("Ändrade i samordningen"), _("Ändrade")),
        "kvinnofrid.coordination.delete": (_("Tog bort i samordningen"), _("Tog bort")),
        "kvinnofrid.coordination.erase": (
            _("Raderade en kontaktperson"),
            _("Raderade kontaktpersonens uppgifter"),
        ),
        "kvinnofrid.coordination.import": (
            _("Importerade till registret"),
            _("Importerade organisationer och kontaktpersoner"),
        ),
        "kvinnofrid.coordination.group": (
            _("Grupperade frågor till nationell nivå"),
            _("Grupperade frågan med liknande frågor"),
        ),
    }
)


@hooks.register("register_admin_viewset")
def coordination_viewsets():
    return CoordinationViewSetGroup()


@hooks.register("register_page_header_buttons")
def log_event_as_activity_button(page, user, view_name, next_url=None):
    from kvinnofrid.events.models import EventPage

    if not issubclass(page.specific_class or object, EventPage):
        return
    if not user.has_perm("coordination.add_activity"):
        return
    county_id = EventPage.objects.filter(pk=page.pk).values_list("county_id", flat=True).first()
    if county_id is None or county_id not in county_ids_for_user(user):
        return
    logged = Activity.objects.filter(event_id=page.pk).values_list("pk", flat=True).first()
    if logged:
        yield Button(
            _("Visa i insatsloggen"), reverse("insatser:edit", args=[logged]), icon_name="tasks"
        )
    else:
        yield Button(
            _("Logga som insats"),
            reverse("kvinnofrid_activity_from_event", args=[page.pk]),
            icon_name="tasks",
        )


@hooks.register("register_admin_urls")
def coordination_admin_urls():
    return urlpatterns
