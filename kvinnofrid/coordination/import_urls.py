"""Admin URLs of the registry import (filled in by import_views)."""

urlpatterns = []
