"""Public subscriber URLs. The names are used by the e-mails (rendering.py, sending.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("nyhetsbrev/prenumerera/", views.subscribe, name="newsletter-subscribe"),
    path("nyhetsbrev/prenumerera/tack/", views.subscribe_done, name="newsletter-subscribe-done"),
    path("nyhetsbrev/bekrafta/<str:token>/", views.confirm, name="newsletter-confirm"),
    path(
        "nyhetsbrev/installningar/<str:token>/",
        views.preferences,
        name="newsletter-preferences",
    ),
    path("nyhetsbrev/avsluta/<str:token>/", views.unsubscribe, name="newsletter-unsubscribe"),
]
