"""Public URLs of the app: an organisation's own survey link (a signed token, never an
id), mounted at /enkat/."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("<str:token>/", views.survey_answer, name="survey-answer"),
    path("<str:token>/skicka-in/", views.survey_confirm, name="survey-confirm"),
    path("<str:token>/svar/", views.survey_answers, name="survey-answers"),
    re_path(
        r"^(?P<token>[^/]+)/svar\.(?P<fmt>xlsx|csv)$",
        views.survey_answers_download,
        name="survey-answers-download",
    ),
]
