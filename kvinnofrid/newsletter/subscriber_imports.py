"""Staff import and export of a list's subscribers, and the counts of the overview.

Import reads CSV (UTF-8 or Windows-1252, `;` or `,`) or XLSX, typed by content, through
the coordination import's `read_table`. It is all or nothing: any row error refuses the
whole file (with every error and its row number) and saves nothing. With a documented
basis the rows become active at once and the basis is stored; without one they are
pending and get the confirmation e-mail, exactly as a sign-up on the website. Importing a
file again changes nothing. An address that left the list, or that is blocked, is never
put back by an import.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kvinnofrid.coordination.importing import read_table
from kvinnofrid.core.audit import audit_log
from kvinnofrid.core.spreadsheets import table_csv, table_xlsx
from kvinnofrid.regions.choices import OrganisationType

from .models import (
    BlockedAddress,
    NewsletterListPage,
    Subscriber,
    Subscription,
    address_hash,
    normalise_email,
)

Status = Subscription.Status

EMAIL_HEADINGS = ("e-post", "e-postadress", "epost", "email", "e-mail", "mejl")
NAME_HEADINGS = ("namn", "name")
TYPE_HEADINGS = ("typ av organisation", "organisationstyp", "organisation", "typ")


@dataclass
class ImportResult:
    created: int = 0  # new subscriptions on this list
    activated: int = 0  # pending ones made active by a documented basis
    unchanged: int = 0
    left_list: int = 0  # had unsubscribed: not put back
    blocked: int = 0
    to_confirm: list[int] = field(default_factory=list)  # subscriber ids to e-mail


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _column(cells: dict, headings: tuple[str, ...]) -> str:
    for heading in headings:
        if heading in cells:
            return cells[heading].strip()
    return ""


def _organisation_types() -> dict[str, str]:
    lookup = {}
    for value, label in OrganisationType.choices:
        lookup[value.casefold()] = value
        lookup[str(label).casefold()] = value
    return lookup


def _checked_rows(rows: list[dict]) -> list[dict]:
    """The rows as {row, email, name, organisation_type}; every error with its row number
    raises ImportRefused."""
    errors: list[str] = []
    if rows and not any(h in rows[0]["cells"] for h in EMAIL_HEADINGS):
        raise ImportRefused([_("Filen saknar kolumnen ”e-post”. Första raden ska vara rubriker.")])
    types = _organisation_types()
    seen: dict[str, int] = {}
    checked = []
    for row in rows:
        number = row["row"]
        email = normalise_email(_column(row["cells"], EMAIL_HEADINGS))
        name = _column(row["cells"], NAME_HEADINGS)
        type_text = _column(row["cells"], TYPE_HEADINGS)
        organisation_type = types.get(type_text.casefold(), "") if type_text else ""
        row_errors = []
        try:
            validate_email(email)
        except ValidationError:
            row_errors.append(
                _("”%(value)s” är ingen giltig e-postadress.") % {"value": email}
                if email
                else _("e-postadress saknas.")
            )
        if type_text and not organisation_type:
            row_errors.append(
                _("okänd typ av organisation ”%(value)s”. Använd någon av: %(choices)s.")
                % {
                    "value": type_text,
                    "choices": ", ".join(str(label) for _v, label in OrganisationType.choices),
                }
            )
        if len(name) > 200:
            row_errors.append(_("namnet är längre än 200 tecken."))
        if email and email in seen:
            row_errors.append(_("adressen finns redan på rad %(row)s.") % {"row": seen[email]})
        seen.setdefault(email, number)
        errors += [
            _("Rad %(row)s: %(message)s") % {"row": number, "message": message}
            for message in row_errors
        ]
        checked.append(
            {"row": number, "email": email, "name": name, "organisation_type": organisation_type}
        )
    if errors:
        raise ImportRefused(errors)
    return checked


def subscribers_import(
    *, newsletter: NewsletterListPage, uploaded_file, basis: str, user
) -> ImportResult:
    """Import a file into `newsletter`. The caller checks that `user` may manage it.
    Raises ImportRefused (nothing saved) for an unreadable file or any row error."""
    try:
        rows = read_table(uploaded_file=uploaded_file)
    except ValidationError as error:
        raise ImportRefused(error.messages) from error
    checked = _checked_rows(rows)
    basis = basis.strip()
    now = timezone.now()
    result = ImportResult()
    blocked_hashes = set(
        BlockedAddress.objects.filter(
            address_hash__in=[address_hash(r["email"]) for r in checked]
        ).values_list("address_hash", flat=True)
    )
    with transaction.atomic():
        for row in checked:
            if address_hash(row["email"]) in blocked_hashes:
                result.blocked += 1
                continue
            subscriber, created = Subscriber.objects.get_or_create(
                email=row["email"],
                defaults={"name": row["name"], "organisation_type": row["organisation_type"]},
            )
            if created:
                subscriber.full_clean(validate_unique=False)
            subscription = Subscription.objects.filter(
                subscriber=subscriber, newsletter=newsletter
            ).first()
            if subscription is None:
                subscription = Subscription(
                    subscriber=subscriber,
                    newsletter=newsletter,
                    source=Subscription.Source.IMPORT,
                    status=Status.ACTIVE if basis else Status.PENDING,
                    basis=basis,
                    confirmed_at=now if basis else None,
                )
                subscription.full_clean(validate_unique=False)
                subscription.save()
                result.created += 1
                if not basis:
                    result.to_confirm.append(subscriber.pk)
            elif subscription.status == Status.UNSUBSCRIBED:
                result.left_list += 1
            elif subscription.status == Status.PENDING and basis:
                Subscription.objects.filter(pk=subscription.pk).update(
                    status=Status.ACTIVE, basis=basis, confirmed_at=now
                )
                result.activated += 1
            else:
                result.unchanged += 1
        audit_log(
            instance=newsletter,
            action="kvinnofrid.newsletter.import",
            user=user,
            data={
                "file": getattr(uploaded_file, "name", ""),
                "basis": basis,
                "created": result.created,
                "activated": result.activated,
                "unchanged": result.unchanged,
                "left_list": result.left_list,
                "blocked": result.blocked,
            },
        )
    return result


def confirmations_send(*, newsletter: NewsletterListPage, subscriber_ids: list[int]) -> int:
    """The confirmation e-mail to each imported address without a basis (queued)."""
    from django.core.mail import get_connection

    from .subscriber_emails import signup_message

    messages = [
        signup_message("confirm", subscriber, [newsletter])
        for subscriber in Subscriber.objects.filter(pk__in=subscriber_ids)
    ]
    return get_connection().send_messages(messages) if messages else 0


# Export ---------------------------------------------------------------------------------


def _local(moment):
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def subscriber_table(subscriptions) -> tuple[list[str], list[list[object]]]:
    """Headings and rows; the first three headings are those the import reads, so an
    export can be imported into another list."""
    headers = [
        "e-post",
        "namn",
        "typ av organisation",
        _("Status"),
        _("Källa"),
        _("Grund"),
        _("Anmäld"),
        _("Bekräftad"),
        pgettext("prenumeration", "Avslutad"),
    ]
    rows = [
        [
            s.subscriber.email,
            s.subscriber.name,
            s.subscriber.get_organisation_type_display(),
            s.get_status_display(),
            s.get_source_display(),
            s.basis,
            _local(s.created_at),
            _local(s.confirmed_at),
            _local(s.unsubscribed_at),
        ]
        for s in subscriptions
    ]
    return headers, rows


def subscribers_csv(subscriptions) -> bytes:
    """Subscribers type their own names: cells that would start a formula are neutralised
    (kvinnofrid.core.spreadsheets)."""
    headers, rows = subscriber_table(subscriptions)
    return table_csv(headers, rows)


def subscribers_xlsx(subscriptions, *, title: str) -> bytes:
    headers, rows = subscriber_table(subscriptions)
    return table_xlsx(headers, rows, sheet_title=_("Prenumeranter"), title=title)


# Counts ---------------------------------------------------------------------------------


def counts_per_list(subscriptions) -> dict[int, dict[str, int]]:
    rows = subscriptions.values("newsletter_id").annotate(
        active=Count("pk", filter=Q(status=Status.ACTIVE)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        unsubscribed=Count("pk", filter=Q(status=Status.UNSUBSCRIBED)),
    )
    return {row.pop("newsletter_id"): row for row in rows}


def _month_start(date: datetime.date, back: int) -> datetime.date:
    month = date.month - 1 - back
    return datetime.date(date.year + month // 12, month % 12 + 1, 1)


def growth_by_month(subscriptions, *, today: datetime.date, months: int = 12) -> list[dict]:
    """For each of the last `months` months (oldest first): new confirmed subscriptions,
    subscriptions ended, and the net, with bar widths in per cent of the largest figure.
    Months are Swedish local time."""
    first = _month_start(today, months - 1)
    since = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))

    def per_month(field_name: str) -> dict[datetime.date, int]:
        rows = (
            subscriptions.filter(**{f"{field_name}__gte": since})
            .annotate(month=TruncMonth(field_name))
            .values("month")
            .annotate(n=Count("pk"))
        )
        result = {}
        for row in rows:
            month = row["month"]
            month = month.date() if isinstance(month, datetime.datetime) else month
            result[month] = result.get(month, 0) + row["n"]
        return result

    confirmed = per_month("confirmed_at")
    ended = per_month("unsubscribed_at")
    table = []
    for back in range(months - 1, -1, -1):
        month = _month_start(today, back)
        new, gone = confirmed.get(month, 0), ended.get(month, 0)
        table.append({"month": month, "confirmed": new, "unsubscribed": gone, "net": new - gone})
    largest = max([1, *(max(r["confirmed"], r["unsubscribed"]) for r in table)])
    for row in table:
        row["confirmed_width"] = round(100 * row["confirmed"] / largest)
        row["unsubscribed_width"] = round(100 * row["unsubscribed"] / largest)
    return table
