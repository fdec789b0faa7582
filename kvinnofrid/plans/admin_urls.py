"""Admin URLs of the plan follow-up pages that are not Wagtail's generic views."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path("uppfoljning/", admin_views.PlanFollowupsView.as_view(), name="kvinnofrid_plan_followups"),
    path(
        "uppfoljning/<int:pk>/",
        admin_views.PlanOverviewView.as_view(),
        name="kvinnofrid_plan_overview",
    ),
    path(
        "uppfoljning/<int:pk>/export.xlsx",
        admin_views.PlanExportView.as_view(),
        name="kvinnofrid_plan_export",
    ),
    path(
        "uppfoljning/<int:pk>/utskrift/",
        admin_views.PlanPrintView.as_view(),
        name="kvinnofrid_plan_print",
    ),
    path(
        "uppfoljning/<int:pk>/import/",
        admin_views.IndicatorImportView.as_view(),
        name="kvinnofrid_plan_import",
    ),
]
