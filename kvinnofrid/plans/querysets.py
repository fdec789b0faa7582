"""Named reads of strategies and action plans.

Staff read through `for_user` (the tenancy checkpoint) and write through the narrower
`writable_by`: the national coordinator reads every county's plans and writes none.
The public sees only adopted and revised plans (`public()`), never drafts.
"""

from kvinnofrid.coordination.querysets import CountyOwnedQuerySet

PUBLIC_STATUSES = ("adopted", "revised")


class ActionPlanQuerySet(CountyOwnedQuerySet):
    lookup_repeats_rows = False

    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def covering(self, year: int):
        """Plans whose period includes `year`."""
        return self.filter(period_start__lte=year, period_end__gte=year)


class PlanGoalQuerySet(CountyOwnedQuerySet):
    county_lookup = "plan__county"
    write_lookup = "plan__county"
    lookup_repeats_rows = False


class MeasureQuerySet(CountyOwnedQuerySet):
    county_lookup = "goal__plan__county"
    write_lookup = "goal__plan__county"
    lookup_repeats_rows = False

    def for_plan(self, plan):
        return self.filter(goal__plan=plan)

    def late(self, on):
        """Measures whose end date has passed on `on` and that are neither done nor
        cancelled (the same rule as Measure.is_late)."""
        return self.filter(ends_on__lt=on).exclude(status__in=("done", "cancelled"))


class IndicatorQuerySet(CountyOwnedQuerySet):
    county_lookup = "goal__plan__county"
    write_lookup = "goal__plan__county"
    lookup_repeats_rows = False

    def for_plan(self, plan):
        return self.filter(goal__plan=plan)
