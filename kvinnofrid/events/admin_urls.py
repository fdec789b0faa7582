"""Admin URLs of the staff registration pages (mounted under /admin/ by wagtail_hooks)."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path(
        "anmalningar/",
        admin_views.RegistrationEventListView.as_view(),
        name="kvinnofrid_event_registrations",
    ),
    path(
        "anmalningar/<int:event_id>/",
        admin_views.EventRegistrantsView.as_view(),
        name="kvinnofrid_event_registrants",
    ),
    path(
        "anmalningar/<int:event_id>/export.csv",
        admin_views.RegistrantsCsvView.as_view(),
        name="kvinnofrid_event_registrants_csv",
    ),
    path(
        "anmalningar/<int:event_id>/export.xlsx",
        admin_views.RegistrantsXlsxView.as_view(),
        name="kvinnofrid_event_registrants_xlsx",
    ),
    path(
        "anmalningar/<int:event_id>/stang/",
        admin_views.RegistrationCloseView.as_view(),
        name="kvinnofrid_event_registration_close",
    ),
    path(
        "anmalningar/<int:event_id>/oppna/",
        admin_views.RegistrationReopenView.as_view(),
        name="kvinnofrid_event_registration_reopen",
    ),
    path(
        "anmalningar/<int:event_id>/narvaro/",
        admin_views.AttendanceMarkView.as_view(),
        name="kvinnofrid_event_attendance",
    ),
    path(
        "anmalningar/<int:event_id>/meddelande/",
        admin_views.RegistrantsMessageView.as_view(),
        name="kvinnofrid_event_registrants_message",
    ),
    path(
        "anmalningar/<int:event_id>/<uuid:public_id>/avboka/",
        admin_views.RegistrationCancelView.as_view(),
        name="kvinnofrid_event_registration_cancel",
    ),
]
