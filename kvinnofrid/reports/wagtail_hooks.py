from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns

register_audit_actions(
    {
        "kvinnofrid.reports.create": (_("Skapade en lägesrapport"), _("Skapade")),
        "kvinnofrid.reports.update": (_("Ändrade en lägesrapport"), _("Ändrade texterna")),
        "kvinnofrid.reports.review": (
            _("Skickade en lägesrapport på granskning"),
            _("Skickade på granskning"),
        ),
        "kvinnofrid.reports.finalise": (
            _("Fastställde en lägesrapport"),
            _("Fastställde rapporten som slutlig"),
        ),
        "kvinnofrid.reports.reopen": (
            _("Återförde en lägesrapport till utkast"),
            _("Återförde till utkast"),
        ),
        "kvinnofrid.reports.version": (
            _("Öppnade en ny version av en lägesrapport"),
            _("Öppnade en ny version"),
        ),
        "kvinnofrid.reports.export": (
            _("Exporterade en lägesrapport"),
            _("Beställde en export (PDF, DOCX eller XLSX)"),
        ),
    }
)


@hooks.register("register_admin_viewset")
def reports_viewset():
    # Imported when Wagtail asks, not when the hooks are read at every start-up.
    from .viewsets import StatusReportViewSet

    return StatusReportViewSet("lagesrapporter")


@hooks.register("register_admin_urls")
def reports_admin_urls():
    return urlpatterns
