from django.db.models import Q

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet


class SupportLineQuerySet(CountyScopedQuerySet):
    # Staff see their counties' lines; national lines (no county) only national staff.
    def published(self):
        return self.filter(live=True)

    def for_county_page(self, county):
        """National lines, plus the county's own when a county is given."""
        if county is None:
            return self.filter(county__isnull=True)
        return self.filter(Q(county__isnull=True) | Q(county=county))

    def for_public_county(self, county):
        """What the public sees for a county: the published national lines and the
        county's own published lines (only the national ones for None)."""
        return self.published().for_county_page(county)

    def for_audience(self, audience: str):
        return self.filter(Q(audience=audience) | Q(audience="both"))

    def about(self, topic_slug: str):
        return self.filter(topics__slug=topic_slug)

    def with_hours(self):
        # Everything status_at needs, in three queries whatever the number of lines.
        return self.select_related("county").prefetch_related(
            "weekly_hours", "special_days", "topics"
        )
