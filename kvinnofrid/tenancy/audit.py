"""County scoping of Wagtail's audit log.

Wagtail decides which log entries a user may read in one place, the log entry managers'
`viewable_by_user(user)`: the site history report (*Sajthistorik*), its results and its
CSV/XLSX exports, and its user, type and action filters all read through it. Wagtail's rule
is "any permission on the content type", so a coordinator who may edit activities would
read every county's activity log. `install()` narrows that one method:

- `ModelLogEntry` (coordination records, support lines, resources, documents, reports,
  memberships …): an entry is readable by county staff only if it was stamped with one of
  their counties. The stamp (`LogEntryCounty`) is written in the same transaction as the
  entry, by a `post_save` receiver, from the object's county at that moment; Wagtail logs
  a deletion before it deletes, so the entry of a deleted object keeps its county. An entry
  that has no stamp (an object without a county, a model nobody declared county-owned, an
  entry older than the stamp whose object is gone) is readable only by national readers:
  the rule fails closed.
- `PageLogEntry`: Wagtail already limits it to pages the user may explore; on top, nothing
  under another county's page is ever readable by county staff.

National coordinators and superusers keep Wagtail's own rule (they read every county).

A log entry's county is resolved, in order, by a resolver registered for the model
(`register_county_resolver`; documents, images and collections go by the county that owns
their collection), or by the `county_lookup` of the model's `CountyScopedQuerySet`, the
same path `for_user` reads through. A many-to-many path (a network shared by several
counties) stamps every county.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from wagtail.models import ModelLogEntry, PageLogEntry
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.models.pages import PageLogEntryManager

from .querysets import CountyScopedQuerySet, county_ids_for_user, national_reader

# model -> resolver(pks) returning {pk: {county ids}}
RESOLVERS: dict[type, Callable[[type, list], dict]] = {}


def register_county_resolver(model: type, resolver: Callable[[type, list], dict]) -> None:
    """For a model that owns county data without a `CountyScopedQuerySet`: `resolver(model,
    pks)` returns, for each pk that exists, the ids of the counties owning it."""
    RESOLVERS[model] = resolver


def _resolver_for(model: type):
    for klass in model.__mro__:
        if klass in RESOLVERS:
            return RESOLVERS[klass]
    queryset = model._default_manager.all()
    if isinstance(queryset, CountyScopedQuerySet):
        return _by_county_lookup
    return None


def _by_county_lookup(model: type, pks: list) -> dict:
    queryset = model._default_manager.all()
    owners = defaultdict(set)
    rows = queryset.filter(pk__in=pks).values_list("pk", queryset.county_lookup)
    for pk, county_id in rows:
        if county_id is not None:
            owners[pk].add(county_id)
    return owners


def _by_collection(model: type, pks: list) -> dict:
    from wagtail.models import Collection

    from .boundary import counties_owning_collection

    owners = {}
    for item in model._default_manager.filter(pk__in=pks):
        collection = item if isinstance(item, Collection) else item.collection
        owners[item.pk] = counties_owning_collection(collection)
    return owners


def county_owned(model: type | None) -> bool:
    return model is not None and _resolver_for(model) is not None


def log_entries_stamp(entries: Iterable[ModelLogEntry]) -> int:
    """Record the counties of each entry's object; returns the number of rows written.
    Entries of models that hold no county data, and of objects that no longer exist, get
    none (and so stay national-only)."""
    from .models import LogEntryCounty

    by_content_type = defaultdict(list)
    for entry in entries:
        by_content_type[entry.content_type_id].append(entry)
    rows = []
    for content_type_id, group in by_content_type.items():
        if content_type_id is None:
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        resolver = _resolver_for(model) if model is not None else None
        if resolver is None:
            continue
        pk_field = model._meta.pk
        by_pk = defaultdict(list)
        for entry in group:
            try:
                by_pk[pk_field.to_python(entry.object_id)].append(entry)
            except Exception:  # noqa: BLE001 - a malformed id belongs to no county
                continue
        for pk, counties in resolver(model, list(by_pk)).items():
            for entry in by_pk.get(pk, []):
                rows.extend(LogEntryCounty(log_entry=entry, county_id=c) for c in counties)
    LogEntryCounty.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def log_entries_stamp_missing(*, batch_size: int = 2000) -> int:
    """Stamp entries written before stamping existed (run after migrate; idempotent). Only
    content types that hold county data are read, in batches per type."""
    from .models import LogEntryCounty

    stamped = LogEntryCounty.objects.values("log_entry_id")
    written = 0
    content_type_ids = (
        ModelLogEntry.objects.exclude(pk__in=stamped)
        .values_list("content_type_id", flat=True)
        .distinct()
    )
    for content_type_id in list(content_type_ids):
        if content_type_id is None:
            continue
        if not county_owned(ContentType.objects.get_for_id(content_type_id).model_class()):
            continue
        pending = ModelLogEntry.objects.filter(content_type_id=content_type_id).exclude(
            pk__in=stamped
        )
        last_pk = 0
        while True:
            batch = list(pending.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                break
            written += log_entries_stamp(batch)
            last_pk = batch[-1].pk
    return written


def _stamp_new_entry(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        log_entries_stamp([instance])


def model_log_entries_for_user(queryset, user):
    """`queryset` narrowed to the entries `user` may read (see the module docstring)."""
    from .models import LogEntryCounty

    if national_reader(user):
        return queryset
    mine = county_ids_for_user(user)
    if not mine:
        return queryset.none()
    stamped = LogEntryCounty.objects.filter(county_id__in=mine).values("log_entry_id")
    return queryset.filter(pk__in=stamped)


def page_log_entries_for_user(queryset, user):
    if national_reader(user):
        return queryset
    if not county_ids_for_user(user):
        return queryset.none()
    from .boundary import other_countys_pages

    return queryset.exclude(other_countys_pages(user, prefix="page__"))


_INSTALLED = False


def install() -> None:
    """Narrow Wagtail's `viewable_by_user` (called from TenancyConfig.ready()).

    This wraps Wagtail's method rather than copying its views: every Wagtail view that
    lists log entries, now and after an upgrade, reads through it. Should Wagtail rename
    it, `test_audit_scope` fails rather than the reports silently widening."""
    global _INSTALLED
    if _INSTALLED:
        return
    wagtail_model_rule = ModelLogEntryManager.viewable_by_user
    wagtail_page_rule = PageLogEntryManager.viewable_by_user

    def model_viewable_by_user(self, user):
        return model_log_entries_for_user(wagtail_model_rule(self, user), user)

    def page_viewable_by_user(self, user):
        return page_log_entries_for_user(wagtail_page_rule(self, user), user)

    _install_resolvers()
    ModelLogEntryManager.viewable_by_user = model_viewable_by_user
    PageLogEntryManager.viewable_by_user = page_viewable_by_user
    post_save.connect(_stamp_new_entry, sender=ModelLogEntry, dispatch_uid="kvinnofrid_stamp")
    _INSTALLED = True


def _install_resolvers() -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    for model in (get_document_model(), get_image_model(), Collection):
        register_county_resolver(model, _by_collection)


# Log entry models whose reads this module scopes; a new one must be added here (a test
# compares this with Wagtail's registry).
SCOPED_LOG_MODELS = frozenset({ModelLogEntry, PageLogEntry})
