from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from wagtail.models import PageQuerySet

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet


class EventPageQuerySet(CountyScopedQuerySet, PageQuerySet):
    # Staff see their counties' events; national events (no county) only national staff.

    def upcoming(self, today):
        return self.filter(ends_on__gte=today)

    def past(self, today):
        return self.filter(ends_on__lt=today)

    def national(self):
        return self.filter(county__isnull=True)

    def with_occasion_between(self, first_day, last_day=None):
        """Events with an occasion on a day from first_day to last_day (open-ended when
        last_day is None)."""
        from .models import EventOccasion

        occasions = EventOccasion.objects.filter(event=OuterRef("pk"), date__gte=first_day)
        if last_day is not None:
            occasions = occasions.filter(date__lte=last_day)
        return self.filter(Exists(occasions))

    def with_internal_registration(self):
        return self.filter(registration_mode="internal")

    def for_listing(self):
        """What a calendar row shows, in a fixed number of queries however many events."""
        from .models import EventOccasion

        return self.select_related("county").prefetch_related(
            Prefetch("occasions", queryset=EventOccasion.objects.order_by("date", "start_time")),
            "topics",
        )

    def with_registration_counts(self):
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waiting_count=Count("registrations", filter=Q(registrations__status="waiting")),
        )


class RegistrationQuerySet(CountyScopedQuerySet):
    county_lookup = "event__county"

    def active(self):
        return self.exclude(status="cancelled")

    def confirmed(self):
        return self.filter(status="confirmed")

    def waiting(self):
        return self.filter(status="waiting")

    def for_occasion(self, occasion):
        return self.filter(occasions=occasion)

    def waiting_list(self):
        """The waiting list in order of arrival."""
        return self.waiting().order_by("id")
