"""GET /api/v1/events/: published, public events with their occasions, as open data.

Nothing about registrants leaves through here (no names, no e-mail addresses), and never
the joining link, which only people with a seat receive.
"""

import datetime
import re
from collections import Counter

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination

from kvinnofrid.regions.models import County

from .models import (
    STOCKHOLM,
    EventFormat,
    EventKind,
    EventOccasion,
    EventPage,
    Registration,
    RegistrationMode,
    stockholm_today,
)

NATIONAL = "national"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EventChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField(help_text="Svensk benämning")


class EventCountySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="SCB-kod, t.ex. 01")
    name = serializers.CharField()


class EventVenueSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)


class EventRegistrationSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=RegistrationMode.choices)
    deadline = serializers.DateField(
        allow_null=True, help_text="Sista anmälningsdag; anmälan stänger vid dagens slut."
    )
    open = serializers.BooleanField(help_text="Tar emot anmälningar här just nu.")
    url = serializers.URLField(allow_null=True, help_text="Extern anmälningslänk, annars null.")
    places_left = serializers.IntegerField(
        allow_null=True,
        help_text="Lediga platser sammanlagt; null när antalet är obegränsat eller anmälan "
        "inte görs här.",
    )


class EventOccasionSerializer(serializers.Serializer):
    label = serializers.CharField(allow_blank=True)
    start = serializers.DateTimeField(
        source="starts_at", default_timezone=STOCKHOLM, help_text="Svensk tid, med offset."
    )
    end = serializers.DateTimeField(
        source="ends_at", default_timezone=STOCKHOLM, help_text="Svensk tid, med offset."
    )
    format = serializers.SerializerMethodField()
    place = serializers.CharField(allow_blank=True)

    @extend_schema_field(EventChoiceSerializer)
    def get_format(self, occasion):
        return _choice(EventFormat, occasion.effective_format)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    kind = serializers.SerializerMethodField()
    summary = serializers.CharField()
    organiser = serializers.CharField()
    county = serializers.SerializerMethodField()
    format = serializers.SerializerMethodField()
    venue = serializers.SerializerMethodField()
    digital_note = serializers.CharField(allow_blank=True)
    audiences = serializers.SerializerMethodField(help_text="Målgruppernas kortnamn")
    topics = serializers.SerializerMethodField(help_text="Våldsområdenas kortnamn")
    registration = serializers.SerializerMethodField()
    occasions = EventOccasionSerializer(many=True, source="sorted_occasions")

    def get_url(self, event) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(event.get_url(request=request))

    @extend_schema_field(EventChoiceSerializer)
    def get_kind(self, event):
        return _choice(EventKind, event.kind)

    @extend_schema_field(EventCountySerializer(allow_null=True))
    def get_county(self, event):
        if event.county is None:
            return None
        return {"code": event.county.code, "name": event.county.name}

    @extend_schema_field(EventChoiceSerializer)
    def get_format(self, event):
        return _choice(EventFormat, event.format)

    @extend_schema_field(EventVenueSerializer)
    def get_venue(self, event):
        return {"name": event.venue_name, "address": event.venue_address}

    # Prefetched by the view: no query per event.
    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_audiences(self, event):
        return sorted(audience.slug for audience in event.audiences.all())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_topics(self, event):
        return sorted(topic.slug for topic in event.topics.all())

    @extend_schema_field(EventRegistrationSerializer)
    def get_registration(self, event):
        external = event.registration_mode == RegistrationMode.EXTERNAL
        return {
            "mode": event.registration_mode,
            "deadline": event.registration_deadline,
            "open": event.registration_open(book=event.book_or_blank()),
            "url": event.registration_url if external else None,
            "places_left": _places_left(event, self.context["confirmed_by_occasion"]),
        }


def _choice(choices, value: str) -> dict:
    return {"value": value, "label": str(choices(value).label)}


def _places_left(event: EventPage, confirmed_by_occasion: Counter) -> int | None:
    if event.registration_mode != RegistrationMode.INTERNAL:
        return None
    if not event.capacity_per_occasion:
        if event.capacity is None:
            return None
        return max(event.capacity - event.confirmed_count, 0)
    occasions = event.sorted_occasions()
    if not occasions or any(o.capacity is None for o in occasions):
        return None
    return sum(max(o.capacity - confirmed_by_occasion[o.pk], 0) for o in occasions)


class EventPagination(PageNumberPagination):
    page_size = 50

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound({"page": _("Sidan finns inte.")}) from None


def _date_param(params, name: str, errors: dict) -> datetime.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        if not ISO_DATE.match(raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError:
        errors[name] = [
            _("Ogiltigt datum: %(value)s. Ange datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-03-15.")
            % {"value": raw}
        ]
        return None


def events_matching(params, *, today: datetime.date):
    """The public events that the query parameters select, or a 400 naming every bad
    parameter."""
    errors: dict[str, list[str]] = {}
    events = EventPage.objects.live().public()

    county = params.get("county", "").strip()
    if county == NATIONAL:
        events = events.national()
    elif county:
        if not County.objects.filter(code=county).exists():
            errors["county"] = [
                _(
                    "Okänd länskod: %(value)s. Ange en tvåsiffrig SCB-kod, t.ex. 01, "
                    "eller national för nationella evenemang."
                )
                % {"value": county}
            ]
        events = events.filter(county__code=county)

    kind = params.get("kind", "").strip()
    if kind:
        if kind not in EventKind.values:
            errors["kind"] = [
                _("Okänd typ av evenemang: %(value)s. Välj en av: %(choices)s.")
                % {"value": kind, "choices": ", ".join(EventKind.values)}
            ]
        events = events.filter(kind=kind)

    first = _date_param(params, "from", errors)
    last = _date_param(params, "to", errors)
    if "from" not in errors and first is None:
        first = today
    if first is not None and last is not None and first > last:
        errors["to"] = [
            _(
                "Slutdatumet (to) får inte vara före startdatumet (from), som är dagens "
                "datum när det inte anges."
            )
        ]
    if errors:
        raise ValidationError(errors)

    first_start = EventOccasion.objects.filter(event=OuterRef("pk")).order_by("date", "start_time")
    return (
        events.with_occasion_between(first, last)
        .for_listing()
        .with_registration_counts()
        .select_related("registration_book")
        .prefetch_related("audiences")
        .annotate(first_start=Subquery(first_start.values("start_time")[:1]))
        .order_by("starts_on", "first_start", "pk")
    )


def _confirmed_by_occasion(events: list[EventPage]) -> Counter:
    """Confirmed seats per occasion, for the events whose occasions have their own seats:
    one query for the whole page."""
    ids = [e.pk for e in events if e.capacity_per_occasion and e.has_internal_registration]
    if not ids:
        return Counter()
    rows = (
        Registration.objects.confirmed()
        .filter(event_id__in=ids)
        .values_list("occasions")
        .order_by()
    )
    return Counter(occasion_id for (occasion_id,) in rows)


class EventListView(ListAPIView):
    serializer_class = EventSerializer
    pagination_class = EventPagination

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "county",
                OpenApiTypes.STR,
                description='Länskod (01–25, se /api/v1/counties/) eller "national" för '
                "nationella evenemang.",
            ),
            OpenApiParameter(
                "from",
                OpenApiTypes.DATE,
                description="Första dag (ÅÅÅÅ-MM-DD); standard i dag, svensk tid. Ett evenemang "
                "kommer med när något av dess tillfällen ligger mellan from och to.",
            ),
            OpenApiParameter(
                "to", OpenApiTypes.DATE, description="Sista dag (ÅÅÅÅ-MM-DD); standard: ingen."
            ),
            OpenApiParameter(
                "kind", OpenApiTypes.STR, enum=EventKind.values, description="Typ av evenemang."
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="Sidnummer, från 1."),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return events_matching(self.request.query_params, today=stockholm_today())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._confirmed_by_occasion = _confirmed_by_occasion(page)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["confirmed_by_occasion"] = getattr(self, "_confirmed_by_occasion", Counter())
        return context
