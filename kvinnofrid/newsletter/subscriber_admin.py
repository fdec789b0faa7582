"""Staff pages for subscribers: counts and growth per list, import, export."""

urlpatterns: list = []
