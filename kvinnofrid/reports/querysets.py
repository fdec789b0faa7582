"""Named reads of status reports.

County staff read and write their own counties' reports through `for_user` and
`writable_by`; the national coordinator reads every county's report and the national
compilations (county empty) and writes only the national compilations.
"""

from django.db import models

from kvinnofrid.coordination.querysets import CountyOwnedQuerySet, _writes_everything
from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader


class StatusReportQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def national(self):
        return self.filter(county__isnull=True)

    def writable_by(self, user):
        if _writes_everything(user):
            return self.all()
        if national_reader(user):
            return self.filter(county__isnull=True)
        ids = county_ids_for_user(user)
        if not ids:
            return self.none()
        return self.filter(county__in=ids)

    def editable_by(self, user):
        """Writable and not final: the reports whose texts a user may change."""
        return self.writable_by(user).exclude(status="final")

    def latest_versions(self):
        """Only the newest version of each county's (or the nation's) report per year."""
        newer = self.model.objects.filter(
            county=models.OuterRef("county"),
            year=models.OuterRef("year"),
            version__gt=models.OuterRef("version"),
        )
        # county = NULL is never true in SQL, so the national rows need their own test.
        newer_national = self.model.objects.filter(
            county__isnull=True,
            year=models.OuterRef("year"),
            version__gt=models.OuterRef("version"),
        )
        return self.exclude(models.Q(county__isnull=False) & models.Exists(newer)).exclude(
            models.Q(county__isnull=True) & models.Exists(newer_national)
        )


class ReportExportQuerySet(CountyOwnedQuerySet):
    county_lookup = "report__county"
    write_lookup = "report__county"
    lookup_repeats_rows = False

    def for_user(self, user):
        # An export is readable by whoever may read its report (national rows included).
        from .models import StatusReport

        return self.filter(report__in=StatusReport.objects.for_user(user))
