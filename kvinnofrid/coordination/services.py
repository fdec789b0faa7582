"""Every write of the coordination workspace: validated, atomic and audited.

The admin's create, edit and delete views call `record_save` and `record_delete`, so the
audit log names the coordination action (kvinnofrid.coordination.create/update/delete)
whatever form the change came through; the quick entry of a municipality visit, meetings
and erasure have services of their own.
"""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from wagtail.models import ModelLogEntry

from kvinnofrid.core.audit import audit_log
from kvinnofrid.regions.models import County, Municipality, StrategyGoal

from .models import (
    Activity,
    ActivityParticipants,
    Contact,
    Meeting,
    NationalIssue,
    NationalIssueGroup,
    Organisation,
)


@transaction.atomic
def record_save(*, form, user) -> Model:
    """Save an admin form (instance and many-to-many fields) and log the change."""
    creating = form.instance.pk is None
    # The form has validated the instance (ModelForm runs full_clean); saving it also saves
    # its many-to-many fields and inline rows (members, participants per organisation type).
    instance = form.save()
    if isinstance(instance, Meeting):
        meeting_activity_sync(meeting=instance, user=user)
    audit_log(
        instance=instance,
        action="kvinnofrid.coordination.create" if creating else "kvinnofrid.coordination.update",
        user=user,
    )
    return instance


@transaction.atomic
def record_delete(*, instance: Model, user) -> None:
    # Logged before the delete so the entry can still name the row.
    audit_log(instance=instance, action="kvinnofrid.coordination.delete", user=user)
    instance.delete()


@transaction.atomic
def activity_record(
    *,
    county: County,
    kind: str,
    title: str,
    starts_on: datetime.date,
    user,
    municipalities: list[Municipality] = (),
    organisations: list[Organisation] = (),
    goals: list[StrategyGoal] = (),
    participants: int | None = None,
    description: str = "",
) -> Activity:
    """Record an activity in one step (the quick entry of a municipality visit)."""
    activity = Activity(
        county=county,
        kind=kind,
        title=title,
        starts_on=starts_on,
        participants=participants,
        description=description,
        created_by=user,
    )
    activity.full_clean()
    activity.save()
    activity.municipalities.set(municipalities)
    activity.organisations.set(organisations)
    activity.goals.set(goals)
    audit_log(instance=activity, action="kvinnofrid.coordination.create", user=user)
    return activity


def meeting_activity_sync(*, meeting: Meeting, user=None) -> Activity:
    """A network meeting is an activity in the log of the county that held it: keep the
    activity in step with the meeting (called inside the meeting's transaction)."""
    network = meeting.network
    attendees = list(meeting.attendees.select_related("organisation", "contact__organisation"))
    organisations = {(member.organisation or member.contact.organisation) for member in attendees}
    activity = getattr(meeting, "activity", None) or Activity(meeting=meeting, created_by=user)
    activity.county = meeting.county
    activity.kind = Activity.Kind.NETWORK_MEETING
    activity.title = f"{network.name}: nätverksmöte"[:200]
    activity.starts_on = timezone.localtime(meeting.starts_at).date()
    activity.network = network
    activity.participants = len(attendees) + meeting.other_participants
    activity.full_clean()
    activity.save()
    activity.organisations.set(organisations)
    activity.municipalities.set(
        {org.municipality for org in organisations if org.municipality_id is not None}
    )
    activity.violence_areas.set(network.violence_areas.all())
    activity.target_groups.set(network.target_groups.all())
    by_type = Counter(
        (member.organisation or member.contact.organisation).organisation_type
        for member in attendees
    )
    activity.participant_counts.all().delete()
    ActivityParticipants.objects.bulk_create(
        ActivityParticipants(activity=activity, organisation_type=kind, count=count)
        for kind, count in by_type.items()
    )
    return activity


def contacts_erase_stale() -> int:
    """Erase contacts nobody has confirmed for KVINNOFRID_CONTACT_RETENTION_DAYS (editing a
    contact confirms it) and who are in no active network: work contact details are kept
    while they are used, not for ever. Returns how many were erased."""
    from django.conf import settings

    cutoff = timezone.now() - datetime.timedelta(days=settings.KVINNOFRID_CONTACT_RETENTION_DAYS)
    # A contact the county page shows is in use too, as long as it is shown.
    stale = Contact.objects.filter(updated_at__lt=cutoff, is_public=False).exclude(
        network_memberships__network__status="active"
    )
    erased = 0
    for contact in stale.iterator():
        contact_erase(contact=contact, user=None)
        erased += 1
    return erased


def contact_export(*, contact: Contact) -> dict:
    """Everything the platform holds on one contact (GDPR art. 15), as plain data."""
    return {
        "namn": contact.name,
        "organisation": contact.organisation.name,
        "roll": contact.title,
        "e-post": contact.email,
        "telefon": contact.phone,
        "kvinnofridssamordnare": contact.is_municipal_coordinator,
        "visas på länets webbsida": contact.is_public,
        "län": contact.county.name,
        "rättslig grund": str(contact.get_legal_basis_display()),
        "källa": contact.source,
        "nätverk": [
            {"nätverk": member.network.name, "roll": str(member.get_role_display())}
            for member in contact.network_memberships.select_related("network")
        ],
        "skapad": contact.created_at.isoformat(),
        "ändrad": contact.updated_at.isoformat(),
    }


@transaction.atomic
def contact_erase(*, contact: Contact, user) -> None:
    """Erase a contact (GDPR art. 17): the row, its network memberships and its name in
    the audit log, which keeps only that a contact was erased, by whom and when."""
    ModelLogEntry.objects.filter(
        content_type__app_label="coordination",
        content_type__model="contact",
        object_id=str(contact.pk),
    ).update(label="Raderad kontaktperson", data={})
    audit_log(instance=contact, action="kvinnofrid.coordination.erase", user=user)
    ModelLogEntry.objects.filter(
        content_type__app_label="coordination",
        content_type__model="contact",
        object_id=str(contact.pk),
    ).update(label="Raderad kontaktperson")
    contact.delete()


@transaction.atomic
def national_issues_group(*, issues: list[NationalIssue], title: str, user) -> NationalIssueGroup:
    """Gather similar issues from the counties under one title (a new group or an existing
    one of that title). Only the group changes; the counties' issues stay as written."""
    group, _created = NationalIssueGroup.objects.get_or_create(
        title=title.strip(), defaults={"created_by": user}
    )
    group.full_clean()
    group.issues.add(*issues)
    audit_log(
        instance=group,
        action="kvinnofrid.coordination.group",
        user=user,
        data={"issues": sorted(issue.pk for issue in issues)},
    )
    return group


EVENT_KIND_TO_ACTIVITY = {
    "conference": Activity.Kind.CONFERENCE,
    "training": Activity.Kind.TRAINING,
    "train_the_trainer": Activity.Kind.TRAINING,
    "webinar": Activity.Kind.WEBINAR,
    "network_meeting": Activity.Kind.NETWORK_MEETING,
    "information_session": Activity.Kind.OTHER,
}


def _description_from_summary(summary: str) -> str:
    """An event's public summary may name whom to ask ("Frågor: 08-123 456 78"), which the
    activity log refuses; the activity is then logged without it (the event is linked)."""
    try:
        for validator in Activity._meta.get_field("description").validators:
            validator(summary)
    except ValidationError:
        return ""
    return summary


@transaction.atomic
def activity_from_event(*, event, user) -> Activity:
    """Log a county's event as an activity, with its participants per kind of organisation
    taken from the registrations (those who attended, once attendance is marked; else
    those with a seat), or from the anonymous tallies once the registrants are erased.
    A second call returns the activity already logged."""
    from kvinnofrid.events.models import Registration

    existing = Activity.objects.filter(event=event, county=event.county_id).first()
    if existing:
        return existing
    registrations = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if registrations.filter(attended__isnull=False).exists():
        registrations = registrations.filter(attended=True)
    by_type = Counter(registrations.values_list("organisation_type", flat=True))
    if not by_type:
        tallies = event.tallies.all()
        attended = any(tally.attended for tally in tallies)
        by_type = Counter(
            {
                tally.organisation_type: tally.attended if attended else tally.registered
                for tally in tallies
            }
        )
    activity = Activity(
        county_id=event.county_id,
        kind=EVENT_KIND_TO_ACTIVITY.get(event.kind, Activity.Kind.OTHER),
        title=event.title[:200],
        starts_on=event.starts_on,
        ends_on=event.ends_on if event.ends_on != event.starts_on else None,
        participants=sum(by_type.values()) or None,
        description=_description_from_summary(event.summary),
        event=event,
        created_by=user,
    )
    activity.full_clean()
    activity.save()
    activity.violence_areas.set(event.topics.all())
    activity.target_groups.set(event.audiences.all())
    ActivityParticipants.objects.bulk_create(
        ActivityParticipants(activity=activity, organisation_type=kind, count=count)
        for kind, count in sorted(by_type.items())
        if count
    )
    audit_log(instance=activity, action="kvinnofrid.coordination.create", user=user)
    return activity
