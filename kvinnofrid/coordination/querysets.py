"""Named reads of the coordination workspace.

Reading goes through `for_user` (the tenancy checkpoint); writing through `writable_by`,
which is narrower: the national coordinator reads every county but writes none of a
county's records, only the national rows of the registry (organisations without a county).
"""

import datetime

from django.db import models

from kvinnofrid.tenancy.querysets import CountyScopedQuerySet, county_ids_for_user, national_reader


def _writes_everything(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


class CountyOwnedQuerySet(CountyScopedQuerySet):
    """A county's records. `write_lookup` is the county that may change a row (for most
    models the same as the one that may read it)."""

    write_lookup = "county"

    def writable_by(self, user):
        if _writes_everything(user):
            return self.all()
        ids = county_ids_for_user(user)
        if not ids:
            return self.none()
        rows = self.filter(**{f"{self.write_lookup}__in": ids})
        return rows.distinct() if self.lookup_repeats_rows else rows


class OrganisationQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def for_user(self, user):
        # The national rows (agencies, national organisations) are shared by every county.
        if national_reader(user):
            return self.all()
        ids = county_ids_for_user(user)
        if not ids:
            return self.none()
        return self.filter(models.Q(county__in=ids) | models.Q(county__isnull=True))

    def writable_by(self, user):
        if _writes_everything(user):
            return self.all()
        if national_reader(user):
            return self.filter(county__isnull=True)
        return super().writable_by(user)

    def municipalities(self):
        return self.filter(kind="municipality")

    def agencies(self):
        return self.filter(kind="agency")


class ContactQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def coordinators(self):
        return self.filter(is_municipal_coordinator=True)

    def public(self):
        """Contacts the county page shows (the board's own staff, flagged by an editor)."""
        return self.filter(is_public=True)


class NetworkQuerySet(CountyOwnedQuerySet):
    county_lookup = "counties"
    write_lookup = "counties"

    def active(self):
        return self.filter(status="active")

    def public(self):
        """Networks the county pages show: flagged public and not closed (a closed network
        cannot be joined, so showing it would mislead)."""
        return self.filter(is_public=True).exclude(status="closed")


class NetworkMemberQuerySet(CountyOwnedQuerySet):
    county_lookup = "network__counties"
    write_lookup = "network__counties"


class MeetingQuerySet(CountyOwnedQuerySet):
    # Every county in the network sees its meetings; the county that held one keeps it.
    county_lookup = "network__counties"
    write_lookup = "county"

    def in_year(self, year: int):
        return self.filter(starts_at__year=year)


class ActivityQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def in_year(self, year: int):
        # A date range, not __year, so the (county, starts_on) index serves it.
        return self.filter(
            starts_on__gte=datetime.date(year, 1, 1), starts_on__lt=datetime.date(year + 1, 1, 1)
        )

    def for_listing(self):
        return self.select_related("county", "network").prefetch_related("municipalities", "goals")

    def years(self) -> list[int]:
        return sorted(
            {day.year for day in self.dates("starts_on", "year")},
            reverse=True,
        )


class NationalIssueQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def open(self):
        return self.filter(status__in=["new", "preparing", "forwarded"])
