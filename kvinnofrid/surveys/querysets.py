"""Named reads of surveys, through the tenancy checkpoint. County coordinators read and
write their county's surveys; the national coordinator reads every county and writes none."""

from kvinnofrid.coordination.querysets import CountyOwnedQuerySet


class SurveyQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def for_year(self, year: int):
        return self.filter(year=year)


class QuestionQuerySet(CountyOwnedQuerySet):
    county_lookup = "survey__county"
    write_lookup = "survey__county"
    lookup_repeats_rows = False


class InvitationQuerySet(CountyOwnedQuerySet):
    county_lookup = "survey__county"
    write_lookup = "survey__county"
    lookup_repeats_rows = False

    def active(self):
        return self.filter(revoked_at__isnull=True)

    def awaiting_answer(self):
        return self.active().exclude(status="submitted")


class AnswerQuerySet(CountyOwnedQuerySet):
    county_lookup = "invitation__survey__county"
    write_lookup = "invitation__survey__county"
    lookup_repeats_rows = False

    def submitted(self):
        return self.filter(invitation__status="submitted", invitation__revoked_at__isnull=True)
