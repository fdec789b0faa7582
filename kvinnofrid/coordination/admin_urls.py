"""Admin URLs of the coordination pages that are not Wagtail's generic views."""

from django.urls import include, path

from . import admin_views, import_urls

urlpatterns = [
    path("samordning/import/", include(import_urls)),
    path("samordning/", admin_views.DashboardView.as_view(), name="kvinnofrid_dashboard"),
    path(
        "samordning/kommunbesok/",
        admin_views.QuickVisitView.as_view(),
        name="kvinnofrid_quick_visit",
    ),
    path(
        "samordning/fran-evenemang/<int:event_id>/",
        admin_views.ActivityFromEventView.as_view(),
        name="kvinnofrid_activity_from_event",
    ),
    path(
        "samordning/fragor/gruppera/",
        admin_views.IssueGroupingView.as_view(),
        name="kvinnofrid_issue_grouping",
    ),
    path(
        "samordning/kontakter/<int:pk>/export.json",
        admin_views.ContactExportView.as_view(),
        name="kvinnofrid_contact_export",
    ),
    path(
        "samordning/kontakter/<int:pk>/radera/",
        admin_views.ContactEraseView.as_view(),
        name="kvinnofrid_contact_erase",
    ),
]
