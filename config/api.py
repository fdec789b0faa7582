from django.urls import path
from rest_framework.routers import DefaultRouter

from kvinnofrid.events.api import EventListView
from kvinnofrid.knowledge.api import ResourceListView
from kvinnofrid.regions import api as regions_api
from kvinnofrid.supportlines.api import SupportLineListView

router = DefaultRouter()
router.register("counties", regions_api.CountyViewSet, basename="county")
router.register("municipalities", regions_api.MunicipalityViewSet, basename="municipality")
router.register("strategy-goals", regions_api.StrategyGoalViewSet, basename="strategy-goal")
router.register("violence-areas", regions_api.ViolenceAreaViewSet, basename="violence-area")
router.register("target-groups", regions_api.TargetGroupViewSet, basename="target-group")

urlpatterns = [
    path("support-lines/", SupportLineListView.as_view(), name="support-lines"),
    path("resources/", ResourceListView.as_view(), name="resources"),
    path("events/", EventListView.as_view(), name="events"),
    *router.urls,
]
