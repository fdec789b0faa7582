"""The one checkpoint for county isolation.

Every staff read of county-owned data goes through `for_user(user)` on a queryset that
mixes in `CountyScopedQuerySet`; every object lookup goes through `get_for_user_or_404`.
Nothing else decides which county's rows a user may see.
"""

from django.db import models
from django.http import Http404


def national_reader(user) -> bool:
    """Platform admins and national coordinators read every county."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Asked several times a request (menus, filters, checkpoint); a role change takes
    # effect from the next request, as with county_ids_for_user.
    cache = getattr(user, "_kvinnofrid_national", None)
    if cache is None:
        cache = _memberships(user).filter(role="national").exists()
        user._kvinnofrid_national = cache
    return cache


def county_ids_for_user(user) -> frozenset[int]:
    """The counties a user works in (empty for anonymous and inactive users)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache = getattr(user, "_kvinnofrid_county_ids", None)
    if cache is None:
        cache = frozenset(
            _memberships(user).exclude(county__isnull=True).values_list("county_id", flat=True)
        )
        user._kvinnofrid_county_ids = cache
    return cache


def _memberships(user):
    from .models import CountyMembership

    return CountyMembership.objects.filter(user=user)


class CountyScopedQuerySet(models.QuerySet):
    """Mix into the queryset of any model owned by a county.

    `county_lookup` names the path from the model to its County (e.g. "network__county");
    a model may set `national_lookup` to a field that marks rows as national (no county),
    which every staff member may read.
    """

    county_lookup = "county"
    # A lookup through a many-to-many relation can repeat a row; through a foreign key it
    # cannot, and DISTINCT over every column would only cost (it also keeps the database
    # from reading the (county, date) indexes in order). Set False where the path is a
    # chain of foreign keys.
    lookup_repeats_rows = True

    def for_county(self, county):
        return self.filter(**{self.county_lookup: county})

    def for_user(self, user):
        if national_reader(user):
            return self.all()
        ids = county_ids_for_user(user)
        if not ids:
            return self.none()
        rows = self.filter(**{f"{self.county_lookup}__in": ids})
        return rows.distinct() if self.lookup_repeats_rows else rows


def get_for_user_or_404(queryset_or_model, user, **lookup):
    """Fetch one county-owned object; another county's object is indistinguishable from a
    missing one, so it is a 404, never a 403."""
    queryset = getattr(queryset_or_model, "objects", queryset_or_model)
    try:
        return queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


class CountyMembershipQuerySet(CountyScopedQuerySet):
    pass
