"""Every write of strategies and action plans: validated, atomic and audited.

The admin's create, edit and delete views call `record_save` and `record_delete`; the
import of indicator values has a service of its own. Actions are logged as
`kvinnofrid.plans.create|update|delete|import` (labels in wagtail_hooks.py).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Model

from kvinnofrid.core.audit import audit_log

from .models import ActionPlan, Indicator, IndicatorValue, Measure, MeasureFollowUp


@transaction.atomic
def record_save(*, form, user) -> Model:
    """Save an admin form (instance, many-to-many fields and inline rows) and log it."""
    creating = form.instance.pk is None
    if creating and hasattr(form.instance, "created_by_id") and user is not None:
        form.instance.created_by = user
    instance = form.save()
    audit_log(
        instance=instance,
        action="kvinnofrid.plans.create" if creating else "kvinnofrid.plans.update",
        user=user,
    )
    return instance


@transaction.atomic
def record_create(*, instance: Model, user, related: dict | None = None) -> Model:
    """Create a record outside the admin's forms (the demo), validated and logged;
    `related` sets many-to-many fields after the save."""
    instance.full_clean()
    instance.save()
    for name, values in (related or {}).items():
        getattr(instance, name).set(values)
    audit_log(instance=instance, action="kvinnofrid.plans.create", user=user)
    return instance


@transaction.atomic
def record_delete(*, instance: Model, user) -> None:
    # Logged before the delete so the entry can still name the row.
    audit_log(instance=instance, action="kvinnofrid.plans.delete", user=user)
    if isinstance(instance, ActionPlan):
        # A plan's measures and indicators are part of it (the goals protect them against
        # being orphaned by removing a goal, not against removing the whole plan).
        Indicator.objects.filter(goal__plan=instance).delete()
        Measure.objects.filter(goal__plan=instance).delete()
    instance.delete()


@transaction.atomic
def followup_set(*, measure, year: int, comment: str, user) -> MeasureFollowUp:
    """Write (or replace) a measure's follow-up comment for a year."""
    followup = MeasureFollowUp.objects.filter(measure=measure, year=year).first()
    followup = followup or MeasureFollowUp(measure=measure, year=year)
    followup.comment = comment
    followup.full_clean()
    followup.save()
    audit_log(
        instance=measure, action="kvinnofrid.plans.update", user=user, data={"follow_up": year}
    )
    return followup


@dataclass(frozen=True)
class ImportRow:
    indicator: Indicator
    year: int
    value: Decimal


@transaction.atomic
def indicator_values_import(*, rows: list[ImportRow], user, source_note: str = "") -> int:
    """Store validated rows of a statistics file as yearly values (a value already there
    for the year is replaced). All rows or none; each indicator's change is logged.
    Returns the number of values written."""
    touched: dict[int, list[int]] = {}
    for row in rows:
        value, _created = IndicatorValue.objects.update_or_create(
            indicator=row.indicator,
            year=row.year,
            defaults={
                "value": row.value,
                "source": IndicatorValue.Source.IMPORTED,
                "source_note": source_note[:200],
            },
        )
        value.full_clean()
        touched.setdefault(row.indicator.pk, []).append(row.year)
    indicators = {row.indicator.pk: row.indicator for row in rows}
    for pk, years in touched.items():
        audit_log(
            instance=indicators[pk],
            action="kvinnofrid.plans.import",
            user=user,
            data={"years": sorted(years), "imported_on": datetime.date.today().isoformat()},
        )
    return len(rows)
