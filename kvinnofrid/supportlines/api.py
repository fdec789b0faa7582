"""GET /api/v1/support-lines/: every published line with its status at a moment."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import SupportLine


class WeeklyHoursSerializer(serializers.Serializer):
    weekday = serializers.IntegerField(help_text="0 = måndag … 6 = söndag")
    opens = serializers.TimeField(format="%H:%M")
    closes = serializers.TimeField(format="%H:%M")


class SupportLineSerializer(serializers.Serializer):
    name = serializers.CharField()
    organisation = serializers.CharField()
    phone = serializers.CharField(
        source="phone_display", help_text="Som det visas, t.ex. 010-223 57 60"
    )
    phone_e164 = serializers.CharField(allow_null=True, help_text="null för kortnummer som 112")
    audience = serializers.CharField()
    county = serializers.CharField(source="county.code", allow_null=True, default=None)
    always_open = serializers.BooleanField()
    closed_on_holidays = serializers.BooleanField()
    weekly_hours = WeeklyHoursSerializer(many=True, source="weekly_hours.all")
    is_open = serializers.BooleanField()
    closes_at = serializers.DateTimeField(allow_null=True)
    next_opening = serializers.DateTimeField(allow_null=True)


class SupportLineListView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "at",
                OpenApiTypes.DATETIME,
                description="ISO 8601-tidpunkt med tidszon att räkna status för (standard: nu).",
            )
        ],
        responses=SupportLineSerializer(many=True),
    )
    def get(self, request):
        moment = self._moment(request.query_params.get("at"))
        lines = SupportLine.objects.published().with_hours()
        data = []
        for line in lines:
            status = line.status_at(moment)
            line.is_open = status.is_open
            line.closes_at = status.closes_at
            line.next_opening = status.next_opening
            data.append(SupportLineSerializer(line).data)
        return Response(data)

    @staticmethod
    def _moment(raw):
        if raw is None:
            return timezone.now()
        try:
            moment = parse_datetime(raw)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise ValidationError(
                {
                    "at": _(
                        "Ange tidpunkten i ISO 8601 med tidszon, till exempel "
                        "2026-12-24T10:00:00+01:00."
                    )
                }
            )
        return moment
