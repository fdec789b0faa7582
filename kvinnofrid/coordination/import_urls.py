"""Admin URLs of the registry import, mounted at /admin/samordning/import/."""

from django.urls import path

from . import import_views

urlpatterns = [
    path("", import_views.ImportUploadView.as_view(), name="kvinnofrid_import"),
    path("granska/", import_views.ImportPreviewView.as_view(), name="kvinnofrid_import_preview"),
    path("bekrafta/", import_views.ImportConfirmView.as_view(), name="kvinnofrid_import_confirm"),
]
