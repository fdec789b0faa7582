"""URLs outside the page tree: Wagtail's page URLs end in a slash, calendar files do not."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("kalender/<slug:feed>.ics", views.calendar_feed, name="calendar-feed"),
    re_path(r"^(?P<page_path>(?:[\w-]+/)+)kalender\.ics$", views.event_ics, name="event-ics"),
    # Personal links from registration e-mails (signed tokens, never ids).
    path("anmalan/<str:token>/", views.registration_detail, name="event-registration"),
]
