"""County boundary for Wagtail's own admin views (pages, documents, images, choosers,
bulk actions, reports).

Wagtail answers 403 when a user lacks permission on an object, and some of its views
(choosers, bulk-action confirmations, reports) show titles of objects the user cannot
edit. The rule here is that another county's non-public object is indistinguishable from
a missing one, so URLs that address one answer 404.

A page or collection belongs to the county whose role groups were granted permissions on
it or on one of its ancestors (tenancy.services.county_groups_ensure grants them), so the
boundary follows exactly the permissions Wagtail itself uses.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from .models import RoleGroup
from .querysets import county_ids_for_user, national_reader

PAGE, DOCUMENT, IMAGE = "page", "document", "image"
NATIONAL = -1  # owner of county-owned rows with no county: only national staff may open them

# Admin viewsets (snippets) of models with a `county` field: URL namespace -> model label.
# Apps register theirs with register_county_owned_admin().
COUNTY_OWNED_NAMESPACES: dict[str, str] = {}


def register_county_owned_admin(*, namespace: str, model_label: str) -> None:
    COUNTY_OWNED_NAMESPACES[namespace] = model_label


# (namespace, url name or None for any) -> {URL keyword argument: kind}
KWARG_KINDS = {
    ("wagtailadmin_pages", None): {
        "page_id": PAGE,
        "parent_page_id": PAGE,
        "page_to_move_id": PAGE,
        "destination_id": PAGE,
    },
    ("", "wagtailadmin_explore"): {"parent_page_id": PAGE},
    ("", "wagtailadmin_explore_results"): {"parent_page_id": PAGE},
    # The page chooser browsing a parent shows the parent's title and type; another
    # county's published page may be browsed (anyone may link to it), a draft may not.
    ("", "wagtailadmin_choose_page_child"): {"parent_page_id": PAGE},
    ("wagtailforms", None): {"page_id": PAGE},
    ("wagtailadmin_pages", "revisions_compare"): {"pk": PAGE},
    # The platform's own staff views of one event or one newsletter issue (both pages):
    # another county's answers 404 here as well as in the view's own lookup.
    ("", "kvinnofrid_event_attendance"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registrants"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registrants_csv"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registrants_xlsx"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registrants_message"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registration_cancel"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registration_close"): {"event_id": PAGE},
    ("", "kvinnofrid_event_registration_reopen"): {"event_id": PAGE},
    ("", "kvinnofrid_activity_from_event"): {"event_id": PAGE},
    ("", "newsletter_send"): {"page_id": PAGE},
    ("", "newsletter_send_pause"): {"page_id": PAGE},
    ("", "newsletter_send_resume"): {"page_id": PAGE},
    ("", "newsletter_test_send"): {"page_id": PAGE},
    ("wagtailadmin_api:pages", "detail"): {"pk": PAGE},
    ("wagtailadmin_api:pages", "action"): {"pk": PAGE},
    ("wagtailadmin_api:documents", "detail"): {"pk": DOCUMENT},
    ("wagtailadmin_api:images", "detail"): {"pk": IMAGE},
    ("wagtaildocs", None): {"document_id": DOCUMENT, "doc_id": DOCUMENT},
    ("wagtaildocs_chooser", None): {"pk": DOCUMENT},
    ("wagtailimages", None): {"image_id": IMAGE},
    ("wagtailimages_chooser", None): {"pk": IMAGE, "image_id": IMAGE},
}
# The platform's own views that address a county-owned row by `pk` outside a viewset:
# (namespace, url name) -> model label; the row is checked with the model's for_user.
SCOPED_ROUTE_MODELS = {
    ("", "kvinnofrid_report_overview"): "reports.statusreport",
    ("", "kvinnofrid_report_transition"): "reports.statusreport",
    ("", "kvinnofrid_report_export_request"): "reports.statusreport",
}
# Views that take the objects as ?id=… query parameters.
QUERY_ID_KINDS = {
    ("", "wagtailadmin_choose_page_chosen_multiple"): PAGE,  # drafts only, see _owners
    ("wagtaildocs_chooser", "chosen_multiple"): DOCUMENT,
    ("wagtailimages_chooser", "chosen_multiple"): IMAGE,
}
BULK_ACTION_KINDS = {
    ("wagtailcore", "page"): PAGE,
    ("wagtaildocs", "document"): DOCUMENT,
    ("wagtailimages", "image"): IMAGE,
}
# Reports that list pages across the whole tree regardless of permissions; county staff
# use the explorer and search instead, national coordinators and admins keep them.
TREE_WIDE_REPORTS = {"page_types_usage", "page_types_usage_results"}


def county_scoped_view_model(view_func):
    """The model of a Wagtail viewset view (edit, delete, history, usage, inspect …) if its
    queryset is county-scoped: such a view addresses one county-owned row by `pk`, whatever
    app made the viewset, so the boundary guards it without a registration."""
    from .querysets import CountyScopedQuerySet

    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    view_class = getattr(view_func, "view_class", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if model is None or not hasattr(model, "_default_manager"):
        return None
    return model if isinstance(model._default_manager.all(), CountyScopedQuerySet) else None


def _ancestor_paths(path: str, steplen: int) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def counties_owning_page(page: Page) -> set[int]:
    return set(
        RoleGroup.objects.filter(
            county__isnull=False,
            group__page_permissions__page__path__in=_ancestor_paths(page.path, Page.steplen),
        ).values_list("county_id", flat=True)
    )


def counties_owning_collection(collection: Collection) -> set[int]:
    return set(
        RoleGroup.objects.filter(
            county__isnull=False,
            group__collection_permissions__collection__path__in=_ancestor_paths(
                collection.path, Collection.steplen
            ),
        ).values_list("county_id", flat=True)
    )


def _owners(kind: str, pk, *, public_pages_allowed: bool = False) -> set[int] | None:
    """The counties owning one object, or None if it does not exist (or, in a chooser, if
    it is a published page: anyone may link to another county's public page)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if kind == PAGE:
        page = Page.objects.filter(pk=pk).only("path", "live").first()
        if page is None or (public_pages_allowed and page.live):
            return None
        return counties_owning_page(page)
    if kind.startswith("model:"):
        from django.apps import apps

        model = apps.get_model(kind.removeprefix("model:"))
        row = model.objects.filter(pk=pk).values("county_id").first()
        if row is None:
            return None
        return {row["county_id"] if row["county_id"] is not None else NATIONAL}
    model = get_document_model() if kind == DOCUMENT else get_image_model()
    item = model.objects.filter(pk=pk).select_related("collection").first()
    return counties_owning_collection(item.collection) if item else None


def _scoped_row_hidden(label: str, pk, user) -> bool:
    """True for a row that exists but that the model's own checkpoint (`for_user`) does
    not give the user: shared networks and national organisations stay readable."""
    from django.apps import apps

    rows = apps.get_model(label)._default_manager.all()
    try:
        exists = rows.filter(pk=pk).exists()
    except (TypeError, ValueError):
        return False
    return exists and not rows.for_user(user).filter(pk=pk).exists()


def _addressed_objects(match, view_kwargs, query) -> list[tuple[str, object]]:
    namespace, url_name = match.namespace, match.url_name
    addressed = []
    for key in ((namespace, None), (namespace, url_name)):
        for kwarg, kind in KWARG_KINDS.get(key, {}).items():
            if kwarg in view_kwargs:
                addressed.append((kind, view_kwargs[kwarg]))
    if namespace in COUNTY_OWNED_NAMESPACES and "pk" in view_kwargs:
        addressed.append((f"model:{COUNTY_OWNED_NAMESPACES[namespace]}", view_kwargs["pk"]))
    else:
        model = county_scoped_view_model(match.func)
        label = SCOPED_ROUTE_MODELS.get((namespace, url_name))
        label = label or (model._meta.label_lower if model is not None else None)
        if label and "pk" in view_kwargs:
            addressed.append((f"scoped:{label}", view_kwargs["pk"]))
        if model is not None and url_name == "chosen_multiple":
            # A snippet chooser's confirmation of several chosen rows, as ?id=….
            label = model._meta.label_lower
            addressed.extend((f"scoped:{label}", pk) for pk in query.getlist("id"))
    kind = QUERY_ID_KINDS.get((namespace, url_name))
    if url_name == "wagtail_bulk_action":
        model_key = (view_kwargs.get("app_label"), view_kwargs.get("model_name"))
        kind = BULK_ACTION_KINDS.get(model_key)
        label = ".".join(filter(None, model_key)).lower()
        if kind is None and label in {v.lower() for v in COUNTY_OWNED_NAMESPACES.values()}:
            kind = f"model:{label}"
    if kind:
        addressed.extend((kind, pk) for pk in query.getlist("id"))
    return addressed


def route_guard(*, namespace: str, url_name: str | None, kwargs, callback) -> str | None:
    """How this module guards a route, if it does: the URL argument it checks (read by the
    fail-closed walker in admin_routes.py, from the same tables the checks use)."""
    for key in ((namespace, None), (namespace, url_name)):
        for kwarg, kind in KWARG_KINDS.get(key, {}).items():
            if kwarg in kwargs:
                return f"{kwarg} ({kind})"
    if "pk" in kwargs and namespace in COUNTY_OWNED_NAMESPACES:
        return f"pk ({COUNTY_OWNED_NAMESPACES[namespace]})"
    if "pk" in kwargs and (namespace, url_name) in SCOPED_ROUTE_MODELS:
        return f"pk ({SCOPED_ROUTE_MODELS[(namespace, url_name)]}, for_user)"
    model = county_scoped_view_model(callback)
    if "pk" in kwargs and model is not None:
        return f"pk ({model._meta.label_lower}, for_user)"
    if url_name == "chosen_multiple" and model is not None:
        return f"?id= ({model._meta.label_lower}, for_user)"
    if url_name == "wagtail_bulk_action":
        return "?id= (bulk action on pages, documents, images, county-owned snippets)"
    if (namespace, url_name) in QUERY_ID_KINDS:
        return f"?id= ({QUERY_ID_KINDS[(namespace, url_name)]})"
    return None


def admin_object_outside_users_counties(request, view_kwargs) -> None:
    """Raise Http404 if the admin URL addresses an object owned by counties the user does
    not work in. Objects owned by no county (national pages) are left to Wagtail."""
    match = request.resolver_match
    if match is None or not match.route.startswith("admin/"):
        return
    user = request.user
    if not user.is_authenticated or national_reader(user):
        return
    if match.namespace == "wagtailadmin_reports" and match.url_name in TREE_WIDE_REPORTS:
        raise Http404
    mine = county_ids_for_user(user)
    in_page_chooser = (match.url_name or "").startswith("wagtailadmin_choose_page")
    for kind, pk in _addressed_objects(match, view_kwargs, request.GET):
        if kind.startswith("scoped:"):
            if _scoped_row_hidden(kind.removeprefix("scoped:"), pk, user):
                raise Http404
            continue
        owners = _owners(kind, pk, public_pages_allowed=in_page_chooser)
        if owners and not owners & mine:
            raise Http404


def _other_countys_page_paths(user) -> list[str]:
    from kvinnofrid.pages.models import CountyPage

    mine = county_ids_for_user(user)
    return list(CountyPage.objects.exclude(county_id__in=mine).values_list("path", flat=True))


def other_countys_pages(user, *, prefix: str = "") -> Q:
    """A filter matching every page (live or not) under another county's page; `prefix`
    reaches the page through a relation (e.g. "page__" from a log entry)."""
    condition = Q(pk__in=[]) if not prefix else Q(**{f"{prefix}pk__in": []})
    for path in _other_countys_page_paths(user):
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def other_countys_collections(user, *, prefix: str = "collection__") -> Q:
    """A filter matching documents or images in a collection that another county owns
    (and the collections below it, such as its *Internt*)."""
    mine = county_ids_for_user(user)
    roots = Collection.objects.filter(
        group_permissions__group__role_group__county__isnull=False
    ).exclude(group_permissions__group__role_group__county_id__in=mine)
    condition = Q(**{f"{prefix}pk__in": []})
    for path in set(roots.values_list("path", flat=True)):
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def other_countys_drafts(user) -> Q:
    """A filter matching pages in counties the user does not work in that are not live:
    choosers and search must not list them."""
    from kvinnofrid.pages.models import CountyPage

    mine = county_ids_for_user(user)
    others = CountyPage.objects.exclude(county_id__in=mine).values_list("path", flat=True)
    in_other_county = Q(pk__in=[])
    for path in others:
        in_other_county |= Q(path__startswith=path)
    return in_other_county & Q(live=False)
