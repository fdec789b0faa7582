from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns
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


@hooks.register("register_admin_urls")
def coordination_admin_urls():
    return urlpatterns
