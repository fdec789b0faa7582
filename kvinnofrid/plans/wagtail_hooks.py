from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns
from .viewsets import PlansViewSetGroup

register_audit_actions(
    {
        "kvinnofrid.plans.create": (_("Skapade i handlingsplanerna"), _("Skapade")),
        "kvinnofrid.plans.update": (_("Ändrade i handlingsplanerna"), _("Ändrade")),
        "kvinnofrid.plans.delete": (_("Tog bort i handlingsplanerna"), _("Tog bort")),
        "kvinnofrid.plans.import": (
            _("Importerade indikatorvärden"),
            _("Importerade årsvärden från en statistikfil"),
        ),
    }
)


@hooks.register("register_admin_viewset")
def plans_viewsets():
    return PlansViewSetGroup()


@hooks.register("register_admin_urls")
def plans_admin_urls():
    return urlpatterns
