from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns

register_audit_actions(
    {
        "kvinnofrid.newsletter.import": (
            _("Importerade prenumeranter"),
            _("Importerade prenumeranter"),
        ),
        "kvinnofrid.newsletter.export": (
            _("Exporterade prenumeranter"),
            _("Exporterade prenumeranter"),
        ),
        "kvinnofrid.newsletter.test_send": (
            _("Skickade ett provutskick"),
            _("Skickade ett provutskick"),
        ),
        "kvinnofrid.newsletter.send": (_("Startade ett utskick"), _("Startade utskicket")),
        "kvinnofrid.newsletter.pause": (_("Pausade ett utskick"), _("Pausade utskicket")),
        "kvinnofrid.newsletter.resume": (
            _("Återupptog ett utskick"),
            _("Återupptog utskicket"),
        ),
    }
)


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return urlpatterns
