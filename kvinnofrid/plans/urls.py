"""Public URLs of the app: adopted and revised plans, mounted at /handlingsplaner/."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/<slug:slug>/", views.plan_detail, name="detail"),
    path("<int:pk>/", views.plan_detail, name="detail-short"),
]
