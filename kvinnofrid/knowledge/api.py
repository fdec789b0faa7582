"""GET /api/v1/resources/: search the knowledge bank, with facet counts."""

from django.core.paginator import Paginator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from .browse import API_PARAMS, Vocabulary, facet_options, search_from_params
from .models import KnowledgeBankPage, ResourceKind, resource_files

PAGE_SIZE = 20


class FileSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    format = serializers.CharField(help_text="T.ex. PDF")
    size = serializers.CharField(help_text="T.ex. 3,2 MB")


class ResourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    type = serializers.CharField(source="kind")
    type_label = serializers.CharField(source="get_kind_display")
    publisher = serializers.CharField()
    county = serializers.CharField(
        source="county.code",
        allow_null=True,
        default=None,
        help_text="Länskoden för det ansvariga länet; null för nationellt material.",
    )
    counties = serializers.SerializerMethodField(
        help_text="Länskoderna för alla län som materialet hör till: det ansvariga först, "
        "sedan de medverkande. Tom för nationellt material."
    )
    year = serializers.IntegerField()
    language = serializers.CharField()
    topics = serializers.SerializerMethodField(help_text="Våldsområdenas kortnamn")
    audiences = serializers.SerializerMethodField(help_text="Målgruppernas kortnamn")
    external_url = serializers.CharField(allow_blank=True)
    url = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()

    # Prefetched by for_display(): no query per resource.
    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_counties(self, resource):
        return [county.code for county in resource.counties]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, resource):
        return [topic.slug for topic in resource.topics.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_audiences(self, resource):
        return [audience.slug for audience in resource.audiences.all()]

    def get_url(self, resource) -> str | None:
        bank = self.context.get("bank")
        if bank is None:
            return None
        return self.context["request"].build_absolute_uri(bank.resource_url(resource))

    @extend_schema_field(FileSerializer(many=True))
    def get_files(self, resource):
        request = self.context["request"]
        return [
            {
                "title": entry["title"],
                "url": request.build_absolute_uri(entry["url"]),
                "format": entry["format"],
                "size": entry["size"],
            }
            for entry in resource_files(resource)
        ]


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    type = FacetOptionSerializer(many=True)
    topic = FacetOptionSerializer(many=True)
    audience = FacetOptionSerializer(many=True)
    county = FacetOptionSerializer(many=True)
    year = FacetOptionSerializer(many=True)


class ResourceSearchSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = ResourceSerializer(many=True)
    facets = FacetsSerializer()


def _multi(name: str, description: str, type_=OpenApiTypes.STR, enum=None):
    return OpenApiParameter(
        name, type_, many=True, explode=True, description=description, enum=enum
    )


class ResourceListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="Sökord (svensk stamning; ord med minus framför utesluts).",
            ),
            _multi(
                "type",
                "Typ av material; flera värden ger träffar av någon av dem.",
                enum=ResourceKind.values,
            ),
            _multi("topic", "Våldsområdets kortnamn (se /api/v1/violence-areas/)."),
            _multi("audience", "Målgruppens kortnamn (se /api/v1/target-groups/)."),
            _multi(
                "county",
                'Länskod (01–25) eller kortnamn; "national" för nationellt. Material som '
                "flera län står bakom hör till vart och ett av dem.",
            ),
            _multi("year", "Utgivningsår.", type_=OpenApiTypes.INT),
            OpenApiParameter(
                "order", OpenApiTypes.STR, enum=["relevans", "nyast"], description="Sortering."
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="Sidnummer, från 1."),
        ],
        responses=ResourceSearchSerializer,
    )
    def get(self, request):
        vocabulary = Vocabulary.load()
        search = search_from_params(request.query_params, names=API_PARAMS, vocabulary=vocabulary)
        paginator = Paginator(search, PAGE_SIZE)
        number = request.query_params.get("page", "1")
        if not number.isdigit() or not 1 <= int(number) <= max(paginator.num_pages, 1):
            raise NotFound({"page": "Sidan finns inte."})
        page = paginator.page(int(number)) if search.total else None
        context = {"request": request, "bank": KnowledgeBankPage.objects.live().first()}
        facets = facet_options(search, vocabulary=vocabulary)
        return Response(
            {
                "count": search.total,
                "page": int(number),
                "pages": paginator.num_pages if search.total else 0,
                "results": ResourceSerializer(
                    page.object_list if page else [], many=True, context=context
                ).data,
                "facets": {
                    name: FacetOptionSerializer(options, many=True).data
                    for name, options in facets.items()
                },
            }
        )
