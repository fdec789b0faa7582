from wagtail.models import PageQuerySet


class InformationPageQuerySet(PageQuerySet):
    def with_role(self):
        return self.exclude(role="")


class NewsPageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def national(self):
        return self.filter(county__isnull=True)

    def from_counties(self):
        return self.filter(county__isnull=False)

    def for_listing(self):
        """What a news row shows, in one query however many items."""
        return self.select_related("county", "image")
