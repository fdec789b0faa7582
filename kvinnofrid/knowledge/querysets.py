from django.db.models import Prefetch, Q

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet


class ResourceQuerySet(CountyScopedQuerySet):
    # Staff see and edit the resources their counties are responsible for (`county`);
    # national ones (no county) only national staff. Participating counties do not edit:
    # what they have of a joint resource is its public listing (in_county).
    def published(self):
        return self.filter(live=True)

    def in_county(self, county):
        """The resources that belong to a county: responsible or participating. For public
        listings of a county's material, e.g. its county page."""
        return self.filter(Q(county=county) | Q(participating_counties=county)).distinct()

    def for_display(self):
        """Everything a result row or a resource page shows, in a fixed number of queries
        however many resources there are."""
        from .models import ResourceFile

        return self.select_related("county").prefetch_related(
            "participating_counties",
            "topics",
            "audiences",
            Prefetch(
                "files",
                queryset=ResourceFile.objects.select_related("document").order_by("sort_order"),
            ),
        )

    def using_document(self, document_id: int):
        return self.filter(files__document_id=document_id).distinct()
