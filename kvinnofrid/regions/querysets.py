from django.db import models

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet


class CountyQuerySet(CountyScopedQuerySet):
    # A county is scoped by itself: staff see the counties they work in.
    county_lookup = "pk"


class MunicipalityQuerySet(CountyScopedQuerySet):
    pass


class OrderedQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("sort_order", "name")
