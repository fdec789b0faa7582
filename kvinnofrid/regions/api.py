"""Open data: the reference lists every other module refers to, read-only."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets

from .models import County, Municipality, StrategyGoal, TargetGroup, ViolenceArea


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["code", "iso_code", "name", "slug"]


class MunicipalitySerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "county"]


class StrategyGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategyGoal
        fields = ["number", "name"]


class TermSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    group = serializers.CharField()


class CountyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = County.objects.order_by("code")
    serializer_class = CountySerializer
    lookup_field = "code"
    pagination_class = None


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Municipality.objects.select_related("county").order_by("code")
    serializer_class = MunicipalitySerializer
    lookup_field = "code"
    filter_backends = [DjangoFilterBackend]
    filterset_fields = {"county__code": ["exact"]}


class StrategyGoalViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = StrategyGoal.objects.order_by("number")
    serializer_class = StrategyGoalSerializer
    lookup_field = "number"
    pagination_class = None


class ViolenceAreaViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ViolenceArea.objects.ordered()
    serializer_class = TermSerializer
    lookup_field = "slug"
    pagination_class = None


class TargetGroupViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = TargetGroup.objects.ordered()
    serializer_class = TermSerializer
    lookup_field = "slug"
    pagination_class = None
