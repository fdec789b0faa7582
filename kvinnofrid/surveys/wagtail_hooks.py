from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns
from .viewsets import SurveyViewSetGroup

register_audit_actions(
    {
        "kvinnofrid.surveys.create": (_("Skapade en kartläggning"), _("Skapade")),
        "kvinnofrid.surveys.update": (_("Ändrade en kartläggning"), _("Ändrade")),
        "kvinnofrid.surveys.delete": (_("Tog bort en kartläggning"), _("Tog bort")),
        "kvinnofrid.surveys.send": (
            _("Skickade en kartläggning"),
            _("Skickade kartläggningen till organisationer"),
        ),
        "kvinnofrid.surveys.revoke": (
            _("Återkallade en länk till en kartläggning"),
            _("Återkallade länken"),
        ),
        "kvinnofrid.surveys.renew": (
            _("Skickade en ny länk till en kartläggning"),
            _("Skickade en ny länk"),
        ),
        "kvinnofrid.surveys.reopen": (
            _("Öppnade inskickade svar igen"),
            _("Öppnade svaren för ändringar"),
        ),
        "kvinnofrid.surveys.submit": (
            _("Svar på en kartläggning skickades in"),
            _("Organisationen skickade in sina svar"),
        ),
    }
)


@hooks.register("register_admin_viewset")
def survey_viewsets():
    return SurveyViewSetGroup()


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return urlpatterns
