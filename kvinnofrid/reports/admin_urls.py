"""Admin URLs of the status report pages that are not Wagtail's generic views."""

from django.urls import path, re_path

from . import admin_views

urlpatterns = [
    path(
        "lagesrapport/<int:pk>/",
        admin_views.ReportOverviewView.as_view(),
        name="kvinnofrid_report_overview",
    ),
    re_path(
        r"^lagesrapport/(?P<pk>[0-9]+)/(?P<action>granskning|slutlig|utkast|ny-version)/$",
        admin_views.ReportTransitionView.as_view(),
        name="kvinnofrid_report_transition",
    ),
    path(
        "lagesrapport/<int:pk>/exportera/",
        admin_views.ReportExportRequestView.as_view(),
        name="kvinnofrid_report_export_request",
    ),
    path(
        "lagesrapport/export/<int:pk>/",
        admin_views.ReportExportStatusView.as_view(),
        name="kvinnofrid_report_export",
    ),
    path(
        "lagesrapport/export/<int:pk>/fil/",
        admin_views.ReportExportDownloadView.as_view(),
        name="kvinnofrid_report_export_download",
    ),
]
