"""Public URLs of the app."""

urlpatterns = []
