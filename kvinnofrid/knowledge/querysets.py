from django.db.models import Prefetch

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet


class ResourceQuerySet(CountyScopedQuerySet):
    # Staff see their counties' resources; national ones (no county) only national staff.
    def published(self):
        return self.filter(live=True)

    def for_display(self):
        """Everything a result row or a resource page shows, in a fixed number of queries
        however many resources there are."""
        from .models import ResourceFile

        return self.select_related("county").prefetch_related(
            "topics",
            "audiences",
            Prefetch(
                "files",
                queryset=ResourceFile.objects.select_related("document").order_by("sort_order"),
            ),
        )

    def using_document(self, document_id: int):
        return self.filter(files__document_id=document_id).distinct()
