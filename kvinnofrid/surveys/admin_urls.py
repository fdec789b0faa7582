"""Admin URLs of the survey pages that are not Wagtail's generic views."""

from django.urls import path

from . import admin_views

urlpatterns = [
    path(
        "kartlaggningar/ny-fran-mall/",
        admin_views.SurveyNewView.as_view(),
        name="kvinnofrid_survey_new",
    ),
    path(
        "kartlaggningar/<int:pk>/uppfoljning/",
        admin_views.SurveyTrackingView.as_view(),
        name="kvinnofrid_survey_tracking",
    ),
    path(
        "kartlaggningar/<int:pk>/skicka/",
        admin_views.SurveySendView.as_view(),
        name="kvinnofrid_survey_send",
    ),
    path(
        "kartlaggningar/<int:pk>/resultat/",
        admin_views.SurveyResultsView.as_view(),
        name="kvinnofrid_survey_results",
    ),
    path(
        "kartlaggningar/<int:pk>/svar.xlsx",
        admin_views.SurveyExportView.as_view(),
        name="kvinnofrid_survey_export",
    ),
    path(
        "kartlaggningar/inbjudan/<int:pk>/<slug:action>/",
        admin_views.InvitationActionView.as_view(),
        name="kvinnofrid_survey_invitation_action",
    ),
    path(
        "kartlaggningar/organisation/<int:pk>/",
        admin_views.OrganisationAnswersView.as_view(),
        name="kvinnofrid_survey_organisation",
    ),
]
